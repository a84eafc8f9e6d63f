// A case: one SQLite database (sql.js, in memory) that the ingest pipeline fills and every query reads.
// Saved as a real SQLite file that sqlite3 and any SQL tool open; users query the `attempt` and `login`
// views. docs/schema.md describes the tables.
import fs from 'node:fs';
import { dirname } from 'node:path';
import type { CaseInfo, GeoDbInfo, SourceEncoding, SourceReport, UnreadPath } from '../../shared/api';
import type { ServiceFix, SessionMemory } from '../parse/session-join';
import type { AttemptRecord, LoginRecord } from '../parse/types';
import type { OpenLine } from '../ingest/parse-file';
import { NO_TEXT, attemptsToColumns, loginsToColumns, type AttemptColumns, type LoginColumns } from '../parse/record-columns';
import { writeFileAtomic } from '../fs/atomic-write';
import { countOf } from '../../shared/count-of';
import { dayNumber, formatDay } from '../wall-clock';
import { Dictionary } from './dictionary';
import { IpTable, type Locator } from './ip-table';
import { CaseFormatError, migrate } from './migrate';
import { notACaseReason } from './not-a-case';
import { RollupWriter, rebuildCountryRollups, rebuildRollups, type RollupBatch } from './rollups';
import { DroppableIndex } from './droppable-index';
import { RowBatcher } from './row-batcher';
import {
  isEchoSource, mayBeOneServer, removeFirstPassdbRefusals, removeLoginLineEchoes, removePostfixSaslEchoes, removeRepeatedRows, removeSystemPamEchoes, sourceFacts,
  type RepeatedRows, type SourceFacts,
} from './repeated-streams';
import { SourceTable, type ReadContent, type ShortSource, type SourceFinish, type SourceLineage, type SourceStart } from './sources';
import { allRows, loadSqlJs, memoryCopyOf, memoryDatabase, type Database, type SqlValue, type Statement } from './sqlite';
import { UnreadPathTable, type UnreadPathMet } from './unread-paths';

/**
 * Refuses a case file whose pages are damaged (a disk error, a copy cut short and padded): read as it is, an
 * ingest added to it and saved it again, still damaged, and a query met the damage later as a bare "database
 * disk image is malformed". SQLite's quick check reads every page (a tenth of a second for 170,000 attempts).
 * A file that is no database at all is left to migrate(), which says so in its own words.
 */
function refuseDamaged(db: Database): void {
  let verdict: string[];
  try {
    verdict = (db.exec('PRAGMA quick_check(3)')[0]?.values ?? []).map((row) => String(row[0]));
  } catch (e) {
    // Damage in the pages the check needs first (the schema's) stops it; "file is not a database" is migrate's.
    const message = (e as Error).message;
    if (!/malformed|corrupt/i.test(message)) return;
    verdict = [message];
  }
  if (verdict.length === 0 || (verdict.length === 1 && verdict[0] === 'ok')) return;
  const said = verdict.flatMap((row) => row.split('\n')).filter((line) => line.trim() && !line.startsWith('***')).slice(0, 3);
  throw new CaseFormatError(`the case file is damaged (SQLite's check says: ${said.join('; ').slice(0, 300)}); `
    + 'open a backup of it, or let sqlite3 recover what it can (sqlite3 damaged.sqlite .recover | sqlite3 recovered.sqlite)');
}

/**
 * What a source says of the rows taken out of it as another source's again. `sameServerNamed`: its lines and those
 * of every file it copies name one server.
 */
