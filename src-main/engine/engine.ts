// The engine as one object: a case (sql.js), the geo databases, ingest with progress and cancellation, and
// the queries every view asks. The worker thread, the CLI and the tests all use this same class.
import { resolve } from 'node:path';
import type {
  Blocklist, BlocklistOptions, BlocklistPreview, BrushColumns, CaseInfo, CountryRow, DayRow, EngineApi, EngineEvent, HistogramRow, HourPoint, ServiceRow,
  IncidentReport, IngestOptions, IngestProgress, IngestResult, IpDetail, IpPage, IpSortKey, Overview, RawLine, RawLineRef, Selection, Summary, TableCsvOptions, TableName, ThresholdOptions, ValueCount,
} from '../shared/api';
import { FAIL2BAN_DEFAULTS } from '../shared/api';
import { fileStamp, sameStamp, type FileStamp } from './fs/file-stamp';
import { GeoLocator } from './geo/geo-locator';
import { ingestPaths } from './ingest/ingest';
import { ParseRunner } from './ingest/parse-runner';
import { readRawLines } from './ingest/raw-lines';
import { CaseStore } from './store/case-store';
import { SAMPLE_YEAR, sampleLogsPath } from './sample-data';
import * as q from './query';
import { buildBlocklist, previewBlocklist } from './export/blocklist';
import { tableCsv } from './export/csv';

const PROGRESS_INTERVAL_MS = 100;
// Views reload the case after each caseChanged; a folder of many small rotations would otherwise make them
// (and the case info, which counts distinct addresses) redo that work for every file.
const CASE_CHANGED_INTERVAL_MS = 1000;

/** Absolute, each file once: the same database named twice would only be consulted twice. */
const distinctPaths = (paths: readonly string[]): string[] => [...new Set(paths.map((p) => resolve(p)))];

export interface EngineOptions {
  /** User geo databases (MaxMind Country, City or ASN), consulted before the bundled one; setGeoDatabases changes them. */
  geoip?: string[];
  emit?: (event: EngineEvent) => void;
  /**
   * The built parse worker to parse files with; by default the one beside the engine's bundle (none when
   * the engine runs from sources, as in unit tests: files are then parsed in this thread).
   */
  parseWorker?: string;
}

export class Engine implements EngineApi {
  private store: CaseStore | null = null;
  private path: string | null = null;
  /** Changes since the case was opened or saved (CaseInfo.unsaved). */
  private unsaved = false;
  /** The case file as it was opened or last saved, to refuse saving over what another process wrote since. */
  private stamp: FileStamp | null = null;
  private geo: GeoLocator;
  private geoPaths: string[];
  private ingesting: AbortController | null = null;
  /** The last incident report, with the case, its count of changes and the threshold and services it answered. */
  private lastIncidents: { store: CaseStore; changes: number; key: string; report: IncidentReport } | null = null;
  /** The year undated stamps begin in for ingests that give none (setStartYear); null: each file's own time. */
  private startYear: number | null = null;
  private readonly emit: (event: EngineEvent) => void;
  /** Parses ingested files; its threads serve every ingest of the engine, and stop after a minute unused. */
  private readonly parser: ParseRunner;

  constructor(options: EngineOptions = {}) {
    this.geoPaths = distinctPaths(options.geoip ?? []);
    this.geo = GeoLocator.open(this.geoPaths);
    this.emit = options.emit ?? (() => {});
    this.parser = new ParseRunner({ workerPath: options.parseWorker });
  }

  /** The open case, created empty in memory on first use. */
  private async case(): Promise<CaseStore> {
    if (!this.store) this.store = this.attachGeo(await CaseStore.create());
    return this.store;
  }

  /** Records the session's geo databases in `store` and locates its new addresses with them. */
  private attachGeo(store: CaseStore): CaseStore {
    const ids = this.geo.databases.map((info) => store.addGeoDb(info));
    const geo = this.geo;
    store.setLocator((ip) => {
      const loc = geo.locate(ip);
      return { country: loc.country, asn: loc.asn, asOrg: loc.asOrg, geoDbId: loc.dbIndex === null ? null : ids[loc.dbIndex] };
    }, ids);
    return store;
  }

  /**
   * Makes `paths` the session's user databases (before the bundled one) and locates every address of the
   * case again with them. A file that cannot be opened as a MaxMind database throws, naming it, before
   * anything changes.
   */
  private useGeoDatabases(store: CaseStore, paths: readonly string[]): void {
    const wanted = distinctPaths(paths);
    const next = GeoLocator.open(wanted);
    const previous = { geo: this.geo, paths: this.geoPaths };
    this.geo = next;
    this.geoPaths = wanted;
    this.lastIncidents = null; // its countries are of the databases before
    try {
      this.attachGeo(store);
      store.relocateIps();
    } catch (e) {
      this.geo = previous.geo;
      this.geoPaths = previous.paths;
      this.attachGeo(store);
      // The new databases were recorded before the lookup that failed; they located nothing.
      store.forgetUnusedGeoDbs();
      throw e;
    }
  }

