// Incidents that per-IP thresholds miss: one pass over the case's attempts in time order replays a
// fail2ban-like threshold and counts, hour by hour, the distinct addresses it did not catch; the hours that
// rise far above the weeks around them (incident-detection.ts) are incidents, reported with their figures
// when they hold dozens of addresses at least. Given services, all of it is of their attempts and logins only: the
// threshold replayed as a jail of those services would, the hours and their usual counted on them alone, so a swarm
// at sshd is measured against sshd's own background, not hidden in the mail server's. Rows are kept as typed
// columns, never as objects, so a million attempts cost some 40 MB of typed arrays for the length of the call
// (npm run bench measures it).
import type { Incident, IncidentReport, IncidentService, IncidentUser, ThresholdOptions } from '../../shared/api';
import { FAIL2BAN_DEFAULTS } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import type { SqlValue } from '../store/sqlite';
import { formatDay, formatTs } from '../wall-clock';
import { MERGE_GAP_HOURS, centredMean, deviationsOf, detectSpans, loggedHours, robustBaseline, type IncidentSpan } from './incident-detection';
import { servicesCondition, type Fragment } from './selection';
import { ThresholdSimulator, Verdict } from './threshold-simulation';

/** An incident needs at least this many distinct addresses more than usual: a handful is background, not a swarm. */
export const MIN_INCIDENT_IPS = 30;
/**
 * Hours averaged for the ramp of an incident: a swarm's first and last hours rise only a little above the usual,
 * hour by hour, but steadily; their mean over a few hours shows it (incident-detection.ts, findSpans).
 */
export const SMOOTHING_HOURS = 5;
/** User names listed per incident. */
export const INCIDENT_USERS = 10;

const HOUR = 3600;

/**
 * The log streams whose hours are judged apart: sshd's (auth.log, secure) and the mail server's (every other
 * service). A case often holds a month of one beside a year of the other; the month the second stream covers
 * raises the hours' addresses by its own background, a step of coverage that a swarm-sized window takes for a
 * swarm (a month of auth.log beside a year of mail.log came out as one 720-hour incident). Each stream's hours
 * are measured against that stream's usual, and a swarm found in either is an incident of the case.
 */
const enum Stream { Mail = 0, Ssh = 1 }
const STREAMS = [Stream.Mail, Stream.Ssh] as const;

/** The case's attempts as columns, in (ts, id) order, with what the threshold did to each. */
interface AttemptColumns {
  count: number;
  ts: Float64Array;
  ip: Int32Array;
  user: Int32Array;
  verdict: Uint8Array;
  /** The service each row names (its id; 0: not logged). */
  service: Int32Array;
  /** The id of the service `ssh`, whose rows are sshd's stream (-1: the case has none). */
  sshId: number;
  /** Rows per stream. */
  streamRows: [number, number];
  /** Rows left out: dated at their file's last change for want of a stamp (undatedTimes). */
  undatedCount: number;
}

const streamOf = (rows: AttemptColumns, r: number): Stream => (rows.service[r] === rows.sshId ? Stream.Ssh : Stream.Mail);

/** Per hour of the case, from its first attempt's hour to its last's. */
interface HourlySeries {
  firstHour: number;
  /** Index of the first attempt of each hour (and, last, the number of attempts). */
  firstRow: Int32Array;
  /** Distinct addresses that hour that the threshold did not catch that hour (of one stream, or of all). */
  uncaughtIps: Int32Array;
}

/** A span of hours found in one stream's series. */
interface StreamSpan extends IncidentSpan {
  /** That stream's series, whose hours the span's indexes and peak are of. */
  uncaughtIps: Int32Array;
}

/**
 * The incidents of the attempts at `services` (NO_SERVICE: those whose line names none), or of every attempt of
 * the case when none are named.
 */
