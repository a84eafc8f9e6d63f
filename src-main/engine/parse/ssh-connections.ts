// Counts sshd's failed tries once per try. sshd writes one `Failed <method> for ...` line for each credential it
// turns down: those lines are the tries. Other lines tell of failed logins without being a try's own line:
// `Invalid user x from ip` comes before the first try, `User x not allowed because ...` and PAM's errors beside
// them, `maximum authentication attempts exceeded` after the last. Counted as well, they would count most tries
// twice. Yet such a sign is all some connections leave: a scanner that only probes user names, or key tries,
// which sshd logs only at the VERBOSE level. So a sign counts as one try when its connection shows no `Failed`
// line; one connection's signs count once.
//
// A connection is one host's sshd process and the client's address, and lasts LoginGraceTime from its first
// line. Each host's lines are ordered by that host's clock: in a central log, hosts may be minutes, or time
// zones, apart. A line without a process id (journald's `[sshd]: ...`, a file of sshd's messages without their
// tag) is of the connection from the client's port it names, and one that names no port (`User x from ip not
// allowed because ...`) of the address's: such a sign and a line of a port of that address within LoginGraceTime
// are taken for one connection's, whichever comes first, as sshd writes the sign at the connection's start.
//
// A rotation cuts connections, and so does reading a live log again. What the join knows of the connections of
// a part's last LoginGraceTime is handed to the part read after it (memoryIfFlushed, remember); what it knows of
// those of a part's first LoginGraceTime is kept for an older part read later (startMemory, laterStarts): the
// rotated files of an ingest of their own, or put together newest first into one file, where time goes back.
import type { AttemptRecord, AuthFailure, Origin } from './types';

/**
 * What starts the session of an sshd line without a process id that names the client's port (`:40022`):
 * a process id has no colon.
 */
export const SSH_PORT_MARK = ':';

/** The service of sshd's rows (the sshd formats' defaultService). */
export const SSH_SERVICE = 'ssh';

/** Whether a failed login is sshd's word on it: a try or a sign, which SshConnections joins. */
export function isSshdOrigin(origin: Origin): boolean {
  return origin === 'sshd' || origin === 'sshd-sign';
}

/**
 * sshd's LoginGraceTime (120 s by default): a connection that has not logged in by then is closed, so its
 * tries and signs all fall within it. A little slack covers the stamps' one-second grain.
 */
export const SSH_CONNECTION_SECS = 125;

/**
 * A connection is closed this long after its first line, not at once when LoginGraceTime has passed: a host's
 * lines may come a little out of order (a syslog relay, rsyslog's `message repeated`), and a late line of a
 * connection must still find it. Closing later only delays the count of its sign.
 */
const CLOSE_AFTER_SECS = 2 * SSH_CONNECTION_SECS;

/**
 * Connections held at most (for logs whose time stands still, and the busiest central logs: held
 * CLOSE_AFTER_SECS, that is 800 new connections a second): beyond it the oldest are closed. About 50 MB.
 */
const MAX_CONNECTIONS = 200_000;

/**
 * Connections remembered across a cut at most, either way: those of a LoginGraceTime of a central log of
 * hundreds of busy hosts fit (about 400 new connections a second).
 */
const MAX_REMEMBERED = 50_000;

interface Sign {
  ev: AuthFailure;
  line: number;
}

/** One host's clock: how far its lines have got, and where its current stretch of time began. */
interface HostClock {
  latest: number;
  /** The part's first line of the host, or where its time went back; NaN before its first line. */
  stretchFrom: number;
  /** Whether the current stretch is the host's first one in the part. */
  firstStretch: boolean;
  /** Its connections in the order they were first heard of, to close them when LoginGraceTime has passed. */
  order: string[];
  orderHead: number;
}

interface Connection {
  clock: HostClock;
  /** Log time of its first line: it lasts LoginGraceTime from there. */
  firstSeen: number;
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
  /** Heard of first within LoginGraceTime of where its host's time started (or went back): see startMemory. */
  atStart: boolean;
}

/** What is known of a connection at a cut, for the part of the log read on the other side of it. */
export interface SshConnectionMemory {
  /** `host pid ip`, as the connections are keyed. */
  key: string;
  /** When it was first heard of. */
  seenAt: number;
  /** `tried`: it had a `Failed` line; `sign-counted`: its sign was counted as its try. */
  state: 'tried' | 'sign-counted';
}

