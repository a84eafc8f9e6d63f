// Display formatting. Numbers follow the system locale (or the one given, for tests); dates stay in the
// log's own wall-clock time: a day `YYYY-MM-DD` is formatted as a calendar date in UTC so no time-zone
// conversion can shift it, and timestamps are shown exactly as the log wrote them.
import { NO_SERVICE, type Day, type HourSpan, type Selection } from '../../../src-main/shared/api';
import { countOf } from '../../../src-main/shared/count-of';
import { countryName as nameOfCountry, NO_COUNTRY } from './geo/country-names';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A count and its noun, singular for one: "1 line", "2 lines", "1,335 attempts". */
export function formatCountOf(value: number, singular: string, plural = `${singular}s`, locale?: string): string {
  return countOf(value, singular, plural, (n) => formatCount(n, locale));
}

/** A count with the locale's digit grouping: 30483 -> "30,483" (en) or "30.483" (de). */
export function formatCount(value: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0, useGrouping: true }).format(value);
}

/**
 * A share 0..1 as a percentage. Shares under 10% keep one decimal, always shown, so that 0.4% does not read
 * as 0% and a column reads 9.6%, 9.0%, 8.4% rather than 9.6%, 9%, 8.4%; one that rounds to 10% says 10%.
 * A share that is not exactly zero never rounds to "0%", nor one short of the whole to "100%": "missed 3,570 of
 * 3,586 attempts (100%)" told the user that a threshold caught none.
 */
export function formatPercent(share: number, locale?: string): string {
  if (!Number.isFinite(share)) return '–';
  const digits = share !== 0 && Math.abs(share) * 100 < 9.95 ? 1 : 0;
  const format = numberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (share > 0 && share < 0.0005) return `<${format.format(0.001)}`;
  if (share < 1 && share >= 0.995) return `>${format.format(0.99)}`;
  return format.format(share);
}

function dayToUtcDate(day: Day): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** A day as a readable calendar date, e.g. "12 Nov 2023"; the raw text when it is not a day. */
export function formatDay(day: Day | null | undefined, locale?: string): string {
  if (!day) return '–';
  const date = dayToUtcDate(day);
  if (!date) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A short day without the year, e.g. "12 Nov", for places where the year is obvious. */
export function formatShortDay(day: Day | null | undefined, locale?: string): string {
  if (!day) return '–';
  const date = dayToUtcDate(day);
  if (!date) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** A day range as text: "10 Nov 2023 – 14 Nov 2023", one day alone, or open ends. */
export function formatRange(from: Day | null, to: Day | null, locale?: string): string {
  if (from && to && from === to) return formatDay(from, locale);
  return `${from ? formatDay(from, locale) : 'start'} – ${to ? formatDay(to, locale) : 'end'}`;
}

/**
 * Hours within days (an incident's) as text: "11 Oct 2023 03:00 – 13 Oct 2023 17:00", or "11 Oct 2023 03:00 – 17:00"
 * within one day; the end is where they stop (not included), as the incident list says it. formatShortDay as
 * `dayFormat` leaves the years out, where the space is short.
 */
export function formatHours(hours: HourSpan, locale?: string, dayFormat: typeof formatDay = formatDay): string {
  const at = (time: string | null, open: string): string => (time === null ? open : `${dayFormat(time.slice(0, 10), locale)} ${time.slice(11)}`);
  if (hours.start !== null && hours.end !== null && hours.start.slice(0, 10) === hours.end.slice(0, 10)) return `${at(hours.start, '')} – ${hours.end.slice(11)}`;
  return `${at(hours.start, 'start')} – ${at(hours.end, 'end')}`;
}

/** The time a selection is of: its hours when it has some, else its days, else "all days". */
export function formatSelectionTime(selection: Pick<Selection, 'from' | 'to' | 'hours'>, locale?: string): string {
  if (selection.hours) return formatHours(selection.hours, locale);
  return selection.from || selection.to ? formatRange(selection.from, selection.to, locale) : 'all days';
}

/** A log timestamp `YYYY-MM-DD HH:MM:SS`, shown as written (wall-clock), without the seconds when asked. */
export function formatTimestamp(ts: string | null | undefined, withSeconds = true): string {
  if (!ts) return '–';
  return withSeconds ? ts : ts.replace(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}):\d{2}$/, '$1');
}

/** Byte sizes in binary units with locale digits: "12.3 MiB". */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Days from `from` to `to` inclusive (1 for the same day), or null when either is not a day. */
export function daysInclusive(from: Day, to: Day): number | null {
  const a = dayToUtcDate(from);
  const b = dayToUtcDate(to);
  if (!a || !b) return null;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000) + 1;
}

/** A country's name (shared with the map); `ZZ` and null stand for private or unknown addresses. */
/** Services of a selection in words: `ssh, not logged` (NO_SERVICE is "not logged"). */
export function formatServices(services: readonly string[]): string {
  return services.map((service) => (service === NO_SERVICE ? 'not logged' : service)).join(', ');
}

export function countryName(code: string | null | undefined): string {
  return nameOfCountry(code ? code.toUpperCase() : NO_COUNTRY);
}

/** The last path segment, for showing a file name where the full path would not fit. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
