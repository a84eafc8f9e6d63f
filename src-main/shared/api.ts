// The contract between the engine and every host (Electron main, CLI, web host) and the renderer.
// Plain data only: everything here crosses a worker boundary, an IPC channel or a WebSocket as JSON.
// The renderer imports this file with `import type` only.

/** A calendar day in the log's own wall-clock time, `YYYY-MM-DD`. */
export type Day = string;

/** What every view is about. Every query takes one. */
export interface Selection {
  /** First day included, or null for the start of the case. */
  from: Day | null;
  /** Last day included, or null for the end of the case. */
  to: Day | null;
  /** ISO 3166-1 alpha-2 codes; empty means all. `ZZ` stands for "no country" (private or unknown). */
  countries: string[];
  /** Free text: an IP, a CIDR, a country code or a user name (substring). Empty means none. */
  search: string;
  /**
   * A user name and/or a password, as clicked in a table (case and spaces count), on top of the search; both
   * together mean attempts with that user name AND that password. Absent or null means any.
   */
  exact?: ExactValues | null;
  /**
   * Services as the log names them (`imap`, `pop3`, `submission`, `smtp`, `managesieve`, `ssh`...; case counts):
   * the attempts and logins at any of them. NO_SERVICE stands for those whose log line names none ("not
   * logged"). Absent or empty means all.
   */
  services?: string[];
  /**
   * Hours narrower than the days from..to (both apply): an incident's hours, so that its blocklist holds its
   * addresses and not those that tried earlier or later on its days. Absent or null means whole days.
   */
  hours?: HourSpan | null;
  /**
   * The view a question is for, and the page it is on (`qwhrtkza-summary`): the engine thread answers only the
   * newest question of a method and lane among those still waiting, the older ones with an error
   * (engine/worker/request-queue.ts). The page's views name one; an export, a CSV or the CLI names none, and every
   * such question is answered.
   */
  lane?: string;
}

/**
 * A stretch of the log's wall-clock time, `YYYY-MM-DD HH:MM`: from `start` up to, not including, `end` (an
 * incident's end is the hour after its last). Null for an open side; never both.
 */
export interface HourSpan {
  start: string | null;
  end: string | null;
}

/** What an exact value is of: a user name or a password. */
export type ExactKind = 'user' | 'password';

/** A user name and a password to match exactly; a part left out means any. */
export interface ExactValues {
  user?: string;
  password?: string;
}

export const EMPTY_SELECTION: Selection = { from: null, to: null, countries: [], search: '' };

/** The country code of an address that is private, reserved or not located: "no country". */
export const NO_COUNTRY = 'ZZ';

/**
 * The service of an attempt whose log line names none ("not logged"), in `Selection.services`: the empty text,
 * which no service can be (the formats read a service of one character at least, and a line that names an empty
 * one takes the format's default).
 */
export const NO_SERVICE = '';

/** The years logs may be said to begin in (`--year`, IngestOptions.year, setStartYear, the app's setting). */
export const LOG_YEARS = { min: 1970, max: 2100 } as const;

/** Whether `year` is one of LOG_YEARS: one a log's stamps may write, or its first line be said to begin in. */
export function isLogYear(year: number): boolean {
  return year >= LOG_YEARS.min && year <= LOG_YEARS.max;
}

/**
 * A blocklist's set or chain name as the exports write it: letters, digits, `_` and `-`, starting with a letter,
 * at most 24 characters, so that with `_v6` it still fits ipset's 31 and iptables' 28. The export dialog, the
 * CLI's --set-name and the page's arguments are all held to this one rule, so that no name they pass is quietly
 * rewritten by the formats (safeSetName, which makes any other name safe for a caller in the engine).
 */
export const SET_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;
export const SET_NAME_RULE = 'letters, digits, _ and - (at most 24), starting with a letter';

export interface Summary {
  attempts: number;
  ips: number;
  countries: number;
  days: number;
  firstDay: Day | null;
  lastDay: Day | null;
  peakDay: { day: Day; attempts: number } | null;
  /** IPs with exactly one attempt in the selection. */
  oneShotIps: number;
  /** oneShotIps / ips, 0..1 (0 when there are no IPs). */
  oneShotShare: number;
  /** Successful logins in the selection. */
  logins: number;
}