/**
 * A connection's key: `host pid ip`, or `host :port ip` for a line without a process id that names the client's
 * port, or `host  ip` for one that names neither (the address's key).
 */
const connectionKey = (host: string, session: string | null, ip: string): string => `${host} ${session ?? ''} ${ip}`;

/** The host of a connection's key. */
const hostOfKey = (key: string): string => key.slice(0, key.indexOf(' '));

/** The key of the address's lines that name neither process nor port, from a connection's key. */
const addressKeyOf = (key: string): string => connectionKey(hostOfKey(key), null, key.slice(key.lastIndexOf(' ') + 1));

export class SshConnections {
  private readonly connections = new Map<string, Connection>();
  /** The last connection known by a port, by its address's key (`host  ip`), while it is open. */
  private readonly byPort = new Map<string, Connection>();
  private readonly clocks = new Map<string, HostClock>();
  /**
   * Connections of the first LoginGraceTime of stretches read before, by key: an earlier part of the log (an
   * older file read after a newer one, or the older file that follows a newer one in one file) ends with
   * their first lines.
   */
  private readonly starts = new Map<string, SshConnectionMemory>();
  /** Those of the hosts' first stretches, closed so far. */
  private starting: SshConnectionMemory[] = [];
  /**
   * What the last flush() kept of the connections of the part's first LoginGraceTime, for an older part read
   * later (stored with the source, as SessionJoiner.startMemory).
   */
  startMemory: SshConnectionMemory[] = [];

  constructor(private readonly emit: (record: AttemptRecord) => void) {}

  /** Feed sshd's auth-fail events (origin `sshd` or `sshd-sign`) in line order. */
  push(ev: AuthFailure, line: number): void {
    const host = ev.host ?? '';
    const clock = this.clockOf(host);
    if (ev.ts < clock.latest - SSH_CONNECTION_SECS) {
      // The host's time went back (newer logs before older ones): its connections heard of so far are all
      // over. Only a step back among the part's own lines starts a later stretch: the memory of a newer part
      // read before (remember) is not this part's start.
      this.closeHost(clock);
      if (!Number.isNaN(clock.stretchFrom)) clock.firstStretch = false;
      clock.stretchFrom = ev.ts;
      clock.latest = ev.ts;
    } else if (ev.ts > clock.latest) clock.latest = ev.ts;
    if (Number.isNaN(clock.stretchFrom)) clock.stretchFrom = ev.ts;
    this.expire(clock, ev.ts);
    const key = connectionKey(host, ev.session, ev.ip);
    const addressKey = connectionKey(host, null, ev.ip);
    const byPort = ev.session !== null && ev.session.startsWith(SSH_PORT_MARK);
    if (byPort) {
      // A sign of the address that named no port, not yet followed by a try: this connection's.
      const bare = this.connections.get(addressKey);
      if (bare !== undefined && bare.sign !== null && Math.abs(ev.ts - bare.firstSeen) <= SSH_CONNECTION_SECS) {
        bare.sign = null;
        bare.tried = true;
      }
    } else if (ev.session === null && ev.origin === 'sshd-sign') {
      // A sign that names no port, of a connection known by its port already.
      const ported = this.byPort.get(addressKey);
      if (ported !== undefined && Math.abs(ev.ts - ported.firstSeen) <= SSH_CONNECTION_SECS) return;
    }
    let connection = this.connections.get(key);
    // The same process id for the same address after LoginGraceTime is a later connection.
    if (connection !== undefined && ev.ts - connection.firstSeen > SSH_CONNECTION_SECS) {
      this.close(key, connection);
      connection = undefined;
    }
    if (connection === undefined) connection = this.open(key, clock, ev.ts);
    if (byPort) this.byPort.set(addressKey, connection);
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
    for (const clock of this.clocks.values()) this.closeHost(clock);
    this.clocks.clear();
    this.starts.clear();
    this.startMemory = this.starting;
    this.starting = [];
    return memory;
  }

  /** What flush() would return now, the connections left as they are. */
  memoryIfFlushed(): SshConnectionMemory[] {
    const recent: { memory: SshConnectionMemory; age: number }[] = [];
    for (const [key, c] of this.connections) {
      const age = c.clock.latest - c.firstSeen;
      if (age > SSH_CONNECTION_SECS) continue;
      recent.push({ memory: { key, seenAt: c.firstSeen, state: c.tried ? 'tried' : 'sign-counted' }, age });
    }
    // The newest of each host's own time first, should there be more than are kept: a host whose clock is
    // behind the others' is no older for it.
    return recent.sort((a, b) => a.age - b.age).slice(0, MAX_REMEMBERED).map((r) => r.memory);
  }

