// Argument parsing shared by the commands: node's own parseArgs, with errors that say what was wrong. The options
// that choose a selection of the case are in selection-options.ts: they need the engine's code, which `ingest`
// leaves to its worker thread, so this module does not load it.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDay } from '../engine/wall-clock';
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
