// The same dovecot lines written to several files of one server. rsyslog on Debian and Ubuntu writes mail.*
// to mail.log and to syslog (and on older Debian to mail.info as well), so a folder given whole (/var/log)
// holds every try two or three times. Each file is read and joined on its own (ingest-file.ts); afterwards a
// source whose rows are, for the most part, rows of another source over the time they share (or which holds
// most of the other's rows there) is such a copy, and its rows that the other holds too are taken out: the try
// counts once, in the file read first.
//
// Rows are the same when their time, address, user, password and service are (for logins: time, address,
// user, service; a service one of them does not name is the other's), counted with their multiplicity: a brute
// force writes alike rows in one second, and each of them is a try. Copies are looked for among files anywhere
// whose syslog lines do not name two servers (mayBeOneServer; an extract kept apart from its log, `grep dovecot
// /var/log/mail.log > ~/case/dovecot.txt`); in two folders they must hold most rows of the time they share, and
// nearly all of them unless both name the same server (unnamedApart): two servers' logs of the same swarm (mx1/,
// mx2/) keep all theirs. The system PAM module's lines in auth.log, the same tries in other words, are matched to
// dovecot's apart (removeSystemPamEchoes), and so are postfix's lines on failed SMTP AUTH in a file of their own
// (removePostfixSaslEchoes).
import path from 'node:path';
import { rotationBase } from '../ingest/collect-files';
import { SASL_ECHO_AFTER_SECS, SASL_ECHO_BEFORE_SECS } from '../parse/session-join';
import { SSH_SERVICE } from '../parse/ssh-connections';
import { allRows, type Database, type SqlValue } from './sqlite';

/** A source is a copy of another when at least this share of its rows in their shared time are the other's. */
export const COPY_SHARE = 0.5;
/**
 * And when it shares at least this many rows with the files it copies (or, for the PAM module's lines, matches
 * this many of dovecot's), unless both are one server's logs by name (SERVER_LOG_FILES): a few alike rows are as
 * likely two files of samples of the same try, written in other words (a folder of one-line files, as the
 * acceptance corpora are), as a copy.
 */
export const MIN_COPY_ROWS = 10;

/**
 * The files one server's syslog and dovecot write its tries to: rsyslog on Debian and Ubuntu writes mail.* to
 * mail.log and to syslog (older Debian to mail.info too, warnings to mail.warn and errors to mail.err), Red Hat
 * to maillog, some setups to messages as well; the PAM module's lines go to auth.log (secure on Red Hat); and
 * dovecot's own log_path file is dovecot.log (dovecot-info.log for info_log_path) by custom; Exim writes its own
 * main log (exim_mainlog beside maillog on cPanel, exim4/mainlog on Debian). Two of them in one
 * folder (rotations included: mail.log.1, syslog.2.gz) that share tries are copies however few: a small server's
 * day of three tries counts them once, and no folder of samples names its files so.
 */
const SERVER_LOG_FILES = new Set(['mail.log', 'mail.info', 'mail.warn', 'mail.err', 'maillog', 'syslog', 'messages', 'auth.log', 'secure', 'dovecot.log', 'dovecot-info.log', 'exim_mainlog', 'mainlog']);

/** Which of SERVER_LOG_FILES a file is by its name (its rotations too: syslog.2.gz is syslog), or null. */
function serverLogName(file: string): string | null {
  const name = rotationBase(path.basename(file));
  return SERVER_LOG_FILES.has(name) ? name : null;
}

/**
 * The folder of one server's logs that a file lies in: its own, but for Debian's Exim, which writes its main log to
 * a folder of its own inside /var/log (exim4/mainlog, beside mail.log one level up).
 */
function serverFolder(file: string): string {
  const dir = path.dirname(file);
  return serverLogName(file) === 'mainlog' && /^exim4?$/.test(path.basename(dir)) ? path.dirname(dir) : dir;
}

/**
 * Whether two files of one folder are two of SERVER_LOG_FILES (not one log and its own rotation), or one path
 * read twice, when the file there was written anew (a journal exported again, from a later start): their
 * shared tries are copies however few.
 */
function oneServersLogs(a: SourceFacts, b: SourceFacts): boolean {
  if (a.path === b.path) return true;
  return a.folder === b.folder && a.serverLog !== null && b.serverLog !== null && a.serverLog !== b.serverLog;
}

/** A list of ids as one parameter (`IN (SELECT value FROM json_each(?))`): no number of files meets SQLite's limit on parameters. */
const idList = (ids: readonly number[]): string => JSON.stringify(ids);

export interface RepeatedRows {
  attempts: number;
  logins: number;
  /** Ids of the sources whose rows these were already. */
  copyOf: number[];
  /**
   * How they were the other's: the same lines, the system PAM module's or postfix's word on dovecot's tries, or
   * a first passdb turning down a name that the next accepted (the login in another file).
   */
  kind: 'same lines' | 'system PAM' | 'postfix SASL' | 'login lines' | 'first passdb';
}

interface RowTable {
  table: 'attempt_record' | 'login_record';
  /** The columns that make two rows the same try (or login), beside the time. */
  columns: string[];
}