export interface DayPoint {
  day: Day;
  attempts: number;
  ips: number;
  countries: number;
}

export interface HourPoint {
  /** `YYYY-MM-DD HH` */
  hour: string;
  attempts: number;
}

/**
 * The whole case per day and country, small enough to ship to the renderer once, so that a live brush
 * can recompute totals, per-country figures and the map without asking the engine.
 */
export interface Overview {
  days: DayPoint[];
  /** Country codes indexed by `cells[i][1]`; `ZZ` for no country. */
  countries: string[];
  /** Sparse [dayIndex into `days`, countryIndex, attempts, distinct IPs that day in that country]. */
  cells: [number, number, number, number][];
}

/**
 * Every (day, IP) pair of the case with its attempts, as parallel columns, shipped once per case like the
 * overview: a live brush counts exact distinct IPs, one-shot IPs, the histogram and the busiest IPs of any
 * day range from it without asking the engine. Plain arrays, so it crosses IPC and WebSockets as JSON.
 */
export interface BrushColumns {
  /** The same days, in the same order, as `Overview.days`. */
  days: Day[];
  ips: string[];
  /** ISO alpha-2 per entry of `ips`, or `ZZ` for none. */
  ipCountry: string[];
  /** One entry per row: index into `days`, ascending. */
  rowDay: number[];
  /** Index into `ips`. */
  rowIp: number[];
  /** Attempts of that IP on that day (at least 1). */
  rowAttempts: number[];
  /** User names tried (null: the log did not say), for the user rows below. */
  users: (string | null)[];
  /** One entry per (day, user name) row: index into `days`, ascending. */
  userRowDay: number[];
  /** Index into `users`. */
  userRowValue: number[];
  /** Attempts with that user name on that day. */
  userRowAttempts: number[];
  /** Distinct IPs that tried that user name on that day. */
  userRowIps: number[];
  /** Passwords tried (null: not logged), and their (day, password) rows, as for users. */
  passwords: (string | null)[];
  passwordRowDay: number[];
  passwordRowValue: number[];
  passwordRowAttempts: number[];
  passwordRowIps: number[];
}

export interface CountryRow {
  /** ISO alpha-2, or `ZZ` for private/unknown. */
  country: string;
  attempts: number;
  ips: number;
  /** Share of the selection's attempts, 0..1. */
  share: number;
}

export interface DayRow {
  day: Day;
  attempts: number;
  ips: number;
  countries: number;
  /**
   * The whole case's attempts of that day that were read from lines without any time stamp and dated at their
   * file's last change (docs/schema.md: undated_time): a pile on that day, not when they happened. Absent when none.
   */
  undated?: number;
}

export type IpSortKey = 'ip' | 'country' | 'attempts' | 'firstSeen' | 'lastSeen' | 'activeDays' | 'logins' | 'userCount';

export interface IpRow {
  ip: string;
  country: string | null;
  /** `public`, `private`, `loopback`, `reserved`, ...; `''` when not known yet (the renderer's instant rows while brushing). */
  scope: string;
  attempts: number;
  /** `YYYY-MM-DD HH:MM:SS` */
  firstSeen: string;
  lastSeen: string;
  activeDays: number;
  /**
   * Successful logins from the address in the selection (as the summary counts them): an address that failed and
   * then got in. 0 in the renderer's instant rows while brushing, which do not know it yet.
   */
  logins: number;
  userCount: number;
  /** Up to a few user names tried, most tried first. */
  users: string[];
}

export interface IpPage {
  total: number;
  rows: IpRow[];
}

/** A user name or a password with how often it was tried. */
export interface ValueCount {
  value: string | null;
  attempts: number;
  ips: number;
  /** True when `ips` is an upper bound (the renderer's live rows add per-day distinct IPs up). */
  ipsAtMost?: boolean;
}

/** Attempts of a selection at one service (`imap`, `pop3`, `submission`, `smtp`...; null: the log did not say). */
export interface ServiceRow {
  service: string | null;
  attempts: number;
  ips: number;
}