function repeatedNote(removed: RepeatedRows, copyOfPaths: string[], ownPath: string, sameServerNamed: boolean): string {
  const subject = [removed.attempts ? countOf(removed.attempts, 'attempt') : '', removed.logins ? countOf(removed.logins, 'login') : '']
    .filter(Boolean).join(' and ');
  // "1 attempt of it is", "2 attempts of it are", "1 attempt and 1 login of it are".
  const one = removed.attempts + removed.logins === 1;
  const files = copyOfPaths.join(', ');
  if (removed.kind === 'system PAM') {
    return `${subject} of it ${one ? 'is a try' : 'are tries'} that dovecot logged in ${files} too (the system's PAM module logs each try it checks for dovecot): counted once, as dovecot logged ${one ? 'it' : 'them'}`;
  }
  if (removed.kind === 'login lines') {
    return `${subject} of it ${one ? 'is a try' : 'are tries'} that ${files} ${copyOfPaths.length > 1 ? 'hold' : 'holds'} with ${one ? 'its' : 'their'} auth line (this file holds the login processes' lines alone: an extract?): `
      + `counted once, as ${copyOfPaths.length > 1 ? 'those files hold' : 'that file holds'} ${one ? 'it' : 'them'}`;
  }
  if (removed.kind === 'first passdb') {
    return `${subject} of it ${one ? 'was' : 'were'} the refusal of a first passdb whose next one let the user in (the login is in ${files}): not counted as failed tries`;
  }
  if (removed.kind === 'postfix SASL') {
    return `${subject} of it ${one ? 'is an SMTP AUTH try' : 'are SMTP AUTH tries'} that ${files} holds too (the mail server's word, postfix's or Exim's, on each try dovecot turned down, or the same lines): `
      + `counted once, as ${copyOfPaths.length > 1 ? 'those files hold' : 'that file holds'} ${one ? 'it' : 'them'}`;
  }
  // The same path read before, when it held other lines (a file written anew in place), is no second file.
  if (copyOfPaths.every((p) => p === ownPath)) {
    return `${subject} of it ${one ? 'was' : 'were'} already in the case, read from this path before it was written anew: counted once`;
  }
  // Files of other folders are copies where their lines name the same server, or where not both name one and
  // nearly all their rows are the same (repeated-streams.ts: mayBeOneServer, unnamedApart).
  if (copyOfPaths.every((p) => dirname(p) !== dirname(ownPath))) {
    const why = sameServerNamed ? 'whose lines name the same server' : 'nearly every try of the time both span the same, to the second';
    return `${subject} of it ${one ? 'is' : 'are'} also in ${files}, ${why} (the same lines: a copy of a log, or lines grep'd out of it): counted once`;
  }
  return `${subject} of it ${one ? 'is' : 'are'} also in ${files} (the same lines written to ${copyOfPaths.length > 1 ? 'each of those files' : 'both files'}, as syslog daemons write one kind of message to several, such as mail.* to mail.log and to syslog): counted once`;
}

export type { Location, Locator } from './ip-table';
export type { ReadContent, ShortSource, SourceFinish, SourceLineage, SourceStart } from './sources';
export type { UnreadPathMet } from './unread-paths';
export { CaseFormatError } from './migrate';

// Bigger pages than SQLite's default make the mostly-appended attempt table faster to fill.
const PAGE_SIZE = 8192;
const STATEMENT_CACHE_LIMIT = 200;
// The logins' per-IP index costs more to keep up to date row by row than to rebuild in one sorted pass:
// logins come in no order of address, which made a login cost 2.5 times as much (measured on 272k logins:
// 1.1 s kept up to date against 0.42 s plus 0.18 s to rebuild). So ingest drops it, and the IP detail and
// save rebuild it (ensureLoginIpIndex). Attempts have no index by address at all (migration 6).
const LOGIN_IP_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS login_record_by_ip ON login_record (ip_id, ts)';

export interface CaseStoreOptions {
  locate?: Locator;
  /** Saved cases up to this size are copied into memory when opened; bigger ones stay in sql.js's file (fromBytes). */
  memoryCopyMaxBytes?: number;
}

/**
 * Half of what sql.js's memory holds (sqlite.ts: memoryDatabase): a case copied in keeps room to grow. A bigger
 * one would also be held twice over while it is copied (3 GB at the peak for a 1.4 GB case).
 */
const MEMORY_COPY_MAX_BYTES = 512 * 1024 * 1024;

export class CaseStore {
  private readonly ips: IpTable;
  private readonly users: Dictionary;
  private readonly passwords: Dictionary;
  private readonly services: Dictionary;
  private readonly rollups: RollupWriter;
  private readonly sourceTable: SourceTable;
  private readonly unreadTable: UnreadPathTable;
  private readonly attemptWriter: RowBatcher;
  private readonly loginWriter: RowBatcher;
  private readonly statements = new Map<string, Statement>();
  private nextAttemptId: number;
  private nextLoginId: number;
  private readonly loginIpIndex: DroppableIndex;
  /** Ids of the geo databases the locator consults, in its order; caseInfo lists them first. */
  private activeGeoDbIds: number[] = [];
  private closed = false;