  private sameGeoPaths(paths: readonly string[]): boolean {
    const wanted = distinctPaths(paths);
    return wanted.length === this.geoPaths.length && wanted.every((p, i) => p === this.geoPaths[i]);
  }

  /**
   * What tells the files the case was read from (the CLI's blocklist --out never writes over one): the head hash
   * of each source's content. Not a host's API: the CLI runs the engine in its own thread.
   */
  async evidenceHeadHashes(): Promise<Set<string>> {
    return new Set((await this.case()).sourceHeadHashes());
  }

  async caseInfo(): Promise<CaseInfo> {
    return this.infoOf(await this.case());
  }

  private infoOf(store: CaseStore): CaseInfo {
    return { ...store.caseInfo(this.path), startYear: this.startYear, unsaved: this.unsaved };
  }

  /**
   * Starts the parse threads now, for a host that will ingest soon (the app at start-up, the CLI's ingest
   * before it opens the case): they take a fifth of a second to load, and stop again after a minute unused.
   */
  startParseThreads(): void {
    this.parser.start();
  }

  async openCase(path: string | null): Promise<CaseInfo> {
    if (this.ingesting) throw new Error('an ingest is running: cancel it before opening another case');
    let next: CaseStore;
    // Taken before the file is read: a write between the two makes the save refuse, never overwrite it.
    const stamp = path ? fileStamp(path) : null;
    try {
      next = path ? await CaseStore.open(path) : await CaseStore.create();
    } catch (e) {
      throw new Error(`cannot open case ${path}: ${(e as Error).message}`);
    }
    this.store?.close();
    this.lastIncidents = null; // holds the closed case
    this.store = this.attachGeo(next);
    this.path = path;
    this.stamp = stamp;
    this.unsaved = false;
    const info = await this.caseInfo();
    this.emit({ type: 'caseChanged', info });
    return info;
  }

  async saveCase(path: string): Promise<CaseInfo> {
    const store = await this.case();
    if (this.path !== null && this.stamp && resolve(path) === resolve(this.path)) {
      const now = fileStamp(path);
      if (now && !sameStamp(now, this.stamp)) {
        throw new Error(`${path} changed on disk since this case was opened or last saved (another Swarmscope wrote it, such as an ingest from the `
          + 'command line): saving would throw that away. Save this case under another name, or open the file again to see what it holds');
      }
    }
    store.save(path);
    this.path = path;
    this.stamp = fileStamp(path);
    this.unsaved = false;
    return this.caseInfo();
  }

  async ingest(paths: string[], options: IngestOptions = {}): Promise<IngestResult> {
    if (this.ingesting) throw new Error('an ingest is already running');
    this.parser.start(); // loads while the case is made and the files are listed
    const store = await this.case();
    // Without geoip the session's databases stay; other ones replace them for the whole case, as setGeoDatabases.
    if (options.geoip?.length && !this.sameGeoPaths(options.geoip)) {
      this.useGeoDatabases(store, options.geoip);
      this.emit({ type: 'caseChanged', info: this.relocated(store) });
    }
    const abort = new AbortController();
    this.ingesting = abort;
    let last = 0;
    let latest: (() => IngestProgress) | null = null;
    const send = (take: () => IngestProgress, force = false): void => {
      latest = take;
      const now = performance.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      this.emit({ type: 'progress', progress: take() });
    };
    const changesBefore = store.changesSinceOpen();
    let changedAt = Number.NEGATIVE_INFINITY; // the first file is announced at once
    let unannounced = false;
    const announce = (): void => {
      changedAt = performance.now();
      unannounced = false;
      this.emit({ type: 'caseChanged', info: this.infoOf(store) });
    };
    try {
      const result = await ingestPaths(store, paths, {
        year: options.year ?? this.startYear ?? undefined,
        signal: abort.signal,
        runner: this.parser,
        onProgress: (p) => send(p),
        // A file's end is shown with the next progress (at most PROGRESS_INTERVAL_MS away, and at the end):
        // sent at once, a drop of thousands of small files cost a full copy of the file list per file.
        onFileDone: () => {
          // Even a file without attempts is in the case now (its report, and what skipping it again needs);
          // one found already in the case, or not read at all, changed nothing to save.
          if (store.changesSinceOpen() !== changesBefore) this.unsaved = true;
          unannounced = true;
          if (performance.now() - changedAt >= CASE_CHANGED_INTERVAL_MS) announce();
        },
      });
      if (latest) send(latest, true);
      // Copies between the files taken out at the end (a change too, though every file's was seen).
      if (store.changesSinceOpen() !== changesBefore) this.unsaved = true;
      return result;
    } finally {
      this.ingesting = null;
      if (unannounced) announce();
    }
  }

