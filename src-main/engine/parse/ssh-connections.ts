// Counts sshd's failed tries once per try. sshd writes one `Failed <method> for ...` line for each credential it
// turns down: those lines are the tries. Other lines tell of failed logins without being a try's own line:
// `Invalid user x from ip` comes before the first try, `User x not allowed because ...` and PAM's errors beside
// them, `maximum authentication attempts exceeded` after the last. Counted as well, they would count most tries
// twice. Yet such a sign is all some connections leave: a scanner that only probes user names, or key tries,
// which sshd logs only at the VERBOSE level. So a sign counts as one try when its connection shows no `Failed`
// line within LoginGraceTime; one connection's signs count once.
//
// A connection is sshd's process id and the client's address (a process serves one connection; the address
// keeps two hosts' processes of the same id apart in a central log). A line without a process id
// (`[sshd]: ...`) is of the address's connection.
//
// A rotation cuts connections, and so does reading a live log again. What the join knows of the connections of
// a part's last LoginGraceTime is handed to the part read after it (memoryIfFlushed, remember); what it knows of
// those of a part's first LoginGraceTime is kept for an older part read later (startMemory, laterStarts): the
// rotated files of an ingest of their own, or put together newest first into one file, where time goes back.
import type { AttemptRecord, AuthFailure } from './types';

/**
 * sshd's LoginGraceTime (120 s by default): a connection that has not logged in by then is closed, so its
 * tries and signs all fall within it. A little slack covers the stamps' one-second grain.
 */
export const SSH_CONNECTION_SECS = 125;

/** Connections held at most (for logs whose time stands still): beyond it the oldest are closed. */
const MAX_CONNECTIONS = 100_000;

/** Connections remembered across a cut at most, either way: those of a LoginGraceTime of a busy log fit. */
const MAX_REMEMBERED = 10_000;

interface Sign {
  ev: AuthFailure;
  line: number;
}

interface Connection {
  /** Log time it was first and last heard of. */
  firstSeen: number;
  seenAt: number;
  /** A `Failed` line came: its signs count for nothing. */
  tried: boolean;
  /** Its first sign, while no `Failed` line has come; counted when the connection is over. */
  sign: Sign | null;
  /**
   * Its sign was counted as a try in the part of the log read before: its first `Failed` line is that try,
   * not another.
   */
  signCounted: boolean;
  /** Known from another part of the log (its start or its end): that part's memory already holds it. */
  carried: boolean;
  /** Heard of first within LoginGraceTime of where the log's time started (or went back): see startMemory. */
  atStart: boolean;
}

/** What is known of a connection at a cut, for the part of the log read on the other side of it. */
export interface SshConnectionMemory {
  /** Process id and address, as the connections are keyed. */
  key: string;
  /** When it was last heard of (at a part's end), or first (at a part's start). */
  seenAt: number;
  /** `tried`: it had a `Failed` line; `sign-counted`: its sign was counted as its try. */
  state: 'tried' | 'sign-counted';
}

export class SshConnections {
  private readonly connections = new Map<string, Connection>();
  /** Connections in the order they were first heard of, to close them when LoginGraceTime has passed. */
  private order: string[] = [];
  private orderHead = 0;
  /** Latest log time heard of, and where the current stretch of time began (the part's start, or a step back). */
  private latest = Number.NEGATIVE_INFINITY;
  private stretchFrom = Number.NaN;
  /** Whether the current stretch is the part's first one. */
  private firstStretch = true;
  /**
   * Connections of the first LoginGraceTime of stretches read before, by key: an earlier part of the log (an
   * older file read after a newer one, or the older file that follows a newer one in one file) ends with
   * their first lines.
   */
  private readonly starts = new Map<string, SshConnectionMemory>();
  /** Those of the part's first stretch, closed so far. */
  private starting: SshConnectionMemory[] = [];
  /**
   * What the last flush() kept of the connections of the part's first LoginGraceTime, for an older part read
   * later (stored with the source, as SessionJoiner.startMemory).
   */
  startMemory: SshConnectionMemory[] = [];

  constructor(private readonly emit: (record: AttemptRecord) => void) {}

  /** Feed sshd's auth-fail events (origin `sshd` or `sshd-sign`) in line order. */
  push(ev: AuthFailure, line: number): void {
    if (ev.ts < this.latest - SSH_CONNECTION_SECS) {
      // Time went back (newer logs before older ones): the connections heard of so far are all over.
      this.closeAll();
      this.stretchFrom = ev.ts;
      this.firstStretch = false;
      this.latest = ev.ts;
    } else if (ev.ts > this.latest) this.latest = ev.ts;
    if (Number.isNaN(this.stretchFrom)) this.stretchFrom = ev.ts;
    this.expire(ev.ts);
    const key = `${ev.session ?? ''} ${ev.ip}`;
    let connection = this.connections.get(key);
    // The same process id for the same address after LoginGraceTime is a later connection.
    if (connection !== undefined && ev.ts - connection.seenAt > SSH_CONNECTION_SECS) {
      this.close(key, connection);
      connection = undefined;
    }
    if (connection === undefined) connection = this.open(key, ev.ts);
    else if (ev.ts > connection.seenAt) connection.seenAt = ev.ts;
    if (ev.origin === 'sshd') {
      connection.tried = true;
      connection.sign = null;
      if (connection.signCounted) connection.signCounted = false;
      else this.emit(recordOf(ev, line));
    } else if (!connection.tried && connection.sign === null && !connection.signCounted) {
      connection.sign = { ev, line };
    }
  }

