// Hours narrower than whole days (Selection.hours): an incident's hours chosen in the app, or `--from`/`--to`
// given with a time of day on the command line. Times are `YYYY-MM-DD HH:MM` on the log's own wall clock, kept
// (like the case's `ts`) as seconds since 1970-01-01 00:00 read as UTC, so no zone ever shifts them.
import type { HourSpan } from './api';

const MINUTE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** Seconds since 1970-01-01 00:00 of a `YYYY-MM-DD HH:MM` wall-clock time, or null when it is not a real time. */
export function parseMinute(text: string): number | null {
  const m = MINUTE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return ms / 1000;
}

/** The span in words, as the blocklist header and the CLI say it: "2023-10-11 03:00 up to 2023-10-13 17:00". */
export function describeSpan(span: HourSpan): string {
  if (span.start !== null && span.end !== null) return `${span.start} up to ${span.end}`;
  if (span.start !== null) return `from ${span.start} on`;
  return `up to ${span.end}`;
}
