// Turns the auth events of one file (in line order) into counted credential tries and successful logins.
//
// dovecot often logs one failed try twice: the auth process (user, maybe the password, maybe the session id) and,
// when the connection closes, the login process (service, `N attempts`, session id). Each try must count once:
//  - A login-fail with session S and N attempts claims the k pending auth lines of S: it emits those k tries (with
//    the service of the login line) plus max(0, N - k) tries without password at the login line. Auth lines of S
//    already emitted alone (too old) count towards k, so nothing is counted twice.
//  - Auth lines without a session (older dovecot) are claimed by a login-fail from the same IP whose
//    `in T secs` window (plus slack) covers them, oldest first, at most as many as the login still needs.
//  - A login-fail that still needs tries waits `slack` seconds of log time for auth lines logged just after it,
//    then emits the rest without password (an auth line of that session arriving later still is one of those
//    rows, not a new try). With auth_verbose=no that gives N rows per login line.
//  - A login-fail that names a try refused for the account (`(user disabled)`, ownTry) claims the pending auth
//    lines of its session as its earlier tries and counts its own on top (no auth line that a format reads speaks
//    of it).
//  - A login-ok claims the pending auth lines of its session: failures before a success are still failed tries,
//    except those of the same request (isSameRequest): one passdb of a chain turning down the name the next accepts.
//  - Unclaimed auth lines are emitted alone once `horizon` seconds of log time older than the current event, or
//    at flush(); every map is pruned by log time, and the pending auth lines, open login lines and sessions have
//    hard caps (for logs whose time stands still), so memory stays bounded.
//  - A system PAM line (pam_unix(dovecot:auth)) and a dovecot auth line for the same IP within `pamPairSecs` are
//    one try; the dovecot line is kept (it may carry the session and the password).
//  - Two auth lines of one session with the same user and password within a second are one try logged by two
//    passdbs in a chain (a new try in the same connection waits for auth_failure_delay first).
//  - postfix's line on a SASL try in SMTP (postfix asks dovecot's auth process, or cyrus-sasl) and a session-less
//    dovecot or system PAM line of the same IP at most SASL_ECHO_BEFORE_SECS before it are one try: the earlier line is
//    kept (it may carry the name and the password) with postfix's service. Without such a line (dovecot's default
//    auth_verbose=no) postfix's line is the try, counted at once: SMTP has no login line to claim it.
//  - A file read in parts (a log that grew since its last ingest), and a rotated log, are joined across the
//    cut: flush() returns what it knows of the sessions heard of in the last horizon, and remember() gives that
//    to the next part or the next file of the rotation (ingest/chain-join.ts), so a login line just after the
//    cut does not count again the auth lines just before it. Auth lines without a session still unclaimed at
//    the cut are remembered too (by address): a login line or postfix's line just after it claims the row
//    such a line gave, rather than count its try again.
//  - sshd's lines go to ssh-connections.ts, which counts each `Failed` line and a connection's other signs once.
//  - Auth lines emitted alone had no service to give their rows (only login lines say it). When their login
//    line comes after all (after the horizon, or in the next file of the rotation), the join asks the sink to
//    give those rows its service (serviceOf), naming them by time and line, and by source when they are in
//    another file (ownAloneRows).
import { SSH_SERVICE, SshConnections, isSshdOrigin, type SshConnectionMemory } from './ssh-connections';
import { isSmtpAuthOrigin, type AttemptRecord, type AuthEvent, type AuthFailure, type LoginFailure, type LoginRecord, type LoginSuccess } from './types';

export interface JoinSink {
  attempt(record: AttemptRecord): void;
  login(record: LoginRecord): void;
  /** Rows emitted before (see AloneRows) are of this service: their login line has come. */
  serviceOf?(fix: ServiceFix): void;
}

/** Rows that auth lines of one session gave without their login line, so without a service. */
export interface AloneRows {
  /** The case's source of the file they are in; null for the file being read. */
  source: number | null;
  /** Time (seconds, as the record's `ts`) and line number of each, in pairs. */
  rows: number[];
}

export interface ServiceFix extends AloneRows {
  service: string;
}

/** Rows emitted alone that a session remembers, at most (a connection has a handful of tries). */
const MAX_ALONE_ROWS = 16;

/** Open login lines of one address that a session-less auth line looks through for one whose window holds it. */
const MAX_OPEN_LOGINS_LOOKED_AT = 8;

/** The memory of a file's end with its rows emitted alone named by `source`, for the file read after it. */
export function ownAloneRows(memory: readonly SessionMemory[], source: number): SessionMemory[] {
  return memory.map((m) => (m.alone?.some((a) => a.source === null)
    ? { ...m, alone: m.alone.map((a) => (a.source === null ? { source, rows: a.rows } : a)) }
    : m));
}

export interface SessionJoinerOptions {
  /** Log-time age after which an unclaimed auth line is emitted on its own. */
  horizonSecs?: number;
  /** Slack around a login line's window, and how long it waits for auth lines logged after it. */
  slackSecs?: number;
  /** Window of a login line that does not say `in T secs`. */
  defaultWindowSecs?: number;
  /** System PAM and dovecot auth lines of one IP this close in time are one try. */
  pamPairSecs?: number;
  /** Most auth lines, and most login lines waiting for theirs, held at once; the oldest go beyond this. */
  maxPending?: number;
  /** Most sessions known at once; beyond this the first heard of that hold nothing are forgotten. */
  maxSessions?: number;
}

/**
 * postfix writes its line on a failed SASL try when dovecot answers: after auth_failure_delay (2 s by default,
 * more where set so) from dovecot's own line of the try, and its stamp may run up to a second ahead of
 * dovecot's. The join pairs the two lines of a file within these; store/repeated-streams.ts, those of two files.
 */
export const SASL_ECHO_BEFORE_SECS = 10;
export const SASL_ECHO_AFTER_SECS = 1;

const DEFAULTS: Required<SessionJoinerOptions> = {
  horizonSecs: 600,
  slackSecs: 2,
  defaultWindowSecs: 120,
  pamPairSecs: 2,
  maxPending: 100_000,
  maxSessions: 300_000,
};

