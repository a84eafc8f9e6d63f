// A HostApi for renderer tests that answers every query by computing it from an in-memory list of
// attempts, the way the engine would from its database. Tests can hold answers back (to deliver them out
// of order), push engine events, and read the calls made.
import ipaddr from 'ipaddr.js';
import { flushSync } from 'svelte';
import { containsCidr, mergeCidr } from 'cidr-tools';
import type {
  Blocklist, BlocklistOptions, BlocklistPreview, BrushColumns, CaseInfo, CountryRow, DayRow, EngineEvent, GeoDbInfo, HistogramRow,
  HourPoint, IncidentReport, IngestProgress, IngestResult, IpDetail, IpPage, IpRow, IpSortKey, Overview, RawLine, RawLineRef, Selection,
  ServiceRow, SourceReport, Summary, UnreadPath, TableCsvOptions, TableName, ThresholdOptions, ValueCount,
} from '../../src-main/shared/api';
import { FAIL2BAN_DEFAULTS } from '../../src-main/shared/api';
import type { ConnectionLost, HostApi, IngestFilesInput, UploadProgressListener } from '../../src-renderer/src/lib/api/host-api';

export interface FakeAttempt {
  /** `YYYY-MM-DD HH:MM:SS`, the log's wall-clock time. */
  ts: string;
  ip: string;
  /** ISO code, or null for private/unknown. */
  country: string | null;
  user: string | null;
  password?: string | null;
  service?: string | null;
  source?: string;
  line?: number;
  /** The case's source row: 1 unless a test gives two sources of one path. */
  sourceId?: number;
}

export interface FakeLogin {
  ts: string;
  ip: string;
  user: string | null;
  service?: string | null;
  source?: string;
  line?: number;
  sourceId?: number;
}

export interface FakeCall {
  method: string;
  /** As asked, without the selection's lane (below), so that tests compare selections alone. */
  args: unknown[];
  /** The view the question named (Selection.lane), if any. */
  lane?: string;
}

/** A call's arguments without its selection's lane, and that lane. */
function splitLane(args: unknown[]): { args: unknown[]; lane?: string } {
  const [first, ...rest] = args;
  if (first === null || typeof first !== 'object' || !('lane' in first)) return { args };
  const { lane, ...selection } = first as { lane?: string };
  return { args: [selection, ...rest], lane };
}

interface Deferred {
  method: string;
  args: unknown[];
  release: () => void;
}

const dayOf = (ts: string): string => ts.slice(0, 10);
/** Within the selection's hours, if it has some: from the start's minute on, up to (not including) the end's. */
const inHours = (ts: string, s: Selection): boolean =>
  !s.hours || ((s.hours.start === null || ts.slice(0, 16) >= s.hours.start) && (s.hours.end === null || ts.slice(0, 16) < s.hours.end));
const countryOf = (a: { country: string | null }): string => a.country ?? 'ZZ';

function scopeOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return 'reserved';
  const range = ipaddr.parse(ip).range();
  if (range === 'unicast') return 'public';
  if (range === 'loopback') return 'loopback';
  if (range === 'private' || range === 'uniqueLocal' || range === 'linkLocal') return 'private';
  return 'reserved';
}

function inCidrOrEqual(ip: string, pattern: string): boolean {
  try {
    if (pattern.includes('/')) return containsCidr(pattern, ip);
    return ipaddr.isValid(pattern) && ipaddr.parse(pattern).toString() === ipaddr.parse(ip).toString();
  } catch {
    return false;
  }
}

function distinct<T>(values: T[]): number {
  return new Set(values).size;
}

/** Groups items by a key, keeping their order. */
function groupBy<K, T>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

const BUNDLED_GEO: GeoDbInfo = { name: 'geo-whois-asn-country', kind: 'country', buildDate: '2026-06-17', licence: 'CC0', path: 'bundled', bundled: true };

/** A user's MaxMind file as the engine describes it. */
export function userGeoDb(path: string, name = `GeoLite2-City (${path.split('/').pop()})`): GeoDbInfo {
  return { name, kind: 'city', buildDate: '2026-05-05', licence: 'as supplied by the user (MaxMind GeoLite2/GeoIP2 terms apply)', path, bundled: false };
}