  async setGeoDatabases(paths: string[]): Promise<CaseInfo> {
    const store = await this.case();
    if (this.ingesting) throw new Error('an ingest is running: wait for it to end or cancel it before changing the geolocation databases');
    this.useGeoDatabases(store, paths);
    const info = this.relocated(store);
    this.emit({ type: 'caseChanged', info });
    return info;
  }

  /**
   * The case's info after its addresses were located again: that rewrote their countries, a change to save
   * when the case holds anything. One caseInfo serves both the question and the answer.
   */
  private relocated(store: CaseStore): CaseInfo {
    const info = this.infoOf(store);
    if (info.attempts > 0 || info.logins > 0 || info.sources.length > 0) this.unsaved = true;
    return { ...info, unsaved: this.unsaved };
  }

  async setStartYear(year: number | null): Promise<CaseInfo> {
    if (this.ingesting) throw new Error('an ingest is running: wait for it to end or cancel it before changing the year the logs begin');
    this.startYear = year;
    const info = await this.caseInfo();
    this.emit({ type: 'caseChanged', info });
    return info;
  }

  async loadSampleData(): Promise<IngestResult> {
    return this.ingest([sampleLogsPath()], { year: SAMPLE_YEAR });
  }

  /** Stops the parse threads and closes the case (not part of the API hosts forward: for the engine's owner). */
  async dispose(): Promise<void> {
    await this.parser.close();
    this.store?.close();
    this.store = null;
    this.lastIncidents = null;
  }

  /** Size of the case database in memory, for the benchmark (not part of the API hosts forward). */
  databaseBytes(): number {
    return this.store?.databaseBytes() ?? 0;
  }

  async cancelIngest(): Promise<void> {
    this.ingesting?.abort();
  }

  async overview(): Promise<Overview> {
    return q.overview(await this.case());
  }
  async brushColumns(): Promise<BrushColumns | null> {
    return q.brushColumns(await this.case());
  }
  async summary(selection: Selection): Promise<Summary> {
    return q.summary(await this.case(), selection);
  }
  async perDay(selection: Selection): Promise<DayRow[]> {
    return q.perDay(await this.case(), selection);
  }
  async perHour(selection: Selection): Promise<HourPoint[]> {
    return q.perHour(await this.case(), selection);
  }
  async countries(selection: Selection): Promise<CountryRow[]> {
    return q.countries(await this.case(), selection);
  }
  async ips(selection: Selection, sort: IpSortKey, descending: boolean, offset: number, limit: number): Promise<IpPage> {
    return q.ips(await this.case(), selection, sort, descending, offset, limit);
  }
  async users(selection: Selection, limit: number): Promise<ValueCount[]> {
    return q.users(await this.case(), selection, limit);
  }
  async passwords(selection: Selection, limit: number): Promise<ValueCount[]> {
    return q.passwords(await this.case(), selection, limit);
  }
  async histogram(selection: Selection): Promise<HistogramRow[]> {
    return q.histogram(await this.case(), selection);
  }
  /**
   * Counted once per case content, threshold and services: asked again about a case that has not changed since
   * (the viewer asks when an ingest ends, and again when the ingest's last change reaches it), the last answer is
   * given again rather than reading every attempt once more.
   */
  async incidents(threshold: ThresholdOptions = FAIL2BAN_DEFAULTS, services: string[] = []): Promise<IncidentReport> {
    const store = await this.case();
    // Services in any order are one question; JSON keeps a name with a `|` or a comma apart from two names.
    const key = JSON.stringify([threshold.maxretry, threshold.findtime, threshold.bantime, [...new Set(services)].sort()]);
    const changes = store.changesSinceOpen();
    const last = this.lastIncidents;
    if (last && last.store === store && last.changes === changes && last.key === key) return last.report;
    const report = q.incidents(store, threshold, services);
    this.lastIncidents = { store, changes, key, report };
    return report;
  }
  /** Attempts per service (the CLI's summary; the viewer shows none yet, so it is not part of EngineApi). */
  async services(selection: Selection): Promise<ServiceRow[]> {
    return q.services(await this.case(), selection);
  }
  async ipDetail(ip: string, selection: Selection): Promise<IpDetail | null> {
    return q.ipDetail(await this.case(), ip, selection);
  }
  async rawLines(refs: RawLineRef[]): Promise<RawLine[]> {
    return readRawLines(await this.case(), refs);
  }
  async blocklistPreview(options: BlocklistOptions): Promise<BlocklistPreview> {
    return previewBlocklist(await this.case(), options);
  }
  async blocklist(options: BlocklistOptions): Promise<Blocklist> {
    return buildBlocklist(await this.case(), options);
  }
  async tableCsv(table: TableName, selection: Selection, options?: TableCsvOptions): Promise<string> {
    return tableCsv(await this.case(), table, selection, options);
  }
}