/** The id of the service `ssh` (NULL in a case without sshd's rows). */
const SSH_ID = `(SELECT id FROM service WHERE value = '${SSH_SERVICE}')`;
/**
 * sshd's rows are never another file's words on a mail try: an address that tries the same name by SSH and by
 * IMAP within minutes tried twice. The echo matching leaves them out on both sides. (Rows without a service,
 * dovecot's auth lines, are in, also where the case has no `ssh`.)
 */
const notSsh = (column = 'service_id'): string => `(${column} IS NULL OR ${column} <> coalesce(${SSH_ID}, -1))`;
const NOT_SSH = notSsh();

const ATTEMPTS: RowTable = { table: 'attempt_record', columns: ['ip_id', 'user_id', 'password_id', 'service_id'] };
const LOGINS: RowTable = { table: 'login_record', columns: ['ip_id', 'user_id', 'service_id'] };

function all(db: Database, sql: string, params: SqlValue[]): SqlValue[][] {
  const stmt = db.prepare(sql);
  try {
    return allRows(stmt, params);
  } finally {
    stmt.free();
  }
}

/**
 * The column a row leaves NULL where the same try's row in another file names it: dovecot's auth line on an
 * SMTP AUTH try names no service, and mail.log joins it to postfix's line (smtp); a file of dovecot's lines
 * alone (`grep dovecot mail.log`, or mail.info where postfix logs elsewhere) keeps it without.
 */
const UNSAID_IN_ONE_FILE = 'service_id';

/**
 * `a.c IS b.c AND ...`: NULL (a user the log did not name) is the same as NULL; a service one row does not
 * name is the other's (UNSAID_IN_ONE_FILE), unless that is ssh: an sshd try is never a mail log's.
 */
function sameKey(t: RowTable, a: string, b: string): string {
  const s = UNSAID_IN_ONE_FILE;
  return `${sameButService(t, a, b)} AND (${a}.${s} IS ${b}.${s} OR (${a}.${s} IS NULL AND ${notSsh(`${b}.${s}`)}) OR (${b}.${s} IS NULL AND ${notSsh(`${a}.${s}`)}))`;
}

/** `a.ts = b.ts AND a.c IS b.c ...` for every column of the key but the service. */
function sameButService(t: RowTable, a: string, b: string): string {
  return [`${a}.ts = ${b}.ts`, ...t.columns.filter((c) => c !== UNSAID_IN_ONE_FILE).map((c) => `${a}.${c} IS ${b}.${c}`)].join(' AND ');
}

/**
 * Gives the rows of `other` in [from, to] that name no service the service of a row of `id` that is the same
 * try (sameKey), before `id`'s are taken out as `other`'s: the try counts once, and with what the file read
 * later says of it (smtp, from postfix's line). A service that `other` names at that key already is another
 * try's: the same name tried by SMTP and by submission in one second are two.
 */
function nameUnsaidServices(db: Database, t: RowTable, id: number, other: number, from: number, to: number): void {
  const service = UNSAID_IN_ONE_FILE;
  const sameTry = (a: string, b: string): string => sameButService(t, a, b);
  db.run(`
    UPDATE ${t.table} AS theirs SET ${service} = (
      SELECT min(mine.${service}) FROM ${t.table} AS mine
      WHERE mine.source_id = ? AND ${sameTry('mine', 'theirs')} AND mine.${service} IS NOT NULL AND ${notSsh(`mine.${service}`)}
        AND NOT EXISTS (SELECT 1 FROM ${t.table} AS named WHERE named.source_id = theirs.source_id AND ${sameTry('named', 'theirs')} AND named.${service} = mine.${service}))
    WHERE theirs.source_id = ? AND theirs.ts BETWEEN ? AND ? AND theirs.${service} IS NULL
      AND EXISTS (SELECT 1 FROM ${t.table} AS mine WHERE mine.source_id = ? AND ${sameTry('mine', 'theirs')} AND mine.${service} IS NOT NULL AND ${notSsh(`mine.${service}`)})`,
  [id, other, from, to, id]);
}

/** What the case knows of a source, read once for a whole drop (sourceFacts). */
export interface SourceFacts {
  id: number;
  path: string;
  /**
   * The folder it lies in (serverFolder: /var/log for /var/log/exim4/mainlog). Copies are looked for among the
   * files of one folder, as one server's logs lie (/var/log/mail.log, /var/log/syslog); two servers' logs gathered
   * for a case are kept apart (mx1/mail.log, mx2/mail.log), and never taken as copies.
   */
  folder: string;
  /** Which of one server's logs it is by name (serverLogName), or null. */
  serverLog: string | null;
  /** The server its syslog lines name (ingest/log-host.ts), or null. */
  host: string | null;
  /** The time span of its attempts and logins, in seconds (NaN when it has none). */
  from: number;
  to: number;
  /**
   * Every attempt line of it was the system PAM module's, sshd's aside: auth.log holds the PAM module's lines on
   * dovecot's tries beside sshd's own lines, which are no other file's tries.
   */
  systemPamOnly: boolean;
  /** Every attempt line of it was postfix's on a failed SMTP AUTH, sshd's aside. */
  postfixSaslOnly: boolean;
  /** It holds sshd's lines. */
  holdsSshd: boolean;
  /** It holds lines of dovecot's auth process (false where the case does not know: read before migration 16). */
  holdsAuthLines: boolean;
  /**
   * Its attempt lines, sshd's aside, were all dovecot's login processes' (`Disconnected (auth failed, ...)`), as it
   * knows (never for a source read before migration 16): on a server whose auth process logs too, an extract.
   */
  loginLinesOnly: boolean;
}