/** Seconds within which two identical auth lines of one session are a passdb chain, not two tries. */
const SAME_TRY_SECS = 1;

/**
 * A sweep of the sessions waits for at least one event per this many sessions held since the last one, so that
 * sweeps cost a bounded number of visits per event (see expire()).
 */
const SESSIONS_PER_SWEEP_EVENT = 16;

/**
 * Seconds by which a log's lines may run behind the time order: each process stamps its own lines, and syslog
 * writes them as they come. An IP's session-less queue (in log order) is searched for a window of time from the
 * first line after one older than the window by more than this (SessionlessQueue.since).
 */
const DISORDER_SECS = 5;

/**
 * Whether an auth failure was one passdb of a chain turning down the request that a later one accepted: the
 * same name (as given, or as the passdb completed it with a domain), a success within SAME_TRY_SECS. Up to
 * 2.3, dovecot logs `unknown user` or `Password mismatch` for each passdb before the one that knows the user,
 * with no sign that another follows; each login of such a user would otherwise count as a failed try, with
 * the user's real password on it when passwords are logged. A new try after a failure waits for
 * auth_failure_delay (2 s) first, so a real mistake before a success still counts.
 */
function isSameRequest(failure: AuthFailure, ok: LoginSuccess): boolean {
  // Lines without stamps are all at one time: nearness in time says nothing of them.
  if (failure.undated || ok.undated) return false;
  return Math.abs(ok.ts - failure.ts) <= SAME_TRY_SECS && sameUser(failure.user, ok.user);
}

function sameUser(tried: string | null, loggedIn: string | null): boolean {
  if (tried === null || loggedIn === null) return false;
  const a = tried.toLowerCase();
  const b = loggedIn.toLowerCase();
  return a === b || b.startsWith(`${a}@`) || a.startsWith(`${b}@`);
}

interface PendingAuth {
  ev: AuthFailure;
  line: number;
  done: boolean;
  /** postfix's line on this try came (see onPostfixSaslFailure): another of postfix's lines is another try. */
  saslEchoed: boolean;
  /** Its session's state, null for a line without session. */
  session: SessionState | null;
  /**
   * A line without session read before the cut (remember()): its row is in, so a line that claims it gives
   * that row its service instead of counting the try.
   */
  carried: AloneRows | null;
}

interface OpenLogin {
  ev: LoginFailure;
  line: number;
  remaining: number;
  done: boolean;
  session: SessionState | null;
}

interface PamPartner {
  entry: PendingAuth;
  paired: boolean;
}

/**
 * Everything known of one session, found with one lookup by its id (the lines of a session are joined through
 * it, and a Map lookup by a fresh id string is the costly step of the join).
 */
interface SessionState {
  /** Latest log time the session was heard of (states are pruned by it). */
  seenAt: number;
  /** Log time of its last auth line, NaN before the first. */
  lastTs: number;
  lastUser: string | null;
  lastPassword: string | null;
  /** Auth lines of this session already emitted without their login line. */
  emittedAlone: number;
  /** Where and when those rows are (at most MAX_ALONE_ROWS), for their service when the login line comes. */
  alone: AloneRows[] | null;
  /** Tries its login line emitted without an auth line: a very late auth line of the session is one of them. */
  rowsWithoutAuthLine: number;
  /** Its auth lines waiting for a login line, oldest first; null when there are none. */
  pending: PendingAuth[] | null;
  /** Its login line while that waits for auth lines logged after it. */
  open: OpenLogin | null;
}

/** What the join keeps of a session between two parts of a file, or two files of a rotation (stored with the source). */
export interface SessionMemory {
  session: string;
  seenAt: number;
  /** Log time of its last auth line, null before the first. */
  lastTs: number | null;
  lastUser: string | null;
  lastPassword: string | null;
  emittedAlone: number;
  /** Where its rows emitted alone are; left out when there are none (and in memories stored before). */
  alone?: AloneRows[];
  rowsWithoutAuthLine: number;
  /**
   * Set for an auth line without a session that nothing had claimed at the cut (`session` is then ''): its
   * address. `lastTs`, `lastUser` and `lastPassword` are the line's, and `alone` names its row.
   */
  ip?: string;
  /** Set for an sshd connection (ssh-connections.ts), whose key is `session`: what it had shown by the cut. */
  sshd?: SshConnectionMemory['state'];
}

function sshMemory(connections: SshConnectionMemory[]): SessionMemory[] {
  return connections.map((c) => ({
    session: c.key, seenAt: c.seenAt, lastTs: null, lastUser: null, lastPassword: null, emittedAlone: 0, rowsWithoutAuthLine: 0, sshd: c.state,
  }));
}

/** The sshd connections a memory holds (see sshMemory). */
function sshConnectionsIn(memory: readonly SessionMemory[]): SshConnectionMemory[] {
  return memory.flatMap((m) => (m.sshd === undefined ? [] : [{ key: m.session, seenAt: m.seenAt, state: m.sshd }]));
}

/** Sessions kept between two parts of a file at most: those of the last horizon of a busy log fit. */
const MAX_REMEMBERED = 10_000;
/** Sessions kept aside from the starts of stretches at most (see SessionJoiner.heads). */
const MAX_HEADS = 10_000;
/** Auth lines without a session kept between two parts at most (the newest). */
const MAX_REMEMBERED_SESSIONLESS = 2_000;

function sessionState(ts: number): SessionState {
  return {
    seenAt: ts, lastTs: Number.NaN, lastUser: null, lastPassword: null, emittedAlone: 0, alone: null, rowsWithoutAuthLine: 0,
    pending: null, open: null,
  };
}

