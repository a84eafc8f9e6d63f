// The options that choose what part of a case a command looks at (--from, --to, --country, --service) and what a
// blocklist leaves out (--allow), read into the engine's Selection, with usage errors that name what was wrong.
import type { HourSpan, Selection } from '../shared/api';
import { parseMinute } from '../shared/time-span';
import { parseAllowlist } from '../engine/export/blocklist';
import { formatDay, formatTs, parseDay } from '../engine/wall-clock';
import { UsageError } from './args';
import { countriesNamed, countryCodes } from './country-option';
import { typedServices } from './service-option';
import { terminalSafe } from './terminal-text';

/** `--allow` values, each an address or a network as the engine's allowlist reads them; otherwise a usage error naming it. */
export function allowlistOption(values: string[] | undefined): string[] {
  for (const value of values ?? []) {
    try {
      parseAllowlist([value]);
    } catch {
      throw new UsageError(`--allow takes an IP address or a network (CIDR), not ${terminalSafe(JSON.stringify(value))}`);
    }
  }
  return values ?? [];
}

/** `--from` or `--to`: a day, or a day and a time of day (`2023-10-11 03:00`, or `2023-10-11T03:00`). */
function dayOrTimeOption(value: string | undefined, name: string): { day: string; time: string | null } | null {
  if (value === undefined) return null;
  if (parseDay(value) !== null) return { day: value, time: null };
  const time = value.trim().replace('T', ' ');
  if (parseMinute(time) === null) {
    throw new UsageError(`--${name} must be a date as YYYY-MM-DD, or a time as "YYYY-MM-DD HH:MM", not ${terminalSafe(JSON.stringify(value))}`);
  }
  return { day: time.slice(0, 10), time };
}

/**
 * The days and hours of `--from` and `--to`. Days are whole (`--to 2023-10-13` includes that day); a time narrows
 * its side to the minute, `--to`'s not included, so that an incident's start and end as `incidents` prints them
 * give its hours exactly.
 */
function rangeFrom(fromText: string | undefined, toText: string | undefined): Pick<Selection, 'from' | 'to' | 'hours'> {
  const from = dayOrTimeOption(fromText, 'from');
  const to = dayOrTimeOption(toText, 'to');
  const start = from ? (from.time ? parseMinute(from.time)! : parseDay(from.day)! * 86400) : null;
  const end = to ? (to.time ? parseMinute(to.time)! : (parseDay(to.day)! + 1) * 86400) : null;
  if (start !== null && end !== null && start >= end) throw new UsageError(`--from ${from!.time ?? from!.day} is not before --to ${to!.time ?? to!.day}`);
  // A day beside a time is its whole day, said as times: "2023-10-11 00:00 up to 2023-10-11 06:00".
  const minute = (seconds: number | null): string | null => (seconds === null ? null : formatTs(seconds).slice(0, 16));
  const hours: HourSpan | null = from?.time || to?.time ? { start: minute(start), end: minute(end) } : null;
  // The end is not included: a time's side ends on the day of its last minute (at midnight, the day before).
  return { from: from?.day ?? null, to: to?.time ? formatDay(end! - 60) : to?.day ?? null, ...(hours ? { hours } : {}) };
}

export function selectionFrom(values: { from?: string; to?: string; country?: string[]; service?: string[] }): Selection {
  const range = rangeFrom(values.from, values.to);
  const countries = new Set<string>();
  for (const value of values.country ?? []) {
    const { codes, unknown } = countryCodes(value);
    if (unknown.length || !codes.length) {
      const not = unknown.length ? unknown.map((u) => terminalSafe(JSON.stringify(u))).join(', ') : terminalSafe(JSON.stringify(value));
      const shared = unknown.flatMap((u) => {
        const codes = countriesNamed(u);
        return codes ? [`${terminalSafe(JSON.stringify(u))} is the name of ${codes.length} countries: give the code (${codes.join(' or ')})`] : [];
      });
      throw new UsageError(`--country takes a country name or a two-letter ISO code (ZZ: none), or a list of them, not ${not}${shared.length ? `; ${shared.join('; ')}` : ''}`);
    }
    codes.forEach((code) => countries.add(code));
  }
  const services = servicesOption(values.service);
  return { ...range, countries: [...countries], search: '', ...(services.length ? { services } : {}) };
}

/** The services of `--service` (each a name or a list of them), each once in the order typed; none: every service. */
export function servicesOption(values: string[] | undefined): string[] {
  const services = new Set<string>();
  for (const value of values ?? []) {
    const typed = typedServices(value);
    if (typed.unknown.length) {
      throw new UsageError(`--service takes a service as the log names it (ssh, imap, pop3, submission, smtp, managesieve...) or "not logged", `
        + `or a list of them, not ${typed.unknown.map((u) => terminalSafe(JSON.stringify(u))).join(', ')}`);
    }
    typed.services.forEach((service) => services.add(service));
  }
  return [...services];
}