function secondsOf(stamp: SqlValue): number {
  return stamp === null ? Number.NaN : Date.parse(`${String(stamp).replace(' ', 'T')}Z`) / 1000;
}

export function sourceFacts(db: Database): SourceFacts[] {
  return all(db, `
    SELECT id, path, first_ts, last_ts,
           attempt_lines > sshd_lines AND system_pam_lines = attempt_lines - sshd_lines,
           attempt_lines > sshd_lines AND postfix_sasl_lines = attempt_lines - sshd_lines, host, sshd_lines > 0,
           coalesce(dovecot_auth_lines > 0, 0),
           coalesce(dovecot_auth_lines = 0 AND system_pam_lines = 0 AND postfix_sasl_lines = 0 AND attempt_lines > sshd_lines, 0)
    FROM source ORDER BY id`, [])
    .map(([id, p, from, to, pam, postfix, host, sshd, authLines, loginLines]) => ({
      id: Number(id), path: String(p), folder: serverFolder(String(p)), serverLog: serverLogName(String(p)), host: host === null ? null : String(host),
      from: secondsOf(from), to: secondsOf(to), systemPamOnly: Number(pam) === 1, postfixSaslOnly: Number(postfix) === 1, holdsSshd: Number(sshd) === 1,
      holdsAuthLines: Number(authLines) === 1, loginLinesOnly: Number(loginLines) === 1,
    }));
}

/**
 * Whether two sources may hold one server's lines, and are compared for copies of each other's: not when their
 * syslog lines name two servers (a swarm tries both MX hosts at the same second with the same names: those are two
 * tries each). In one folder or two: a log and what was grep'd out of it into a working folder, or a copy of a log
 * kept elsewhere. Files of two folders must share most rows of their shared time (never a few, as one server's logs
 * by name may: two servers of two folders may both be called `mail`), and nearly all of them unless both name the
 * same server (unnamedApart).
 */
export function mayBeOneServer(a: SourceFacts, b: SourceFacts): boolean {
  return a.host === null || b.host === null || a.host === b.host;
}

/**
 * Whether two files of two folders are compared as a log and its copy or extract kept elsewhere with nothing but
 * their rows to tell: the lines of one of them name no server (dovecot's own log_path file, `grep 'auth failed'
 * /var/log/dovecot.log > ~/case/failures.txt`) or several (a central log host's file, and `grep mx1` of it). They
 * are copies when nearly all the rows of the time they share are the same to the second, with the same address,
 * user and password (UNNAMED_COPY_SHARE), which two servers' logs are not unless nearly all they hold is one
 * swarm's tries, made at both in the same second.
 */
export function unnamedApart(a: SourceFacts, b: SourceFacts): boolean {
  return a.folder !== b.folder && (a.host === null || b.host === null);
}

/** The share of a file's rows in the time it shares with a file of another folder that must be the other's when not both name its server. */
export const UNNAMED_COPY_SHARE = 0.9;

/** A source of words on tries that other sources of its folder may hold in dovecot's own (see the header). */
export function isEchoSource(facts: SourceFacts): boolean {
  return facts.systemPamOnly || facts.postfixSaslOnly;
}

/** Whether `other`, read before `target`, may hold its lines (mayBeOneServer), their time spans meeting: the file read first keeps the rows. */
function earlierBeside(target: SourceFacts, other: SourceFacts): boolean {
  return other.id < target.id && other.from <= target.to && other.to >= target.from && mayBeOneServer(other, target);
}

/**
 * The sources by id, made once for the list a whole drop is compared with: each of thousands of files looks up the
 * few that hold its rows (a map made for each of them cost a fifth more in 6,000 small files' copy search).
 */
const factsById = new WeakMap<readonly SourceFacts[], Map<number, SourceFacts>>();
function byId(sources: readonly SourceFacts[]): Map<number, SourceFacts> {
  let index = factsById.get(sources);
  if (!index) factsById.set(sources, (index = new Map(sources.map((o) => [o.id, o]))));
  return index;
}

/**
 * For every other source that holds rows of `id` in its span, how many (with multiplicity), in one pass. The
 * file's own rows are grouped first, and each group then finds its like by time through the primary key (CROSS
 * JOIN keeps that order): grouping every row of the other files over the span instead cost time that grew with the
 * square of the files whose times overlap (a folder of many servers' logs, as a central syslog host keeps them,
 * took 8.8 s of 15 for 12 files). The sources it may copy are chosen from the answer, not named in the query: a
 * list of every source whose time meets its own, for each of thousands of small files, cost time that grew with
 * the square of their number.
 */