export class FakeHost implements HostApi {
  /** Tests of Electron-only features set 'electron'. */
  kind: 'electron' | 'web' = 'web';
  readonly calls: FakeCall[] = [];
  attempts: FakeAttempt[];
  logins: FakeLogin[];
  /** Lines by `source:line`, for rawLines. */
  rawText = new Map<string, string>();
  /** Sources (by id) whose file holds other content now, with when the case read them: their raw lines are `replaced`. */
  replacedSources = new Map<number, string>();
  sources: SourceReport[] = [];
  /** The paths given that were not read (CaseInfo.unread). */
  unread: UnreadPath[] = [];
  /** Attempts the next ingestFiles / loadSampleData call adds. */
  nextIngest: FakeAttempt[] = [];
  /** The most attempts an IP detail lists (the engine lists the first 500 and gives the total). */
  detailAttemptLimit = 500;
  /** What `incidents` answers (its threshold replaced by the one asked for); null: a report without incidents. */
  incidentReport: IncidentReport | null = null;
  /** Answers brushColumns with null, as the engine does for a case of more rows than a live brush can hold. */
  tooBigToBrushLive = false;
  /** When set, answers to these methods wait until the test releases them. */
  holding = new Set<string>();
  readonly held: Deferred[] = [];
  savedFiles: { name: string; text: string }[] = [];
  /** The geolocation databases in use, the bundled one last, as CaseInfo.geo lists them. */
  geo: GeoDbInfo[] = [BUNDLED_GEO];
  startYear: number | null = null;
  /** Where the case is saved (CaseInfo.path), and whether it changed since it was opened or saved (CaseInfo.unsaved). */
  casePath: string | null = null;
  unsaved = false;
  /** The saved case the next openCaseDialog opens; null: the user cancels the dialog. */
  nextCaseFile: { path: string; attempts: FakeAttempt[] } | null = null;
  /** Where the next saveCaseDialog saves; null: the user cancels the dialog. */
  nextSavePath: string | null = '/tmp/case.sqlite';
  /** What the next chooseGeoDatabases dialog picks (Electron only); null cancels. */
  nextGeoChoice: GeoDbInfo[] | null = null;
  private listeners = new Set<(e: EngineEvent) => void>();
  private connectionListeners = new Set<(lost: ConnectionLost) => void>();
  /** Set by loseConnection: every call from then on fails with its message, as the web client's do. */
  private lost: ConnectionLost | null = null;
  private menuListeners = new Set<(cmd: string) => void>();

  constructor(attempts: FakeAttempt[] = [], logins: FakeLogin[] = []) {
    this.attempts = attempts.map((a, i) => ({ source: 'mail.log', line: i + 1, service: 'imap', password: null, ...a }));
    this.logins = logins.map((l, i) => ({ source: 'mail.log', line: attempts.length + i + 1, service: 'imap', ...l }));
    for (const a of this.attempts) {
      this.rawText.set(`${a.source}:${a.line}`, `${a.ts} imap-login: auth failed user=<${a.user ?? ''}> rip=${a.ip}`);
    }
    this.sources = this.reportSources();
  }

  // ---- test controls ----

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The web host's socket closing: listeners hear of it, then every call fails. */
  loseConnection(everConnected = true): void {
    this.lost = {
      everConnected,
      message: everConnected
        ? 'The connection to the Swarmscope host closed. Reload the page to reconnect.'
        : 'Could not connect to the Swarmscope host. Open the exact address `swarmscope serve` printed, ?token=… included.',
    };
    for (const listener of this.connectionListeners) listener(this.lost);
  }

  onConnectionLost(callback: (lost: ConnectionLost) => void): () => void {
    if (this.lost) callback(this.lost);
    this.connectionListeners.add(callback);
    return () => this.connectionListeners.delete(callback);
  }

