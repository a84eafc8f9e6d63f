// Finds the stretches of hours where far more addresses tried than usual. The series counted per hour is
// the distinct addresses that a per-IP threshold did not catch that hour: a swarm raises it by dozens,
// while one address hammering (which the threshold does catch) raises it by none. "Usual" is robust: the
// median hour of the weeks around, and its median absolute deviation, which a swarm of a few days cannot
// drag up the way it drags a mean. A swarm of weeks can: it is measured against the months around it, and
// without its own hours once they are found (detectSpans).

/** Hours on each side of a day whose hours make one of its baselines: two weeks around it... */
export const BASELINE_WINDOW_HOURS = 7 * 24;
/**
 * ...and the other: sixteen weeks around it. A swarm of more than a week fills half of two weeks and becomes
 * their median, but not of sixteen: swarms of up to about seven weeks stand out in it, while the two weeks
 * follow a background that changes within the months.
 */
export const LONG_WINDOW_HOURS = 56 * 24;
/** Passes at most: each one leaves out of the baselines the hours the one before found in incidents. */
const MAX_PASSES = 4;
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
/**
 * The hours at either end of a stretch taken in by the ramp alone stay in it as far out as, from its last hour
 * this many above its baseline outwards, they stand this many deviations above their baselines together: the
 * ramp's mean of a few hours stays high for two hours past a sharp end, and half those hours lie above the
 * median by chance (the spans came out two hours too long), while a slow fade's hours add up.
 */
export const RAMP_EDGE_DEVIATIONS = 2;

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

