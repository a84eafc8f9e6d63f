// A per-IP threshold's settings as people write and read them: durations as fail2ban's configuration takes
// them (`600`, `10m`, `1h30m`, `1d`), and the threshold in words, the same in the CLI and the viewer.
import { FAIL2BAN_DEFAULTS, THRESHOLD_LIMITS, type IncidentReport, type ThresholdOptions } from './api';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 7 * 86_400 };
// Spaces may stand between a number and its unit and between parts (`1 h`, `1h 30m`), as people type them and
// fail2ban reads them; two bare numbers (`1 30`) are still no duration.
const DURATION = /^(?:\d+\s*[smhdw]\s*)+$|^\d+$/;
const PART = /(\d+)\s*([smhdw])/g;

/**
 * Seconds in a duration written as fail2ban's jail.conf takes it: plain seconds (`600`) or numbers with units
 * s, m, h, d, w, one after the other (`10m`, `1h30m`, `2d`, also `1 h`, `1h 30m`, any case); null when it is not one.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!DURATION.test(trimmed)) return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) seconds += Number(amount) * UNIT_SECONDS[unit];
  return Number.isSafeInteger(seconds) ? seconds : null;
}

/** A threshold's duration setting as typed, in seconds within the bounds the hosts accept; null when it is not one. */
export function durationSetting(text: string, name: 'findtime' | 'bantime'): number | null {
  const seconds = parseDuration(text);
  const { min, max } = THRESHOLD_LIMITS[name];
  return seconds !== null && seconds >= min && seconds <= max ? seconds : null;
}

/** Seconds as jail.conf would write them, in the largest unit that says them exactly: `10m`, `1h`, `2w`, `90s`. */
export function jailDuration(seconds: number): string {
  for (const [size, unit] of [[604_800, 'w'], [86_400, 'd'], [3600, 'h'], [60, 'm']] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** A number of seconds in the largest units that say it exactly: `10 min`, `1 h 30 min`, `2 days`, `45 s`. */
export function formatDuration(seconds: number): string {
  return formatDurationWith(seconds, String);
}

/** formatDuration with each amount written by `format` (the viewer groups digits: `3,660 days`). */
export function formatDurationWith(seconds: number, format: (n: number) => string): string {
  const parts: string[] = [];
  let left = Math.max(0, Math.round(seconds));
  for (const [size, one, many] of [[86_400, 'day', 'days'], [3600, 'h', 'h'], [60, 'min', 'min'], [1, 's', 's']] as const) {
    if (left < size) continue;
    const amount = Math.floor(left / size);
    left -= amount * size;
    parts.push(`${format(amount)} ${amount === 1 ? one : many}`);
  }
  return parts.length ? parts.join(' ') : '0 s';
}

/** True when two thresholds are the same settings. */
export function sameThreshold(a: ThresholdOptions, b: ThresholdOptions): boolean {
  return a.maxretry === b.maxretry && a.findtime === b.findtime && a.bantime === b.bantime;
}

/** True when a threshold is fail2ban's own defaults. */
export const isFail2banDefault = (t: ThresholdOptions): boolean => sameThreshold(t, FAIL2BAN_DEFAULTS);

/** `5 tries in 10 min (banned 10 min)`: the threshold in words. */
export function describeThreshold(t: ThresholdOptions): string {
  return `${t.maxretry} ${t.maxretry === 1 ? 'try' : 'tries'} in ${formatDuration(t.findtime)} (banned ${formatDuration(t.bantime)})`;
}

/**
 * A case spanning fewer hours than this (three days) has too few to know what its usual hour is: an incident
 * is an hour far above the usual, and a swarm that fills most of a short case's hours is its usual.
 */
export const INCIDENT_MIN_HOURS = 72;

/** True when a report found nothing, but its case is too short for that to mean that nothing hid in it. */
export function tooShortToTell(report: Pick<IncidentReport, 'attempts' | 'hours' | 'incidents'>): boolean {
  return report.attempts > 0 && report.incidents.length === 0 && report.hours < INCIDENT_MIN_HOURS;
}

/**
 * How many addresses a usual hour brings, in words: `fewer than 1 IP` below one (a quiet case's median hour
 * has none, and "the usual 0 IPs" reads as if no hour had any), else the nearest whole number (a median of an
 * even count of hours may be a half).
 */
export function usualIps(ips: number, format: (n: number) => string = String): string {
  if (ips < 1) return 'fewer than 1 IP';
  const whole = Math.round(ips);
  return `${format(whole)} ${whole === 1 ? 'IP' : 'IPs'}`;
}