  menu(cmd: string): void {
    for (const listener of this.menuListeners) listener(cmd);
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Releases held answers, in the given order of their indices (default: all, oldest first). */
  release(indices?: number[]): void {
    const chosen = indices ? indices.map((i) => this.held[i]) : [...this.held];
    for (const d of chosen) d.release();
    for (const d of chosen) this.held.splice(this.held.indexOf(d), 1);
  }

  private async answer<T>(method: string, args: unknown[], compute: () => T): Promise<T> {
    const { args: asked, lane } = splitLane(args);
    this.calls.push({ method, args: structuredClone(asked), ...(lane === undefined ? {} : { lane }) });
    if (this.lost) throw new Error(this.lost.message);
    if (this.holding.has(method)) {
      await new Promise<void>((resolve) => this.held.push({ method, args, release: resolve }));
    } else {
      await Promise.resolve();
    }
    return compute();
  }

  // ---- the computations ----

  private matches(a: FakeAttempt, s: Selection): boolean {
    const day = dayOf(a.ts);
    if (s.from && day < s.from) return false;
    if (s.to && day > s.to) return false;
    if (!inHours(a.ts, s)) return false;
    if (s.countries.length && !s.countries.includes(countryOf(a))) return false;
    if (s.exact?.user !== undefined && a.user !== s.exact.user) return false;
    if (s.exact?.password !== undefined && (a.password ?? null) !== s.exact.password) return false;
    if (s.services?.length && !s.services.includes(a.service ?? '')) return false;
    if (s.search) {
      const q = s.search.trim();
      if (ipaddr.isValid(q) || q.includes('/')) return inCidrOrEqual(a.ip, q);
      if (/^[a-z]{2}$/i.test(q) && countryOf(a) === q.toUpperCase()) return true;
      return (a.user ?? '').toLowerCase().includes(q.toLowerCase()) || a.ip.includes(q);
    }
    return true;
  }

  selected(s: Selection): FakeAttempt[] {
    return this.attempts.filter((a) => this.matches(a, s));
  }

  private perIp(s: Selection): Map<string, FakeAttempt[]> {
    return groupBy(this.selected(s), (a) => a.ip);
  }

  private ipRows(s: Selection): IpRow[] {
    // Logins in the selection's days, as the summary here counts them.
    const logins = groupBy(this.logins.filter((l) => (!s.from || dayOf(l.ts) >= s.from) && (!s.to || dayOf(l.ts) <= s.to) && inHours(l.ts, s)), (l) => l.ip);
    return [...this.perIp(s)].map(([ip, list]) => {
      const stamps = list.map((a) => a.ts).sort();
      const userCounts = new Map<string, number>();
      for (const a of list) if (a.user !== null) userCounts.set(a.user, (userCounts.get(a.user) ?? 0) + 1);
      const users = [...userCounts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([u]) => u);
      return {
        ip,
        country: list[0].country,
        scope: scopeOf(ip),
        attempts: list.length,
        firstSeen: stamps[0],
        lastSeen: stamps[stamps.length - 1],
        activeDays: distinct(list.map((a) => dayOf(a.ts))),
        logins: logins.get(ip)?.length ?? 0,
        userCount: users.length,
        users: users.slice(0, 5),
      };
    });
  }

  private valueCounts(s: Selection, pick: (a: FakeAttempt) => string | null, limit: number): ValueCount[] {
    return [...groupBy(this.selected(s), pick)]
      .map(([value, list]) => ({ value, attempts: list.length, ips: distinct(list.map((a) => a.ip)) }))
      .sort((x, y) => y.attempts - x.attempts || String(x.value).localeCompare(String(y.value)))
      .slice(0, limit);
  }

  private computeSummary(s: Selection): Summary {
    const list = this.selected(s);
    const days = this.computePerDay(s);
    const perIp = this.perIp(s);
    const oneShotIps = [...perIp.values()].filter((l) => l.length === 1).length;
    let peakDay: Summary['peakDay'] = null;
    for (const d of days) if (!peakDay || d.attempts > peakDay.attempts) peakDay = { day: d.day, attempts: d.attempts };
    const logins = this.logins.filter((l) => (!s.from || dayOf(l.ts) >= s.from) && (!s.to || dayOf(l.ts) <= s.to) && inHours(l.ts, s)).length;
    return {
      attempts: list.length,
      ips: perIp.size,
      countries: distinct(list.map(countryOf)),
      days: days.length,
      firstDay: days[0]?.day ?? null,
      lastDay: days[days.length - 1]?.day ?? null,
      peakDay,
      oneShotIps,
      oneShotShare: perIp.size ? oneShotIps / perIp.size : 0,
      logins,
    };
  }

  private computePerDay(s: Selection): DayRow[] {
    return [...groupBy(this.selected(s), (a) => dayOf(a.ts))]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([day, list]) => ({ day, attempts: list.length, ips: distinct(list.map((a) => a.ip)), countries: distinct(list.map(countryOf)) }));
  }