// V8 takes an object field that was written only once for a constant, and throws away the optimised code that
// relied on it when the field is first written again. Every field of a session's state changes over its life,
// but some only when a log shows a rarer case (a repeated try, a late auth line), often deep into a file; so
// one throwaway state has each field written a second time (the text, count and list fields with a value of
// their later type) before any real one exists. (Measured: fewer recompiles of the join while a new parse thread warms up.)
{
  const primer = sessionState(0);
  primer.seenAt = 1;
  primer.lastTs = 1;
  primer.lastUser = '';
  primer.lastPassword = '';
  primer.emittedAlone = 1;
  primer.alone = [];
  primer.rowsWithoutAuthLine = 1;
  primer.pending = [];
  primer.open = null;
}

/** Notes where a row emitted alone is (in the file being read), up to MAX_ALONE_ROWS per session. */
function noteAloneRow(session: SessionState, ts: number, line: number): void {
  const alone = (session.alone ??= []);
  let here = alone.find((a) => a.source === null);
  if (here === undefined) alone.push((here = { source: null, rows: [] }));
  if (alone.reduce((n, a) => n + a.rows.length, 0) < 2 * MAX_ALONE_ROWS) here.rows.push(ts, line);
}

/** An array queue with O(1) amortised shift. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  /** The i-th item held, oldest first (0 ≤ i < size). */
  at(i: number): T {
    return this.items[this.head + i];
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i];
  }
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/**
 * One address's session-less auth lines, in log order, and how many at its front are settled: done, or echoed
 * by postfix (neither a login line nor another postfix line takes those, but they stay queued for a horizon).
 */
class SessionlessQueue extends Fifo<PendingAuth> {
  private settledFront = 0;

  override shift(): PendingAuth | undefined {
    const item = super.shift();
    if (this.settledFront > 0) this.settledFront--;
    return item;
  }

  override clear(): void {
    super.clear();
    this.settledFront = 0;
  }

  /**
   * Where the lines that may be logged at `from` or later start. A login line looks a few seconds back, but the
   * address's unclaimed lines stay queued for a horizon: one address trying hard with lines that name no session
   * (dovecot before 2.2, or a login line counting fewer tries than its auth lines) held thousands, walked from
   * the oldest at each of its login lines (200,000 lines of one address: 64 s).
   */
  since(from: number): number {
    // A binary search: the times of a queue in log order rise, but for the disorder. The line just before the
    // index found is older than the window by more than DISORDER_SECS, and so is every line before it. (A
    // walk back from the newest walked every line of a crafted log whose clock stands still.)
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle).ev.ts >= from - DISORDER_SECS) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /**
   * since(from), past the settled lines at the front: those are passed once, not at each look (one address's
   * postfix lines in one second of a crafted log walked every line they had echoed: 150,000 lines, 14 s).
   */
  openSince(from: number): number {
    while (this.settledFront < this.size) {
      const entry = this.at(this.settledFront);
      if (!entry.done && !entry.saslEchoed) break;
      this.settledFront++;
    }
    return Math.max(this.since(from), this.settledFront);
  }
}

/**
 * Queues of items by address, each in arrival order, beside one queue of them all that the joiner empties from
 * its oldest end (popped()): an address's own items are found without walking everybody else's. An address
 * whose queue empties is dropped.
 */
class QueuesByIp<T, Q extends Fifo<T> = Fifo<T>> {
  private readonly queues = new Map<string, Q>();

  constructor(private readonly newQueue: () => Q) {}

  /** Addresses with a queue. */
  get size(): number {
    return this.queues.size;
  }

  get(ip: string): Q | undefined {
    return this.queues.get(ip);
  }

  entries(): IterableIterator<[string, Q]> {
    return this.queues.entries();
  }

  push(ip: string, item: T): void {
    let queue = this.queues.get(ip);
    if (queue === undefined) this.queues.set(ip, (queue = this.newQueue()));
    queue.push(item);
  }

  /** `item`, the oldest of all, has left the joiner's queue: it is its address's oldest, unless trim() took it already. */
  popped(ip: string, item: T): void {
    const queue = this.queues.get(ip);
    if (queue === undefined) return;
    if (queue.peek() === item) queue.shift();
    if (queue.size === 0) this.queues.delete(ip);
  }

  /** Takes the leading items that are `over` off the address's queue. */
  trim(ip: string, queue: Q, over: (item: T) => boolean): void {
    while (queue.size > 0 && over(queue.peek() as T)) queue.shift();
    if (queue.size === 0) this.queues.delete(ip);
  }

  clear(): void {
    this.queues.clear();
  }
}

const isPaired = (p: PamPartner): boolean => p.paired;
const isClosed = (open: OpenLogin): boolean => open.done;
const isDone = (entry: PendingAuth): boolean => entry.done;

function isSystemPam(ev: AuthFailure): boolean {
  return ev.origin === 'system-pam';
}

export class SessionJoiner {
  private readonly opt: Required<SessionJoinerOptions>;
  private readonly pending = new Fifo<PendingAuth>();
  /** Pending auth lines without a session, per IP, in arrival order (done ones are skipped lazily). */
  private readonly sessionlessByIp = new QueuesByIp<PendingAuth, SessionlessQueue>(() => new SessionlessQueue());
  private readonly openLogins = new Fifo<OpenLogin>();
  /** openLogins by address, for the auth lines that name no session. */
  private readonly openLoginsByIp = new QueuesByIp<OpenLogin>(() => new Fifo());
  /** Session-less auth lines remembered from before the cut, oldest first: they expire as pending lines do. */
  private readonly carried = new Fifo<PendingAuth>();
  /** Latest log time pushed. */
  private now = Number.NEGATIVE_INFINITY;
  /**
   * Sessions heard of in the first horizon of a stretch of log time whose login line counted tries without their
   * auth lines, kept aside when the sweep forgets them. A stretch starts the file, or where its time goes back
   * by more than a horizon: a newer file put before an older one (zcat -f mail.log mail.log.1 > all.log). The
   * auth line of such a connection, cut by the rotation, comes at the end of that older file, a whole file
   * after its login line, and is one of the tries counted then.
   */
  private readonly heads = new Map<string, SessionState>();
  private stretchFrom = Number.NaN;
  private stretchLatest = Number.NEGATIVE_INFINITY;
  /** Log time of the first event since the last flush: where the file (or the part of it read) starts. */
  private startedAt = Number.NaN;
  /**
   * What the last flush() kept of the sessions of the file's first horizon whose login line counted tries
   * without their auth lines (see startsOfLaterFiles): stored with the source, for an older file read later.
   */
  startMemory: SessionMemory[] = [];
  private readonly partners = new Fifo<PamPartner>();
  /** The partners of each address, system PAM's apart from dovecot's: a line looks only among the other kind. */
  private readonly systemPamPartners = new QueuesByIp<PamPartner>(() => new Fifo());
  private readonly dovecotPamPartners = new QueuesByIp<PamPartner>(() => new Fifo());
  /** dovecot auth lines wait for a system PAM partner only once the file has shown one such line. */
  private sawSystemPam = false;
  private readonly sessions = new Map<string, SessionState>();
  /** Size of `sessions` at which the first ones are forgotten (see forgetFirstSessions). */
  private forgetAt: number;
  private sessionsPrunedAt = Number.NEGATIVE_INFINITY;
  /** Events since the last sweep of the sessions, which pay for the next (see expire()). */
  private eventsSinceSweep = 0;
  /** sshd's lines are joined by connection, apart from dovecot's sessions. */
  private readonly ssh: SshConnections;