/** One row of the "attacked N times" table an analyst builds by hand. */
export interface HistogramRow {
  /** N: attempts per IP in the selection. */
  times: number;
  /** IPs that made exactly N attempts. */
  computers: number;
  /** times * computers */
  attempts: number;
  /** computers / all IPs, 0..1 */
  shareOfComputers: number;
}

/**
 * A per-IP threshold as fail2ban applies it: an address that makes `maxretry` attempts within `findtime`
 * seconds is banned for `bantime` seconds, after which its count starts again.
 */
export interface ThresholdOptions {
  maxretry: number;
  /** Seconds. */
  findtime: number;
  /** Seconds. */
  bantime: number;
}

/** fail2ban's own defaults (jail.conf): 5 tries in 10 minutes, banned for 10 minutes. */
export const FAIL2BAN_DEFAULTS: ThresholdOptions = { maxretry: 5, findtime: 600, bantime: 600 };

/** The bounds the hosts accept for each threshold setting. */
export const THRESHOLD_LIMITS = {
  maxretry: { min: 1, max: 10_000 },
  findtime: { min: 1, max: 366 * 86400 },
  bantime: { min: 1, max: 10 * 366 * 86400 },
} as const;

/** A user name an incident's attempts tried, with how often. */
export interface IncidentUser {
  /** null: the log did not say. */
  value: string | null;
  attempts: number;
}

export interface IncidentService {
  /** null: the log did not say. */
  service: string | null;
  attempts: number;
}

/**
 * A stretch of hours in which far more distinct addresses tried than the case's usual: a swarm. Times are
 * the log's wall-clock time.
 */
export interface Incident {
  /** The first hour, `YYYY-MM-DD HH:00`. */
  start: string;
  /** The end of the last hour (the hour after it), `YYYY-MM-DD HH:00`. */
  end: string;
  hours: number;
  /** The days the incident touches: a range to brush. */
  firstDay: Day;
  lastDay: Day;
  attempts: number;
  ips: number;
  /** IPs with exactly one attempt within the incident. */
  oneShotIps: number;
  /** oneShotIps / ips, 0..1. */
  oneShotShare: number;
  /** attempts / ips. */
  attemptsPerIp: number;
  /** IPs never seen in the case before the incident (at the report's services, when it names some). */
  newIps: number;
  countries: number;
  /** The user names tried most, most first (at most 10). */
  users: IncidentUser[];
  /** The services its attempts knocked on (`null`: not logged), most first: all of them, a case holds a handful. */
  services: IncidentService[];
  /** Attempts the per-IP threshold let through (not made while their address was banned). */
  missedAttempts: number;
  /** IPs the threshold never caught within the incident. */
  missedIps: number;
  /** The busiest hour, counted in addresses the threshold did not catch that hour, against the usual hour around it. */
  peak: {
    /** `YYYY-MM-DD HH:00` */
    hour: string;
    ips: number;
    /** The median hour of the weeks around it. */
    baselineIps: number;
    /** How many robust standard deviations (1.4826 × MAD, at least 1 IP and a quarter of the median) the peak lies above that median. */
    deviations: number;
  };
}

/**
 * The incidents of the whole case, or of the attempts at some services only (never of a day range or countries),
 * and what a per-IP threshold would have missed. Every figure is of those services' attempts when it names some.
 */
export interface IncidentReport {
  threshold: ThresholdOptions;
  /** The services it is of (NO_SERVICE: the attempts whose line names none), sorted; empty: every attempt of the case. */
  services: string[];
  /** The whole case's attempts and distinct IPs (at its services), less those left out for want of a time (`undatedAttempts`). */
  attempts: number;
  ips: number;
  /**
   * Attempts left out: read from lines without any time stamp, dated at their file's last change, all at one second
   * (docs/schema.md: undated_time), a pile no swarm made.
   */
  undatedAttempts: number;
  /** Attempts the threshold let through, and IPs it never caught, over the whole case (at its services). */
  missedAttempts: number;
  missedIps: number;
  /**
   * Hours the case holds logs of: from its first attempt's hour to its last's, less the runs of a day or more
   * without any attempt or login (logs the case lacks, such as lost rotations or two sets months apart).
   */
  hours: number;
  /** The case's median hour and its MAD, in IPs the threshold did not catch that hour. */
  baseline: { medianIps: number; madIps: number };
  /** Sorted by start. */
  incidents: Incident[];
}

