// What the timeline chart draws, slot by slot: one slot per day, or 24 per day when hours are shown.
// Days without attempts are missing from the engine's answers and become zero slots here, so that the
// axis is continuous and the brush can snap to any day.
import type { DayPoint, HourPoint } from '../../../../src-main/shared/api';
import { countryName } from '../../lib/geo/country-names';
import { formatShortDay } from '../../lib/format';
import { dayAt, indexOf, listDays, spanLength, type Day, type DaySpan } from './days';

/**
 * The chart draws hours only for spans up to this many days; hours given for a longer one are drawn as days. The
 * view data asks for hours over far fewer days (view-data.svelte.ts: HOURS_ASKED_MAX_DAYS); this bounds the chart.
 */
export const HOURS_DRAWN_MAX_DAYS = 31;

export interface StackSeries {
  /** Country code, or null for "all other countries". */
  code: string | null;
  label: string;
  values: number[];
}

export interface TimelineSeries {
  span: DaySpan;
  slotsPerDay: 1 | 24;
  /** One label per slot: `YYYY-MM-DD`, or `YYYY-MM-DD HH` for hours. */
  labels: string[];
  attempts: number[];
  /** Distinct IPs per slot, when known (days only). */
  ips: (number | null)[];
  /** Distinct countries of the slot's day. */
  countries: number[];
  /** Mean distinct countries per day over the whole case's days that had attempts: the baseline. */
  meanCountries: number | null;
  /** Attempts split by the top countries plus the rest, when stacking was asked for (days only). */
  stacks: StackSeries[] | null;
}

export interface StackInput {
  countries: string[];
  /** `series[c][k]`: attempts of `countries[c]` on `days[k]` (aligned with the `days` array). */
  series: number[][];
}

function daysByDate(days: readonly DayPoint[]): Map<Day, DayPoint> {
  return new Map(days.map((point) => [point.day, point]));
}

function meanCountries(days: readonly DayPoint[], span: DaySpan): number | null {
  const inSpan = days.filter((d) => d.attempts > 0 && d.day >= span.first && d.day <= span.last);
  if (inSpan.length === 0) return null;
  return inSpan.reduce((sum, d) => sum + d.countries, 0) / inSpan.length;
}

function stacksFor(days: readonly DayPoint[], span: DaySpan, attempts: number[], input: StackInput | null | undefined): StackSeries[] | null {
  if (!input || input.countries.length === 0) return null;
  if (input.series.length !== input.countries.length || input.series.some((values) => values.length !== days.length)) return null;
  const length = spanLength(span);
  const stacks: StackSeries[] = input.countries.map((code, c) => {
    const values = new Array<number>(length).fill(0);
    days.forEach((point, k) => {
      const slot = indexOf(span, point.day);
      if (slot >= 0 && slot < length) values[slot] = input.series[c][k] ?? 0;
    });
    return { code, label: countryName(code), values };
  });
  const rest = attempts.map((total, slot) => Math.max(0, total - stacks.reduce((sum, s) => sum + s.values[slot], 0)));
  // The bars stack the countries chosen, which then hold every attempt shown: an "Other countries" key for a
  // stack of zeros named countries that are not in the selection at all.
  return rest.some((value) => value > 0) ? [...stacks, { code: null, label: 'Other countries', values: rest }] : stacks;
}

export function buildDaySeries(days: readonly DayPoint[], span: DaySpan, stack?: StackInput | null, baseline: DaySpan = span): TimelineSeries {
  const byDate = daysByDate(days);
  const labels = listDays(span);
  const attempts = labels.map((day) => byDate.get(day)?.attempts ?? 0);
  return {
    span,
    slotsPerDay: 1,
    labels,
    attempts,
    ips: labels.map((day) => byDate.get(day)?.ips ?? 0),
    countries: labels.map((day) => byDate.get(day)?.countries ?? 0),
    meanCountries: meanCountries(days, baseline),
    stacks: stacksFor(days, span, attempts, stack),
  };
}

