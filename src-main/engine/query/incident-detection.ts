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
/**
 * Days on each side of a day whose counts (against their weekday's share, weekdayShares) make one of its baselines
 * at the day scale: a week, and eight weeks, as the hour scale's windows.
 */
export const DAY_BASELINE_WINDOW_DAYS = 7;
export const DAY_LONG_WINDOW_DAYS = 56;
/**
 * Days at least this many deviations above their baselines, and above the days beside them, may belong to a
 * day-scale incident (a swarm's first and last days hold it in part only, and still add to what it stands out by)...
 */
export const DAY_EXTEND_DEVIATIONS = 1;
/**
 * ...when they stand this many above them together (findDayRuns)... On the scenarios' backgrounds without a swarm
 * (quiet, busy, stepping, growing, quiet weekends and weeks, botnets the threshold catches; 30 seeds each), no run
 * of days stood more than 4.8 above; a thin swarm's days of 2.5 days stand some 5 to 9 above.
 */
export const DAY_RUN_DEVIATIONS = 5;
/** ...and those this many above make its core, whose hours tell the swarm's hourly size (hoursOfDayRun). */
export const DAY_CORE_DEVIATIONS = 2;
/**
 * A day-scale incident takes the span of the hour-scale incidents within it, but where it reaches more than this
 * many hours beyond them, its own end: hour-scale ends are sharper on a thick swarm, a thin one's pieces end
 * anywhere within it.
 */
export const DAY_END_SLACK_HOURS = 6;

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
  /**
   * 'hours' when the hours far above their usual found it; 'days' when its days did (a thin swarm of days, whose
   * hours lie within their usual spread): the day scale found it alone, joined pieces of it, or stretched it.
   */
  scale: 'hours' | 'days';
  /**
   * The distinct addresses its hours usually bring, per hour: the peak's median hour for the hour scale; for the
   * day scale, its usual day's addresses over 24 (a few addresses trying every hour are each one of a day's, not 24,
   * and would make the median hour's 24 times the usual day's).
   */
  usualIpsPerHour: number;
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
  return groupBaselines(series, -firstHourOfDay, 24, windowHours, minSigma, logged);
}

/**
 * The baseline of each group of `groupSize` values (the first group starting at `firstGroupStart`, which may be
 * negative: a day the series starts within), from the `usable` values within `window` of the group on each side.
 */
function groupBaselines(
  series: ArrayLike<number>, firstGroupStart: number, groupSize: number, window: number, minSigma: number, usable?: ArrayLike<number>,
): Baseline[] {
  const n = series.length;
  const perValue: Baseline[] = new Array(n);
  // The window's values, kept sorted as it slides a group at a time: a group's values leave it and enter it.
  const sorted = new Float64Array(Math.min(n, 2 * window + groupSize));
  let count = 0;
  let from = 0;
  let to = 0; // [from, to)
  for (let groupStart = firstGroupStart; groupStart < n; groupStart += groupSize) {
    const wantFrom = Math.max(0, groupStart - window);
    const wantTo = Math.min(n, groupStart + groupSize + window);
    for (; from < wantFrom; from++) {
      if (usable && !usable[from]) continue;
      const at = lowerBound(sorted, count, series[from]);
      sorted.copyWithin(at, at + 1, count--);
    }
    for (; to < wantTo; to++) {
      if (usable && !usable[to]) continue;
      const at = lowerBound(sorted, count, series[to]);
      sorted.copyWithin(at + 1, at, count++);
      sorted[at] = series[to];
    }
    const baseline = baselineOfSorted(sorted, count, minSigma);
    for (let i = Math.max(0, groupStart); i < Math.min(n, groupStart + groupSize); i++) perValue[i] = baseline;
  }
  return perValue;
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
    return { first, last, peak, baseline: hourly.baselines[peak], scale: 'hours' as const, usualIpsPerHour: hourly.baselines[peak].median };
  });
}

/**
 * The incidents of an hourly series, and of its `ramp` (its centred mean, whose least spread is `rampMinSigma`),
 * against lowerBaselines; and, given `daily` (the distinct addresses the threshold did not catch each calendar
 * day), of its days (daySpans), joined with them (joinScales). Then again with the hours of the incidents found
 * left out of the baselines, until they stay put: a swarm found in part no longer lifts the usual level of the
 * days beside it (one of three weeks at the end of a case fills more than half of the weeks around its last
 * days, but not once its first week is left out), so it is found whole, and its ends are where its hours come
 * down to the background.
 */