export interface AttemptDetail {
  ts: string;
  service: string | null;
  user: string | null;
  password: string | null;
  source: string;
  line: number;
  /** The case's source row (`source.id`) the line was read into: the raw line is asked for by it (RawLineRef). */
  sourceId: number;
}

export interface LoginDetail {
  ts: string;
  service: string | null;
  user: string | null;
  source: string;
  line: number;
  /** As AttemptDetail's. */
  sourceId: number;
}

export interface IpDetail {
  ip: string;
  country: string | null;
  scope: string;
  asn: number | null;
  asOrg: string | null;
  /** Name and build date of the database that located this IP. */
  geoDb: string | null;
  attempts: AttemptDetail[];
  attemptsTotal: number;
  logins: LoginDetail[];
}

/**
 * A raw line asked for: the path and line number an attempt or login names, and the id of the source it was
 * read into. Two sources may share a path (a log rotated away whose rotated file is gone, and the new log at its
 * path), and a line number means another line in each: without the id, the line is the source's read last from
 * that path.
 */
export interface RawLineRef {
  source: string;
  line: number;
  sourceId?: number;
}

/**
 * What became of a raw line asked for: `read` (its text is the line), `unreadable` (the file is gone, damaged or
 * ends before the line, or the case has no such source), `replaced` (the file at the path holds other content
 * than the case read from it: rotated away and deleted, or truncated and written anew, so its line of that
 * number is not the attempt's).
 */
export type RawLineStatus = 'read' | 'unreadable' | 'replaced';

export interface RawLine {
  /** The path the line was read from: the source's path now, which a rotation since the question may have moved. */
  source: string;
  line: number;
  /** The line as read; null unless `status` is `read`. */
  text: string | null;
  status: RawLineStatus;
  /** For `replaced`: when the case last read the content the line was in (ISO 8601, UTC). */
  readAt?: string;
}

export interface UnparsedPattern {
  /** The line with numbers, addresses and bracketed values masked, so alike lines group together. */
  pattern: string;
  count: number;
  samples: string[];
}

/** How a log file's content is stored, from its magic bytes: plain text, or one of the compressions logs are rotated into. */
export type SourceEncoding = 'plain' | 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'utf-16le' | 'utf-16be';

export interface SourceReport {
  path: string;
  encoding: SourceEncoding;
  bytes: number;
  lines: number;
  attemptLines: number;
  loginLines: number;
  ignoredLines: number;
  unparsedLines: number;
  attempts: number;
  logins: number;
  firstTs: string | null;
  lastTs: string | null;
  /** Why the file, or part of it, was not read: `duplicate of ...`, `resumed after N lines`, ... */
  notes: string[];
  warnings: string[];
  errors: string[];
  unparsed: UnparsedPattern[];
}

/**
 * A path the analyst gave that the case holds no lines of, and why: kept in the case (table `unread_path`) so that
 * every file given is accounted for. `error`: it could not be read (missing, unreadable, a broken archive, not a
 * text log when named); `passed-over`: found in a folder and opened, but no log (binary data, an SQLite file, an
 * empty file); `skipped`: an entry of a folder not opened at all (a pipe, a device, a lock file, the system's
 * binary login records, a link to a folder). A path read later leaves the list.
 */
export interface UnreadPath {
  path: string;
  kind: 'error' | 'passed-over' | 'skipped';
  reason: string;
  /** Its size when it was met, or null when unknown (a missing file, an entry of an archive). */
  bytes: number | null;
  /** Its modification time when it was met (ms since 1970, UTC), or null when unknown. */
  mtimeMs: number | null;
  /** When an ingest met it as it is now (ISO 8601, UTC); meeting it again unchanged leaves this as it was. */
  metAt: string;
}

export interface GeoDbInfo {
  name: string;
  kind: 'country' | 'city' | 'asn';
  buildDate: string;
  licence: string;
  path: string;
  bundled: boolean;
}

