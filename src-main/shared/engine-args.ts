// Checks the arguments a renderer or a browser sends before they reach the engine. Both hosts treat the
// page as untrusted: each check returns a fresh plain copy, so nothing but the expected fields (no extra
// keys, prototypes or getters) crosses over, and anything unexpected is refused with a readable reason.
import type {
  BlocklistFormat, BlocklistOptions, DaysOrder, EngineApi, ExactValues, EngineMethod, HourSpan, IngestOptions, IpSortKey, RawLineRef, Selection, TableCsvOptions, TableName,
  ThresholdOptions,
} from './api';
import { LOG_YEARS, SET_NAME, SET_NAME_RULE, THRESHOLD_LIMITS } from './api';
import { ENGINE_METHODS } from './channels';
import { parseMinute } from './time-span';

export class InvalidArgumentsError extends Error {
  override name = 'InvalidArgumentsError';
}

export const ARG_LIMITS = {
  pathLength: 4096,
  paths: 100_000,
  searchLength: 1024,
  /** A clicked user name or password is as long as the log made it: lines are cut at 64 KiB. */
  exactValueLength: 65_536,
  countries: 300,
  /** The services a case can hold are a handful (dovecot's, postfix's master.cf names, ssh). */
  services: 100,
  /** postfix's master.cf names are read up to 40 characters, dovecot's up to 20. */
  serviceLength: 64,
  rawLineRefs: 10_000,
  allowlistEntries: 20_000,
  allowlistEntryLength: 128,
  rowLimit: 100_000,
  offset: 1_000_000_000,
  attempts: 1_000_000_000,
  geoipDatabases: 16,
} as const;

// Records keyed by the union make the compiler insist that every member is listed.
const IP_SORT_KEYS: Record<IpSortKey, true> = {
  ip: true, country: true, attempts: true, firstSeen: true, lastSeen: true, activeDays: true, logins: true, userCount: true,
};
const BLOCKLIST_FORMATS: Record<BlocklistFormat, true> = {
  plain: true, cidr: true, nftables: true, ipset: true, iptables: true, csv: true,
};
const DAYS_ORDERS: Record<DaysOrder, true> = { busiest: true, date: true };
const TABLE_NAMES: Record<TableName, true> = {
  ips: true, users: true, passwords: true, countries: true, days: true, histogram: true, services: true, sources: true,
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY = /^[A-Z]{2}$/;
const IP_TEXT = /^[0-9A-Fa-f.:]{2,45}$/;
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

function fail(where: string, what: string): never {
  throw new InvalidArgumentsError(`${where}: ${what}`);
}

function plainObject(value: unknown, where: string, allowedKeys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'expected an object');
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(where, 'expected a plain object');
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) fail(where, `unexpected field "${key.slice(0, 40)}"`);
  }
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(where, 'expected an array');
  if (value.length > max) fail(where, `more than ${max} items`);
  return value;
}

function text(value: unknown, where: string, maxLength: number): string {
  if (typeof value !== 'string') fail(where, 'expected a string');
  if (value.length > maxLength) fail(where, `longer than ${maxLength} characters`);
  if (value.includes('\0')) fail(where, 'contains a NUL character');
  return value;
}

function flag(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') fail(where, 'expected true or false');
  return value;
}

function integer(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'expected a finite number');
  if (!Number.isInteger(value)) fail(where, 'expected a whole number');
  if (value < min || value > max) fail(where, `expected ${min}..${max}`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: Record<T, true>, where: string): T {
  if (typeof value !== 'string' || !Object.hasOwn(allowed, value)) {
    fail(where, `expected one of ${Object.keys(allowed).join(', ')}`);
  }
  return value as T;
}

/** An absolute path on POSIX or Windows (drive or UNC); relative paths would resolve against main's cwd. */
export function absolutePath(value: unknown, where = 'path'): string {
  const path = text(value, where, ARG_LIMITS.pathLength);
  if (!ABSOLUTE_PATH.test(path)) fail(where, 'expected an absolute path');
  return path;
}

export function absolutePaths(value: unknown, where: string, max: number = ARG_LIMITS.paths): string[] {
  return list(value, where, max).map((path, i) => absolutePath(path, `${where}[${i}]`));
}