  constructor(
    private readonly sink: JoinSink,
    options: SessionJoinerOptions = {},
  ) {
    this.opt = { ...DEFAULTS, ...options };
    this.ssh = new SshConnections((record) => sink.attempt(record));
    this.forgetAt = this.opt.maxSessions;
  }

  /** Feed events in line order; `line` is the 1-based line number of the event's line. */
  push(event: AuthEvent, line: number): void {
    if (event.ts > this.now) this.now = event.ts;
    if (Number.isNaN(this.startedAt)) this.startedAt = event.ts;
    if (Number.isNaN(this.stretchFrom) || event.ts < this.stretchLatest - this.opt.horizonSecs) this.stretchFrom = this.stretchLatest = event.ts;
    else if (event.ts > this.stretchLatest) this.stretchLatest = event.ts;
    this.expire(event.ts);
    if (event.kind === 'auth-fail') {
      if (isSshdOrigin(event.origin)) this.ssh.push(event, line);
      else this.onAuthFailure(event, line);
    } else if (event.kind === 'login-fail') this.onLoginFailure(event, line);
    else this.onLoginSuccess(event, line);
  }

  /**
   * End of file (or of the part of it read now): everything still held is emitted. Returns what is known of the
   * sessions heard of in the last horizon, for remember() when the file's next part is read.
   */
  flush(): SessionMemory[] {
    const connections = sshMemory(this.ssh.flush());
    for (const open of this.openLogins) if (!open.done) this.closeLogin(open);
    const sessionless = this.sessionlessMemory();
    for (const entry of this.pending) if (!entry.done) this.emitAlone(entry);
    const memory = [...this.memoryOfLastSessions(), ...sessionless, ...connections];
    this.startMemory = [...this.memoryOfStart(), ...sshMemory(this.ssh.startMemory)];
    this.pending.clear();
    this.carried.clear();
    this.heads.clear();
    this.now = Number.NEGATIVE_INFINITY;
    this.stretchFrom = Number.NaN;
    this.stretchLatest = Number.NEGATIVE_INFINITY;
    this.startedAt = Number.NaN;
    this.sessionlessByIp.clear();
    this.openLogins.clear();
    this.openLoginsByIp.clear();
    this.partners.clear();
    this.systemPamPartners.clear();
    this.dovecotPamPartners.clear();
    this.sessions.clear();
    this.forgetAt = this.opt.maxSessions;
    this.sessionsPrunedAt = Number.NEGATIVE_INFINITY;
    this.eventsSinceSweep = 0;
    this.sawSystemPam = false;
    return memory;
  }

  /** Sessions known from the part of the file read before this one, or the file it follows (what flush() returned). */
  remember(memory: readonly SessionMemory[]): void {
    for (const m of memory) if (m.ip !== undefined) this.carry(m);
    this.ssh.remember(sshConnectionsIn(memory));
    for (const m of memory.filter((m) => m.ip === undefined && m.sshd === undefined).slice(0, MAX_REMEMBERED)) {
      const state = this.newState(m.session, m.seenAt);
      state.lastTs = m.lastTs ?? Number.NaN;
      state.lastUser = m.lastUser;
      state.lastPassword = m.lastPassword;
      state.emittedAlone = m.emittedAlone;
      state.alone = m.alone?.length ? m.alone.map((a) => ({ source: a.source, rows: [...a.rows] })) : null;
      state.rowsWithoutAuthLine = m.rowsWithoutAuthLine;
    }
  }

  /**
   * What flush() would return now, with the join left as it is: the memory of a cut before the line to come.
   * A file's last line without a newline may be one syslog was still writing; a later ingest reads it again
   * from this memory, as the next part of the file (ingest-file.ts), once its rows are taken out.
   */
  memoryIfFlushed(): SessionMemory[] {
    // flush() closes the open login lines, then emits the pending auth lines alone: copies of the states they
    // touch take what that does to the real ones.
    const copies = new Map<SessionState, SessionState>();
    const copyOf = (state: SessionState): SessionState => {
      let copy = copies.get(state);
      if (copy === undefined) copies.set(state, (copy = { ...state, alone: state.alone && state.alone.map((a) => ({ source: a.source, rows: [...a.rows] })) }));
      return copy;
    };
    for (const open of this.openLogins) {
      if (open.done || open.session === null) continue;
      this.touch(copyOf(open.session), open.ev.ts).rowsWithoutAuthLine += open.remaining;
    }
    for (const entry of this.pending) {
      if (entry.done || entry.session === null) continue;
      const copy = this.touch(copyOf(entry.session), entry.ev.ts);
      copy.emittedAlone++;
      if (entry.ev.service === null) noteAloneRow(copy, entry.ev.ts, entry.line);
    }
    // Its rows' lists are copied too: the join goes on adding to the real ones.
    return [
      ...this.memoryOfLastSessions((state) => copies.get(state) ?? state)
        .map((m) => (m.alone ? { ...m, alone: m.alone.map((a) => ({ source: a.source, rows: [...a.rows] })) } : m)),
      ...this.sessionlessMemory(),
      ...sshMemory(this.ssh.memoryIfFlushed()),
    ];
  }