export interface CaseInfo {
  /** Where the case is saved, or null while it only lives in memory. */
  path: string | null;
  attempts: number;
  logins: number;
  ips: number;
  firstDay: Day | null;
  lastDay: Day | null;
  sources: SourceReport[];
  /** The paths given that were not read, and why (errors first, then those passed over, then those skipped; by path). */
  unread: UnreadPath[];
  /**
   * The geolocation databases: first those that locate new addresses, in the order they are consulted
   * (the user's, then the bundled one), then any others that located addresses of this case earlier.
   */
  geo: GeoDbInfo[];
  /**
   * True when the case holds changes that are not in its file: logs read (or the addresses located again)
   * since it was opened or last saved; for a case only in memory, once anything was read into it. Hosts
   * ask before a change would throw it away. Absent from hosts that predate it: taken as saved.
   */
  unsaved?: boolean;
  /**
   * The year the logs read next begin in, for stamps without a year (setStartYear), or null: each file's
   * year comes from its modification time. A session setting, not saved with the case.
   */
  startYear: number | null;
}

export interface FileProgress {
  path: string;
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  attempts: number;
  state: 'queued' | 'reading' | 'done' | 'skipped' | 'failed' | 'cancelled';
  message?: string;
}

export interface IngestProgress {
  files: FileProgress[];
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  attempts: number;
  current: string | null;
}

/**
 * A file of an earlier ingest whose tries the files just read hold too (an extract read before the log it was
 * grep'd from): they count once, in the log, and the ingest's figures count them off.
 */
export interface TakenOutBefore {
  path: string;
  attempts: number;
  logins: number;
  /** What its source's notes now say of it. */
  note: string;
}

export interface IngestResult {
  sources: SourceReport[];
  /** Files of earlier ingests that gave up tries to the files just read (attemptsAdded and loginsAdded count them off). */
  readBefore: TakenOutBefore[];
  /** Entries of a dropped folder that were passed over on purpose (a pipe, a device, a link to a folder). */
  skipped: { path: string; reason: string }[];
  cancelled: boolean;
  attemptsAdded: number;
  loginsAdded: number;
  elapsedMs: number;
}

export interface IngestOptions {
  /**
   * MaxMind databases (Country, City or ASN), consulted before the bundled one. When they differ from the
   * session's, they replace them as setGeoDatabases does (the whole case is located again); absent or
   * empty keeps the session's.
   */
  geoip?: string[];
  /**
   * The year the logs begin, instead of inferring each file's from its modification time: the year of the
   * first line of each rotation chain's oldest file; later files of the chain follow it in time
   * (engine/ingest/year-chain.ts).
   */
  year?: number;
}

export type BlocklistFormat = 'plain' | 'cidr' | 'nftables' | 'ipset' | 'iptables' | 'csv';

export interface BlocklistOptions {
  selection: Selection;
  format: BlocklistFormat;
  /** Only IPs with at least this many attempts in the selection. */
  minAttempts: number;
  /** Leave out private, loopback and reserved addresses. */
  excludePrivate: boolean;
  /** IPs or CIDRs never to list. */
  allowlist: string[];
  /** Name of the nftables/ipset set or iptables chain. */
  setName?: string;
}

export interface BlocklistPreview {
  ips: number;
  /** Entries after CIDR aggregation (equals ips for formats that list single addresses). */
  entries: number;
  allowlisted: number;
  excludedPrivate: number;
  /** The first lines of the text the format saves (a CSV's rows without their CRLF), as the file will hold them. */
  head: string[];
  /** Whether the file holds more lines than `head`. */
  moreLines: boolean;
}

export interface Blocklist {
  text: string;
  entries: number;
  suggestedName: string;
}

export type TableName = 'ips' | 'users' | 'passwords' | 'countries' | 'days' | 'histogram' | 'services' | 'sources';

/** The Days table's order: most attempts first, or by date. */
export type DaysOrder = 'busiest' | 'date';

/** The IP table's order: the column it is sorted by, and which way. */
export interface IpsOrder {
  sort: IpSortKey;
  descending: boolean;
}

export interface TableCsvOptions {
  /** The order of the days table's rows, as the Days tab shows them; by date when absent. */
  daysOrder?: DaysOrder;
  /** The order of the IP table's rows, as the table is sorted; most attempts first when absent. */
  ipsOrder?: IpsOrder;
}

