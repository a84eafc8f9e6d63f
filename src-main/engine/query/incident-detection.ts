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
/** An hour this many deviations above its baseline starts an incident... */
export const START_DEVIATIONS = 6;
/** ...and the hours around it at least this many above belong to it (its ramp up and its fading). */
export const EXTEND_DEVIATIONS = 3;
/** Two stretches apart by this many hours or fewer are one incident (a lull in the middle of a swarm). */
export const MERGE_GAP_HOURS = 3;

export interface Baseline {
  median: number;
  mad: number;
  /** max(1.4826 × MAD, 1). */
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
export function robustBaseline(values: ArrayLike<number>): Baseline {
  const sorted = Float64Array.from(values).sort();
  const median = medianOfSorted(sorted);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  const mad = medianOfSorted(deviations);
  return { median, mad, sigma: Math.max(MAD_TO_SIGMA * mad, MIN_SIGMA) };
}

/**
 * The baseline of each hour: one per calendar day of the series (hours 0..23 from `firstHourOfDay`), from the
 * hours within BASELINE_WINDOW_HOURS of that day. A day's worth of hours share one, so a long case costs one
 * sort per day, not per hour.
 */
export function dailyBaselines(series: ArrayLike<number>, firstHourOfDay: number): Baseline[] {
  const perHour: Baseline[] = new Array(series.length);
  let dayStart = -firstHourOfDay;
  while (dayStart < series.length) {
    const from = Math.max(0, dayStart - BASELINE_WINDOW_HOURS);
    const to = Math.min(series.length, dayStart + 24 + BASELINE_WINDOW_HOURS);
    const window = Array.prototype.slice.call(series, from, to) as number[];
    const baseline = robustBaseline(window);
    for (let h = Math.max(0, dayStart); h < Math.min(series.length, dayStart + 24); h++) perHour[h] = baseline;
    dayStart += 24;
  }
  return perHour;
}

const deviationsAbove = (value: number, baseline: Baseline): number => (value - baseline.median) / baseline.sigma;

/**
 * The stretches of the series that rise far above their baselines, in order: each starts from an hour
 * START_DEVIATIONS above, takes in the hours around it EXTEND_DEVIATIONS above, and joins the next stretch
 * across a gap of at most MERGE_GAP_HOURS. Whether a stretch is big enough to report is the caller's call
 * (it counts the addresses).
 */
export function findSpans(series: ArrayLike<number>, baselines: readonly Baseline[]): IncidentSpan[] {
  const n = series.length;
  const level = (h: number): number => deviationsAbove(series[h], baselines[h]);
  const spans: { first: number; last: number }[] = [];
  for (let h = 0; h < n; h++) {
    if (level(h) < START_DEVIATIONS) continue;
    let first = h;
    while (first > 0 && level(first - 1) >= EXTEND_DEVIATIONS) first--;
    let last = h;
    while (last + 1 < n && level(last + 1) >= EXTEND_DEVIATIONS) last++;
    const previous = spans[spans.length - 1];
    if (previous && first - previous.last - 1 <= MERGE_GAP_HOURS) previous.last = Math.max(previous.last, last);
    else spans.push({ first, last });
    h = last;
  }
  return spans.map(({ first, last }) => {
    let peak = first;
    for (let h = first + 1; h <= last; h++) if (level(h) > level(peak)) peak = h;
    return { first, last, peak, baseline: baselines[peak] };
  });
}

/** How far above its baseline an hour lies, in robust deviations. */
export function deviationsOf(value: number, baseline: Baseline): number {
  return deviationsAbove(value, baseline);
}