  /**
   * What the starts of files read before, that come after this one in time, knew (their startMemory): a newer
   * rotation read by an earlier ingest (mail.log today, mail.log.1 next week). A connection the rotation cut has
   * its login line there, which counted its tries without their auth lines; those auth lines end this file, and
   * are the tries counted then.
   */
  startsOfLaterFiles(memory: readonly SessionMemory[]): void {
    this.ssh.laterStarts(sshConnectionsIn(memory));
    for (const m of memory.filter((m) => m.sshd === undefined).slice(0, MAX_HEADS)) {
      if (m.ip !== undefined || m.rowsWithoutAuthLine <= 0 || this.sessions.has(m.session)) continue;
      const state = sessionState(m.seenAt);
      state.rowsWithoutAuthLine = m.rowsWithoutAuthLine;
      this.heads.set(m.session, state);
    }
  }

  /** The sessions of the file's first horizon whose login line counted tries without their auth lines. */
  private memoryOfStart(): SessionMemory[] {
    const memory: SessionMemory[] = [];
    const until = this.startedAt + this.opt.horizonSecs;
    for (const states of [this.sessions, this.heads]) {
      for (const [session, s] of states) {
        if (s.rowsWithoutAuthLine <= 0 || s.seenAt < this.startedAt || s.seenAt > until) continue;
        memory.push({
          session, seenAt: s.seenAt, lastTs: null, lastUser: null, lastPassword: null, emittedAlone: 0, rowsWithoutAuthLine: s.rowsWithoutAuthLine,
        });
      }
    }
    return memory.slice(0, MAX_HEADS);
  }

  /** A session-less auth line of before the cut, as a pending line whose row is in. */
  private carry(m: SessionMemory): void {
    const row = m.alone?.[0];
    if (typeof m.ip !== 'string' || m.lastTs === null || row === undefined || row.rows.length !== 2) return;
    const ev: AuthFailure = { kind: 'auth-fail', ts: m.lastTs, ip: m.ip, user: m.lastUser, password: m.lastPassword, session: null, service: null, origin: 'auth' };
    const entry: PendingAuth = { ev, line: row.rows[1], done: false, saslEchoed: false, session: null, carried: { source: row.source, rows: [...row.rows] } };
    this.carried.push(entry);
    this.sessionlessByIp.push(m.ip, entry);
  }

  /**
   * The session-less auth lines nothing claimed yet, of the last horizon (those read before this part's cut
   * too): what a flush now keeps of them, as each gives its row alone (or gave it, before the cut).
   */
  private sessionlessMemory(): SessionMemory[] {
    if (this.sessionlessByIp.size === 0) return [];
    const memory: SessionMemory[] = [];
    for (const [ip, queue] of this.sessionlessByIp.entries()) {
      for (const entry of queue) {
        // One postfix's line echoed was an SMTP AUTH try, done: nothing after the cut claims it.
        if (entry.done || entry.saslEchoed || entry.ev.ts < this.now - this.opt.horizonSecs) continue;
        const ev = entry.ev;
        memory.push({
          session: '', ip, seenAt: ev.ts, lastTs: ev.ts, lastUser: ev.user, lastPassword: ev.password, emittedAlone: 1, rowsWithoutAuthLine: 0,
          alone: [entry.carried ? { source: entry.carried.source, rows: [...entry.carried.rows] } : { source: null, rows: [ev.ts, entry.line] }],
        });
      }
    }
    return memory.sort((a, b) => b.seenAt - a.seenAt).slice(0, MAX_REMEMBERED_SESSIONLESS);
  }

  private memoryOfLastSessions(stateOf: (state: SessionState) => SessionState = (state) => state): SessionMemory[] {
    let latest = Number.NEGATIVE_INFINITY;
    for (const state of this.sessions.values()) if (stateOf(state).seenAt > latest) latest = stateOf(state).seenAt;
    const memory: SessionMemory[] = [];
    for (const [session, state] of this.sessions) {
      const s = stateOf(state);
      if (s.seenAt < latest - this.opt.horizonSecs) continue;
      memory.push({
        session, seenAt: s.seenAt, lastTs: Number.isNaN(s.lastTs) ? null : s.lastTs, lastUser: s.lastUser,
        lastPassword: s.lastPassword, emittedAlone: s.emittedAlone, rowsWithoutAuthLine: s.rowsWithoutAuthLine,
        ...(s.alone === null ? {} : { alone: s.alone }),
      });
    }
    // The latest first, should a crafted log hold more sessions than are kept.
    return memory.sort((a, b) => b.seenAt - a.seenAt).slice(0, MAX_REMEMBERED);
  }

  private onAuthFailure(ev: AuthFailure, line: number): void {
    if (isSmtpAuthOrigin(ev.origin)) {
      this.onSmtpAuthFailure(ev, line);
      return;
    }
    const session = ev.session === null ? null : this.stateOf(ev.session, ev.ts);
    if (session !== null && (this.isRepeatOfSameTry(session, ev) || this.isAlreadyCountedByLogin(session))) return;

    const partner = this.findPamPartner(ev);
    if (partner !== null) {
      partner.paired = true;
      if (isSystemPam(ev)) return; // the dovecot line already stands for this try
      if (partner.entry.done) return; // the system PAM line was already counted for this try
      this.retire(partner.entry); // the dovecot line replaces it
    }

    const entry: PendingAuth = { ev, line, done: false, saslEchoed: false, session, carried: null };
    if (isSystemPam(ev)) this.sawSystemPam = true;
    if (partner === null && this.sawSystemPam) this.addPamPartner(entry);

    const open = this.findOpenLogin(ev, session);
    if (open !== null) {
      entry.done = true;
      this.emitJoined(entry, open.ev);
      if (--open.remaining === 0) this.dropOpenLogin(open);
      return;
    }

    this.pending.push(entry);
    // [entry] rather than [] and push: push gives an empty array room for 17, and most sessions hold one line.
    if (session !== null) {
      if (session.pending === null) session.pending = [entry];
      else session.pending.push(entry);
    } else {
      this.sessionlessByIp.push(ev.ip, entry);
    }
  }