  private computeCountries(s: Selection): CountryRow[] {
    const list = this.selected(s);
    return [...groupBy(list, countryOf)]
      .map(([country, l]) => ({ country, attempts: l.length, ips: distinct(l.map((a) => a.ip)), share: l.length / list.length }))
      .sort((x, y) => y.attempts - x.attempts || x.country.localeCompare(y.country));
  }

  private computeHistogram(s: Selection): HistogramRow[] {
    const perIp = this.perIp(s);
    const byTimes = new Map<number, number>();
    for (const list of perIp.values()) byTimes.set(list.length, (byTimes.get(list.length) ?? 0) + 1);
    return [...byTimes]
      .sort(([x], [y]) => x - y)
      .map(([times, computers]) => ({ times, computers, attempts: times * computers, shareOfComputers: computers / perIp.size }));
  }

  private computeOverview(): Overview {
    const all: Selection = { from: null, to: null, countries: [], search: '' };
    const days = this.computePerDay(all);
    const countries = [...new Set(this.attempts.map(countryOf))].sort();
    const dayIndex = new Map(days.map((d, i) => [d.day, i]));
    const cells = groupBy(this.attempts, (a) => `${dayIndex.get(dayOf(a.ts))}|${countries.indexOf(countryOf(a))}`);
    return {
      days,
      countries,
      cells: [...cells].map(([key, list]) => {
        const [d, c] = key.split('|').map(Number);
        return [d, c, list.length, distinct(list.map((a) => a.ip))] as [number, number, number, number];
      }),
    };
  }

  /** One row per (day, IP), by day then address text, over the overview's days. */
  private computeBrushColumns(): BrushColumns {
    const days = this.computeOverview().days.map((d) => d.day);
    const dayIndex = new Map(days.map((day, i) => [day, i]));
    const cells = [...groupBy(this.attempts, (a) => `${dayOf(a.ts)}|${a.ip}`).values()]
      .sort((x, y) => dayOf(x[0].ts).localeCompare(dayOf(y[0].ts)) || (x[0].ip < y[0].ip ? -1 : x[0].ip > y[0].ip ? 1 : 0));
    const columns: Omit<BrushColumns, 'users' | 'userRowDay' | 'userRowValue' | 'userRowAttempts' | 'userRowIps' | 'passwords' | 'passwordRowDay' | 'passwordRowValue' | 'passwordRowAttempts' | 'passwordRowIps'> =
      { days, ips: [], ipCountry: [], rowDay: [], rowIp: [], rowAttempts: [] };
    const ipIndex = new Map<string, number>();
    for (const list of cells) {
      const { ip } = list[0];
      if (!ipIndex.has(ip)) {
        ipIndex.set(ip, columns.ips.length);
        columns.ips.push(ip);
        columns.ipCountry.push(countryOf(list[0]));
      }
      columns.rowDay.push(dayIndex.get(dayOf(list[0].ts))!);
      columns.rowIp.push(ipIndex.get(ip)!);
      columns.rowAttempts.push(list.length);
    }
    const users = this.valueDayColumns(dayIndex, (a) => a.user);
    const passwords = this.valueDayColumns(dayIndex, (a) => a.password ?? null);
    return {
      ...columns,
      users: users.values, userRowDay: users.rowDay, userRowValue: users.rowValue, userRowAttempts: users.rowAttempts, userRowIps: users.rowIps,
      passwords: passwords.values, passwordRowDay: passwords.rowDay, passwordRowValue: passwords.rowValue,
      passwordRowAttempts: passwords.rowAttempts, passwordRowIps: passwords.rowIps,
    };
  }

  /** One row per (day, value) pair, by day: attempts and distinct IPs of that day, as user_day / password_day. */
  private valueDayColumns(dayIndex: Map<string, number>, pick: (a: FakeAttempt) => string | null) {
    const out = { values: [] as (string | null)[], rowDay: [] as number[], rowValue: [] as number[], rowAttempts: [] as number[], rowIps: [] as number[] };
    const valueIndex = new Map<string | null, number>();
    const cells = [...groupBy(this.attempts, (a) => JSON.stringify([dayOf(a.ts), pick(a)])).values()]
      .sort((x, y) => dayOf(x[0].ts).localeCompare(dayOf(y[0].ts)));
    for (const list of cells) {
      const value = pick(list[0]);
      if (!valueIndex.has(value)) {
        valueIndex.set(value, out.values.length);
        out.values.push(value);
      }
      out.rowDay.push(dayIndex.get(dayOf(list[0].ts))!);
      out.rowValue.push(valueIndex.get(value)!);
      out.rowAttempts.push(list.length);
      out.rowIps.push(distinct(list.map((a) => a.ip)));
    }
    return out;
  }