function day(value: unknown, where: string): string | null {
  if (value === null) return null;
  const match = typeof value === 'string' ? DAY.exec(value) : null;
  if (!match) fail(where, 'expected null or YYYY-MM-DD');
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    fail(where, 'not a calendar day');
  }
  return value as string;
}

export function validateSelection(value: unknown, where = 'selection'): Selection {
  const raw = plainObject(value, where, ['from', 'to', 'countries', 'search', 'exact', 'services', 'hours', 'lane']);
  const countries = list(raw.countries, `${where}.countries`, ARG_LIMITS.countries).map((code, i) => {
    if (typeof code !== 'string' || !COUNTRY.test(code)) fail(`${where}.countries[${i}]`, 'expected a two-letter country code');
    return code;
  });
  return {
    from: day(raw.from, `${where}.from`),
    to: day(raw.to, `${where}.to`),
    countries,
    search: text(raw.search, `${where}.search`, ARG_LIMITS.searchLength),
    ...exactPart(raw.exact, `${where}.exact`),
    ...servicesPart(raw.services, `${where}.services`),
    ...hoursPart(raw.hours, `${where}.hours`),
    ...lanePart(raw.lane, `${where}.lane`),
  };
}

/** A view's name, as the page writes it: a few letters. */
const LANE = /^[A-Za-z][A-Za-z-]{0,39}$/;

function lanePart(value: unknown, where: string): { lane?: string } {
  if (value === undefined) return {};
  if (typeof value !== 'string' || !LANE.test(value)) fail(where, 'expected a view name (letters and -, at most 40)');
  return { lane: value };
}

/** `{ hours }` when a span is given, or nothing (absent and null both mean whole days). */
function hoursPart(value: unknown, where: string): { hours?: HourSpan } {
  if (value === undefined || value === null) return {};
  const raw = plainObject(value, where, ['start', 'end']);
  const time = (part: unknown, at: string): string | null => {
    if (part === null) return null;
    if (typeof part !== 'string' || parseMinute(part) === null) fail(at, 'expected null or a time as YYYY-MM-DD HH:MM');
    return part as string;
  };
  const start = time(raw.start, `${where}.start`);
  const end = time(raw.end, `${where}.end`);
  if (start === null && end === null) fail(where, 'expected a start, an end or both');
  if (start !== null && end !== null && parseMinute(start)! >= parseMinute(end)!) fail(where, 'the start is not before the end');
  return { hours: { start, end } };
}

/** `{ services }` when some are given, or nothing (absent, null and `[]` all mean every service). */
function servicesPart(value: unknown, where: string): { services?: string[] } {
  const services = serviceList(value, where);
  return services.length ? { services } : {};
}

/** Services as `Selection.services` names them; absent and null are none (every service). */
function serviceList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  // Each a bound parameter only; NO_SERVICE (the empty text) is "not logged".
  return list(value, where, ARG_LIMITS.services).map((service, i) => text(service, `${where}[${i}]`, ARG_LIMITS.serviceLength));
}

/** `{ exact }` with the parts given, or nothing when there are none (so `{}` and null mean the same: any). */
function exactPart(value: unknown, where: string): { exact?: ExactValues } {
  if (value === undefined || value === null) return {};
  const raw = plainObject(value, where, ['user', 'password']);
  const exact: ExactValues = {};
  for (const kind of ['user', 'password'] as const) {
    const part = raw[kind];
    if (part === undefined || part === null) continue;
    // The attacker's text as logged, NULs included: it is only ever a bound parameter.
    if (typeof part !== 'string') fail(`${where}.${kind}`, 'expected a string');
    if (part.length > ARG_LIMITS.exactValueLength) fail(`${where}.${kind}`, `longer than ${ARG_LIMITS.exactValueLength} characters`);
    exact[kind] = part;
  }
  return Object.keys(exact).length ? { exact } : {};
}

function ingestOptions(value: unknown): IngestOptions | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = plainObject(value, 'options', ['geoip', 'year']);
  const options: IngestOptions = {};
  if (raw.geoip !== undefined) options.geoip = absolutePaths(raw.geoip, 'options.geoip', ARG_LIMITS.geoipDatabases);
  if (raw.year !== undefined) options.year = integer(raw.year, 'options.year', LOG_YEARS.min, LOG_YEARS.max);
  return options;
}