  private constructor(private readonly db: Database, options: CaseStoreOptions) {
    // For a case in sql.js's file (a big one opened, see fromBytes); a database in memory has no file to journal
    // or sync, and keeps every page.
    db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000');
    this.ips = new IpTable(db);
    this.ips.locator = options.locate ?? null;
    this.users = new Dictionary(db, 'username');
    this.passwords = new Dictionary(db, 'password');
    this.services = new Dictionary(db, 'service');
    this.rollups = new RollupWriter(db);
    this.sourceTable = new SourceTable(db, (sql) => this.prepared(sql));
    this.unreadTable = new UnreadPathTable((sql) => this.prepared(sql));
    this.attemptWriter = new RowBatcher(db, 'attempt_record (ts, id, ip_id, user_id, password_id, service_id, source_id, line)', 8);
    this.loginWriter = new RowBatcher(db, 'login_record (ts, id, ip_id, user_id, service_id, source_id, line)', 7);
    this.nextAttemptId = this.maxAttemptId() + 1;
    this.nextLoginId = this.maxLoginId() + 1;
    this.loginIpIndex = new DroppableIndex(db, 'login_record_by_ip', LOGIN_IP_INDEX_SQL);
  }

  /** A new, empty case in memory. */
  static async create(options: CaseStoreOptions = {}): Promise<CaseStore> {
    const SQL = await loadSqlJs();
    const db = memoryDatabase(SQL);
    db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
    migrate(db);
    return new CaseStore(db, options);
  }

  /** A saved case, brought up to the current schema. Throws CaseFormatError for files that are not cases. */
  static async open(path: string, options: CaseStoreOptions = {}): Promise<CaseStore> {
    return CaseStore.fromBytes(fs.readFileSync(path), options);
  }

  /** A case from the bytes of a saved file (a browser upload, a test). */
  static async fromBytes(bytes: Uint8Array, options: CaseStoreOptions = {}): Promise<CaseStore> {
    const notACase = notACaseReason(bytes);
    if (notACase) throw new CaseFormatError(notACase);
    const SQL = await loadSqlJs();
    // The bytes are read as a file, checked, and copied into memory, where a case is quickest to add to
    // (sqlite.ts: memoryDatabase), unless the case is big.
    const file = new SQL.Database(bytes);
    let db: Database | null = null;
    try {
      refuseDamaged(file);
      if (bytes.length <= (options.memoryCopyMaxBytes ?? MEMORY_COPY_MAX_BYTES)) {
        db = memoryCopyOf(SQL, file);
        file.close();
      } else {
        db = file;
      }
      migrate(db);
      return new CaseStore(db, options);
    } catch (e) {
      file.close();
      db?.close();
      if (e instanceof CaseFormatError) throw e;
      throw new CaseFormatError(`cannot open the case: ${(e as Error).message}`);
    }
  }

  /** Writes the case as a SQLite file: a temporary file in the same folder, flushed, then renamed over `path`. */
  save(path: string): void {
    writeFileAtomic(path, this.export());
  }