function sharedRows(db: Database, t: RowTable, id: number, span: SourceFacts): Map<number, number> {
  const group = ['ts', ...t.columns].join(', ');
  return new Map(all(db, `
    WITH mine AS MATERIALIZED (SELECT ${group}, count(*) AS n FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ? GROUP BY ${group}),
         pairs AS (
           SELECT theirs.source_id AS other, min(mine.n, count(*)) AS shared
           FROM mine CROSS JOIN ${t.table} AS theirs
           WHERE ${sameKey(t, 'theirs', 'mine')} AND theirs.source_id <> ?
           GROUP BY theirs.source_id, ${t.columns.concat('ts').map((c) => `mine.${c}`).join(', ')})
    SELECT other, sum(shared) FROM pairs GROUP BY other`,
  [id, span.from, span.to, id]).map(([other, n]) => [Number(other), Number(n)]));
}

/** The time both sources span, in seconds. */
function sharedSpan(a: SourceFacts, b: SourceFacts): [from: number, to: number] {
  return [Math.max(a.from, b.from), Math.min(a.to, b.to)];
}

function rowsWithin(db: Database, t: RowTable, id: number, from: number, to: number): number {
  return Number(all(db, `SELECT count(*) FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ?`, [id, from, to])[0][0]);
}

/** Deletes the rows of `id` in [from, to] that the other source holds too, as many of each as it holds. */
function deleteShared(db: Database, t: RowTable, id: number, other: number, from: number, to: number): number {
  nameUnsaidServices(db, t, id, other, from, to);
  const group = ['ts', ...t.columns].join(', ');
  // Each row of `id` counts the other's like it through the primary key (ts), as sharedRows does.
  db.run(`
    WITH mine AS MATERIALIZED (SELECT ts, id, ${t.columns.join(', ')}, row_number() OVER (PARTITION BY ${group} ORDER BY id) AS k
                               FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ?)
    DELETE FROM ${t.table} WHERE source_id = ? AND (ts, id) IN (
      SELECT mine.ts, mine.id FROM mine
      WHERE mine.k <= (SELECT count(*) FROM ${t.table} AS theirs WHERE ${sameKey(t, 'theirs', 'mine')} AND theirs.source_id = ?))`,
  [id, from, to, id, other]);
  return db.getRowsModified();
}

/** Takes out of `id` the rows that the sources it may copy (`mayCopy`, of `sources`) hold too. */
function removeFrom(
  db: Database, t: RowTable, id: number, span: SourceFacts, mayCopy: (other: SourceFacts) => boolean, sources: readonly SourceFacts[], copyOf: Set<number>,
): number {
  const same = sharedRows(db, t, id, span);
  const sourcesById = byId(sources);
  // Those that hold some of its rows, in the order read (see below).
  const others = [...same.keys()].sort((a, b) => a - b).flatMap((other) => {
    const facts = sourcesById.get(other);
    return facts && mayCopy(facts) ? [facts] : [];
  });
  if (!others.length) return 0;
  const twins = (other: SourceFacts): boolean => oneServersLogs(span, other);
  if (others.reduce((n, other) => n + (same.get(other.id) ?? 0), 0) < MIN_COPY_ROWS && !others.some(twins)) return 0;
  // The sources it copies: most of its rows in the time both span are theirs (syslog's day may straddle two of
  // mail.log's weeks, and share only a few rows with one of them), or most of theirs are its. The latter is a
  // file read before that lost rows to a copy of its own: mail.log read after mail.info (dovecot's lines alone)
  // keeps only postfix's, and syslog, read last, holds all of mail.log's rows but is mostly mail.info's.
  const copied = others.filter((other) => {
    const n = same.get(other.id) ?? 0;
    if (n === 0) return false;
    const [from, to] = sharedSpan(span, other);
    // Nothing but their rows says two such files are one server's: a few alike rows may be samples of one try.
    const unnamed = unnamedApart(span, other);
    if (unnamed && n < MIN_COPY_ROWS) return false;
    const share = unnamed ? UNNAMED_COPY_SHARE : COPY_SHARE;
    return n >= share * rowsWithin(db, t, id, from, to) || n >= share * rowsWithin(db, t, other.id, from, to);
  });
  const shared = copied.reduce((n, other) => n + (same.get(other.id) ?? 0), 0);
  if (shared < MIN_COPY_ROWS && !(shared > 0 && copied.every(twins))) return 0;
  let removed = 0;
  // In the order read: an earlier copy takes its rows first (mail.log before syslog).
  for (const other of copied) {
    const deleted = deleteShared(db, t, id, other.id, ...sharedSpan(span, other));
    if (deleted) copyOf.add(other.id);
    removed += deleted;
  }
  return removed;
}

/**
 * Takes out of source `id` the attempts and logins that are another source's again (see the header). The
 * caller runs it in a transaction and recomputes the rollups when anything was taken out. A source of the PAM
 * module's or postfix's words on tries goes through it too, after its echoes are matched: auth.log beside a
 * messages that holds the auth facility again (the PAM lines, sshd's tries and logins), as some distributions
 * write every facility there. It is compared with the logs that may hold its lines (such words, or sshd's)
 * alone: a dovecot row that stood for one of its PAM rows must not take out another alike.
 */
