// Log times are wall-clock readings with no zone: they are kept as seconds since 1970-01-01 00:00:00 read
// as UTC, so that date arithmetic never shifts them by the machine's own zone.

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD HH:MM:SS` */
export function formatTs(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD` */
export function formatDay(seconds: number): string {
  return formatTs(seconds).slice(0, 10);
}

/** Days since 1970-01-01 of a wall-clock time in seconds. */
export function dayNumber(seconds: number): number {
  return Math.floor(seconds / 86400);
}

/** Parses `YYYY-MM-DD` into days since 1970-01-01, or null if it is not a real date. */
export function parseDay(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(t / 1000) !== day) return null;
  return t / 86400000;
}