export function incidents(store: CaseStore, threshold: ThresholdOptions = FAIL2BAN_DEFAULTS, services: readonly string[] = []): IncidentReport {
  const chosen = [...new Set(services)].sort();
  const only = servicesCondition(chosen);
  const ipCapacity = Number(store.value('SELECT coalesce(max(id), 0) FROM ip')) + 1;
  const rows = readAttempts(store, threshold, ipCapacity, only);
  const empty: IncidentReport = {
    threshold, services: chosen, attempts: 0, ips: 0, undatedAttempts: rows.undatedCount, missedAttempts: 0, missedIps: 0, hours: 0,
    baseline: { medianIps: 0, madIps: 0 }, incidents: [],
  };
  if (rows.count === 0) return empty;

  const series = hourlySeries(rows, ipCapacity, null);
  const logins = loginsPerHour(store, series, rows.sshId, only);
  const logged = loggedHours(linesPerHour(rows, series, logins, null));
  // The hours the case holds logs of: a lost fortnight of rotations is no fortnight of the case.
  let hours = 0;
  for (let h = 0; h < logged.length; h++) hours += logged[h];
  const caseBaseline = robustBaseline(series.uncaughtIps.filter((_, h) => logged[h] === 1));
  const streams = STREAMS.filter((stream) => rows.streamRows[stream] > 0);
  const spans = streams.length === 1
    ? spansOf(series, logged)
    : mergeSpans(streams.flatMap((stream) => {
      const own = hourlySeries(rows, ipCapacity, stream);
      return spansOf(own, loggedHours(linesPerHour(rows, own, logins, stream)));
    }));

  const figures = new IncidentFigures(rows, ipCapacity, countryIndexOf(store, ipCapacity));
  const whole = figures.of(0, rows.count);
  const found = spans
    .map((span) => ({ span, figures: figures.of(series.firstRow[span.first], series.firstRow[span.last + 1]) }))
    // Dozens of addresses more than its hours usually bring: a long stretch of a busy case holds dozens anyway.
    .filter(({ span, figures: f }) => f.ips - span.baseline.median * (span.last - span.first + 1) >= MIN_INCIDENT_IPS);
  const names = userNames(store, found.flatMap(({ figures: f }) => f.topUsers.map(([id]) => id)));
  const serviceNames = found.length ? namesOfServices(store) : new Map<number, string>();

  return {
    threshold,
    services: chosen,
    attempts: rows.count,
    ips: whole.ips,
    undatedAttempts: rows.undatedCount,
    missedAttempts: whole.missedAttempts,
    missedIps: whole.missedIps,
    hours,
    baseline: { medianIps: caseBaseline.median, madIps: caseBaseline.mad },
    incidents: found.map(({ span, figures: f }) => incidentOf(span, f, series, names, serviceNames)),
  };
}

function spansOf(series: HourlySeries, logged: Uint8Array): StreamSpan[] {
  const smoothed = centredMean(series.uncaughtIps, SMOOTHING_HOURS);
  // The mean of a few hours varies less than one hour: its least spread shrinks with the square root of its width.
  return detectSpans(series.uncaughtIps, smoothed, 1 / Math.sqrt(SMOOTHING_HOURS), series.firstHour % 24, logged)
    .map((span) => ({ ...span, uncaughtIps: series.uncaughtIps }));
}

/**
 * The spans of several streams as the case's: those that overlap or lie within MERGE_GAP_HOURS of each other are
 * one incident (a swarm at the mail server and at sshd at once), whose peak is the one furthest above its usual.
 */
function mergeSpans(spans: StreamSpan[]): StreamSpan[] {
  const height = (span: StreamSpan): number => deviationsOf(span.uncaughtIps[span.peak], span.baseline);
  const merged: StreamSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.first - b.first || a.last - b.last)) {
    const previous = merged.at(-1);
    if (!previous || span.first - previous.last - 1 > MERGE_GAP_HOURS) {
      merged.push({ ...span });
      continue;
    }
    const last = Math.max(previous.last, span.last);
    merged[merged.length - 1] = height(span) > height(previous) ? { ...span, first: previous.first, last } : { ...previous, last };
  }
  return merged;
}