export function detectSpans(
  series: ArrayLike<number>, ramp: ArrayLike<number>, rampMinSigma: number, firstHourOfDay: number, logged?: ArrayLike<number>,
  daily?: ArrayLike<number>,
): IncidentSpan[] {
  const n = series.length;
  let usable: ArrayLike<number> | undefined = logged;
  let spans: IncidentSpan[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const hourly: ScoredSeries = { series, baselines: lowerBaselines(series, firstHourOfDay, MIN_SIGMA, usable) };
    spans = findSpans(hourly, { series: ramp, baselines: lowerBaselines(ramp, firstHourOfDay, rampMinSigma, usable) });
    if (daily) spans = joinScales(spans, daySpans(daily, hourly, firstHourOfDay, usable ?? usableHours(n, [], logged), logged), hourly);
    const next = usableHours(n, spans, logged);
    if (usable && next.every((v, h) => v === usable![h])) break;
    usable = next;
  }
  return spans;
}

/**
 * The baseline of each day of a series per calendar day: of the baselines of the days within
 * DAY_BASELINE_WINDOW_DAYS and within DAY_LONG_WINDOW_DAYS of it, the one with the lower median (as
 * lowerBaselines, and for the same reasons), from the `usable` days only.
 */
export function dayBaselines(daily: ArrayLike<number>, usable?: ArrayLike<number>): Baseline[] {
  const short = groupBaselines(daily, 0, 1, DAY_BASELINE_WINDOW_DAYS, MIN_SIGMA, usable);
  const long = groupBaselines(daily, 0, 1, DAY_LONG_WINDOW_DAYS, MIN_SIGMA, usable);
  return short.map((b, d) => (long[d].median < b.median ? long[d] : b));
}

/** A run of days far above their baselines: `first` to `last`, inclusive; `core`, those DAY_CORE_DEVIATIONS above. */
export interface DayRun {
  first: number;
  last: number;
  core: number[];
  /** The usual count of its days, which they stand above. */
  usual: number;
}

/**
 * The runs of days far above their usual. Candidates are the stretches of days DAY_EXTEND_DEVIATIONS above their
 * baselines. A candidate is then held to the days beside it: the higher of the medians of the DAY_BASELINE_WINDOW_DAYS
 * usable days before it and after it. A swarm stands above both sides, while a background that stepped up for good
 * stands only above the days before it (the sixteen weeks' median can lag a step by weeks, more so once an incident's
 * days are left out of it). Its days DAY_EXTEND_DEVIATIONS above that level, in a row, are a run when they stand
 * together DAY_RUN_DEVIATIONS above it (their excess over the root of their variances summed): one day's background
 * varies by dozens of addresses on a quiet server (a burst of a dozen, a busy day), two or three days in a row
 * hardly ever; a thin swarm's whole days are each some 4 deviations above.
 */
export function findDayRuns(
  daily: ArrayLike<number>, baselines: readonly Baseline[], usable?: ArrayLike<number>, logged?: ArrayLike<number>,
): DayRun[] {
  const n = daily.length;
  const runs: DayRun[] = [];
  const sideMedian = (from: number, step: 1 | -1): number | undefined => {
    const values: number[] = [];
    for (let d = from; d >= 0 && d < n && values.length < DAY_BASELINE_WINDOW_DAYS; d += step) if (!usable || usable[d]) values.push(daily[d]);
    return values.length ? robustBaseline(values).median : undefined;
  };
  // A day's usual is known from a week of whole days of logs around it at least: a case of a few days, or days
  // beside weeks without logs, hold too few (a swarm filling a case of one day is that day's usual, not a swarm).
  const usableBefore = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) usableBefore[d + 1] = usableBefore[d] + (!logged || logged[d] ? 1 : 0);
  const high = (d: number): boolean => deviationsOf(daily[d], baselines[d]) >= DAY_EXTEND_DEVIATIONS
    && usableBefore[Math.min(n, d + DAY_BASELINE_WINDOW_DAYS + 1)] - usableBefore[Math.max(0, d - DAY_BASELINE_WINDOW_DAYS)] >= DAY_BASELINE_WINDOW_DAYS;
  for (let first = 0; first < n; first++) {
    if (!high(first)) continue;
    let last = first;
    while (last + 1 < n && high(last + 1)) last++;
    const before = sideMedian(first - 1, -1);
    const after = sideMedian(last + 1, 1);
    const sigmaOf = (d: number, usual: number): number => Math.max(baselines[d].sigma, RELATIVE_SIGMA * usual, MIN_SIGMA);
    const usualOf = (d: number): number => Math.max(before ?? after ?? baselines[d].median, after ?? before ?? baselines[d].median);
    const levelOf = (d: number): number => (daily[d] - usualOf(d)) / sigmaOf(d, usualOf(d));
    for (let from = first; from <= last; from++) {
      if (levelOf(from) < DAY_EXTEND_DEVIATIONS) continue;
      let to = from;
      while (to + 1 <= last && levelOf(to + 1) >= DAY_EXTEND_DEVIATIONS) to++;
      let excess = 0;
      let variance = 0;
      const core: number[] = [];
      for (let d = from; d <= to; d++) {
        excess += daily[d] - usualOf(d);
        variance += sigmaOf(d, usualOf(d)) ** 2;
        if (levelOf(d) >= DAY_CORE_DEVIATIONS) core.push(d);
      }
      if (excess >= DAY_RUN_DEVIATIONS * Math.sqrt(variance)) runs.push({ first: from, last: to, core: core.length ? core : [from], usual: usualOf(from) });
      from = to;
    }
    first = last;
  }
  return runs;
}