  /** The connections the part of the log read before ended with (what its flush() returned). */
  remember(memory: readonly SshConnectionMemory[]): void {
    for (const m of memory.slice(0, MAX_REMEMBERED)) {
      if (this.connections.has(m.key)) continue;
      const clock = this.clockOf(hostOfKey(m.key));
      this.connections.set(m.key, {
        clock, firstSeen: m.seenAt, tried: m.state === 'tried', sign: null, signCounted: m.state === 'sign-counted', carried: true, atStart: false,
      });
      clock.order.push(m.key);
      if (m.seenAt > clock.latest) clock.latest = m.seenAt;
    }
  }

  /** The connections later parts of the log, read before, started with (their startMemory). */
  laterStarts(memory: readonly SshConnectionMemory[]): void {
    for (const m of memory.slice(0, MAX_REMEMBERED)) if (!this.starts.has(m.key)) this.starts.set(m.key, m);
  }

  private clockOf(host: string): HostClock {
    let clock = this.clocks.get(host);
    if (clock === undefined) {
      clock = { latest: Number.NEGATIVE_INFINITY, stretchFrom: Number.NaN, firstStretch: true, order: [], orderHead: 0 };
      this.clocks.set(host, clock);
    }
    return clock;
  }

  /** A connection not heard of before in this stretch: one a later part started with, when this is its end. */
  private open(key: string, clock: HostClock, ts: number): Connection {
    const connection: Connection = {
      clock, firstSeen: ts, tried: false, sign: null, signCounted: false, carried: false, atStart: ts <= clock.stretchFrom + SSH_CONNECTION_SECS,
    };
    const later = this.starts.get(key);
    if (later !== undefined && later.seenAt >= ts && later.seenAt - ts <= SSH_CONNECTION_SECS) {
      this.starts.delete(key);
      connection.tried = later.state === 'tried';
      connection.signCounted = later.state === 'sign-counted';
      connection.carried = true;
    }
    this.connections.set(key, connection);
    clock.order.push(key);
    return connection;
  }

  /** Closes the host's connections whose LoginGraceTime has long passed (CLOSE_AFTER_SECS), oldest first. */
  private expire(clock: HostClock, now: number): void {
    while (clock.orderHead < clock.order.length) {
      const key = clock.order[clock.orderHead];
      const connection = this.connections.get(key);
      const tooMany = this.connections.size > MAX_CONNECTIONS;
      // A key closed and opened again is queued twice: its first place holds up the queue until its new
      // connection is over too, which only delays the closing of those behind it.
      if (connection !== undefined && connection.firstSeen >= now - CLOSE_AFTER_SECS && !tooMany) break;
      clock.orderHead++;
      if (connection !== undefined) this.close(key, connection);
    }
    if (clock.orderHead > 1024 && clock.orderHead * 2 > clock.order.length) {
      clock.order = clock.order.slice(clock.orderHead);
      clock.orderHead = 0;
    }
  }

  private closeHost(clock: HostClock): void {
    for (let i = clock.orderHead; i < clock.order.length; i++) {
      const key = clock.order[i];
      const connection = this.connections.get(key);
      if (connection !== undefined) this.close(key, connection);
    }
    clock.order = [];
    clock.orderHead = 0;
  }

  private close(key: string, connection: Connection): void {
    this.connections.delete(key);
    const addressKey = addressKeyOf(key);
    if (this.byPort.get(addressKey) === connection) this.byPort.delete(addressKey);
    if (connection.sign !== null) this.emit(recordOf(connection.sign.ev, connection.sign.line));
    if (!connection.atStart || connection.carried) return;
    const start: SshConnectionMemory = { key, seenAt: connection.firstSeen, state: connection.tried ? 'tried' : 'sign-counted' };
    if (this.starts.size < MAX_REMEMBERED) this.starts.set(key, start);
    if (connection.clock.firstStretch && this.starting.length < MAX_REMEMBERED) this.starting.push(start);
  }
}

function recordOf(ev: AuthFailure, line: number): AttemptRecord {
  return { ts: ev.ts, ip: ev.ip, user: ev.user, password: ev.password, service: ev.service, line };
}
