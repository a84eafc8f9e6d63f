// Wall-clock time as seconds since 1970-01-01 00:00:00 read as UTC (the convention of parse/types.ts):
// the log's own clock is the truth, no zone is ever applied.
import type { Day } from '../../shared/api';

export const DAY_SECONDS = 86_400;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** `YYYY-MM-DD` to the seconds of its midnight. */
export function dayStart(day: Day): number {
  const m = DAY_RE.exec(day);
  const ts = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : NaN;
  // Date.UTC rolls 2024-02-30 over into March; a day that does not come back unchanged does not exist.
  if (!m || dayOf(ts) !== day) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  return ts;
}

/** `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM:SS` to seconds. */
export function parseMoment(text: string): number {
  const m = MOMENT_RE.exec(text.trim());
  if (!m) throw new Error(`not a date or date-time: ${text}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return dayStart(`${y}-${mo}-${d}`) + Number(h) * 3600 + Number(mi) * 60 + Number(s);
}

export function dayOf(ts: number): Day {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM:SS`, the way the API shows moments. */
export function momentText(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant whose local wall-clock reads `ts`: what a real file's mtime would be. */
export function localDate(ts: number): Date {
  const u = new Date(ts * 1000);
  return new Date(
    u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds(),
  );
}