function blocklistOptions(value: unknown): BlocklistOptions {
  const raw = plainObject(value, 'options', ['selection', 'format', 'minAttempts', 'excludePrivate', 'allowlist', 'setName']);
  const options: BlocklistOptions = {
    selection: validateSelection(raw.selection, 'options.selection'),
    format: oneOf(raw.format, BLOCKLIST_FORMATS, 'options.format'),
    minAttempts: integer(raw.minAttempts, 'options.minAttempts', 0, ARG_LIMITS.attempts),
    excludePrivate: flag(raw.excludePrivate, 'options.excludePrivate'),
    allowlist: list(raw.allowlist, 'options.allowlist', ARG_LIMITS.allowlistEntries)
      .map((entry, i) => text(entry, `options.allowlist[${i}]`, ARG_LIMITS.allowlistEntryLength)),
  };
  if (raw.setName !== undefined) {
    const setName = text(raw.setName, 'options.setName', 24);
    if (!SET_NAME.test(setName)) fail('options.setName', `expected ${SET_NAME_RULE}`);
    options.setName = setName;
  }
  return options;
}

function rawLineRefs(value: unknown): RawLineRef[] {
  return list(value, 'refs', ARG_LIMITS.rawLineRefs).map((ref, i) => {
    const raw = plainObject(ref, `refs[${i}]`, ['source', 'line', 'sourceId']);
    const checked: RawLineRef = {
      source: text(raw.source, `refs[${i}].source`, ARG_LIMITS.pathLength),
      line: integer(raw.line, `refs[${i}].line`, 1, Number.MAX_SAFE_INTEGER),
    };
    // The source's id is optional (RawLineRef); JSON gives a left-out one as absent, never null.
    if (raw.sourceId !== undefined) checked.sourceId = integer(raw.sourceId, `refs[${i}].sourceId`, 1, Number.MAX_SAFE_INTEGER);
    return checked;
  });
}

/** A per-IP threshold's settings, each a whole number within THRESHOLD_LIMITS. */
export function validateThreshold(value: unknown, where = 'threshold'): ThresholdOptions {
  const raw = plainObject(value, where, ['maxretry', 'findtime', 'bantime']);
  const setting = (key: keyof ThresholdOptions): number =>
    integer(raw[key], `${where}.${key}`, THRESHOLD_LIMITS[key].min, THRESHOLD_LIMITS[key].max);
  return { maxretry: setting('maxretry'), findtime: setting('findtime'), bantime: setting('bantime') };
}

const rowLimit = (value: unknown): number => integer(value, 'limit', 1, ARG_LIMITS.rowLimit);

type ArgsOf<M extends EngineMethod> = Parameters<EngineApi[M]>;

/**
 * Refuses too many arguments. Optional trailing arguments may arrive as null: JSON turns `undefined` in an
 * array into null, so the WebSocket host sees `[paths, null]` for `ingest(paths)`.
 */
function arity(args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    fail('arguments', min === max ? `expected ${min}, got ${args.length}` : `expected ${min} to ${max}, got ${args.length}`);
  }
}

function tableCsvOptions(value: unknown): TableCsvOptions {
  const raw = plainObject(value, 'options', ['daysOrder', 'ipsOrder']);
  const options: TableCsvOptions = {};
  if (raw.daysOrder !== undefined) options.daysOrder = oneOf(raw.daysOrder, DAYS_ORDERS, 'options.daysOrder');
  if (raw.ipsOrder !== undefined) {
    const order = plainObject(raw.ipsOrder, 'options.ipsOrder', ['sort', 'descending']);
    options.ipsOrder = { sort: oneOf(order.sort, IP_SORT_KEYS, 'options.ipsOrder.sort'), descending: flag(order.descending, 'options.ipsOrder.descending') };
  }
  return options;
}