export function buildHourSeries(hours: readonly HourPoint[], days: readonly DayPoint[], span: DaySpan, baseline: DaySpan = span): TimelineSeries {
  const byDate = daysByDate(days);
  const spanDays = listDays(span);
  const labels = spanDays.flatMap((day) => Array.from({ length: 24 }, (_, h) => `${day} ${String(h).padStart(2, '0')}`));
  const slotOf = new Map(labels.map((label, slot) => [label, slot]));
  const attempts = new Array<number>(labels.length).fill(0);
  for (const point of hours) {
    const slot = slotOf.get(point.hour);
    if (slot !== undefined) attempts[slot] += point.attempts;
  }
  return {
    span,
    slotsPerDay: 24,
    labels,
    attempts,
    ips: labels.map(() => null),
    countries: labels.map((_, slot) => byDate.get(spanDays[Math.floor(slot / 24)])?.countries ?? 0),
    meanCountries: meanCountries(days, baseline),
    stacks: null,
  };
}

/**
 * The series for `span`: hours when given and the span is short enough, else days. The mean of
 * countries per day is taken over `baseline` (the whole case), so a zoomed-in swarm still stands out.
 */
export function buildSeries(
  days: readonly DayPoint[],
  hours: readonly HourPoint[] | null | undefined,
  span: DaySpan,
  stack?: StackInput | null,
  baseline: DaySpan = span,
): TimelineSeries {
  if (hours && spanLength(span) <= HOURS_DRAWN_MAX_DAYS) return buildHourSeries(hours, days, span, baseline);
  return buildDaySeries(days, span, stack, baseline);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The x-axis label for a slot, or '' where no label fits; labels thin out as the span grows. */
export function axisLabel(series: TimelineSeries, slot: number): string {
  const label = series.labels[slot];
  if (label === undefined) return '';
  const day = label.slice(0, 10);
  const dayCount = spanLength(series.span);
  if (series.slotsPerDay === 24) {
    const hour = Number(label.slice(11, 13));
    if (hour === 0) return formatShortDay(day);
    if (dayCount <= 3 && hour % 6 === 0) return `${String(hour).padStart(2, '0')}:00`;
    if (dayCount <= 7 && hour === 12) return '12:00';
    return '';
  }
  const index = slot;
  if (dayCount <= 16) return formatShortDay(day);
  if (dayCount <= 70) return index % 7 === 0 ? formatShortDay(day) : '';
  // Long spans: month starts, every `step` months so that they do not run into each other over years (a
  // label is about 50 px, a month of a 4-year span under 25), with the year on January and on the first label.
  if (day.slice(8) !== '01') return '';
  const month = Number(day.slice(5, 7)) - 1;
  const step = monthsPerLabel(dayCount);
  // A step of years labels the Januaries of the years it divides (every fifth: 1970, 1975, ...).
  if (step < 12 ? month % step !== 0 : month !== 0 || Number(day.slice(0, 4)) % (step / 12) !== 0) return '';
  const firstLabelled = index < 28 * step;
  return month === 0 || firstLabelled ? `${MONTHS[month]} ${day.slice(0, 4)}` : MONTHS[month];
}

/** Years between two labels on a span of decades, the fewest that keep to about 13 labels, as the months below do. */
const YEARS_PER_LABEL = [1, 2, 5, 10, 20, 50] as const;

/**
 * Months between two labels of a span of `days` days: 1 up to about 13 months, then 2, 3, 6, a year, and on a span
 * of decades (a device whose clock started at 1970 until it was set) 2, 5, 10 or more years.
 */
function monthsPerLabel(days: number): number {
  if (days <= 400) return 1;
  if (days <= 800) return 2;
  if (days <= 1200) return 3;
  if (days <= 2400) return 6;
  const years = days / 365.25;
  return 12 * (YEARS_PER_LABEL.find((step) => years / step <= 13) ?? 100);
}

/** The day a slot belongs to. */
export function slotDay(series: TimelineSeries, slot: number): Day {
  return dayAt(series.span, Math.floor(slot / series.slotsPerDay));
}

/** Attempts over the whole span and the slot with the most, for the chart's text alternative. */
export function peakSlot(series: TimelineSeries): { slot: number; attempts: number } | null {
  let best = -1;
  for (let slot = 0; slot < series.attempts.length; slot++) if (best < 0 || series.attempts[slot] > series.attempts[best]) best = slot;
  return best < 0 || series.attempts[best] === 0 ? null : { slot: best, attempts: series.attempts[best] };
}