  private blocklistEntries(o: BlocklistOptions): { ips: string[]; allowlisted: number; excludedPrivate: number } {
    let allowlisted = 0;
    let excludedPrivate = 0;
    const ips: string[] = [];
    for (const row of this.ipRows(o.selection).sort((x, y) => x.ip.localeCompare(y.ip))) {
      if (row.attempts < o.minAttempts) continue;
      if (o.excludePrivate && row.scope !== 'public') { excludedPrivate++; continue; }
      if (o.allowlist.some((entry) => inCidrOrEqual(row.ip, entry))) { allowlisted++; continue; }
      ips.push(row.ip);
    }
    return { ips, allowlisted, excludedPrivate };
  }

  private formatBlocklist(o: BlocklistOptions, ips: string[]): string[] {
    const set = o.setName ?? 'swarmscope';
    if (o.format === 'cidr') return ips.length ? mergeCidr(ips) : [];
    if (o.format === 'iptables') return ips.map((ip) => `-A ${set} -s ${ip} -j DROP`);
    if (o.format === 'ipset') return ips.map((ip) => `add ${set} ${ip}`);
    if (o.format === 'nftables') return ips.map((ip) => `add element inet filter ${set} { ${ip} }`);
    return ips;
  }

  private reportSources(): SourceReport[] {
    return [...groupBy(this.attempts, (a) => a.source!)].map(([path, list]) => {
      const stamps = list.map((a) => a.ts).sort();
      return {
        path, encoding: 'plain', bytes: list.length * 120, lines: list.length, attemptLines: list.length, loginLines: 0,
        ignoredLines: 0, unparsedLines: 0, attempts: list.length, logins: 0, firstTs: stamps[0] ?? null,
        lastTs: stamps[stamps.length - 1] ?? null, notes: [], warnings: [], errors: [], unparsed: [],
      };
    });
  }

  private info(): CaseInfo {
    const all = this.computeSummary({ from: null, to: null, countries: [], search: '' });
    return {
      path: this.casePath, unsaved: this.unsaved, attempts: this.attempts.length, logins: this.logins.length, ips: all.ips,
      firstDay: all.firstDay, lastDay: all.lastDay, sources: this.sources, unread: this.unread,
      geo: this.geo, startYear: this.startYear,
    };
  }

  /** Makes `user` the databases in use before the bundled one, announcing the change as the engine does. */
  private useGeo(user: GeoDbInfo[]): CaseInfo {
    this.geo = [...user, BUNDLED_GEO];
    const info = this.info();
    this.emit({ type: 'caseChanged', info });
    return info;
  }

  /** The attempts queued for the next ingest (the caller's array is left as it was). */
  private takeNextIngest(): FakeAttempt[] {
    const batch = this.nextIngest;
    this.nextIngest = [];
    return batch;
  }

  /** Adds attempts the way an ingest would, pushing progress and caseChanged events. */
  addAttempts(added: FakeAttempt[], source = 'added.log'): IngestResult {
    const start = this.attempts.length;
    this.attempts.push(...added.map((a, i) => ({ source, line: i + 1, service: 'imap', password: null, ...a, })));
    for (const a of this.attempts.slice(start)) this.rawText.set(`${a.source}:${a.line}`, `${a.ts} auth failed user=<${a.user ?? ''}> rip=${a.ip}`);
    this.sources = this.reportSources();
    this.unsaved = true;
    const progress: IngestProgress = {
      files: [{ path: source, bytesRead: added.length * 120, bytesTotal: added.length * 120, lines: added.length, attempts: added.length, state: 'done' }],
      bytesRead: added.length * 120, bytesTotal: added.length * 120, lines: added.length, attempts: added.length, current: null,
    };
    this.emit({ type: 'progress', progress });
    this.emit({ type: 'caseChanged', info: this.info() });
    return { sources: this.sources.filter((s) => s.path === source), skipped: [], readBefore: [], cancelled: false, attemptsAdded: added.length, loginsAdded: 0, elapsedMs: 1 };
  }

  // ---- EngineApi ----

