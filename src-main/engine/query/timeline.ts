// Attempts over time: per day (the timeline the brush runs on) and per hour.
import type { DayRow, HourPoint, Selection } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { formatDay, formatTs } from '../wall-clock';
import { dayCountrySource, dayIpCells, planSelection, rowSource, type Plan } from './selection';

/**
 * One row per day from the first to the last day of the case that falls in the selection, days without
 * attempts included (as zeros), so that every filter draws the same time axis.
 */
export function perDay(store: CaseStore, selection: Selection): DayRow[] {
  return attemptsPerDay(store, planSelection(store, selection));
}

export function attemptsPerDay(store: CaseStore, plan: Plan): DayRow[] {
  const [caseFirst, caseLast] = store.row('SELECT min(day), max(day) FROM day_country') ?? [];
  if (caseFirst === null || caseFirst === undefined) return [];
  const first = Math.max(Number(caseFirst), plan.fromDay);
  const last = Math.min(Number(caseLast), plan.toDay);
  if (first > last) return [];
  let rows: unknown[][];
  if (plan.kind === 'rollup') {
    // Each IP has one country, so distinct IPs of a day add up over its countries.
    const src = dayCountrySource(plan);
    rows = store.rows(
      `SELECT c.day, sum(c.attempts), sum(c.ips), count(NULLIF(c.country, 'ZZ')) ${src.sql} GROUP BY c.day`,
      src.params,
    );
  } else {
    const cells = dayIpCells(plan);
    rows = store.rows(
      `SELECT c.day, sum(c.attempts), count(*), count(DISTINCT ip.country)
       FROM (${cells.sql}) c JOIN ip ON ip.id = c.ip_id GROUP BY c.day`,
      cells.params,
    );
  }
  const byDay = new Map(rows.map((r) => [Number(r[0]), r]));
  const undated = undatedPerDay(store);
  const out: DayRow[] = [];
  for (let day = first; day <= last; day++) {
    const r = byDay.get(day);
    const row: DayRow = { day: formatDay(day * 86400), attempts: Number(r?.[1] ?? 0), ips: Number(r?.[2] ?? 0), countries: Number(r?.[3] ?? 0) };
    const piled = undated.get(day);
    if (piled) row.undated = piled;
    out.push(row);
  }
  return out;
}

/**
 * The whole case's attempts per day that lines without any stamp gave, dated at their file's last change
 * (migrations/015-undated-times.ts). A case has a handful of such times at most; each is one range of the
 * attempts' primary key.
 */
function undatedPerDay(store: CaseStore): Map<number, number> {
  const rows = store.rows(
    `SELECT u.ts / 86400, count(*) FROM undated_time u JOIN attempt_record a ON a.ts = u.ts AND a.source_id = u.source_id GROUP BY 1`,
  );
  return new Map(rows.map((r) => [Number(r[0]), Number(r[1])]));
}

/** Attempts per hour, for the hours that have any, in order. */
export function perHour(store: CaseStore, selection: Selection): HourPoint[] {
  const plan = planSelection(store, selection);
  let rows: unknown[][];
  if (plan.kind === 'rollup') {
    const params: (number | string)[] = [plan.fromDay * 24, plan.toDay * 24 + 23];
    let sql = 'SELECT hour, sum(attempts) FROM hour_country WHERE hour BETWEEN ? AND ?';
    if (plan.countries.length) {
      sql += ` AND country IN (${plan.countries.map(() => '?').join(', ')})`;
      params.push(...plan.countries);
    }
    rows = store.rows(`${sql} GROUP BY hour ORDER BY hour`, params);
  } else {
    const src = rowSource(plan);
    rows = store.rows(`SELECT r.ts / 3600, count(*) ${src.sql} GROUP BY 1 ORDER BY 1`, src.params);
  }
  return rows.map((r) => ({ hour: formatTs(Number(r[0]) * 3600).slice(0, 13), attempts: Number(r[1]) }));
}