  /**
   * postfix's (or Exim's) line on a failed SMTP AUTH try, written once dovecot answered (after its
   * auth_failure_delay). The session-less dovecot or system PAM line of the same IP logged shortly before, not
   * yet claimed, is the same try (the mail server gives dovecot no session id): it stays, with the mail server's
   * service (and name, when it had none). Otherwise the mail server's line is the try's only trace; it is
   * counted at once, as no login line ever claims it.
   */
  private onSmtpAuthFailure(ev: AuthFailure, line: number): void {
    const echoed = this.findSaslEcho(ev);
    if (echoed !== null) {
      echoed.saslEchoed = true;
      if (echoed.carried !== null) {
        if (ev.service !== null) this.sink.serviceOf?.({ ...echoed.carried, service: ev.service });
        return;
      }
      // A copy: one event can stand for several lines (rsyslog's `message repeated`), each its own try.
      echoed.ev = { ...echoed.ev, service: echoed.ev.service ?? ev.service, user: echoed.ev.user ?? ev.user };
      return;
    }
    this.sink.attempt({ ts: ev.ts, ip: ev.ip, user: ev.user, password: ev.password, service: ev.service, line });
  }

  /** The oldest session-less, unclaimed dovecot or system PAM line of `ev`'s IP that postfix's line may echo. */
  private findSaslEcho(ev: AuthFailure): PendingAuth | null {
    if (this.sessionlessByIp.size === 0) return null;
    const queue = this.sessionlessByIp.get(ev.ip);
    if (queue === undefined) return null;
    const from = ev.ts - SASL_ECHO_BEFORE_SECS;
    for (let i = queue.openSince(from); i < queue.size; i++) {
      const entry = queue.at(i);
      if (entry.done || entry.saslEchoed) continue;
      // Lines are in log order, so dovecot's comes first; its stamp may still be a second after postfix's.
      if (entry.ev.ts >= from && entry.ev.ts <= ev.ts + SASL_ECHO_AFTER_SECS) return entry;
    }
    return null;
  }

  private onLoginFailure(ev: LoginFailure, line: number): void {
    const known = ev.session === null ? undefined : this.sessions.get(ev.session);
    if (known !== undefined) this.giveService(known, ev.service);
    const claimed = known === undefined ? [] : this.claimSession(known);
    if (ev.ownTry === true) {
      // The session's auth lines are its earlier tries, and the refused try is one more: no auth line a format
      // reads stands for it, so it is not waited for either (a late auth line of the session is a try of its own).
      for (const entry of claimed) this.emitJoined(entry, ev);
      this.emitAtLoginLine(ev, line);
      return;
    }
    const alreadyCounted = known?.emittedAlone ?? 0;
    let needed = ev.attempts - claimed.length - alreadyCounted;
    if (needed > 0) {
      for (const entry of this.claimSessionless(ev.ip, this.windowStart(ev), this.windowEnd(ev), needed)) claimed.push(entry);
      needed = ev.attempts - claimed.length - alreadyCounted;
    }
    for (const entry of claimed) this.emitJoined(entry, ev);
    if (needed <= 0) return;
    const session = ev.session === null ? null : (known ?? this.newState(ev.session, ev.ts));
    const open: OpenLogin = { ev, line, remaining: needed, done: false, session };
    this.openLogins.push(open);
    this.openLoginsByIp.push(ev.ip, open);
    if (session !== null) session.open = open;
  }

  private onLoginSuccess(ev: LoginSuccess, line: number): void {
    const known = ev.session === null ? undefined : this.sessions.get(ev.session);
    if (known !== undefined) {
      this.giveService(known, ev.service);
      for (const entry of this.claimSession(known)) if (!isSameRequest(entry.ev, ev)) this.emitJoined(entry, ev);
    }
    // An sshd login is no passdb's answer to a dovecot request.
    if (this.sessionlessByIp.size > 0 && ev.service !== SSH_SERVICE) this.retireSameRequest(ev);
    this.sink.login({ ts: ev.ts, ip: ev.ip, user: ev.user, service: ev.service, line });
  }

  /** Takes out the session-less auth lines of a success's IP that were the same request as it (isSameRequest). */
  private retireSameRequest(ok: LoginSuccess): void {
    const queue = this.sessionlessByIp.get(ok.ip);
    if (queue === undefined) return;
    // Only the lines of the second around it can be the same request: not every line the address left
    // unclaimed within the horizon (a busy address's successes walked them all: 150,000 lines, 42 s).
    for (let i = queue.since(ok.ts - SAME_TRY_SECS); i < queue.size; i++) {
      const entry = queue.at(i);
      if (!entry.done && isSameRequest(entry.ev, ok)) entry.done = true;
    }
    this.sessionlessByIp.trim(ok.ip, queue, isDone);
  }

  /** The state of a session, made when first heard of; `ts` is when it is heard of now. */
  private stateOf(id: string, ts: number): SessionState {
    const state = this.sessions.get(id) ?? this.fromHeads(id);
    if (state === undefined) return this.newState(id, ts);
    if (ts > state.seenAt) state.seenAt = ts;
    return state;
  }

  /** A session kept aside from the start of a stretch (see heads), back among the others. */
  private fromHeads(id: string): SessionState | undefined {
    if (this.heads.size === 0) return undefined;
    const state = this.heads.get(id);
    if (state === undefined) return undefined;
    this.heads.delete(id);
    this.sessions.set(id, state);
    return state;
  }

  /** A session not heard of before. */
  private newState(id: string, ts: number): SessionState {
    if (this.sessions.size >= this.forgetAt) this.forgetFirstSessions();
    const state = sessionState(ts);
    this.sessions.set(id, state);
    return state;
  }

