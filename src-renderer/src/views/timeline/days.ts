// Calendar arithmetic on `YYYY-MM-DD` days. Days are log wall-clock dates, so they are counted as UTC
// dates: no time zone or daylight-saving change can move one.
import type { Day } from '../../../../src-main/shared/api';

export type { Day };

/** An inclusive run of days, e.g. the whole case. */
export interface DaySpan {
  first: Day;
  last: Day;
}

/** An inclusive selected range, as `Selection.from`/`to`. */
export interface DayRange {
  from: Day;
  to: Day;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or NaN when the text is not a real calendar day. */
export function dayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) return Number.NaN;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, date);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return Number.NaN;
  return Math.round(time / DAY_MS);
}

export function isDay(value: string): boolean {
  return Number.isFinite(dayNumber(value));
}

export function dayFromNumber(value: number): Day {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: Day, count: number): Day {
  return dayFromNumber(dayNumber(day) + count);
}

/** `to - from` in days: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

/** Number of days in a span, both ends included. */
export function spanLength(span: DaySpan): number {
  return daysBetween(span.first, span.last) + 1;
}

export function listDays(span: DaySpan): Day[] {
  const start = dayNumber(span.first);
  return Array.from({ length: Math.max(0, spanLength(span)) }, (_, i) => dayFromNumber(start + i));
}

/** The day at `index` in a span (index 0 is its first day). */
export function dayAt(span: DaySpan, index: number): Day {
  return addDays(span.first, index);
}

/** The index of `day` in a span (may be outside 0..length-1). */
export function indexOf(span: DaySpan, day: Day): number {
  return daysBetween(span.first, day);
}
