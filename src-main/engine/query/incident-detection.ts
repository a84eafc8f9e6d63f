// Finds the stretches of hours where far more addresses tried than usual. The series counted per hour is
// the distinct addresses that a per-IP threshold did not catch that hour: a swarm raises it by dozens,
// while one address hammering (which the threshold does catch) raises it by none. "Usual" is robust: the
// median hour of the weeks around, and its median absolute deviation, which a swarm of a few days cannot
// drag up the way it drags a mean.

/** Hours on each side of a day whose hours make its baseline: two weeks around it. */
export const BASELINE_WINDOW_HOURS = 7 * 24;
/** A robust standard deviation is 1.4826 × MAD for normal data; at least one address, for quiet cases. */
const MAD_TO_SIGMA = 1.4826;
const MIN_SIGMA = 1;
/**
 * ...and at least this share of the median: busy days and quiet days of a server's background differ by a share
 * of its level, day to day, which the spread of hours around one day does not see once hours hold hundreds.
 */
export const RELATIVE_SIGMA = 0.25;
/** An hour this many deviations above its baseline starts an incident... */
export const START_DEVIATIONS = 6;
/** ...and the hours around it at least this many above (alone or averaged with theirs) belong to it: its ramp up and its fading. */
export const EXTEND_DEVIATIONS = 3;
/** A run of at least this many hours without a single attempt or login is taken for hours the case holds no logs of. */
export const NO_LOG_HOURS = 24;
/** Two stretches apart by this many hours or fewer are one incident (a lull in the middle of a swarm). */
export const MERGE_GAP_HOURS = 3;

export interface Baseline {
  median: number;
  mad: number;
  /** The spread an hour is measured in: max(1.4826 × MAD, the least spread asked, RELATIVE_SIGMA × median). */
  sigma: number;
}

export interface IncidentSpan {
  /** Indexes into the series, inclusive. */
  first: number;
  last: number;
  /** The busiest hour's index. */
  peak: number;
  /** The baseline of the peak's day. */
  baseline: Baseline;
}

function medianOfSorted(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Median and MAD of `values` (a copy is sorted). */
export function robustBaseline(values: ArrayLike<number>, minSigma = MIN_SIGMA): Baseline {
  const sorted = Float64Array.from(values).sort();
  const median = medianOfSorted(sorted);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  const mad = medianOfSorted(deviations);
  return { median, mad, sigma: Math.max(MAD_TO_SIGMA * mad, minSigma, RELATIVE_SIGMA * median) };
}

/**
 * The baseline of each hour: one per calendar day of the series (hours 0..23 from `firstHourOfDay`), from the
 * hours within BASELINE_WINDOW_HOURS of that day. A day's worth of hours share one, so a long case costs one
 * sort per day, not per hour. Hours whose `logged` is 0 (the case holds no logs of them) take no part in any
 * baseline: weeks of missing logs are not weeks of quiet, and would make the hours beside them look like a swarm.
 */
export function dailyBaselines(series: ArrayLike<number>, firstHourOfDay: number, minSigma = MIN_SIGMA, logged?: ArrayLike<number>): Baseline[] {
  const perHour: Baseline[] = new Array(series.length);
  let dayStart = -firstHourOfDay;
  while (dayStart < series.length) {
    const from = Math.max(0, dayStart - BASELINE_WINDOW_HOURS);
    const to = Math.min(series.length, dayStart + 24 + BASELINE_WINDOW_HOURS);
    const window: number[] = [];
    for (let h = from; h < to; h++) if (!logged || logged[h]) window.push(series[h]);
    const baseline = robustBaseline(window, minSigma);
    for (let h = Math.max(0, dayStart); h < Math.min(series.length, dayStart + 24); h++) perHour[h] = baseline;
    dayStart += 24;
  }
  return perHour;
}

/** How far above its baseline an hour lies, in robust deviations. */
export function deviationsOf(value: number, baseline: Baseline): number {
  return (value - baseline.median) / baseline.sigma;
}

/** A series per hour with the baseline of each hour. */
export interface ScoredSeries {
  series: ArrayLike<number>;
  baselines: readonly Baseline[];
}

/**
 * The stretches of the hourly series that rise far above their baselines, in order. Each starts from an hour
 * START_DEVIATIONS above its baseline, and takes in the hours around it that are EXTEND_DEVIATIONS above it,
 * alone or as part of the `ramp` (the series averaged over a few hours): the first and last hours of a swarm
 * are each only a little above the usual, but all of them. A ramp hour must still be above the median itself,
 * so a sharp burst does not spill into the quiet hours beside it. A stretch joins the one before it across a
 * gap of at most MERGE_GAP_HOURS. Whether it is big enough to report is the caller's call (it counts the
 * addresses).
 */
export function findSpans(hourly: ScoredSeries, ramp: ScoredSeries): IncidentSpan[] {
  const n = hourly.series.length;
  const level = (h: number): number => deviationsOf(hourly.series[h], hourly.baselines[h]);
  const belongs = (h: number): boolean => level(h) >= EXTEND_DEVIATIONS
    || (hourly.series[h] > hourly.baselines[h].median && deviationsOf(ramp.series[h], ramp.baselines[h]) >= EXTEND_DEVIATIONS);
  const spans: { first: number; last: number }[] = [];
  for (let h = 0; h < n; h++) {
    if (level(h) < START_DEVIATIONS) continue;
    let first = h;
    while (first > 0 && belongs(first - 1)) first--;
    let last = h;
    while (last + 1 < n && belongs(last + 1)) last++;
    const previous = spans[spans.length - 1];
    if (previous && first - previous.last - 1 <= MERGE_GAP_HOURS) previous.last = Math.max(previous.last, last);
    else spans.push({ first, last });
    h = last;
  }
  return spans.map(({ first, last }) => {
    let peak = first;
    for (let h = first + 1; h <= last; h++) if (level(h) > level(peak)) peak = h;
    return { first, last, peak, baseline: hourly.baselines[peak] };
  });
}

/** The mean of each hour and the `width` hours around it (fewer at the ends). */
export function centredMean(series: ArrayLike<number>, width: number): Float64Array {
  const out = new Float64Array(series.length);
  const half = Math.floor(width / 2);
  let sum = 0;
  let from = 0;
  let to = 0; // [from, to)
  for (let h = 0; h < series.length; h++) {
    const wantFrom = Math.max(0, h - half);
    const wantTo = Math.min(series.length, h + half + 1);
    while (to < wantTo) sum += series[to++];
    while (from < wantFrom) sum -= series[from++];
    out[h] = sum / (to - from);
  }
  return out;
}

/**
 * 1 for each hour the case holds logs of, 0 for the hours of runs of NO_LOG_HOURS or more without any attempt
 * or login (logs not in the case: a rotated file lost, two sets months apart). A server on the Internet is tried
 * every few minutes, and its users log in; a whole day without either is a day without logs.
 */
export function loggedHours(attemptsPerHour: ArrayLike<number>): Uint8Array {
  const logged = new Uint8Array(attemptsPerHour.length).fill(1);
  let runStart = 0;
  for (let h = 0; h <= attemptsPerHour.length; h++) {
    if (h < attemptsPerHour.length && attemptsPerHour[h] === 0) continue;
    if (h - runStart >= NO_LOG_HOURS) logged.fill(0, runStart, h);
    runStart = h + 1;
  }
  return logged;
}