  caseInfo() { return this.answer('caseInfo', [], () => this.info()); }
  openCase(path: string | null) {
    return this.answer('openCase', [path], () => {
      if (path === null) { this.attempts = []; this.logins = []; this.sources = []; this.unread = []; }
      this.casePath = path;
      this.unsaved = false;
      return this.info();
    });
  }
  saveCase(path: string) { return this.answer('saveCase', [path], () => this.savedAs(path)); }
  ingest(paths: string[]) { return this.answer('ingest', [paths], () => this.addAttempts(this.takeNextIngest(), paths[0] ?? 'added.log')); }
  cancelIngest() { return this.answer('cancelIngest', [], () => undefined); }
  setGeoDatabases(paths: string[]) {
    return this.answer('setGeoDatabases', [paths], () => this.useGeo(paths.map((path) => this.geo.find((db) => db.path === path) ?? userGeoDb(path))));
  }
  setStartYear(year: number | null) {
    return this.answer('setStartYear', [year], () => {
      this.startYear = year;
      const info = this.info();
      this.emit({ type: 'caseChanged', info });
      return info;
    });
  }
  overview() { return this.answer('overview', [], () => this.computeOverview()); }
  brushColumns() { return this.answer('brushColumns', [], () => (this.tooBigToBrushLive ? null : this.computeBrushColumns())); }
  summary(s: Selection) { return this.answer('summary', [s], () => this.computeSummary(s)); }
  /** As the engine answers: every day of the case within the selection's range, days without attempts as zeros. */
  perDay(s: Selection) {
    return this.answer('perDay', [s], () => {
      const caseDays = this.attempts.map((a) => dayOf(a.ts)).sort();
      if (!caseDays.length) return [];
      const first = s.from && s.from > caseDays[0] ? s.from : caseDays[0];
      const last = s.to && s.to < caseDays[caseDays.length - 1] ? s.to : caseDays[caseDays.length - 1];
      const byDay = new Map(this.computePerDay(s).map((d) => [d.day, d]));
      const out: DayRow[] = [];
      for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        out.push(byDay.get(day) ?? { day, attempts: 0, ips: 0, countries: 0 });
      }
      return out;
    });
  }
  perHour(s: Selection): Promise<HourPoint[]> {
    return this.answer('perHour', [s], () => {
      const groups = new Map<string, number>();
      for (const a of this.selected(s)) groups.set(a.ts.slice(0, 13), (groups.get(a.ts.slice(0, 13)) ?? 0) + 1);
      return [...groups].sort(([x], [y]) => x.localeCompare(y)).map(([hour, attempts]) => ({ hour, attempts }));
    });
  }
  countries(s: Selection) { return this.answer('countries', [s], () => this.computeCountries(s)); }
  ips(s: Selection, sort: IpSortKey, descending: boolean, offset: number, limit: number): Promise<IpPage> {
    return this.answer('ips', [s, sort, descending, offset, limit], () => {
      const rows = this.ipRows(s);
      const value = (r: IpRow): string | number => {
        if (sort === 'ip') return r.ip;
        if (sort === 'country') return r.country ?? '';
        return r[sort];
      };
      rows.sort((x, y) => {
        const a = value(x);
        const b = value(y);
        const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
        return (descending ? -order : order) || y.attempts - x.attempts || x.ip.localeCompare(y.ip); // ties as the engine breaks them
      });
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    });
  }
  users(s: Selection, limit: number) { return this.answer('users', [s, limit], () => this.valueCounts(s, (a) => a.user, limit)); }
  passwords(s: Selection, limit: number) { return this.answer('passwords', [s, limit], () => this.valueCounts(s, (a) => a.password ?? null, limit)); }
  histogram(s: Selection) { return this.answer('histogram', [s], () => this.computeHistogram(s)); }
  services(s: Selection): Promise<ServiceRow[]> {
    return this.answer('services', [s], () => this.valueCounts(s, (a) => a.service ?? null, 1e9).map((r) => ({ service: r.value, attempts: r.attempts, ips: r.ips })));
  }
  /**
   * The report a test set in `incidentReport` (with the threshold asked for), or one without incidents: the
   * detector itself is the engine's, tested there.
   */
  incidents(threshold?: ThresholdOptions, services?: string[]) {
    const args = services?.length ? [threshold, services] : threshold === undefined ? [] : [threshold];
    return this.answer('incidents', args, (): IncidentReport => {
      const asked = threshold ?? FAIL2BAN_DEFAULTS;
      const of = services?.length ? [...new Set(services)].sort() : [];
      if (this.incidentReport) return { ...this.incidentReport, threshold: asked, services: of };
      const all = this.computeSummary({ from: null, to: null, countries: [], search: '', ...(of.length ? { services: of } : {}) });
      return {
        threshold: asked, services: of, attempts: all.attempts, ips: all.ips, undatedAttempts: 0, missedAttempts: all.attempts, missedIps: all.ips, hours: 0,
        baseline: { medianIps: 0, madIps: 0 }, incidents: [],
      };
    });
  }
  ipDetail(ip: string, s: Selection): Promise<IpDetail | null> {
    return this.answer('ipDetail', [ip, s], () => {
      const list = this.selected(s).filter((a) => a.ip === ip);
      const known = this.attempts.find((a) => a.ip === ip);
      if (!known) return null;
      return {
        ip, country: known.country, scope: scopeOf(ip), asn: 64500, asOrg: 'Example Transit', geoDb: 'geo-whois-asn-country 2026-06-17',
        attempts: list.slice(0, this.detailAttemptLimit).map((a) => ({ ts: a.ts, service: a.service ?? null, user: a.user, password: a.password ?? null, source: a.source!, line: a.line!, sourceId: a.sourceId ?? 1 })),
        attemptsTotal: list.length,
        logins: this.logins.filter((l) => l.ip === ip).map((l) => ({ ts: l.ts, service: l.service ?? null, user: l.user, source: l.source!, line: l.line!, sourceId: l.sourceId ?? 1 })),
      };
    });
  }
  rawLines(refs: RawLineRef[]): Promise<RawLine[]> {
    return this.answer('rawLines', [refs], () => refs.map((r) => {
      const gone = this.replacedSources.get(r.sourceId ?? 0);
      if (gone !== undefined) return { source: r.source, line: r.line, text: null, status: 'replaced', readAt: gone };
      const text = this.rawText.get(`${r.source}:${r.line}`) ?? null;
      return { source: r.source, line: r.line, text, status: text === null ? 'unreadable' : 'read' };
    }));
  }
  blocklistPreview(o: BlocklistOptions): Promise<BlocklistPreview> {
    return this.answer('blocklistPreview', [o], () => {
      const { ips, allowlisted, excludedPrivate } = this.blocklistEntries(o);
      const lines = this.formatBlocklist(o, ips);
      // The first lines of the text blocklist() saves, as the engine's preview gives them.
      return { ips: ips.length, entries: o.format === 'cidr' ? lines.length : ips.length, allowlisted, excludedPrivate, head: lines.slice(0, 5), moreLines: lines.length > 5 };
    });
  }
  blocklist(o: BlocklistOptions): Promise<Blocklist> {
    return this.answer('blocklist', [o], () => {
      const { ips } = this.blocklistEntries(o);
      const lines = this.formatBlocklist(o, ips);
      return { text: lines.join('\n') + '\n', entries: lines.length, suggestedName: `blocklist-${o.format}.txt` };
    });
  }
  tableCsv(table: TableName, s: Selection, options?: TableCsvOptions): Promise<string> {
    return this.answer('tableCsv', options === undefined ? [table, s] : [table, s, options], () => {
      if (table === 'users' || table === 'passwords') {
        return toCsv([table === 'users' ? 'user' : 'password', 'attempts', 'ips'],
          this.valueCounts(s, table === 'users' ? (a) => a.user : (a) => a.password ?? null, 1e9).map((r) => [r.value, r.attempts, r.ips]));
      }
      if (table === 'countries') return toCsv(['country', 'attempts', 'ips'], this.computeCountries(s).map((r) => [r.country, r.attempts, r.ips]));
      if (table === 'days') {
        const days = this.computePerDay(s); // days with attempts, by date
        if (options?.daysOrder === 'busiest') days.sort((a, b) => b.attempts - a.attempts || a.day.localeCompare(b.day));
        return toCsv(['day', 'attempts', 'ips', 'countries'], days.map((r) => [r.day, r.attempts, r.ips, r.countries]));
      }
      if (table === 'histogram') return toCsv(['times', 'computers', 'attempts'], this.computeHistogram(s).map((r) => [r.times, r.computers, r.attempts]));
      if (table === 'services') {
        return toCsv(['service', 'attempts', 'ips'], this.valueCounts(s, (a) => a.service ?? null, 1e9).map((r) => [r.value, r.attempts, r.ips]));
      }
      if (table === 'sources') return toCsv(['path', 'lines', 'attempts'], this.sources.map((r) => [r.path, r.lines, r.attempts]));
      return toCsv(['ip', 'country', 'attempts'], this.ipRows(s).map((r) => [r.ip, r.country, r.attempts]));
    });
  }

  // ---- HostApi ----

  onEvent(cb: (e: EngineEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  onMenuCommand(cb: (cmd: string) => void): () => void {
    this.menuListeners.add(cb);
    return () => this.menuListeners.delete(cb);
  }
  ingestFiles(input: IngestFilesInput, onUpload?: UploadProgressListener): Promise<IngestResult> {
    // Read now, as a host must: a drop's DataTransfer empties once its handler returns.
    const files = Array.from('items' in input && 'files' in input ? input.files : input);
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    onUpload?.({ bytesSent: bytes, bytesTotal: bytes, filesDone: files.length, filesTotal: files.length, current: null });
    return this.answer('ingestFiles', [files.map((f) => f.name)], () => this.addAttempts(this.takeNextIngest(), files[0]?.name ?? 'dropped.log'));
  }
  openLogsDialog(): Promise<IngestResult | null> {
    return this.answer('openLogsDialog', [], () => (this.nextIngest.length ? this.addAttempts(this.takeNextIngest(), 'opened.log') : null));
  }
  openCaseDialog(): Promise<CaseInfo | null> {
    return this.answer('openCaseDialog', [], () => {
      const file = this.nextCaseFile;
      if (!file) return null;
      this.attempts = file.attempts.map((a, i) => ({ source: 'mail.log', line: i + 1, service: 'imap', password: null, ...a }));
      this.logins = [];
      this.sources = this.reportSources();
      this.casePath = file.path;
      this.unsaved = false;
      const info = this.info();
      this.emit({ type: 'caseChanged', info });
      return info;
    });
  }
  saveCaseDialog(): Promise<CaseInfo | null> {
    return this.answer('saveCaseDialog', [], () => (this.nextSavePath === null ? null : this.savedAs(this.nextSavePath)));
  }
  private savedAs(path: string): CaseInfo {
    this.casePath = path;
    this.unsaved = false;
    return this.info();
  }
  chooseGeoDatabases(): Promise<CaseInfo | null> {
    return this.answer('chooseGeoDatabases', [], () => {
      const picked = this.kind === 'electron' ? this.nextGeoChoice : null;
      this.nextGeoChoice = null;
      if (!picked) return null;
      const kept = this.geo.filter((db) => !db.bundled && !picked.some((p) => p.path === db.path));
      return this.useGeo([...picked, ...kept]);
    });
  }
  saveTextFile(name: string, text: string): Promise<boolean> {
    return this.answer('saveTextFile', [name, text], () => { this.savedFiles.push({ name, text }); return true; });
  }
  loadSampleData(): Promise<IngestResult> {
    return this.answer('loadSampleData', [], () => this.addAttempts(this.takeNextIngest(), 'sample-dovecot.log'));
  }
}

/** Lets pending answers arrive and effects run. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  flushSync();
}

/**
 * jsdom lays nothing out, so every element measures 0×0 and a virtualised list would show no rows.
 * This gives elements a window-sized box (and canvases no context and a do-nothing ResizeObserver, as
 * jsdom has neither) for a test file.
 */
export function giveElementsASize(width = 1200, height = 600): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
    offsetWidth: Object.getOwnPropertyDescriptor(proto, 'offsetWidth'),
    getContext: Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext'),
  };
  Object.defineProperty(proto, 'offsetHeight', { configurable: true, get: () => height });
  Object.defineProperty(proto, 'offsetWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => null });
  // jsdom has no ResizeObserver; with nothing laid out there is nothing to observe either.
  const hadResizeObserver = 'ResizeObserver' in globalThis;
  if (!hadResizeObserver) {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
  return () => {
    if (!hadResizeObserver) delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
    for (const [name, descriptor] of Object.entries(saved)) {
      const target = name === 'getContext' ? HTMLCanvasElement.prototype : proto;
      if (descriptor) Object.defineProperty(target, name, descriptor);
    }
  };
}