  /**
   * Sessions age out by log time (expire()), but a crafted log can hold it still: a million lines in one second
   * took 2 GB. Then the sessions first heard of that hold nothing go, half of them at a time: a Map walked
   * from its start passes over the holes its earlier deletes left, so fewer, larger sweeps cost less (pending
   * auth lines and open login lines have caps of their own, so most states hold nothing).
   */
  private forgetFirstSessions(): void {
    const half = Math.floor(this.opt.maxSessions / 2);
    for (const [id, state] of this.sessions) {
      if (this.sessions.size <= half) break;
      if (state.pending === null && state.open === null) this.sessions.delete(id);
    }
    // When more than half still hold something, the next sweep waits until half as many again have come, so
    // sweeps stay rare (and the sessions at most the cap plus those held, which have caps of their own).
    this.forgetAt = Math.max(this.opt.maxSessions, this.sessions.size + half);
  }

  /** Remembers the last auth line of a session; true when `ev` repeats it (a passdb chain, one try). */
  private isRepeatOfSameTry(session: SessionState, ev: AuthFailure): boolean {
    const repeat =
      ev.origin !== 'system-pam' &&
      ev.undated === undefined &&
      session.lastUser === ev.user &&
      session.lastPassword === ev.password &&
      Math.abs(ev.ts - session.lastTs) <= SAME_TRY_SECS;
    session.lastTs = ev.ts;
    session.lastUser = ev.user;
    session.lastPassword = ev.password;
    return repeat;
  }

  private isAlreadyCountedByLogin(session: SessionState): boolean {
    if (session.rowsWithoutAuthLine === 0) return false;
    session.rowsWithoutAuthLine--;
    return true;
  }

  /** The address's partners of the kind `systemPam` says. */
  private partnersOf(systemPam: boolean): QueuesByIp<PamPartner> {
    return systemPam ? this.systemPamPartners : this.dovecotPamPartners;
  }

  /**
   * The oldest unpaired partner of the other kind within pamPairSecs. Paired ones are taken off the front, so
   * an address trying many times a second (or a crafted log whose clock stands still, where nothing expires)
   * costs a look at the few unpaired, not at every line it wrote (100,000 system PAM lines in one second: 36 s).
   */
  private findPamPartner(ev: AuthFailure): PamPartner | null {
    const others = this.partnersOf(!isSystemPam(ev));
    const queue = others.get(ev.ip);
    if (queue === undefined) return null;
    others.trim(ev.ip, queue, isPaired);
    for (let i = 0; i < queue.size; i++) {
      const p = queue.at(i);
      if (!p.paired && Math.abs(p.entry.ev.ts - ev.ts) <= this.opt.pamPairSecs) return p;
    }
    return null;
  }

  private addPamPartner(entry: PendingAuth): void {
    const partner: PamPartner = { entry, paired: false };
    this.partners.push(partner);
    this.partnersOf(isSystemPam(entry.ev)).push(entry.ev.ip, partner);
  }

  private findOpenLogin(ev: AuthFailure, session: SessionState | null): OpenLogin | null {
    if (session !== null) {
      const open = session.open;
      return open !== null && !open.done ? open : null;
    }
    // Only a line without session looks for a login line by address, among that address's: open logins are
    // those of the last few seconds, but a busy server (or a crafted log whose clock stands still) has
    // thousands of them, and looking through all at each such line took 44 s of 200,000 lines.
    const queue = this.openLoginsByIp.get(ev.ip);
    if (queue === undefined) return null;
    this.openLoginsByIp.trim(ev.ip, queue, isClosed);
    // The login line's window must hold the auth line's time, as when a login line claims earlier lines: where
    // the log's time went back (two logs pasted together, a collection of sample lines), a login line still
    // open from months later took an auth line that was no try of its own. Only the first few are looked at:
    // open logins of one address are in log order, and the first that holds the time is the oldest that can.
    const n = Math.min(queue.size, MAX_OPEN_LOGINS_LOOKED_AT);
    for (let i = 0; i < n; i++) {
      const open = queue.at(i);
      if (!open.done && this.windowHolds(open.ev, ev.ts)) return open;
    }
    return null;
  }

  /** Where a login line's `in T secs` window starts, with slack: its earliest auth line may be this old. */
  private windowStart(login: LoginFailure): number {
    return login.ts - (login.secs ?? this.opt.defaultWindowSecs) - this.opt.slackSecs;
  }

  /** Where a login line's window ends, with slack: its auth lines may be logged this late. */
  private windowEnd(login: LoginFailure): number {
    return login.ts + this.opt.slackSecs;
  }

  /** Whether `ts` is within a login line's window (windowStart to windowEnd). */
  private windowHolds(login: LoginFailure, ts: number): boolean {
    return ts >= this.windowStart(login) && ts <= this.windowEnd(login);
  }

  /** Takes every pending auth line of a session, oldest first. */
  private claimSession(session: SessionState): PendingAuth[] {
    const list = session.pending;
    if (list === null) return [];
    session.pending = null;
    const claimed = list.filter((e) => !e.done);
    for (const e of claimed) e.done = true;
    return claimed;
  }

  /** Takes up to `limit` session-less pending auth lines of an IP logged within [from, to], oldest first. */
  private claimSessionless(ip: string, from: number, to: number, limit: number): PendingAuth[] {
    if (this.sessionlessByIp.size === 0) return []; // the common case: every auth line had its session
    const queue = this.sessionlessByIp.get(ip);
    if (queue === undefined) return [];
    const claimed: PendingAuth[] = [];
    for (let i = queue.openSince(from); i < queue.size && claimed.length < limit; i++) {
      const entry = queue.at(i);
      // A line postfix's echoed was an SMTP AUTH try: no IMAP or POP3 login line's.
      if (entry.done || entry.saslEchoed || entry.ev.ts < from || entry.ev.ts > to) continue;
      entry.done = true;
      claimed.push(entry);
    }
    this.sessionlessByIp.trim(ip, queue, isDone);
    return claimed;
  }