/** The attempts (those `only` keeps, or all) in time order, each with the threshold's verdict on it. */
function readAttempts(store: CaseStore, threshold: ThresholdOptions, ipCapacity: number, only: Fragment | null): AttemptColumns {
  // The rollup's total is the row count without reading the rows; the columns grow if it were short.
  let capacity = Math.max(1, Number(store.value('SELECT coalesce(sum(attempts), 0) FROM day_country')));
  let ts = new Float64Array(capacity);
  let ip = new Int32Array(capacity);
  let user = new Int32Array(capacity);
  let verdict = new Uint8Array(capacity);
  let service = new Int32Array(capacity);
  const streamRows: [number, number] = [0, 0];
  const sshId = (store.value("SELECT id FROM service WHERE value = 'ssh'") as number | undefined) ?? -1;
  const simulator = new ThresholdSimulator(threshold, ipCapacity, capacity);
  let count = 0;
  let undatedCount = 0;
  const undated = undatedTimes(store);
  // The source is read only when some rows may be left out: a column more for every row of the case otherwise.
  const sql = `SELECT ts, ip_id, coalesce(user_id, 0), service_id${undated.size ? ', source_id' : ''} FROM attempt_record r${only ? ` WHERE ${only.sql}` : ''} ORDER BY ts, id`;
  store.eachRow(sql, only?.params ?? [], (row) => {
    if (undated.size && undated.get(row[0] as number)?.has(row[4] as number)) {
      undatedCount++;
      return;
    }
    if (count === capacity) {
      capacity *= 2;
      ts = grown(ts, new Float64Array(capacity));
      ip = grown(ip, new Int32Array(capacity));
      user = grown(user, new Int32Array(capacity));
      verdict = grown(verdict, new Uint8Array(capacity));
      service = grown(service, new Int32Array(capacity));
    }
    const t = row[0] as number;
    const address = row[1] as number;
    ts[count] = t;
    ip[count] = address;
    user[count] = row[2] as number;
    verdict[count] = simulator.attempt(t, address);
    service[count] = (row[3] as number | null) ?? 0;
    streamRows[service[count] === sshId ? Stream.Ssh : Stream.Mail]++;
    count++;
  });
  return { count, ts, ip, user, verdict, service, sshId, streamRows, undatedCount };
}

/**
 * The times lines without any stamp were dated at, the file's last change (migrations/015-undated-times.ts), and the
 * sources whose lines were: a `journalctl -o cat` export's every try at one second, a pile of addresses that no
 * swarm made. Their rows are left out of the search.
 */
