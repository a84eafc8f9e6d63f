// Exact per-IP figures for a range being brushed, from the (day, IP) rows the engine ships once per case
// version (BrushColumns): distinct IPs, one-shot IPs, the attempts-per-IP histogram and the busiest IPs.
// One pass over the range's rows (found by binary search, rows are sorted by day) adds attempts up per IP
// in typed arrays that are kept between calls; only the entries a call touched are reset, so a drag over a
// million attempts costs the rows in range, not the whole case.
import type { BrushColumns, Day, HistogramRow } from '../../../../src-main/shared/api';
import { firstWhere } from './first-where';

/** How many of the busiest IPs a live figure lists: one IP table page. */
export const LIVE_TOP_IPS = 200;

export interface LiveIpRow {
  ip: string;
  /** ISO alpha-2, or `ZZ` for none. */
  country: string;
  attempts: number;
  firstDay: Day;
  lastDay: Day;
  activeDays: number;
}

export interface LiveIpFigures {
  /** Distinct IPs in the range and countries. */
  ips: number;
  /** IPs with exactly one attempt in the range. */
  oneShotIps: number;
  histogram: HistogramRow[];
  /** The busiest IPs, most attempts first, ties in address text order. */
  topIps: LiveIpRow[];
  /** Rows of the IP table for this selection (every distinct IP). */
  total: number;
}

/** Per-IP accumulators sized to one BrushColumns, reused by every call on it. */
interface Scratch {
  attempts: Int32Array;
  firstRow: Int32Array;
  lastRow: Int32Array;
  activeDays: Int32Array;
  /** IP indexes touched by the current call, in the order first met. */
  touched: Int32Array;
  /** Index into `countries` of each IP's country. */
  countryOf: Uint16Array;
  countries: string[];
  /** The last answer, for sharedLiveIpFigures. */
  last: { from: Day | null; to: Day | null; countries: string; figures: LiveIpFigures } | null;
}

const scratches = new WeakMap<BrushColumns, Scratch>();

function scratchFor(cols: BrushColumns): Scratch {
  let scratch = scratches.get(cols);
  if (scratch) return scratch;
  const n = cols.ips.length;
  const countries: string[] = [];
  const countryIndex = new Map<string, number>();
  const countryOf = new Uint16Array(n);
  for (let ip = 0; ip < n; ip++) {
    const code = cols.ipCountry[ip];
    let index = countryIndex.get(code);
    if (index === undefined) {
      index = countries.length;
      countries.push(code);
      countryIndex.set(code, index);
    }
    countryOf[ip] = index;
  }
  scratch = {
    attempts: new Int32Array(n), firstRow: new Int32Array(n), lastRow: new Int32Array(n), activeDays: new Int32Array(n),
    touched: new Int32Array(n), countryOf, countries, last: null,
  };
  scratches.set(cols, scratch);
  return scratch;
}

/** Exact figures for the days `from`..`to` (null: open-ended) and countries (empty: all; `ZZ`: none). */
export function liveIpFigures(cols: BrushColumns, from: Day | null, to: Day | null, countries: readonly string[]): LiveIpFigures {
  const scratch = scratchFor(cols);
  const { attempts, firstRow, lastRow, activeDays, touched, countryOf } = scratch;
  const { days, rowDay, rowIp, rowAttempts } = cols;

  // Day indexes [firstDay, endDay), then the rows of those days.
  const firstDay = from === null ? 0 : firstWhere(days.length, (i) => days[i] >= from);
  const endDay = to === null ? days.length : firstWhere(days.length, (i) => days[i] > to);
  const start = firstWhere(rowDay.length, (i) => rowDay[i] >= firstDay);
  const end = firstWhere(rowDay.length, (i) => rowDay[i] >= endDay);

  let wanted: Uint8Array | null = null;
  if (countries.length) {
    wanted = new Uint8Array(scratch.countries.length);
    for (const code of countries) {
      const index = scratch.countries.indexOf(code);
      if (index !== -1) wanted[index] = 1;
    }
  }

  let count = 0;
  for (let row = start; row < end; row++) {
    const ip = rowIp[row];
    if (wanted !== null && wanted[countryOf[ip]] === 0) continue;
    if (attempts[ip] === 0) {
      touched[count++] = ip;
      firstRow[ip] = row;
    }
    attempts[ip] += rowAttempts[row];
    lastRow[ip] = row;
    activeDays[ip] += 1; // each row is a distinct (day, IP) pair
  }

  const perTimes = new Map<number, number>();
  let oneShotIps = 0;
  for (let k = 0; k < count; k++) {
    const times = attempts[touched[k]];
    if (times === 1) oneShotIps++;
    perTimes.set(times, (perTimes.get(times) ?? 0) + 1);
  }
  const timesAscending = [...perTimes.keys()].sort((a, b) => a - b);
  const histogram: HistogramRow[] = timesAscending.map((times) => {
    const computers = perTimes.get(times)!;
    return { times, computers, attempts: times * computers, shareOfComputers: computers / count };
  });

  // The fewest attempts an IP needs to be among the busiest: walk the histogram down from the top.
  let threshold = 1;
  let busier = 0;
  for (let i = timesAscending.length - 1; i >= 0; i--) {
    busier += perTimes.get(timesAscending[i])!;
    threshold = timesAscending[i];
    if (busier >= LIVE_TOP_IPS) break;
  }
  const top: LiveIpRow[] = [];
  for (let k = 0; k < count; k++) {
    const ip = touched[k];
    if (attempts[ip] < threshold) continue;
    top.push({
      ip: cols.ips[ip], country: cols.ipCountry[ip], attempts: attempts[ip],
      firstDay: days[rowDay[firstRow[ip]]], lastDay: days[rowDay[lastRow[ip]]], activeDays: activeDays[ip],
    });
  }
  top.sort((a, b) => b.attempts - a.attempts || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  if (top.length > LIVE_TOP_IPS) top.length = LIVE_TOP_IPS;

  for (let k = 0; k < count; k++) {
    const ip = touched[k];
    attempts[ip] = 0;
    activeDays[ip] = 0;
  }
  return { ips: count, oneShotIps, histogram, topIps: top, total: count };
}

/**
 * liveIpFigures, answered once per range: the summary, the histogram and the IP table all follow the same
 * brush move, and the second asker gets the first one's figures. Callers must not change the answer.
 */
export function sharedLiveIpFigures(cols: BrushColumns, from: Day | null, to: Day | null, countries: readonly string[]): LiveIpFigures {
  const scratch = scratchFor(cols);
  const key = countries.join(',');
  const last = scratch.last;
  if (last && last.from === from && last.to === to && last.countries === key) return last.figures;
  const figures = liveIpFigures(cols, from, to, countries);
  scratch.last = { from, to, countries: key, figures };
  return figures;
}

export { liveValueCounts, type ValueKind } from './live-values';