/**
 * The incidents of the days far above their usual (findDayRuns), in hours. Days of `usable` hours alone make the
 * days' baselines: a day the case holds only part of (at its start or end, beside a gap) has fewer addresses for
 * want of logs, not of attackers. The days are counted against the server's weekly rhythm (weekdayShares): a
 * thin swarm over a weekend at half the traffic is as far above its weekend as one of weekdays above theirs. Each
 * run's span is refined to hours (hoursOfDayRun).
 */
export function daySpans(
  daily: ArrayLike<number>, hourly: ScoredSeries, firstHourOfDay: number, usable: ArrayLike<number>, logged?: ArrayLike<number>,
): IncidentSpan[] {
  const n = hourly.series.length;
  const wholeDays = (hours: ArrayLike<number> | undefined): Uint8Array => {
    const whole = new Uint8Array(daily.length);
    for (let d = 0; d < daily.length; d++) {
      const from = d * 24 - firstHourOfDay;
      let all = from >= 0 && from + 24 <= n ? 1 : 0;
      for (let h = from; all && hours && h < from + 24; h++) if (!hours[h]) all = 0;
      whole[d] = all;
    }
    return whole;
  };
  const usableDays = wholeDays(usable);
  const weekday = weekdayShares(daily, usableDays);
  const adjusted = Float64Array.from(daily, (v, d) => v / weekday[d % 7]);
  const runs = findDayRuns(adjusted, dayBaselines(adjusted, usableDays), usableDays, wholeDays(logged));
  const level = (h: number): number => deviationsOf(hourly.series[h], hourly.baselines[h]);
  return runs.map((run) => {
    const { first, last } = hoursOfDayRun(run, hourly.series, firstHourOfDay, usable, weekday, logged);
    let peak = first;
    for (let h = first + 1; h <= last; h++) if (level(h) > level(peak)) peak = h;
    // The usual day's count is of weekdays' mean share (the run's days are counted as if that): back to addresses.
    let share = 0;
    for (let d = run.first; d <= run.last; d++) share += weekday[d % 7];
    const usualIpsPerHour = (run.usual * share) / (run.last - run.first + 1) / 24;
    return { first, last, peak, baseline: hourly.baselines[peak], scale: 'days' as const, usualIpsPerHour };
  });
}

/** Samples of a weekday (or an hour of the day) at least, for its share to be told; fewer leave it at 1. */
const MIN_RHYTHM_SAMPLES = 3;

/**
 * The share of each day of the week (day index modulo 7) in the usual traffic: the median, over the usable days of
 * that weekday whose week around them is usable too, of the day's count over the mean of its week (a level that
 * steps or grows cancels out). At least a tenth: a weekday without traffic would make any of its addresses a swarm.
 */
export function weekdayShares(daily: ArrayLike<number>, usable?: ArrayLike<number>): Float64Array {
  const ratios: number[][] = Array.from({ length: 7 }, () => []);
  for (let d = 3; d + 3 < daily.length; d++) {
    let sum = 0;
    let whole = true;
    for (let k = d - 3; k <= d + 3 && whole; k++) {
      if (usable && !usable[k]) whole = false;
      sum += daily[k];
    }
    if (whole && sum > 0) ratios[d % 7].push((7 * daily[d]) / sum);
  }
  return Float64Array.from(ratios, (r) => (r.length >= MIN_RHYTHM_SAMPLES ? Math.max(0.1, robustBaseline(r).median) : 1));
}