export function removeRepeatedRows(db: Database, target: SourceFacts, sources: readonly SourceFacts[]): RepeatedRows {
  const copyOf = new Set<number>();
  if (Number.isNaN(target.from)) return { attempts: 0, logins: 0, copyOf: [], kind: 'same lines' };
  const mayCopy = (o: SourceFacts): boolean => earlierBeside(target, o) && (!isEchoSource(target) || isEchoSource(o) || o.holdsSshd);
  // The rows of a source are read by time (no index by source keeps the case small): not where none may be copied.
  if (!sources.some(mayCopy)) return { attempts: 0, logins: 0, copyOf: [], kind: 'same lines' };
  const attempts = removeFrom(db, ATTEMPTS, target.id, target, mayCopy, sources, copyOf);
  const logins = removeFrom(db, LOGINS, target.id, target, mayCopy, sources, copyOf);
  return { attempts, logins, copyOf: [...copyOf].sort((a, b) => a - b), kind: 'same lines' };
}

/** A row of a source of words on tries (the PAM module's, postfix's), to be matched to another source's. */
interface EchoRow {
  ts: number;
  id: number;
  ip: number;
  user: number | null;
  service: number | null;
}

/** A row of another source of the folder that an echo row may be the same try as. */
interface Candidate {
  ts: number;
  /** The row's id (with ts, its key). */
  id: number;
  user: number | null;
  service: number | null;
  source: number;
  taken: boolean;
}

const idOrNull = (v: SqlValue): number | null => (v === null ? null : Number(v));

/** The attempt rows of source `id`, in time order (sshd's aside). */
function echoRows(db: Database, id: number): EchoRow[] {
  return all(db, `SELECT ts, id, ip_id, user_id, service_id FROM attempt_record WHERE source_id = ? AND ${NOT_SSH} ORDER BY ts, id`, [id])
    .map(([ts, rowId, ip, user, service]) => ({ ts: Number(ts), id: Number(rowId), ip: Number(ip), user: idOrNull(user), service: idOrNull(service) }));
}

/** The attempt rows of the `sources` from `from` to `to` (sshd's aside), by address, each list in time order. */
function candidatesByIp(db: Database, sources: readonly number[], from: number, to: number): Map<number, Candidate[]> {
  const byIp = new Map<number, Candidate[]>();
  for (const [ts, id, ip, user, service, source] of all(db, `
      SELECT ts, id, ip_id, user_id, service_id, source_id FROM attempt_record
      WHERE ts BETWEEN ? AND ? AND source_id IN (SELECT value FROM json_each(?)) AND ${NOT_SSH} ORDER BY ts`,
  [from, to, idList(sources)])) {
    const row: Candidate = { ts: Number(ts), id: Number(id), user: idOrNull(user), service: idOrNull(service), source: Number(source), taken: false };
    const list = byIp.get(Number(ip));
    if (list) list.push(row);
    else byIp.set(Number(ip), [row]);
  }
  return byIp;
}

/**
 * Takes out of `target` the echo rows `matched` found, when they are MIN_COPY_ROWS at least or the files are
 * one server's logs (oneServersLogs); says what was taken out. With `nameServices`, a row kept for an echo
 * that names no service gets the echo's: dovecot's auth line on an SMTP AUTH try names none, postfix's line
 * of it says smtp or submission.
 */
function takeOutMatched(
  db: Database, target: SourceFacts, sources: readonly SourceFacts[], found: EchoMatches, kind: RepeatedRows['kind'], nameServices = false,
): RepeatedRows {
  const { matched, kept, copyOf } = found;
  const serversLogs = [...copyOf].every((id) => {
    const other = sources.find((o) => o.id === id);
    return other !== undefined && oneServersLogs(target, other);
  });
  if (!matched.length || (matched.length < MIN_COPY_ROWS && !serversLogs)) return { attempts: 0, logins: 0, copyOf: [], kind };
  if (nameServices) nameKeptServices(db, matched, kept);
  deleteRows(db, matched);
  return { attempts: matched.length, logins: 0, copyOf: [...copyOf].sort((a, b) => a - b), kind };
}

function nameKeptServices(db: Database, matched: readonly EchoRow[], kept: readonly Candidate[]): void {
  const name = db.prepare('UPDATE attempt_record SET service_id = ? WHERE ts = ? AND id = ?');
  try {
    matched.forEach((echo, i) => {
      if (echo.service !== null && kept[i].service === null) name.run([echo.service, kept[i].ts, kept[i].id]);
    });
  } finally {
    name.free();
  }
}

/** Echo rows that found a row of another source (`kept[i]` for `matched[i]`), and those rows' sources. */
interface EchoMatches {
  matched: EchoRow[];
  kept: Candidate[];
  copyOf: Set<number>;
}

/**
 * Matches each echo row, in time order, to the earliest free candidate of its address (`byIp`, each list in
 * time order) from `before` seconds before it to `after` seconds after, with the same user (or, failing that,
 * one not said), that `fits` it: one try, one row.
 */