function medianOfSorted(values: ArrayLike<number>, n = values.length): number {
  if (n === 0) return 0;
  const mid = n >> 1;
  return n % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Median and MAD of `values` (a copy is sorted). */
export function robustBaseline(values: ArrayLike<number>, minSigma = MIN_SIGMA): Baseline {
  const sorted = Float64Array.from(values).sort();
  return baselineOfSorted(sorted, sorted.length, minSigma);
}

/**
 * Median and MAD of the first `n` values of `sorted`, in one walk: the deviations below the median, read down
 * from it, and those above it, read up, are two sorted runs, and the MAD is the middle of their merge.
 */
function baselineOfSorted(sorted: ArrayLike<number>, n: number, minSigma: number): Baseline {
  const median = medianOfSorted(sorted, n);
  let below = lowerBound(sorted, n, median) - 1;
  let above = below + 1;
  const next = (): number => {
    const down = below >= 0 ? median - sorted[below] : Number.POSITIVE_INFINITY;
    const up = above < n ? sorted[above] - median : Number.POSITIVE_INFINITY;
    if (down <= up) {
      below--;
      return down;
    }
    above++;
    return up;
  };
  let mad = 0;
  if (n > 0) {
    let previous = 0;
    for (let k = 0; k < n >> 1; k++) previous = next();
    const middle = next();
    mad = n % 2 ? middle : (previous + middle) / 2;
  }
  return { median, mad, sigma: Math.max(MAD_TO_SIGMA * mad, minSigma, RELATIVE_SIGMA * median) };
}

/** The first index of the first `n` values of `sorted` whose value is at least `value`. */
function lowerBound(sorted: ArrayLike<number>, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The baseline of each hour: one per calendar day of the series (hours 0..23 from `firstHourOfDay`), from the
 * hours within `windowHours` of that day. A day's worth of hours share one, so a long case costs a day's moves
 * in a sorted window per day, not a sort per hour. Hours whose `logged` is 0 (the case holds no logs of them, or
 * they are an incident's) take no part in any baseline: weeks of missing logs are not weeks of quiet, and would
 * make the hours beside them look like a swarm.
 */
export function dailyBaselines(
  series: ArrayLike<number>, firstHourOfDay: number, minSigma = MIN_SIGMA, logged?: ArrayLike<number>, windowHours = BASELINE_WINDOW_HOURS,
): Baseline[] {
  const n = series.length;
  const perHour: Baseline[] = new Array(n);
  // The window's values, kept sorted as it slides a day at a time: a day's hours leave it and enter it.
  const sorted = new Float64Array(Math.min(n, 2 * windowHours + 24));
  let count = 0;
  let from = 0;
  let to = 0; // [from, to)
  for (let dayStart = -firstHourOfDay; dayStart < n; dayStart += 24) {
    const wantFrom = Math.max(0, dayStart - windowHours);
    const wantTo = Math.min(n, dayStart + 24 + windowHours);
    for (; from < wantFrom; from++) {
      if (logged && !logged[from]) continue;
      const at = lowerBound(sorted, count, series[from]);
      sorted.copyWithin(at, at + 1, count--);
    }
    for (; to < wantTo; to++) {
      if (logged && !logged[to]) continue;
      const at = lowerBound(sorted, count, series[to]);
      sorted.copyWithin(at + 1, at, count++);
      sorted[at] = series[to];
    }
    const baseline = baselineOfSorted(sorted, count, minSigma);
    for (let h = Math.max(0, dayStart); h < Math.min(n, dayStart + 24); h++) perHour[h] = baseline;
  }
  return perHour;
}

/**
 * The baseline of each hour: of its day's baselines from the two weeks around it and from the sixteen weeks around
 * it (LONG_WINDOW_HOURS), the one with the lower median. Both windows are centred, so a background that steps up
 * for good takes its new level in both from about the day of the step on, not weeks later. `usable` hours only
 * (see dailyBaselines).
 */
export function lowerBaselines(series: ArrayLike<number>, firstHourOfDay: number, minSigma: number, usable?: ArrayLike<number>): Baseline[] {
  const short = dailyBaselines(series, firstHourOfDay, minSigma, usable, BASELINE_WINDOW_HOURS);
  const long = dailyBaselines(series, firstHourOfDay, minSigma, usable, LONG_WINDOW_HOURS);
  return short.map((b, h) => (long[h].median < b.median ? long[h] : b));
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
 * and the ramp hours at each end must stand out together (RAMP_EDGE_DEVIATIONS), so a sharp burst does not
 * spill into the ordinary hours beside it. A stretch joins the one before it across a gap of at most MERGE_GAP_HOURS. Whether it is big enough to report is the caller's call (it counts the
 * addresses).
 */
export function findSpans(hourly: ScoredSeries, ramp: ScoredSeries): IncidentSpan[] {
  const n = hourly.series.length;
  const level = (h: number): number => deviationsOf(hourly.series[h], hourly.baselines[h]);
  const belongs = (h: number): boolean => level(h) >= EXTEND_DEVIATIONS
    || (hourly.series[h] > hourly.baselines[h].median && deviationsOf(ramp.series[h], ramp.baselines[h]) >= EXTEND_DEVIATIONS);
  // The farthest hour from `core` towards `outer` (by `step`) whose hours from the core to it stand together
  // RAMP_EDGE_DEVIATIONS above their baselines; `core` if none does.
  const rampEnd = (core: number, outer: number, step: 1 | -1): number => {
    let end = core;
    let excess = 0;
    let variance = 0;
    for (let h = core + step; step * (outer - h) >= 0; h += step) {
      excess += hourly.series[h] - hourly.baselines[h].median;
      variance += hourly.baselines[h].sigma ** 2;
      if (excess >= RAMP_EDGE_DEVIATIONS * Math.sqrt(variance)) end = h;
    }
    return end;
  };
  const spans: { first: number; last: number }[] = [];
  for (let h = 0; h < n; h++) {
    if (level(h) < START_DEVIATIONS) continue;
    let first = h;
    while (first > 0 && belongs(first - 1)) first--;
    let last = h;
    while (last + 1 < n && belongs(last + 1)) last++;
    let core = first;
    while (level(core) < EXTEND_DEVIATIONS) core++;
    first = rampEnd(core, first, -1);
    core = last;
    while (level(core) < EXTEND_DEVIATIONS) core--;
    last = rampEnd(core, last, 1);
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

/**
 * The incidents of an hourly series, and of its `ramp` (its centred mean, whose least spread is `rampMinSigma`),
 * against lowerBaselines. Then again with the hours of the incidents found left out of the baselines, until
 * they stay put: a swarm found in part no longer lifts the usual level of the days beside it (one of three
 * weeks at the end of a case fills more than half of the weeks around its last days, but not once its first
 * week is left out), so it is found whole, and its ends are where its hours come down to the background.
 */
export function detectSpans(
  series: ArrayLike<number>, ramp: ArrayLike<number>, rampMinSigma: number, firstHourOfDay: number, logged?: ArrayLike<number>,
): IncidentSpan[] {
  const n = series.length;
  let usable: ArrayLike<number> | undefined = logged;
  let spans: IncidentSpan[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    spans = findSpans(
      { series, baselines: lowerBaselines(series, firstHourOfDay, MIN_SIGMA, usable) },
      { series: ramp, baselines: lowerBaselines(ramp, firstHourOfDay, rampMinSigma, usable) },
    );
    const next = usableHours(n, spans, logged);
    if (usable && next.every((v, h) => v === usable![h])) break;
    usable = next;
  }
  return spans;
}

/** 1 for the hours with logs outside `spans`: those a baseline may be taken of. */
function usableHours(n: number, spans: readonly IncidentSpan[], logged?: ArrayLike<number>): Uint8Array {
  const usable = new Uint8Array(n);
  for (let h = 0; h < n; h++) usable[h] = !logged || logged[h] ? 1 : 0;
  for (const { first, last } of spans) usable.fill(0, first, last + 1);
  return usable;
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
