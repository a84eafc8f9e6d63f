// Argument parsing shared by the commands: node's own parseArgs, with errors that say what was wrong.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Selection } from '../shared/api';
import { parseAllowlist } from '../engine/export/blocklist';
import { parseDay } from '../engine/wall-clock';
import { countriesNamed, countryCodes } from './country-option';
import { typedServices } from './service-option';
import { terminalSafe } from './terminal-text';

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  // parseArgs keeps the last of an option given twice: `--year 2023 --year 2024` would quietly mean 2024.
  const given = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (given.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    given.add(token.name);
  }
  const { values, positionals } = parsed;
  return { values, positionals };
}

/**
 * A path as given on the command line. An empty or blank one is a usage error: an unset shell variable
 * (`ingest "$LOGDIR"`) gives "", which path functions read as the current folder, and a blank name is a typo.
 */
export function pathArgument(value: string, name: string): string {
  if (value.trim() === '') throw new UsageError(`${name} is empty${value ? ` (${JSON.stringify(value)})` : ''}: give a path (is a shell variable unset?)`);
  return value;
}

export function dayOption(value: string | undefined, name: string): string | null {
  if (value === undefined) return null;
  if (parseDay(value) === null) throw new UsageError(`--${name} must be a date as YYYY-MM-DD, not "${value}"`);
  return value;
}

/**
 * A whole-number option, as plain decimal digits: Number() alone also reads "0x7e8", "2.024e3" and " 2024"
 * (which a person did not mean as 2024, or mistyped).
 */
export function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${terminalSafe(JSON.stringify(value))}`);
  }
  return n;
}

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

export function selectionFrom(values: { from?: string; to?: string; country?: string[]; service?: string[] }): Selection {
  const from = dayOption(values.from, 'from');
  const to = dayOption(values.to, 'to');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
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
  return { from, to, countries: [...countries], search: '', ...(services.length ? { services } : {}) };
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