function matchOneToOne(
  echoes: readonly EchoRow[], byIp: Map<number, Candidate[]>, before: number, after: number, fits: (candidate: Candidate, echo: EchoRow) => boolean,
): EchoMatches {
  const next = new Map<number, number>();
  const matched: EchoRow[] = [];
  const kept: Candidate[] = [];
  const copyOf = new Set<number>();
  for (const p of echoes) {
    const list = byIp.get(p.ip);
    if (!list) continue;
    let k = next.get(p.ip) ?? 0;
    while (k < list.length && (list[k].taken || list[k].ts < p.ts - before)) k++;
    next.set(p.ip, k);
    // The earliest with the same user, else the earliest with one not said: a row that names no user (`user=<>`)
    // takes another's only when nothing else is left for it, not the one a later row of that user needs.
    let chosen: Candidate | null = null;
    for (let j = k; j < list.length && list[j].ts <= p.ts + after; j++) {
      const d = list[j];
      if (d.taken || (d.user !== null && p.user !== null && d.user !== p.user) || !fits(d, p)) continue;
      if (d.user === p.user) {
        chosen = d;
        break;
      }
      chosen ??= d;
    }
    if (chosen) {
      chosen.taken = true;
      matched.push(p);
      kept.push(chosen);
      copyOf.add(chosen.source);
    }
  }
  return { matched, kept, copyOf };
}

function deleteRows(db: Database, rows: readonly { ts: number; id: number }[]): void {
  const remove = db.prepare('DELETE FROM attempt_record WHERE ts = ? AND id = ?');
  try {
    for (const r of rows) remove.run([r.ts, r.id]);
  } finally {
    remove.free();
  }
}

/**
 * Seconds a dovecot row of a try may come before the PAM line of it (two writers' clocks), and after it: the
 * login process writes its line when the connection closes, `N attempts in T secs` after the first, while
 * the auth process writes its own (a row without a service: SMTP AUTH that Postfix asks dovecot for) at once.
 */
const PAM_BEFORE_SECS = 5;
const PAM_AFTER_SECS = 600;
const PAM_AUTH_LINE_AFTER_SECS = 5;

/**
 * Where dovecot checks passwords with PAM (Debian's default passdb), the system PAM module writes each failed
 * try to auth.log (or secure) while dovecot writes it to mail.log, in words of its own (`pam_unix(dovecot:auth):
 * authentication failure; ... rhost=IP`). A source of such lines alone (`target`) is matched, row by row, to
 * dovecot's rows in the other sources of its folder (or naming its server: see matchEchoes; not the other PAM
 * logs, such as secure beside auth.log): the same address, the same user or one not said, a moment before the
 * login line, or at the auth line's time. The rows that find one are taken out: dovecot's say more (the service,
 * the session).
 */
export function removeSystemPamEchoes(db: Database, target: SourceFacts, sources: readonly SourceFacts[]): RepeatedRows {
  const none: RepeatedRows = { attempts: 0, logins: 0, copyOf: [], kind: 'system PAM' };
  // dovecot's sources: those with attempt lines of its own (or logins alone); other PAM logs are not.
  const found = matchEchoes(target, sources, echoRows(db, target.id), (o) => !o.systemPamOnly, (neighbours, pam) => {
    const byIp = candidatesByIp(db, neighbours, pam[0].ts - PAM_BEFORE_SECS, pam[pam.length - 1].ts + PAM_AFTER_SECS);
    // Each PAM row takes the earliest free dovecot row of its address in its window: one try, one row. A row
    // with a service is a login process's, written at the end of the connection, not at the try.
    return matchOneToOne(pam, byIp, PAM_BEFORE_SECS, PAM_AFTER_SECS, (d, p) => d.service !== null || d.ts <= p.ts + PAM_AUTH_LINE_AFTER_SECS);
  });
  // The PAM lines are dovecot's (its service, or tty=dovecot): in one server's folder, a try that dovecot's
  // login lines hold too is that try, however few of them the folder's dovecot logs hold.
  return found ? takeOutMatched(db, target, sources, found, 'system PAM') : none;
}

/**
 * Matches an echo source's rows (the PAM module's, postfix's: `echoes`) to the rows of the sources that `fits`
 * takes (`match`, given some of the echoes in time order): first to those of its folder, which may be one server's
 * logs; then those left, to those of other folders whose lines name its server too (an extract kept in a working
 * folder: `grep SASL /var/log/mail.log > ~/case/sasl.txt`). Rows found in another folder count only when nearly
 * all the echoes found one (EXTRACT_SHARE), as two servers of two folders may both be called `mail`. One folder
 * at a time, so that a try's rows in a log and in its copy in another folder (read, not yet taken out as a copy)
 * do not stand for two tries. Null when nothing may match.
 */
