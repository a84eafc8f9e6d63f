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
import type { AttemptRecord, AuthFailure } from './types';

/**
 * sshd's LoginGraceTime (120 s by default): a connection that has not logged in by then is closed, so its
 * tries and signs all fall within it. A little slack covers the stamps' one-second grain.
 */
export const SSH_CONNECTION_SECS = 125;

/** Connections held at most (for logs whose time stands still): beyond it the oldest are closed. */
const MAX_CONNECTIONS = 100_000;

interface Sign {
  ev: AuthFailure;
  line: number;
}

interface Connection {
  /** Log time it was last heard of. */
  seenAt: number;
  /** A `Failed` line came: its signs count for nothing. */
  tried: boolean;
  /** Its first sign, while no `Failed` line has come; counted when the connection is over. */
  sign: Sign | null;
  /**
   * Its sign was counted as a try at the end of the part of the log read before (a rotation, or a live log read
   * again): its first `Failed` line is that try, not another.
   */
  signCounted: boolean;
}

/** What is known of a connection at a cut, for the part of the log read after it. */
export interface SshConnectionMemory {
  /** Process id and address, as the connections are keyed. */
  key: string;
  seenAt: number;
  /** `tried`: it had a `Failed` line; `sign-counted`: its sign was counted as its try. */
  state: 'tried' | 'sign-counted';
}

/** Connections remembered across a cut at most: those of the last LoginGraceTime of a busy log fit. */
const MAX_REMEMBERED = 10_000;

export class SshConnections {
  private readonly connections = new Map<string, Connection>();
  /** Connections in the order they were first heard of, to close them when LoginGraceTime has passed. */
  private order: string[] = [];
  private orderHead = 0;

  constructor(private readonly emit: (record: AttemptRecord) => void) {}

  /** Feed sshd's auth-fail events (origin `sshd` or `sshd-sign`) in line order. */
  push(ev: AuthFailure, line: number): void {
    this.expire(ev.ts);
    const key = `${ev.session ?? ''} ${ev.ip}`;
    let connection = this.connections.get(key);
    // The same process id for the same address after LoginGraceTime is a later connection.
    if (connection !== undefined && ev.ts - connection.seenAt > SSH_CONNECTION_SECS) {
      this.close(key, connection);
      connection = undefined;
    }
    if (connection === undefined) {
      connection = { seenAt: ev.ts, tried: false, sign: null, signCounted: false };
      this.connections.set(key, connection);
      this.order.push(key);
    } else if (ev.ts > connection.seenAt) connection.seenAt = ev.ts;
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
    this.expire(Number.POSITIVE_INFINITY);
    this.order = [];
    this.orderHead = 0;
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
    return memory.sort((a, b) => b.seenAt - a.seenAt).slice(0, MAX_REMEMBERED);
  }

  /** The connections the part of the log read before ended with (what its flush() returned). */
  remember(memory: readonly SshConnectionMemory[]): void {
    for (const m of memory.slice(0, MAX_REMEMBERED)) {
      if (this.connections.has(m.key)) continue;
      this.connections.set(m.key, { seenAt: m.seenAt, tried: m.state === 'tried', sign: null, signCounted: m.state === 'sign-counted' });
      this.order.push(m.key);
    }
  }

  /** Closes the connections not heard of for longer than LoginGraceTime, oldest first. */
  private expire(now: number): void {
    while (this.orderHead < this.order.length) {
      const key = this.order[this.orderHead];
      const connection = this.connections.get(key);
      // One heard of lately holds up those behind it: their signs are counted a little later, never lost.
      const tooMany = this.connections.size > MAX_CONNECTIONS;
      if (connection !== undefined && connection.seenAt >= now - SSH_CONNECTION_SECS && now !== Number.POSITIVE_INFINITY && !tooMany) break;
      this.orderHead++;
      if (connection !== undefined) this.close(key, connection);
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.order.length) {
      this.order = this.order.slice(this.orderHead);
      this.orderHead = 0;
    }
  }

  private close(key: string, connection: Connection): void {
    this.connections.delete(key);
    if (connection.sign !== null) this.emit(recordOf(connection.sign.ev, connection.sign.line));
  }
}

function recordOf(ev: AuthFailure, line: number): AttemptRecord {
  return { ts: ev.ts, ip: ev.ip, user: ev.user, password: ev.password, service: ev.service, line };
}