/**
 * Everything the engine answers. The worker implements it; each host forwards it unchanged.
 * Methods take and return plain data.
 */
export interface EngineApi {
  caseInfo(): Promise<CaseInfo>;
  /** Opens a saved case (or, with null, starts an empty one in memory). */
  openCase(path: string | null): Promise<CaseInfo>;
  saveCase(path: string): Promise<CaseInfo>;
  ingest(paths: string[], options?: IngestOptions): Promise<IngestResult>;
  cancelIngest(): Promise<void>;
  /**
   * Makes `paths` (MaxMind Country, City or ASN databases) the user's databases for the rest of the session,
   * consulted before the bundled one, and locates every address of the case again with them. An empty
   * list goes back to the bundled database alone. A file that is not such a database is refused, naming
   * it, and nothing changes.
   */
  setGeoDatabases(paths: string[]): Promise<CaseInfo>;
  /**
   * The year the logs ingested from now on begin in (their stamps have none), for copies that lost their
   * modification times; null goes back to each file's own time. An ingest's own `year` comes first.
   */
  setStartYear(year: number | null): Promise<CaseInfo>;
  /** Ingests the bundled sample logs (a generated year with a swarm) into the open case. */
  loadSampleData(): Promise<IngestResult>;
  overview(): Promise<Overview>;
  /** Null for a case too big to brush live (engine/query/brush-columns.ts: BRUSH_COLUMNS_MAX_ROWS). */
  brushColumns(): Promise<BrushColumns | null>;
  summary(selection: Selection): Promise<Summary>;
  perDay(selection: Selection): Promise<DayRow[]>;
  perHour(selection: Selection): Promise<HourPoint[]>;
  countries(selection: Selection): Promise<CountryRow[]>;
  ips(selection: Selection, sort: IpSortKey, descending: boolean, offset: number, limit: number): Promise<IpPage>;
  users(selection: Selection, limit: number): Promise<ValueCount[]>;
  passwords(selection: Selection, limit: number): Promise<ValueCount[]>;
  histogram(selection: Selection): Promise<HistogramRow[]>;
  /** Attempts and distinct IPs per service (null: the log did not say), most attempts first. */
  services(selection: Selection): Promise<ServiceRow[]>;
  /**
   * Incidents of the whole case that per-IP thresholds miss (swarms of addresses trying a few times each),
   * with what such a threshold (fail2ban's defaults unless given) would have let through. Given services
   * (`Selection.services`), of their attempts and logins only, the threshold replayed on those alone; absent or
   * empty: of every attempt.
   */
  incidents(threshold?: ThresholdOptions, services?: string[]): Promise<IncidentReport>;
  ipDetail(ip: string, selection: Selection): Promise<IpDetail | null>;
  rawLines(refs: RawLineRef[]): Promise<RawLine[]>;
  blocklistPreview(options: BlocklistOptions): Promise<BlocklistPreview>;
  blocklist(options: BlocklistOptions): Promise<Blocklist>;
  /**
   * A table as formula-safe CSV. The days table lists the days with attempts, in `options.daysOrder`; the IP table
   * its addresses in `options.ipsOrder`.
   */
  tableCsv(table: TableName, selection: Selection, options?: TableCsvOptions): Promise<string>;
}

export type EngineMethod = keyof EngineApi;

/** The user's databases that locate new addresses: CaseInfo.geo lists them first, before the bundled one. */
export function userGeoDatabases(geo: readonly GeoDbInfo[]): GeoDbInfo[] {
  const bundled = geo.findIndex((db) => db.bundled);
  return bundled === -1 ? [] : geo.slice(0, bundled);
}

/** Events the engine pushes without being asked. */
export type EngineEvent =
  | { type: 'progress'; progress: IngestProgress }
  | { type: 'caseChanged'; info: CaseInfo };

/**
 * Characters of attackers' text that would reorder what follows them (bidi marks, embeddings, overrides,
 * isolates) or not show at all (zero-width spaces and joiners, invisible operators, the byte-order mark), as the
 * inside of a regular expression's character class: the terminal and the viewer show each by its code point.
 */
export const REORDERING_OR_INVISIBLE = '\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