function matchEchoes(
  target: SourceFacts, sources: readonly SourceFacts[], echoes: readonly EchoRow[], fits: (o: SourceFacts) => boolean,
  match: (neighbours: number[], echoes: readonly EchoRow[]) => EchoMatches,
): EchoMatches | null {
  if (!echoes.length) return null;
  const others = sources.filter((o) => o.id !== target.id && fits(o) && mayBeOneServer(o, target));
  const beside = others.filter((o) => o.folder === target.folder).map((o) => o.id);
  // Only where both name one server: an echo row, matched by address within seconds, with no user for postfix's,
  // is too loose a likeness to tell a copy from another server's log that a swarm tried at the same moments.
  const apart = others.filter((o) => o.folder !== target.folder && !unnamedApart(o, target)).map((o) => o.id);
  const inFolder = beside.length ? match(beside, echoes) : null;
  const found = new Set(inFolder?.matched);
  const left = echoes.filter((e) => !found.has(e));
  if (!apart.length || !left.length) return inFolder;
  const elsewhere = match(apart, left);
  if (!elsewhere.matched.length || found.size + elsewhere.matched.length < EXTRACT_SHARE * echoes.length) return inFolder;
  if (!inFolder) return elsewhere;
  return {
    matched: [...inFolder.matched, ...elsewhere.matched], kept: [...inFolder.kept, ...elsewhere.kept],
    copyOf: new Set([...inFolder.copyOf, ...elsewhere.copyOf]),
  };
}

/**
 * postfix's lines on failed SMTP AUTH in a source of their own (`target`): mail.warn, where rsyslog writes mail
 * warnings beside mail.log (Debian before 12), or mail.log beside dovecot's own log_path file. Where dovecot
 * logged the tries too (auth_verbose=yes), its rows are those tries, with the name and the password: the join
 * (parse/session-join.ts) counts the two once within one file, and this matches them across files, row by row.
 * A row of postfix's finds the earliest free row of another source of its folder (or naming its server: see
 * matchEchoes) with the same address, the same service or none said (dovecot's auth line names none), the same
 * user or one not said, from SASL_ECHO_BEFORE_SECS before it to SASL_ECHO_AFTER_SECS after (the join's window).
 * Rows of other sources of postfix's lines alone count only when read before (mail.log before mail.warn, with
 * dovecot logging elsewhere: the same lines). The system PAM module's lines are not dovecot's. The rows that
 * find one are taken out, and the row each found keeps the service it names (smtp, submission) where dovecot's
 * names none.
 */
export function removePostfixSaslEchoes(db: Database, target: SourceFacts, sources: readonly SourceFacts[]): RepeatedRows {
  const none: RepeatedRows = { attempts: 0, logins: 0, copyOf: [], kind: 'postfix SASL' };
  const id = target.id;
  if (Number.isNaN(target.from)) return none;
  const found = matchEchoes(target, sources, echoRows(db, id), (o) => !o.systemPamOnly && (!o.postfixSaslOnly || o.id < id), (neighbours, rows) => {
    const byIp = candidatesByIp(db, neighbours, target.from - SASL_ECHO_BEFORE_SECS, target.to + SASL_ECHO_AFTER_SECS);
    return matchOneToOne(rows, byIp, SASL_ECHO_BEFORE_SECS, SASL_ECHO_AFTER_SECS, (d, p) => d.service === null || p.service === null || d.service === p.service);
  });
  return found ? takeOutMatched(db, target, sources, found, 'postfix SASL', true) : none;
}

/**
 * Seconds a login process's line comes after the tries it counts (`N attempts in T secs`, written when the
 * connection closes; an idle one is closed after some three minutes), and before them (two files' clocks).
 */
const LOGIN_LINE_AFTER_TRIES_SECS = 600;
const LOGIN_LINE_BEFORE_TRIES_SECS = 5;
/**
 * The share of an extract's rows that must find a row of the log it was taken from: all of them do, where a
 * second server's log beside it (a swarm trying both with the same names) has some at most.
 */
const EXTRACT_SHARE = 0.9;

/**
 * An extract of a log's login-process lines (`grep 'auth failed' mail.log > failures.log`) beside that log, where
 * dovecot's auth process logs too: the log joined each try's auth line to its login line (the try at the auth
 * line's time, with the password), and the extract, which holds no auth lines, counted the login line's N tries
 * at the login line's time, without the password. A source of login lines alone (`target`) is matched, row by
 * row, to the rows of the sources that hold auth lines and may be its log (mayBeOneServer: in any folder, unless
 * their lines name another server): the same address, the same service or none said, the same user or one not said, from
 * LOGIN_LINE_AFTER_TRIES_SECS before it to LOGIN_LINE_BEFORE_TRIES_SECS after. When nearly all of its rows in
 * the times those sources span find one (EXTRACT_SHARE), those that did are taken out: the log's say more. Its
 * rows of other times (a rotation of the log from before the auth process logged, auth_verbose=no) are the same
 * lines as that rotation's, found as such (removeRepeatedRows). A server that logs no auth lines at all has none
 * of those sources.
 */