  /** The case as the bytes of a SQLite file. */
  export(): Uint8Array {
    this.ensureIpSortIndex();
    this.ensureLoginIpIndex();
    return this.db.export();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stmt of this.statements.values()) stmt.free();
    this.statements.clear();
    this.db.close();
  }

  /**
   * Where new addresses are located. Only public addresses are located, once, when first seen (or again
   * by relocateIps). `geoDbIds` are the addGeoDb ids of the databases behind `locate`, in the order it
   * consults them.
   */
  setLocator(locate: Locator | null, geoDbIds: readonly number[] = []): void {
    this.ips.locator = locate;
    this.activeGeoDbIds = [...geoDbIds];
  }

  /**
   * Locates every address of the case again with the current locator, in one transaction: the `ip` rows
   * and the rollups keyed by country change together, or not at all. Geo databases that neither the
   * locator uses nor any address refers to any more are then forgotten.
   */
  relocateIps(): void {
    this.db.exec('BEGIN');
    try {
      if (this.ips.relocateAll()) rebuildCountryRollups(this.db);
      this.forgetUnusedGeoDbs();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      this.ips.reload();
      throw e;
    }
  }

  // ---- ingest side ------------------------------------------------------------------------------------

  beginSource(s: SourceStart): number {
    this.unreadTable.forget(s.path);
    return this.sourceTable.begin(s);
  }

  /** Reopens a finished source whose content goes on in `path`; returns its id for addAttempts and finishSource. */
  resumeSource(id: number, path: string, headHash?: string): number {
    this.unreadTable.forget(path);
    return this.sourceTable.resume(id, path, headHash);
  }

  /** Names the path where a finished source's content is now (a rotated file). */
  moveSource(id: number, path: string, encoding: SourceEncoding, bytes: number): void {
    this.unreadTable.forget(path);
    this.sourceTable.move(id, path, encoding, bytes);
  }

  /**
   * Records paths given to an ingest that were not read, and why (a path met again keeps one row; see
   * UnreadPathTable.record). A path read into a source later (beginSource, resumeSource, moveSource) leaves the list.
   */
  recordUnread(paths: readonly UnreadPathMet[]): void {
    this.unreadTable.record(paths);
  }

  /** A path met again and read, or found to hold what the case has (`same content as ...`): no longer unread. */
  forgetUnread(path: string): void {
    this.unreadTable.forget(path);
  }

  /** The head hashes of the sources (see SourceTable.headHashes). */
  sourceHeadHashes(): string[] {
    return this.sourceTable.headHashes();
  }

  /** Finished sources whose content starts with the same bytes, for re-ingest idempotence. */
  findSourcesByHeadHash(headHash: string): SourceLineage[] {
    return this.sourceTable.byHeadHash(headHash);
  }

  /**
   * Sources whose head is a run of the same byte and length (line-reader.ts: runOfHeadHash) as a head hash
   * starting with `runPrefix`: one read with less than a head after its run has another head hash now.
   */
  findSourcesByHeadRun(runPrefix: string): { source: SourceLineage; headHash: string }[] {
    return this.sourceTable.byHeadHashPrefix(runPrefix);
  }

  /** Finished sources of fewer than `bytes` bytes of content: a file that grew since starts with all of one. */
  findSourcesShorterThan(bytes: number): ShortSource[] {
    return this.sourceTable.shorterThan(bytes);
  }

  findSource(id: number): SourceLineage | undefined {
    return this.sourceTable.byId(id);
  }

  /** What the join knew of the starts of the finished sources of one rotation chain (see SourceTable.startMemories). */
  startMemories(prefix: string, sameChain: (path: string) => boolean): SessionMemory[] {
    return this.sourceTable.startMemories(prefix, sameChain);
  }

  /** What the join knew at the ends of the finished sources of one rotation chain, the last read first. */
  endMemories(prefix: string, sameChain: (path: string) => boolean): SessionMemory[] {
    return this.sourceTable.endMemories(prefix, sameChain);
  }

  /** The finished sources named by `path`, with their head hashes: a file rotated away leaves its source there. */
  findSourcesAt(path: string): { source: SourceLineage; headHash: string }[] {
    return this.sourceTable.atPath(path);
  }

  /** What the case read from the source `id`, for checking that its file still holds it (ingest/raw-lines.ts). */
  readContentOf(id: number): ReadContent | undefined {
    return this.sourceTable.readContentOf(id);
  }

  /** The same of every source named by `path` (a log rotated away and deleted leaves its source there), the last begun first. */
  readContentsAt(path: string): ReadContent[] {
    return this.sourceTable.readContentsAt(path);
  }

  /** Whether the case holds lines read from `path` (a source named by it). */
  hasSourceAt(path: string): boolean {
    return this.sourceTable.existsAt(path);
  }

  /** What the join knew at the end of the last finished source read from `path`, or null when there is none. */
  joinMemoryAt(path: string): SessionMemory[] | null {
    return this.sourceTable.joinMemoryAt(path);
  }

  /**
   * Adds a batch of attempts in one transaction and updates the rollups. Records whose address is not an IP
   * (or whose time or line is not a number) are left out and counted on the source. Returns the number added.
   */
  addAttempts(sourceId: number, records: readonly AttemptRecord[]): number {
    return this.addAttemptColumns(sourceId, attemptsToColumns(records));
  }

  /** addAttempts for a batch as columns, as it comes from the parse worker (no record objects to build). */
  addAttemptColumns(sourceId: number, cols: AttemptColumns): number {
    const n = cols.ip.length;
    if (!n) return 0;
    return this.batch(sourceId, () => this.insertAttempts(sourceId, cols), n);
  }

  // The row loops are methods of their own, and a batch's text ids an object (BatchTextIds), rather than
  // closures made anew for every batch, and the writes that follow a loop are in its caller: V8 optimises a
  // long loop while it runs, and code after the loop that had never run made that version fall back to slow
  // code at the end of each early batch, to be compiled again (measured: the attempt loop was compiled eight
  // times per ingest).
  private insertAttempts(sourceId: number, cols: AttemptColumns): number {
    const rollup = this.rollups.batch(this.nextAttemptId);
    const added = this.attemptRows(sourceId, cols, rollup);
    this.flushValues();
    this.attemptWriter.flush();
    rollup.write(this.ips.countries);
    return added;
  }

  /** Queues the batch's attempt rows and counts them in `rollup`; returns how many there are. */
  private attemptRows(sourceId: number, cols: AttemptColumns, rollup: RollupBatch): number {
    const n = cols.ip.length;
    const writer = this.attemptWriter;
    const { ts: tsColumn, line: lineColumn } = cols;
    const ips = new BatchTextIds(cols.texts, cols.ip, this.ips);
    const users = new BatchTextIds(cols.texts, cols.user, this.users);
    const passwords = new BatchTextIds(cols.texts, cols.password, this.passwords);
    const services = new BatchTextIds(cols.texts, cols.service, this.services);
    let added = 0;
    for (let i = 0; i < n; i++) {
      const ipId = ips.of(i);
      const rawTs = tsColumn[i];
      const rawLine = lineColumn[i];
      if (ipId === null || !Number.isFinite(rawTs) || !Number.isFinite(rawLine)) continue;
      const ts = Math.floor(rawTs);
      const { values, offset } = writer.next();
      values[offset] = ts;
      values[offset + 1] = this.nextAttemptId++;
      values[offset + 2] = ipId;
      const userId = users.of(i);
      const passwordId = passwords.of(i);
      values[offset + 3] = userId;
      values[offset + 4] = passwordId;
      values[offset + 5] = services.of(i);
      values[offset + 6] = sourceId;
      values[offset + 7] = Math.floor(rawLine);
      rollup.add(ts, ipId, this.ips.countryIndexOf(ipId), userId, passwordId);
      added++;
    }
    return added;
  }

  /** Adds a batch of successful logins, like addAttempts. Returns the number added. */
  addLogins(sourceId: number, records: readonly LoginRecord[]): number {
    return this.addLoginColumns(sourceId, loginsToColumns(records));
  }

  addLoginColumns(sourceId: number, cols: LoginColumns): number {
    const n = cols.ip.length;
    if (!n) return 0;
    return this.batch(sourceId, () => this.insertLogins(sourceId, cols), n);
  }

  private insertLogins(sourceId: number, cols: LoginColumns): number {
    this.loginIpIndex.drop();
    const added = this.loginRows(sourceId, cols);
    this.loginWriter.flush();
    this.flushValues();
    return added;
  }

  /** Queues the batch's login rows; returns how many there are. */
  private loginRows(sourceId: number, cols: LoginColumns): number {
    const n = cols.ip.length;
    const writer = this.loginWriter;
    const ips = new BatchTextIds(cols.texts, cols.ip, this.ips);
    const users = new BatchTextIds(cols.texts, cols.user, this.users);
    const services = new BatchTextIds(cols.texts, cols.service, this.services);
    let added = 0;
    for (let i = 0; i < n; i++) {
      const ipId = ips.of(i);
      const ts = cols.ts[i];
      const line = cols.line[i];
      if (ipId === null || !Number.isFinite(ts) || !Number.isFinite(line)) continue;
      const { values, offset } = writer.next();
      values[offset] = Math.floor(ts);
      values[offset + 1] = this.nextLoginId++;
      values[offset + 2] = ipId;
      values[offset + 3] = users.of(i);
      values[offset + 4] = services.of(i);
      values[offset + 5] = sourceId;
      values[offset + 6] = Math.floor(line);
      added++;
    }
    return added;
  }

  /** Writes the addresses and values first seen in this batch (before the transaction ends). */
  private flushValues(): void {
    this.ips.flush();
    this.users.flush();
    this.passwords.flush();
    this.services.flush();
  }

  /**
   * Gives attempt rows counted before their session's login line came (auth process lines, which name no
   * service) the service that line names (session-join.ts: ServiceFix, each naming its rows' source). A row
   * that has a service keeps it; rows no longer in the case (a source read again) are passed over. No rollup
   * holds the service.
   */
  giveServices(fixes: readonly (ServiceFix & { source: number })[]): void {
    if (!fixes.length) return;
    const update = this.db.prepare('UPDATE attempt_record SET service_id = ? WHERE ts = ? AND source_id = ? AND line = ? AND service_id IS NULL');
    this.db.exec('BEGIN');
    try {
      for (const fix of fixes) {
        const serviceId = this.services.idOf(fix.service);
        for (let i = 0; i + 1 < fix.rows.length; i += 2) update.run([serviceId, Math.floor(fix.rows[i]), fix.source, Math.floor(fix.rows[i + 1])]);
      }
      this.services.flush();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      this.services.reload();
      throw e;
    } finally {
      update.free();
    }
  }

  /**
   * Takes a source out of the case with its attempts and logins, and recomputes the rollups without them: a
   * file read with the wrong years is read again (ingest-file.ts). The addresses and values stay (the file
   * read again has the same ones).
   */
  discardSource(id: number): void {
    this.db.exec('BEGIN');
    try {
      for (const sql of ['DELETE FROM attempt_record WHERE source_id = ?', 'DELETE FROM login_record WHERE source_id = ?', 'DELETE FROM undated_time WHERE source_id = ?',
        'DELETE FROM source WHERE id = ?']) {
        this.db.run(sql, [id]);
      }
      rebuildRollups(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    } finally {
      // Which (day, address) and (day, value) pairs have rows is read again from the tables.
      this.rollups.forget();
    }
  }

  /**
   * Takes back a source's open last line (ingest/parse-file.ts: OpenLine), its rows and what it counted, before
   * the line is read again, whole: syslog was still writing it when the source was read. The rollups are
   * recomputed only when it had attempts (a cut line seldom reads as one).
   */
  reopenLine(id: number, open: OpenLine): void {
    let attempts = 0;
    this.db.exec('BEGIN');
    try {
      this.db.run('DELETE FROM attempt_record WHERE source_id = ? AND line = ?', [id, open.line]);
      attempts = this.db.getRowsModified();
      this.db.run('DELETE FROM login_record WHERE source_id = ? AND line = ?', [id, open.line]);
      const logins = this.db.getRowsModified();
      this.sourceTable.reopenLine(id, open, { attempts, logins });
      if (attempts) rebuildRollups(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    } finally {
      if (attempts) this.rollups.forget();
    }
  }

  /**
   * Takes out of the sources last read from `paths`, in order, the attempts and logins that another source
   * holds too: the same lines written to two files, or for a source of the system PAM module's lines alone (or
   * of postfix's on failed SMTP AUTH), its word on dovecot's tries (repeated-streams.ts); says so on each, and
   * recomputes the rollups once. Such sources read before in the folders of `paths`, or in other folders whose lines
   * may be the same server's as one of them (mayBeOneServer), are looked at first: dovecot's logs just read may hold
   * their tries.
   * Returns, by path, what was taken out, the paths of the sources that hold it, and the note the source got.
   */
  removeRepeatedTries(paths: readonly string[]): Map<string, RepeatedRows & { copyOfPaths: string[]; note: string }> {
    const done = new Map<string, RepeatedRows & { copyOfPaths: string[]; note: string }>();
    if (!paths.length) return done;
    this.db.exec('BEGIN');
    try {
      const sources = sourceFacts(this.db);
      const byPath = new Map(sources.map((f) => [f.path, f])); // the last source of a path wins (ordered by id)
      const pathOf = new Map(sources.map((f) => [f.id, f.path]));
      const hostOf = new Map(sources.map((f) => [f.id, f.host]));
      const given = new Set(paths);
      const folders = new Set(paths.map((p) => dirname(p)));
      // Says on the source what was taken out of it; a source that loses rows twice says both.
      const record = (id: number, removed: RepeatedRows): void => {
        if (removed.attempts + removed.logins === 0) return;
        const copyOfPaths = removed.copyOf.map((other) => pathOf.get(other) ?? '');
        const host = hostOf.get(id) ?? null;
        const note = repeatedNote(removed, copyOfPaths, pathOf.get(id) ?? '', host !== null && removed.copyOf.every((other) => hostOf.get(other) === host));
        this.sourceTable.takeOff(id, removed.attempts, removed.logins, note);
        const path = pathOf.get(id) ?? '';
        const before = done.get(path);
        done.set(path, before
          ? {
            ...before, attempts: before.attempts + removed.attempts, logins: before.logins + removed.logins,
            copyOfPaths: [...new Set([...before.copyOfPaths, ...copyOfPaths])], note: `${before.note}; ${note}`,
          }
          : { ...removed, copyOfPaths, note });
      };
      // Sources read before that the ones just read may hold tries of: in their folders, or maybe of their servers.
      const givenFacts = paths.flatMap((p) => byPath.get(p) ?? []);
      const readBeforeNear = (f: SourceFacts): boolean => !given.has(f.path) && (folders.has(f.folder) || givenFacts.some((g) => mayBeOneServer(f, g)));
      // Extracts of login lines read before: the logs just read may be what they were taken from.
      for (const extract of sources.filter((f) => f.loginLinesOnly && readBeforeNear(f))) {
        record(extract.id, removeLoginLineEchoes(this.db, extract, sources));
      }
      const echoesBefore = sources.filter((f) => isEchoSource(f) && readBeforeNear(f)).map((f) => f.path);
      for (const path of [...echoesBefore, ...paths]) {
        const target = byPath.get(path);
        if (!target) continue;
        if (isEchoSource(target)) {
          record(target.id, target.systemPamOnly ? removeSystemPamEchoes(this.db, target, sources) : removePostfixSaslEchoes(this.db, target, sources));
        }
        if (target.loginLinesOnly) record(target.id, removeLoginLineEchoes(this.db, target, sources));
        // auth.log's other rows (sshd's tries and logins, PAM rows no dovecot log holds) may be another log's again.
        record(target.id, removeRepeatedRows(this.db, target, sources));
      }
      for (const folder of folders) {
        const inFolder = sources.filter((f) => f.folder === folder);
        for (const [id, removed] of removeFirstPassdbRefusals(this.db, inFolder)) record(id, removed);
      }
      if (done.size) rebuildRollups(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    } finally {
      // Which (day, address) and (day, value) pairs have rows is read again from the tables.
      if (done.size) this.rollups.forget();
    }
    return done;
  }

  /** Records how reading a source ended (also after a cancel or an error: what was read stays). */
  finishSource(id: number, report: SourceFinish): void {
    this.sourceTable.finish(id, report);
  }

  /** Records a geo database; the same name, kind and build date give the same id. */
  addGeoDb(info: GeoDbInfo): number {
    return this.value(
      `INSERT INTO geo_db (name, kind, build_date, licence, path, bundled) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name, kind, build_date) DO UPDATE SET licence = excluded.licence, path = excluded.path, bundled = excluded.bundled
       RETURNING id`,
      [info.name, info.kind, info.buildDate, info.licence, info.path, info.bundled ? 1 : 0],
    ) as number;
  }

  /** Forgets the geo databases that the locator does not use and that no address refers to. */
  forgetUnusedGeoDbs(): void {
    const active = this.activeGeoDbIds;
    const keep = active.length ? `AND id NOT IN (${active.map(() => '?').join(', ')})` : '';
    this.prepared(`DELETE FROM geo_db WHERE id NOT IN (SELECT geo_db_id FROM ip WHERE geo_db_id IS NOT NULL) ${keep}`).run(active);
  }

  // ---- case-wide facts --------------------------------------------------------------------------------

  sources(): SourceReport[] {
    return this.sourceTable.reports();
  }

  /** The paths given that were not read, errors first (see UnreadPath). */
  unreadPaths(): UnreadPath[] {
    return this.unreadTable.list();
  }

  /** The geo databases of the case: those the locator consults first, in its order, then the others by age. */
  geoDbs(): GeoDbInfo[] {
    const rank = (id: number): number => {
      const position = this.activeGeoDbIds.indexOf(id);
      return position === -1 ? this.activeGeoDbIds.length : position;
    };
    return this.rows('SELECT id, name, kind, build_date, licence, path, bundled FROM geo_db ORDER BY id')
      .map((r) => ({ id: r[0] as number, r }))
      .sort((a, b) => rank(a.id) - rank(b.id) || a.id - b.id)
      .map(({ r }) => ({
        name: r[1] as string,
        kind: r[2] as GeoDbInfo['kind'],
        buildDate: r[3] as string,
        licence: r[4] as string,
        path: r[5] as string,
        bundled: r[6] === 1,
      }));
  }

  /**
   * Rows written, changed or deleted since the case was opened (SQLite's total_changes): whether something
   * changed between two moments, such as an ingest whose every file was already in the case.
   */
  changesSinceOpen(): number {
    return Number(this.db.exec('SELECT total_changes()')[0].values[0][0]);
  }

  /** What the case holds; the engine adds its session's settings (CaseInfo.startYear). */
  caseInfo(path: string | null): Omit<CaseInfo, 'startYear'> {
    const [attempts, firstDay, lastDay] = this.row('SELECT total(attempts), min(day), max(day) FROM day_country') ?? [];
    const [logins, firstLogin, lastLogin] = this.row('SELECT count(*), min(ts), max(ts) FROM login_record') ?? [];
    const days = [firstDay, lastDay, firstLogin, lastLogin]
      .map((v, i) => (v === null || v === undefined ? null : i < 2 ? Number(v) : dayNumber(Number(v))))
      .filter((d): d is number => d !== null);
    return {
      path,
      attempts: Number(attempts ?? 0),
      logins: Number(logins ?? 0),
      ips: Number(this.value('SELECT count(*) FROM (SELECT DISTINCT ip_id FROM ip_day)') ?? 0),
      firstDay: days.length ? formatDay(Math.min(...days) * 86400) : null,
      lastDay: days.length ? formatDay(Math.max(...days) * 86400) : null,
      sources: this.sources(),
      unread: this.unreadPaths(),
      geo: this.geoDbs(),
    };
  }

  // ---- for queries ------------------------------------------------------------------------------------

  /** All rows of a read query. Values are always bound, never spliced into `sql`. */
  rows(sql: string, params: SqlValue[] = []): SqlValue[][] {
    return allRows(this.prepared(sql), params);
  }

  /**
   * Hands each row of a read query to `visit` as it is stepped, without collecting them: for a pass over
   * every attempt, whose rows as one array would cost far more than the statement's single row.
   */
  eachRow(sql: string, params: SqlValue[], visit: (row: SqlValue[]) => void): void {
    const stmt = this.prepared(sql);
    try {
      stmt.bind(params);
      while (stmt.step()) visit(stmt.get());
    } finally {
      stmt.reset();
    }
  }

  row(sql: string, params: SqlValue[] = []): SqlValue[] | undefined {
    const stmt = this.prepared(sql);
    try {
      stmt.bind(params);
      return stmt.step() ? stmt.get() : undefined;
    } finally {
      stmt.reset();
    }
  }

  value(sql: string, params: SqlValue[] = []): SqlValue | undefined {
    return this.row(sql, params)?.[0];
  }

  /** Rebuilds the addresses' unique sort-key index if ingest dropped it (searches by address and network use it). */
  ensureIpSortIndex(): void {
    this.ips.ensureSortIndex();
  }

  /** Rebuilds the logins' index by address if ingest dropped it (the IP detail lists an address's logins). */
  ensureLoginIpIndex(): void {
    this.loginIpIndex.ensure();
  }

  /** Size of the database in bytes (pages in use), for measurements. */
  databaseBytes(): number {
    return Number(this.value('PRAGMA page_count')) * Number(this.value('PRAGMA page_size'));
  }

  // ---- internals --------------------------------------------------------------------------------------

  private batch(sourceId: number, work: () => number, offered: number): number {
    // Rows of an unknown source would vanish from the views, which join to it.
    if (!this.sourceTable.exists(sourceId)) throw new Error(`no source with id ${sourceId} in this case: call beginSource first`);
    this.db.exec('BEGIN');
    try {
      const added = work();
      if (added < offered) this.sourceTable.addSkipped(sourceId, offered - added);
      this.db.exec('COMMIT');
      return added;
    } catch (e) {
      this.attemptWriter.discard();
      this.loginWriter.discard();
      this.rollups.discard();
      this.db.exec('ROLLBACK');
      // Ids handed out during the batch no longer exist.
      this.ips.reload();
      this.users.reload();
      this.passwords.reload();
      this.services.reload();
      this.rollups.forget();
      this.nextAttemptId = this.maxAttemptId() + 1;
      this.nextLoginId = this.maxLoginId() + 1;
      this.loginIpIndex.refresh();
      throw e;
    }
  }

  private maxAttemptId(): number {
    return Number(this.value('SELECT max(id) FROM attempt_record') ?? 0);
  }

  private maxLoginId(): number {
    return Number(this.value('SELECT max(id) FROM login_record') ?? 0);
  }

  private prepared(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) {
        for (const s of this.statements.values()) s.free();
        this.statements.clear();
      }
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}


/** A table that gives texts ids: the addresses, or a dictionary of values. */
interface TextIdTable {
  idOf(text: string): number | null;
}

const UNRESOLVED = -2;
const REFUSED = -1;

/**
 * The ids of one text column of a batch, each distinct text resolved once: `table.idOf` runs for the first
 * row that uses a text, later rows read the id back. A missing text (NO_TEXT, or an index outside the batch's
 * texts) is null, as is a text the table refuses (an address that is no IP).
 */
class BatchTextIds {
  private readonly ids: Int32Array;

  constructor(private readonly texts: readonly unknown[], private readonly column: Int32Array, private readonly table: TextIdTable) {
    this.ids = new Int32Array(texts.length).fill(UNRESOLVED);
  }

  of(row: number): number | null {
    const index = this.column[row];
    if (index === NO_TEXT || !(index >= 0 && index < this.ids.length)) return null;
    let id = this.ids[index];
    if (id === UNRESOLVED) {
      const text = this.texts[index];
      id = (typeof text === 'string' ? this.table.idOf(text) : null) ?? REFUSED;
      this.ids[index] = id;
    }
    return id === REFUSED ? null : id;
  }
}