function undatedTimes(store: CaseStore): Map<number, Set<number>> {
  const times = new Map<number, Set<number>>();
  store.eachRow('SELECT ts, source_id FROM undated_time', [], (row) => {
    const ts = row[0] as number;
    (times.get(ts) ?? times.set(ts, new Set()).get(ts)!).add(row[1] as number);
  });
  return times;
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/** The series of the rows of one stream, or of all (null); `firstRow` is of all rows either way. */
function hourlySeries(rows: AttemptColumns, ipCapacity: number, stream: Stream | null): HourlySeries {
  const firstHour = Math.floor(rows.ts[0] / HOUR);
  const hours = Math.floor(rows.ts[rows.count - 1] / HOUR) - firstHour + 1;
  const firstRow = new Int32Array(hours + 1);
  const uncaughtIps = new Int32Array(hours);
  // The last hour index each address was counted in, and was caught in (-1: never).
  const seenInHour = new Int32Array(ipCapacity).fill(-1);
  const caughtInHour = new Int32Array(ipCapacity).fill(-1);
  let hour = -1;
  for (let r = 0; r < rows.count; r++) {
    const h = Math.floor(rows.ts[r] / HOUR) - firstHour;
    while (hour < h) firstRow[++hour] = r;
    if (stream !== null && streamOf(rows, r) !== stream) continue;
    const ip = rows.ip[r];
    if (seenInHour[ip] !== h) {
      seenInHour[ip] = h;
      uncaughtIps[h]++;
    }
    if (rows.verdict[r] !== Verdict.Passed && caughtInHour[ip] !== h) {
      caughtInHour[ip] = h;
      uncaughtIps[h]--;
    }
  }
  firstRow[hours] = rows.count;
  return { firstHour, firstRow, uncaughtIps };
}

/**
 * Attempts and successful logins per hour of the series, of one stream or of all: an hour with either is an hour
 * the case holds logs of. A quiet server can go a day without a failed login while its users' logins go on; a lost
 * rotation has neither.
 */
function linesPerHour(rows: AttemptColumns, series: HourlySeries, logins: [Int32Array, Int32Array], stream: Stream | null): Int32Array {
  const hours = series.uncaughtIps.length;
  const perHour = new Int32Array(hours);
  for (let h = 0; h < hours; h++) {
    if (stream === null) perHour[h] = series.firstRow[h + 1] - series.firstRow[h] + logins[Stream.Mail][h] + logins[Stream.Ssh][h];
    else {
      for (let r = series.firstRow[h]; r < series.firstRow[h + 1]; r++) if (streamOf(rows, r) === stream) perHour[h]++;
      perHour[h] += logins[stream][h];
    }
  }
  return perHour;
}

/** Successful logins per hour of the series (at the services `only` keeps, or all), of each stream. */
function loginsPerHour(store: CaseStore, series: HourlySeries, sshId: number, only: Fragment | null): [Int32Array, Int32Array] {
  const hours = series.uncaughtIps.length;
  const perHour: [Int32Array, Int32Array] = [new Int32Array(hours), new Int32Array(hours)];
  const from = series.firstHour * HOUR;
  const params: SqlValue[] = [sshId, from, from + hours * HOUR, ...(only?.params ?? [])];
  store.eachRow(
    `SELECT ts / 3600, coalesce(service_id = ?, 0), count(*) FROM login_record r WHERE ts >= ? AND ts < ?${only ? ` AND ${only.sql}` : ''} GROUP BY 1, 2`,
    params,
    (row) => { perHour[Number(row[1]) ? Stream.Ssh : Stream.Mail][Number(row[0]) - series.firstHour] += Number(row[2]); },
  );
  return perHour;
}

/** The country of each address id as a small number (0: none), for counting distinct countries. */
function countryIndexOf(store: CaseStore, ipCapacity: number): Uint16Array {
  const index = new Uint16Array(ipCapacity);
  const codes = new Map<string, number>();
  store.eachRow('SELECT id, country FROM ip WHERE country IS NOT NULL', [], (row) => {
    const code = row[1] as string;
    let n = codes.get(code);
    if (n === undefined) codes.set(code, (n = codes.size + 1));
    const id = row[0] as number;
    if (id < ipCapacity) index[id] = n;
  });
  return index;
}

interface Figures {
  attempts: number;
  ips: number;
  oneShotIps: number;
  newIps: number;
  countries: number;
  missedAttempts: number;
  missedIps: number;
  /** [user id (0: not logged), attempts], most first. */
  topUsers: [number, number][];
  /** [service id (0: not logged), attempts], most first. */
  services: [number, number][];
}

/** Counts a range of rows; its scratch arrays are per address and reset through the addresses it touched. */
class IncidentFigures {
  private readonly attemptsOfIp: Int32Array;
  private readonly caughtIp: Uint8Array;
  private readonly firstRowOfIp: Int32Array;
  private readonly countrySeen: Uint8Array;

  constructor(private readonly rows: AttemptColumns, ipCapacity: number, private readonly countryOf: Uint16Array) {
    this.attemptsOfIp = new Int32Array(ipCapacity);
    this.caughtIp = new Uint8Array(ipCapacity);
    this.countrySeen = new Uint8Array(65536);
    this.firstRowOfIp = new Int32Array(ipCapacity).fill(-1);
    for (let r = 0; r < rows.count; r++) if (this.firstRowOfIp[rows.ip[r]] === -1) this.firstRowOfIp[rows.ip[r]] = r;
  }

  of(from: number, to: number): Figures {
    const { rows } = this;
    const touched: number[] = [];
    const users = new Map<number, number>();
    const services = new Map<number, number>();
    let missedAttempts = 0;
    for (let r = from; r < to; r++) {
      const ip = rows.ip[r];
      if (this.attemptsOfIp[ip]++ === 0) touched.push(ip);
      if (rows.verdict[r] !== Verdict.Blocked) missedAttempts++;
      if (rows.verdict[r] !== Verdict.Passed) this.caughtIp[ip] = 1;
      users.set(rows.user[r], (users.get(rows.user[r]) ?? 0) + 1);
      services.set(rows.service[r], (services.get(rows.service[r]) ?? 0) + 1);
    }
    let oneShotIps = 0;
    let newIps = 0;
    let missedIps = 0;
    let countries = 0;
    const countriesTouched: number[] = [];
    for (const ip of touched) {
      if (this.attemptsOfIp[ip] === 1) oneShotIps++;
      if (this.firstRowOfIp[ip] >= from) newIps++;
      if (!this.caughtIp[ip]) missedIps++;
      const country = this.countryOf[ip];
      if (country && !this.countrySeen[country]) {
        this.countrySeen[country] = 1;
        countriesTouched.push(country);
        countries++;
      }
      this.attemptsOfIp[ip] = 0;
      this.caughtIp[ip] = 0;
    }
    for (const country of countriesTouched) this.countrySeen[country] = 0;
    const topUsers = [...users].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, INCIDENT_USERS);
    const byService = [...services].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { attempts: to - from, ips: touched.length, oneShotIps, newIps, countries, missedAttempts, missedIps, topUsers, services: byService };
  }
}