export function removeLoginLineEchoes(db: Database, target: SourceFacts, sources: readonly SourceFacts[]): RepeatedRows {
  const none: RepeatedRows = { attempts: 0, logins: 0, copyOf: [], kind: 'login lines' };
  if (!target.loginLinesOnly || Number.isNaN(target.from)) return none;
  // Those whose rows may be the same tries: a window before the extract's first row to just after its last (the
  // rotations of a log from before the auth process logged meet none, and cost no query).
  const neighbours = sources.filter((o) => o.id !== target.id && o.holdsAuthLines && mayBeOneServer(o, target)
    && o.from <= target.to + LOGIN_LINE_BEFORE_TRIES_SECS && o.to >= target.from - LOGIN_LINE_AFTER_TRIES_SECS);
  if (!neighbours.length) return none;
  // The rows that a row of those sources may be the same try as: those at most a window after one's span.
  const matchable = echoRows(db, target.id)
    .filter((p) => neighbours.some((o) => p.ts >= o.from - LOGIN_LINE_BEFORE_TRIES_SECS && p.ts <= o.to + LOGIN_LINE_AFTER_TRIES_SECS));
  if (!matchable.length) return none;
  const byIp = candidatesByIp(db, neighbours.map((o) => o.id), target.from - LOGIN_LINE_AFTER_TRIES_SECS, target.to + LOGIN_LINE_BEFORE_TRIES_SECS);
  const found = matchOneToOne(matchable, byIp, LOGIN_LINE_AFTER_TRIES_SECS, LOGIN_LINE_BEFORE_TRIES_SECS,
    (d, p) => d.service === null || p.service === null || d.service === p.service);
  if (found.matched.length < EXTRACT_SHARE * matchable.length) return none;
  // A few rows found only in files of other folders that do not name its server say nothing of whose they are.
  const unnamed = new Set(neighbours.filter((o) => unnamedApart(o, target)).map((o) => o.id));
  if (found.matched.length < MIN_COPY_ROWS && [...found.copyOf].every((id) => unnamed.has(id))) return none;
  return takeOutMatched(db, target, sources, found, 'login lines');
}

/**
 * Seconds between a first passdb's `unknown user` (or `Password mismatch`) and the login that the next passdb
 * of the chain let in, for the same request: a new try after a failure waits for auth_failure_delay (2 s).
 */
const SAME_REQUEST_SECS = 1;

/**
 * Up to dovecot 2.3, each passdb of a chain before the one that knows a user logs its own refusal, with no sign
 * that another follows: every login of such a user left a failed try with the user's name (and, where passwords
 * are logged, the real password). The session join drops it where the login is in the same file; where dovecot
 * logs to its own file (log_path) and the login is postfix's `sasl_username=` line in mail.log, the login is in
 * another file of the folder. Among `inFolder` (the sources of one folder), an attempt without service (an auth
 * process line) whose address and name (or the name with a domain) logged in within SAME_REQUEST_SECS in
 * another source (by mail: an sshd login is no passdb's answer) is taken out, where two sources share at least MIN_COPY_ROWS such pairs or are one server's logs
 * by name: a folder of one-line samples (the acceptance corpora) holds lines of other servers and times side by
 * side. Returns, by source, the attempts taken out and the sources of the logins.
 */
export function removeFirstPassdbRefusals(db: Database, inFolder: readonly SourceFacts[]): Map<number, RepeatedRows> {
  const byTarget = new Map<number, RepeatedRows>();
  if (inFolder.length < 2) return byTarget;
  const factsOf = new Map(inFolder.map((f) => [f.id, f]));
  const ids = idList(inFolder.map((f) => f.id));
  const found = all(db, `
    SELECT a.ts, a.id, a.source_id, min(l.source_id) FROM attempt_record a
    JOIN login_record l ON l.ts BETWEEN a.ts - ${SAME_REQUEST_SECS} AND a.ts + ${SAME_REQUEST_SECS}
      AND l.ip_id = a.ip_id AND l.source_id <> a.source_id AND l.source_id IN (SELECT value FROM json_each(?)) AND ${notSsh('l.service_id')}
    JOIN username ua ON ua.id = a.user_id
    JOIN username ul ON ul.id = l.user_id
    WHERE a.source_id IN (SELECT value FROM json_each(?)) AND a.service_id IS NULL
      AND (ua.id = ul.id OR lower(ua.value) = lower(ul.value)
           OR substr(lower(ul.value), 1, length(ua.value) + 1) = lower(ua.value) || '@'
           OR substr(lower(ua.value), 1, length(ul.value) + 1) = lower(ul.value) || '@')
    GROUP BY a.ts, a.id`, [ids, ids]);
  const refusals = found.map(([ts, id, source, loginSource]) => ({
    ts: Number(ts), id: Number(id), source: Number(source), loginSource: Number(loginSource), pair: `${source} ${loginSource}`,
  }));
  // How many refusals each (refusing source, login source) pair shares.
  const pairs = new Map<string, number>();
  for (const r of refusals) pairs.set(r.pair, (pairs.get(r.pair) ?? 0) + 1);
  const rows: { ts: number; id: number }[] = [];
  for (const r of refusals) {
    const few = (pairs.get(r.pair) ?? 0) < MIN_COPY_ROWS;
    if (few && !oneServersLogs(factsOf.get(r.source)!, factsOf.get(r.loginSource)!)) continue;
    rows.push(r);
    const entry = byTarget.get(r.source) ?? { attempts: 0, logins: 0, copyOf: [], kind: 'first passdb' as const };
    entry.attempts++;
    if (!entry.copyOf.includes(r.loginSource)) entry.copyOf.push(r.loginSource);
    byTarget.set(r.source, entry);
  }
  deleteRows(db, rows);
  return byTarget;
}