const validators: { [M in EngineMethod]: (args: readonly unknown[]) => ArgsOf<M> } = {
  caseInfo: (args) => (arity(args, 0, 0), []),
  openCase: (args) => (arity(args, 1, 1), [args[0] === null ? null : absolutePath(args[0])]),
  saveCase: (args) => (arity(args, 1, 1), [absolutePath(args[0])]),
  ingest: (args) => {
    arity(args, 1, 2);
    const paths = absolutePaths(args[0], 'paths', ARG_LIMITS.paths);
    const options = ingestOptions(args[1]);
    return options ? [paths, options] : [paths];
  },
  cancelIngest: (args) => (arity(args, 0, 0), []),
  setGeoDatabases: (args) => (arity(args, 1, 1), [absolutePaths(args[0], 'paths', ARG_LIMITS.geoipDatabases)]),
  setStartYear: (args) => (arity(args, 1, 1), [args[0] === null ? null : integer(args[0], 'year', LOG_YEARS.min, LOG_YEARS.max)]),
  loadSampleData: (args) => (arity(args, 0, 0), []),
  overview: (args) => (arity(args, 0, 0), []),
  brushColumns: (args) => (arity(args, 0, 0), []),
  summary: (args) => (arity(args, 1, 1), [validateSelection(args[0])]),
  perDay: (args) => (arity(args, 1, 1), [validateSelection(args[0])]),
  perHour: (args) => (arity(args, 1, 1), [validateSelection(args[0])]),
  countries: (args) => (arity(args, 1, 1), [validateSelection(args[0])]),
  ips: (args) => (arity(args, 5, 5), [
    validateSelection(args[0]),
    oneOf(args[1], IP_SORT_KEYS, 'sort'),
    flag(args[2], 'descending'),
    integer(args[3], 'offset', 0, ARG_LIMITS.offset),
    rowLimit(args[4]),
  ]),
  users: (args) => (arity(args, 2, 2), [validateSelection(args[0]), rowLimit(args[1])]),
  passwords: (args) => (arity(args, 2, 2), [validateSelection(args[0]), rowLimit(args[1])]),
  histogram: (args) => (arity(args, 1, 1), [validateSelection(args[0])]),
  services: (args) => (arity(args, 1, 1), [validateSelection(args[0])]),
  incidents: (args) => {
    arity(args, 0, 2);
    const threshold = args[0] === undefined || args[0] === null ? undefined : validateThreshold(args[0]);
    const services = serviceList(args[1], 'services');
    if (services.length) return [threshold, services];
    return threshold ? [threshold] : [];
  },
  ipDetail: (args) => {
    arity(args, 2, 2);
    const ip = text(args[0], 'ip', 45);
    if (!IP_TEXT.test(ip)) fail('ip', 'expected an IPv4 or IPv6 address');
    return [ip, validateSelection(args[1])];
  },
  rawLines: (args) => (arity(args, 1, 1), [rawLineRefs(args[0])]),
  blocklistPreview: (args) => (arity(args, 1, 1), [blocklistOptions(args[0])]),
  blocklist: (args) => (arity(args, 1, 1), [blocklistOptions(args[0])]),
  tableCsv: (args) => {
    arity(args, 2, 3);
    const table = oneOf(args[0], TABLE_NAMES, 'table');
    const selection = validateSelection(args[1]);
    if (args[2] === undefined || args[2] === null) return [table, selection];
    return [table, selection, tableCsvOptions(args[2])];
  },
};

const METHOD_NAMES: ReadonlySet<string> = new Set(ENGINE_METHODS);

export function isEngineMethod(name: unknown): name is EngineMethod {
  return typeof name === 'string' && METHOD_NAMES.has(name);
}

/** Clean copies of `args` for `method`, or an InvalidArgumentsError saying what is wrong. */
export function validateEngineArgs<M extends EngineMethod>(method: M, args: unknown): ArgsOf<M> {
  if (!isEngineMethod(method)) fail('method', 'not an engine method');
  if (!Array.isArray(args)) fail('arguments', 'expected an array');
  try {
    return validators[method](args);
  } catch (error) {
    if (error instanceof InvalidArgumentsError) error.message = `${method}: ${error.message}`;
    throw error;
  }
}

/** Calls `method` on `engine` with checked copies of `args`; refuses unknown methods and bad arguments. */
export async function callEngine(engine: EngineApi, method: unknown, args: unknown): Promise<unknown> {
  if (!isEngineMethod(method)) throw new InvalidArgumentsError(`${String(method).slice(0, 40)}: not an engine method`);
  const checked: unknown[] = validateEngineArgs(method, args);
  return (engine[method] as (...values: unknown[]) => Promise<unknown>).apply(engine, checked);
}