/** Days before and after a run of days whose usable hours tell the usual level on each side of it (hoursOfDayRun). */
export const DAY_SIDE_DAYS = 3;
/** Days on each side of a run whose usable hours tell the server's usual share of each hour of the day. */
export const HOUR_SHARE_DAYS = 28;

/**
 * The hours of a run of days: the stretch, within its days and a day on each side, whose hours add up most above
 * the usual hour plus half the swarm's step (Kadane's walk): where a step of the swarm's size up and down is likeliest
 * to lie. A thin swarm's hours are each within the usual spread, but dozens of them together are not, and its first
 * and last days hold it in part only. The usual hour follows the server's rhythm, its weekdays (`weekday`, as
 * weekdayShares) and its hours of the day (a quiet server's afternoon hours bring a third more than the mean, as
 * much as half a thin swarm's step, and would be taken into it), at the level of the usable hours of the
 * DAY_SIDE_DAYS on each side, the higher one: near, so a background that stepped up for good a few days before
 * is not taken for the swarm. The step is the mean excess of the run's core days over it. Whole days (those logged)
 * where that is unknown (no usable hours beside the run).
 */
export function hoursOfDayRun(
  run: DayRun, series: ArrayLike<number>, firstHourOfDay: number, usable: ArrayLike<number>, weekday: ArrayLike<number>,
  logged?: ArrayLike<number>,
): { first: number; last: number } {
  const n = series.length;
  const hourOfDay = (d: number): number => d * 24 - firstHourOfDay;
  const clip = (h: number): number => Math.min(n - 1, Math.max(0, h));
  const isLogged = (h: number): boolean => !logged || logged[h] === 1;
  // The hours of the run's days that the case holds logs of, from its first logged hour to its last.
  let runFirst = clip(hourOfDay(run.first));
  let runLast = clip(hourOfDay(run.last + 1) - 1);
  while (runFirst < runLast && !isLogged(runFirst)) runFirst++;
  while (runLast > runFirst && !isLogged(runLast)) runLast--;
  const hourShare = hourOfDayShares(series, firstHourOfDay, usable, runFirst - HOUR_SHARE_DAYS * 24, runLast + HOUR_SHARE_DAYS * 24, runFirst, runLast);
  const shape = (h: number): number => hourShare[(h + firstHourOfDay) % 24] * weekday[Math.floor((h + firstHourOfDay) / 24) % 7];
  // The level of the usable hours from `from` to `to`, in units of the rhythm's shape.
  const levelOf = (from: number, to: number): number | undefined => {
    let sum = 0;
    let shapes = 0;
    for (let h = Math.max(0, from); h <= Math.min(n - 1, to); h++) {
      if (!usable[h]) continue;
      sum += series[h];
      shapes += shape(h);
    }
    return shapes > 0 ? sum / shapes : undefined;
  };
  const before = levelOf(runFirst - DAY_SIDE_DAYS * 24, runFirst - 1);
  const after = levelOf(runLast + 1, runLast + DAY_SIDE_DAYS * 24);
  if (before === undefined && after === undefined) return { first: runFirst, last: runLast };
  const level = Math.max(before ?? 0, after ?? 0);
  // The core's excess over the usual, per hour: all its logged hours, for its own are no longer usable once an
  // earlier pass found them.
  let excess = 0;
  let coreHours = 0;
  for (let h = clip(hourOfDay(run.core[0])); h <= clip(hourOfDay(run.core[run.core.length - 1] + 1) - 1); h++) {
    if (!isLogged(h)) continue;
    excess += series[h] - level * shape(h);
    coreHours++;
  }
  const half = coreHours ? excess / coreHours / 2 : 0;
  if (half <= 0) return { first: runFirst, last: runLast };
  // From a day before the run to a day after it, as far as the logs go on without a gap.
  let from = runFirst;
  while (from > Math.max(0, runFirst - 24) && isLogged(from - 1)) from--;
  let to = runLast;
  while (to < Math.min(n - 1, runLast + 24) && isLogged(to + 1)) to++;
  let best = Number.NEGATIVE_INFINITY;
  let first = runFirst;
  let last = runLast;
  let running = 0;
  let runningFirst = from;
  for (let h = from; h <= to; h++) {
    const value = series[h] - level * shape(h) - half;
    if (running <= 0) {
      running = value;
      runningFirst = h;
    } else running += value;
    if (running > best) {
      best = running;
      first = runningFirst;
      last = h;
    }
  }
  return { first, last };
}