  /** Takes a pending entry out without emitting it (its try is represented by another line). */
  private retire(entry: PendingAuth): void {
    entry.done = true;
    const session = entry.session;
    if (session !== null) {
      const list = session.pending;
      if (list !== null) {
        const at = list.indexOf(entry);
        if (at !== -1) list.splice(at, 1);
        if (list.length === 0) session.pending = null;
      }
    } else {
      const queue = this.sessionlessByIp.get(entry.ev.ip);
      if (queue !== undefined) this.sessionlessByIp.trim(entry.ev.ip, queue, isDone);
    }
  }

  private emitJoined(entry: PendingAuth, login: LoginFailure | LoginSuccess): void {
    if (entry.carried !== null) {
      if (login.service !== null) this.sink.serviceOf?.({ ...entry.carried, service: login.service });
      return;
    }
    const ev = entry.ev;
    this.sink.attempt({
      ts: ev.ts,
      ip: ev.ip,
      user: ev.user ?? login.user,
      password: ev.password,
      service: login.service ?? ev.service,
      line: entry.line,
    });
  }

  private emitAlone(entry: PendingAuth): void {
    this.retire(entry);
    const ev = entry.ev;
    this.sink.attempt({ ts: ev.ts, ip: ev.ip, user: ev.user, password: ev.password, service: ev.service, line: entry.line });
    if (entry.session === null) return;
    const session = this.touch(entry.session, ev.ts);
    session.emittedAlone++;
    if (ev.service === null) noteAloneRow(session, ev.ts, entry.line);
  }

  /** Gives the session's rows emitted alone the service its login line names, once. */
  private giveService(session: SessionState, service: string | null): void {
    if (session.alone === null || service === null) return;
    for (const alone of session.alone) this.sink.serviceOf?.({ source: alone.source, rows: alone.rows, service });
    session.alone = null;
  }

  /** One try of a login line that no auth line stands for: at the login line, without password. */
  private emitAtLoginLine(ev: LoginFailure, line: number): void {
    this.sink.attempt({ ts: ev.ts, ip: ev.ip, user: ev.user, password: null, service: ev.service, line });
  }

  /** Emits the tries a login line still accounts for, without password. */
  private closeLogin(open: OpenLogin): void {
    const ev = open.ev;
    for (let i = 0; i < open.remaining; i++) this.emitAtLoginLine(ev, open.line);
    if (open.session !== null) this.touch(open.session, ev.ts).rowsWithoutAuthLine += open.remaining;
    this.dropOpenLogin(open);
  }

  /** A session heard of again at `ts`. A state with pending lines or an open login is never pruned, so it is the one its id finds. */
  private touch(session: SessionState, ts: number): SessionState {
    if (ts > session.seenAt) session.seenAt = ts;
    return session;
  }

  private dropOpenLogin(open: OpenLogin): void {
    open.done = true;
    open.remaining = 0;
    if (open.session !== null && open.session.open === open) open.session.open = null;
  }

  /** Releases whatever is too old relative to the log time `now`. */
  private expire(now: number): void {
    for (let head = this.openLogins.peek(); head !== undefined; head = this.openLogins.peek()) {
      const tooMany = this.openLogins.size > this.opt.maxPending;
      if (!head.done && !tooMany && head.ev.ts + this.opt.slackSecs >= now) break;
      this.openLogins.shift();
      this.openLoginsByIp.popped(head.ev.ip, head);
      if (!head.done) this.closeLogin(head);
    }
    for (let head = this.pending.peek(); head !== undefined; head = this.pending.peek()) {
      const tooMany = this.pending.size > this.opt.maxPending;
      if (!head.done && !tooMany && head.ev.ts >= now - this.opt.horizonSecs) break;
      this.pending.shift();
      if (!head.done) this.emitAlone(head);
    }
    for (let head = this.carried.peek(); head !== undefined; head = this.carried.peek()) {
      if (!head.done && head.ev.ts >= now - this.opt.horizonSecs) break;
      this.carried.shift();
      if (!head.done) this.retire(head); // its row is in: nothing more to emit
    }
    for (let head = this.partners.peek(); head !== undefined; head = this.partners.peek()) {
      // Capped as the pending lines are: a log whose clock stands still expires nothing by time.
      const tooMany = this.partners.size > this.opt.maxPending;
      if (!tooMany && head.entry.ev.ts >= now - this.opt.pamPairSecs - this.opt.slackSecs) break;
      this.partners.shift();
      this.partnersOf(isSystemPam(head.entry.ev)).popped(head.entry.ev.ip, head);
    }
    // Sessions are swept once per horizon of log time: O(size) then, nothing on other events. One that still
    // has lines waiting stays (they expire within a horizon, so it goes at a later sweep). A log whose time
    // jumps back and forth by more than a horizon (a host whose clock is days off, merged with others; stamps
    // damaged on disk) asks for a sweep at nearly every event: a sweep also waits until the events since the
    // last one pay for it. A log in time order has paid by the time a sweep is due (the sessions held are
    // those of the last two or three horizons), so it is swept as before. Sweeping whenever due took 5.7 s of
    // 200,000 lines with damaged stamps (541 million visits); now 1.0 s.
    this.eventsSinceSweep++;
    const due = now - this.sessionsPrunedAt >= this.opt.horizonSecs || now < this.sessionsPrunedAt;
    if (due && this.eventsSinceSweep * SESSIONS_PER_SWEEP_EVENT >= this.sessions.size) {
      this.sessionsPrunedAt = now;
      this.eventsSinceSweep = 0;
      for (const [id, session] of this.sessions) {
        if (session.seenAt < now - 2 * this.opt.horizonSecs && session.pending === null && session.open === null) {
          if (session.rowsWithoutAuthLine > 0 && session.seenAt >= this.stretchFrom && session.seenAt <= this.stretchFrom + this.opt.horizonSecs
            && this.heads.size < MAX_HEADS) this.heads.set(id, session);
          this.sessions.delete(id);
        }
      }
    }
  }
}