  /**
   * End of the file (or of the part read now): the signs of connections without a try count. Returns what the
   * part read next needs to know of the connections of the last LoginGraceTime.
   */
  flush(): SshConnectionMemory[] {
    const memory = this.memoryIfFlushed();
    this.closeAll();
    this.startMemory = this.starting;
    this.starting = [];
    this.latest = Number.NEGATIVE_INFINITY;
    this.stretchFrom = Number.NaN;
    this.firstStretch = true;
    this.starts.clear();
    return memory;
  }

  /** What flush() would return now, the connections left as they are. */
  memoryIfFlushed(): SshConnectionMemory[] {
    let latest = Number.NEGATIVE_INFINITY;
    for (const c of this.connections.values()) if (c.seenAt > latest) latest = c.seenAt;
    const memory: SshConnectionMemory[] = [];
    for (const [key, c] of this.connections) {
      if (c.seenAt < latest - SSH_CONNECTION_SECS) continue;
      memory.push({ key, seenAt: c.seenAt, state: c.tried ? 'tried' : 'sign-counted' });
    }
    return newestFirst(memory);
  }

  /** The connections the part of the log read before ended with (what its flush() returned). */
  remember(memory: readonly SshConnectionMemory[]): void {
    for (const m of memory.slice(0, MAX_REMEMBERED)) {
      if (this.connections.has(m.key)) continue;
      this.connections.set(m.key, {
        firstSeen: m.seenAt, seenAt: m.seenAt, tried: m.state === 'tried', sign: null, signCounted: m.state === 'sign-counted', carried: true, atStart: false,
      });
      this.order.push(m.key);
      if (m.seenAt > this.latest) this.latest = m.seenAt;
    }
  }

  /** The connections later parts of the log, read before, started with (their startMemory). */
  laterStarts(memory: readonly SshConnectionMemory[]): void {
    for (const m of memory.slice(0, MAX_REMEMBERED)) if (!this.starts.has(m.key)) this.starts.set(m.key, m);
  }

  /** A connection not heard of before in this stretch: one a later part started with, when this is its end. */
  private open(key: string, ts: number): Connection {
    const connection: Connection = {
      firstSeen: ts, seenAt: ts, tried: false, sign: null, signCounted: false, carried: false, atStart: ts <= this.stretchFrom + SSH_CONNECTION_SECS,
    };
    const later = this.starts.get(key);
    if (later !== undefined && later.seenAt >= ts && later.seenAt - ts <= SSH_CONNECTION_SECS) {
      this.starts.delete(key);
      connection.tried = later.state === 'tried';
      connection.signCounted = later.state === 'sign-counted';
      connection.carried = true;
    }
    this.connections.set(key, connection);
    this.order.push(key);
    return connection;
  }

  /** Closes the connections not heard of for longer than LoginGraceTime, oldest first. */
  private expire(now: number): void {
    while (this.orderHead < this.order.length) {
      const key = this.order[this.orderHead];
      const connection = this.connections.get(key);
      // One heard of lately holds up those behind it: their signs are counted a little later, never lost.
      const tooMany = this.connections.size > MAX_CONNECTIONS;
      if (connection !== undefined && connection.seenAt >= now - SSH_CONNECTION_SECS && !tooMany) break;
      this.orderHead++;
      if (connection !== undefined) this.close(key, connection);
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.order.length) {
      this.order = this.order.slice(this.orderHead);
      this.orderHead = 0;
    }
  }

  private closeAll(): void {
    for (const [key, connection] of this.connections) this.close(key, connection);
    this.order = [];
    this.orderHead = 0;
  }

  private close(key: string, connection: Connection): void {
    this.connections.delete(key);
    if (connection.sign !== null) this.emit(recordOf(connection.sign.ev, connection.sign.line));
    if (!connection.atStart || connection.carried) return;
    const start: SshConnectionMemory = { key, seenAt: connection.firstSeen, state: connection.tried ? 'tried' : 'sign-counted' };
    if (this.starts.size < MAX_REMEMBERED) this.starts.set(key, start);
    if (this.firstStretch && this.starting.length < MAX_REMEMBERED) this.starting.push(start);
  }
}

function newestFirst(memory: SshConnectionMemory[]): SshConnectionMemory[] {
  return memory.sort((a, b) => b.seenAt - a.seenAt).slice(0, MAX_REMEMBERED);
}

function recordOf(ev: AuthFailure, line: number): AttemptRecord {
  return { ts: ev.ts, ip: ev.ip, user: ev.user, password: ev.password, service: ev.service, line };
}