/**
 * The share of each hour of the day in the usual traffic: the mean of the usable hours from `from` to `to` but
 * those from `skipFrom` to `skipTo` (the run's own) at that hour of the day, over the mean of them all, each with
 * the hours beside it (a three-hour mean: a few addresses an hour over weeks are still too few for one hour alone).
 */
function hourOfDayShares(
  series: ArrayLike<number>, firstHourOfDay: number, usable: ArrayLike<number>, from: number, to: number, skipFrom: number, skipTo: number,
): Float64Array {
  const sums = new Float64Array(24);
  const counts = new Float64Array(24);
  for (let h = Math.max(0, from); h <= Math.min(series.length - 1, to); h++) {
    if (!usable[h] || (h >= skipFrom && h <= skipTo)) continue;
    const k = (h + firstHourOfDay) % 24;
    sums[k] += series[h];
    counts[k]++;
  }
  let total = 0;
  let count = 0;
  for (let k = 0; k < 24; k++) {
    total += sums[k];
    count += counts[k];
  }
  const shares = new Float64Array(24).fill(1);
  if (total <= 0) return shares;
  const mean = total / count;
  for (let k = 0; k < 24; k++) {
    let sum = 0;
    let samples = 0;
    for (const j of [k + 23, k, k + 1]) {
      sum += sums[j % 24];
      samples += counts[j % 24];
    }
    if (samples >= MIN_RHYTHM_SAMPLES) shares[k] = sum / samples / mean;
  }
  return shares;
}

/**
 * The incidents of both scales, one per swarm, in order. A day-scale incident with hour-scale ones overlapping it
 * (or within MERGE_GAP_HOURS) becomes one with them: from the first of their hours to the last, except where it
 * reaches more than DAY_END_SLACK_HOURS beyond them, which are its own ends there. It is the day scale's when it
 * joined several, stretched them, or stands alone. The peak is the hour most deviations above its usual.
 */
export function joinScales(hourSpans: readonly IncidentSpan[], daySpans: readonly IncidentSpan[], hourly: ScoredSeries): IncidentSpan[] {
  const level = (h: number): number => deviationsOf(hourly.series[h], hourly.baselines[h]);
  const result: IncidentSpan[] = [];
  const taken = new Set<IncidentSpan>();
  const joined: IncidentSpan[] = [];
  for (const day of daySpans) {
    const pieces = hourSpans.filter((s) => s.first - day.last - 1 <= MERGE_GAP_HOURS && day.first - s.last - 1 <= MERGE_GAP_HOURS);
    if (pieces.length === 0) {
      joined.push(day);
      continue;
    }
    let first = Math.min(...pieces.map((s) => s.first));
    let last = Math.max(...pieces.map((s) => s.last));
    let stretched = false;
    if (day.first < first - DAY_END_SLACK_HOURS) {
      first = day.first;
      stretched = true;
    }
    if (day.last > last + DAY_END_SLACK_HOURS) {
      last = day.last;
      stretched = true;
    }
    for (const s of pieces) taken.add(s);
    const strongest = pieces.reduce((a, b) => (level(b.peak) > level(a.peak) ? b : a));
    const byDays = pieces.length > 1 || stretched;
    joined.push({
      first, last, peak: strongest.peak, baseline: strongest.baseline, scale: byDays ? 'days' : 'hours', usualIpsPerHour: byDays ? day.usualIpsPerHour : strongest.usualIpsPerHour,
    });
  }
  for (const s of hourSpans) if (!taken.has(s)) result.push(s);
  result.push(...joined);
  result.sort((a, b) => a.first - b.first);
  // Two day-scale incidents grown into each other, or into an hour-scale one, are one.
  const merged: IncidentSpan[] = [];
  for (const s of result) {
    const previous = merged[merged.length - 1];
    if (previous && s.first - previous.last - 1 <= MERGE_GAP_HOURS) {
      const byDays = [previous, s].find((x) => x.scale === 'days');
      merged[merged.length - 1] = {
        ...(level(s.peak) > level(previous.peak) ? s : previous),
        first: previous.first, last: Math.max(previous.last, s.last),
        ...(byDays ? { scale: 'days' as const, usualIpsPerHour: byDays.usualIpsPerHour } : {}),
      };
    } else merged.push(s);
  }
  return merged;
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