/** The texts of user ids (0 and unknown ids: null). */
function userNames(store: CaseStore, ids: number[]): Map<number, string | null> {
  const names = new Map<number, string | null>();
  for (const id of new Set(ids)) {
    names.set(id, id === 0 ? null : ((store.value('SELECT value FROM username WHERE id = ?', [id]) as string | undefined) ?? null));
  }
  return names;
}

/** The case's service names by id. */
function namesOfServices(store: CaseStore): Map<number, string> {
  const names = new Map<number, string>();
  store.eachRow('SELECT id, value FROM service', [], (row) => { names.set(row[0] as number, row[1] as string); });
  return names;
}

const hourText = (hour: number): string => `${formatTs(hour * HOUR).slice(0, 13)}:00`;

function incidentOf(
  span: StreamSpan, f: Figures, series: HourlySeries, names: Map<number, string | null>, serviceNames: Map<number, string>,
): Incident {
  const startHour = series.firstHour + span.first;
  const endHour = series.firstHour + span.last + 1;
  const peakIps = span.uncaughtIps[span.peak];
  const users: IncidentUser[] = f.topUsers.map(([id, attempts]) => ({ value: names.get(id) ?? null, attempts }));
  const services: IncidentService[] = f.services.map(([id, attempts]) => ({ service: serviceNames.get(id) ?? null, attempts }));
  return {
    start: hourText(startHour),
    end: hourText(endHour),
    hours: endHour - startHour,
    firstDay: formatDay(startHour * HOUR),
    lastDay: formatDay((endHour - 1) * HOUR),
    attempts: f.attempts,
    ips: f.ips,
    oneShotIps: f.oneShotIps,
    oneShotShare: f.ips ? f.oneShotIps / f.ips : 0,
    attemptsPerIp: f.ips ? f.attempts / f.ips : 0,
    newIps: f.newIps,
    countries: f.countries,
    users,
    services,
    missedAttempts: f.missedAttempts,
    missedIps: f.missedIps,
    peak: {
      hour: hourText(series.firstHour + span.peak),
      ips: peakIps,
      baselineIps: span.baseline.median,
      deviations: deviationsOf(peakIps, span.baseline),
    },
  };
}
