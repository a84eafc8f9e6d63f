// Turns a Selection into SQL conditions with bound values, and decides which tables can answer it:
//   no search                      -> rollups (day_country, hour_country, ip_day), countries filter included
//   search that matches addresses  -> ip_day joined to ip
//   search that matches user names -> attempt rows (the search is a union: address OR country OR user)
//   an exact user name or password -> attempt rows (AND the search, whichever of the above it is; both AND each other)
//   services                       -> attempt rows (AND all of the above): no rollup keeps the service
//   hours (an incident's)          -> attempt rows between its times (AND all of the above): the rollups keep days
// Every value the user typed is a bound parameter; only fixed SQL text and placeholders are joined here.
import { NO_SERVICE, type Selection } from '../../shared/api';
import { parseMinute } from '../../shared/time-span';
import { canonicalIp, ipSortKey, parseNetwork, rangeSortKeys } from '../net/ip';
import type { CaseStore } from '../store/case-store';
import type { SqlValue } from '../store/sqlite';
import { parseDay } from '../wall-clock';

export interface Fragment {
  sql: string;
  params: SqlValue[];
}

export type PlanKind = 'rollup' | 'ip' | 'row';

export interface Plan {
  kind: PlanKind;
  /** Inclusive day numbers (days since 1970-01-01): the days the selection touches. */
  fromDay: number;
  toDay: number;
  /** Inclusive wall-clock seconds: the days' bounds, or the selection's hours within them. */
  fromTs: number;
  toTs: number;
  /** Countries asked for (`ZZ` = none), upper case, as given (bound, never spliced); empty = all. */
  countries: string[];
  /** Condition over the `ip` table (countries and the address part of the search), or null for all. */
  ip: Fragment | null;
  /** kind 'row': condition over an attempt or login row aliased `r` (and `ip`): the search as a union, and the exact values. */
  row: Fragment | null;
  /** `row` for login rows, which keep no password: with an exact password no login matches. */
  loginRow: Fragment | null;
}

// Far enough to cover any log time, small enough that day * 86400 stays an exact integer.
const FIRST_DAY = -1_000_000;
const LAST_DAY = 1_000_000;
const V4_PREFIX = /^\d{1,3}(\.\d{0,3}){0,3}$/;
const V6_PREFIX = /^[0-9a-f]*:[0-9a-f:]*$/;

export function planSelection(store: CaseStore, selection: Selection): Plan {
  return planHours(planServices(planExact(planSearch(store, selection), selection), selection), selection);
}

/**
 * The plan narrowed to the selection's hours, if any: the rollups keep whole days, so the attempt rows between
 * the two times are read (an incident's days hold some thousands, read by the primary key's time order).
 */
function planHours(plan: Plan, selection: Selection): Plan {
  const hours = selection.hours;
  if (!hours) return plan;
  const start = hours.start === null ? null : parseMinute(hours.start);
  const end = hours.end === null ? null : parseMinute(hours.end);
  if ((hours.start !== null && start === null) || (hours.end !== null && end === null)) {
    throw new RangeError(`not a time (YYYY-MM-DD HH:MM): ${JSON.stringify(hours)}`);
  }
  // The end is not included: an incident ending at 17:00 holds its 16:59:59 and not its 17:00:00.
  const fromTs = Math.max(plan.fromTs, start ?? plan.fromTs);
  const toTs = Math.min(plan.toTs, end === null ? plan.toTs : end - 1);
  return {
    ...plan, kind: 'row', fromTs, toTs,
    fromDay: Math.max(plan.fromDay, Math.floor(fromTs / 86400)), toDay: Math.min(plan.toDay, Math.floor(toTs / 86400)),
  };
}

/**
 * The plan narrowed to the chosen services. The rollups keep no service, so a service filter reads attempt rows
 * (over the day range, by the primary key's time order); logins keep their service too and are narrowed alike.
 */
function planServices(plan: Plan, selection: Selection): Plan {
  const cond = servicesCondition(selection.services ?? []);
  if (!cond) return plan;
  return { ...plan, kind: 'row', row: and(plan.row, cond), loginRow: and(plan.loginRow, cond) };
}

/**
 * The condition over an attempt or login row aliased `r` that keeps the rows of the services named (NO_SERVICE:
 * those whose line names none), or null for every service (none named).
 */
export function servicesCondition(chosen: readonly string[]): Fragment | null {
  const services = [...new Set(chosen)].sort();
  if (!services.length) return null;
  const named = services.filter((s) => s !== NO_SERVICE);
  const parts: string[] = [];
  // A service the case does not hold finds no id, and so no row: never dropped, which would widen the selection.
  if (named.length) parts.push(`r.service_id IN (SELECT id FROM service WHERE value IN (${placeholders(named.length)}))`);
  if (named.length < services.length) parts.push('r.service_id IS NULL');
  return { sql: `(${parts.join(' OR ')})`, params: named };
}

/** The plan narrowed to the exact user name and password, if any. */
function planExact(plan: Plan, selection: Selection): Plan {
  const user = selection.exact?.user;
  const password = selection.exact?.password;
  if (user === undefined && password === undefined) return plan;
  // `value = ?` finds the one row of the value's table through its UNIQUE index; a value the case does not
  // hold gives NULL, which matches no attempt.
  const userCond: Fragment | null = user === undefined ? null : { sql: 'r.user_id = (SELECT id FROM username WHERE value = ?)', params: [user] };
  const passwordCond: Fragment | null = password === undefined ? null : { sql: 'r.password_id = (SELECT id FROM password WHERE value = ?)', params: [password] };
  return {
    ...plan,
    kind: 'row',
    row: and(and(plan.row, userCond), passwordCond),
    // Logins log no password; which password opened an account is not known.
    loginRow: passwordCond ? { sql: '0', params: [] } : and(plan.loginRow, userCond),
  };
}

/** The plan for the range, countries and search text. */
function planSearch(store: CaseStore, selection: Selection): Plan {
  const fromDay = selection.from ? dayOrThrow(selection.from) : FIRST_DAY;
  const toDay = selection.to ? dayOrThrow(selection.to) : LAST_DAY;
  // A code that is no country stays in the list and matches nothing: dropping it could widen the selection.
  const countries = [...new Set(selection.countries.map((c) => c.trim().toUpperCase()).filter((c) => c !== ''))].sort();
  const countryCond = countriesCondition(countries);
  const term = selection.search.trim();
  const days = { fromDay, toDay, fromTs: fromDay * 86400, toTs: toDay * 86400 + 86399 };
  if (!term) return { kind: 'rollup', ...days, countries, ip: countryCond, row: null, loginRow: null };

  const addressCond = searchAddressCondition(term);
  if (addressCond) store.ensureIpSortIndex();
  const userMatch = store.value(
    'SELECT EXISTS (SELECT 1 FROM username WHERE instr(lower(value), lower(?)) > 0)',
    [term],
  ) === 1;
  if (!userMatch) {
    return { kind: 'ip', ...days, countries, ip: and(countryCond, addressCond ?? { sql: '0', params: [] }), row: null, loginRow: null };
  }
  const userCond: Fragment = {
    sql: 'r.user_id IN (SELECT id FROM username WHERE instr(lower(value), lower(?)) > 0)',
    params: [term],
  };
  const row = addressCond ? or(addressCond, userCond) : userCond;
  return { kind: 'row', ...days, countries, ip: countryCond, row, loginRow: row };
}

function dayOrThrow(day: string): number {
  const n = parseDay(day);
  if (n === null) throw new RangeError(`not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return n;
}

function countriesCondition(countries: string[]): Fragment | null {
  if (!countries.length) return null;
  const named = countries.filter((c) => c !== 'ZZ');
  const parts: string[] = [];
  if (named.length) parts.push(`ip.country IN (${placeholders(named.length)})`);
  if (named.length < countries.length) parts.push('ip.country IS NULL');
  return { sql: `(${parts.join(' OR ')})`, params: named };
}

/** The address part of a search: a network, an address, an address prefix or a country code; null if none applies. */
function searchAddressCondition(term: string): Fragment | null {
  const parts: Fragment[] = [];
  const lower = term.toLowerCase();
  if (term.includes('/')) {
    const network = parseNetwork(term);
    if (network) {
      const [start, end] = rangeSortKeys(network.version, network.start, network.end);
      parts.push({ sql: 'ip.sort_key BETWEEN ? AND ?', params: [start, end] });
    }
  } else {
    const exact = canonicalIp(term);
    if (exact) parts.push({ sql: 'ip.sort_key = ?', params: [ipSortKey(exact)] });
    else if (V4_PREFIX.test(lower) || V6_PREFIX.test(lower)) {
      parts.push({ sql: 'substr(ip.ip, 1, ?) = ?', params: [lower.length, lower] });
    }
  }
  if (/^[a-z]{2}$/i.test(term)) {
    const code = term.toUpperCase();
    parts.push(code === 'ZZ' ? { sql: 'ip.country IS NULL', params: [] } : { sql: 'ip.country = ?', params: [code] });
  }
  return parts.length ? parts.reduce(or) : null;
}

export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export function and(a: Fragment | null, b: Fragment | null): Fragment | null {
  if (!a) return b;
  if (!b) return a;
  return { sql: `(${a.sql} AND ${b.sql})`, params: [...a.params, ...b.params] };
}

function or(a: Fragment, b: Fragment): Fragment {
  return { sql: `(${a.sql} OR ${b.sql})`, params: [...a.params, ...b.params] };
}

/** First and last second of the selection: of its days, or of its hours within them. */
export function tsBounds(plan: Plan): [number, number] {
  return [plan.fromTs, plan.toTs];
}

export interface RowSourceOptions {
  /** 'login_record' for the same selection over logins. */
  table?: 'attempt_record' | 'login_record';
  /** More joins (fixed SQL), e.g. to a value table. */
  join?: string;
  /** One more condition. */
  where?: Fragment | null;
}

/** Attempt rows (aliased `r`, joined to `ip` when needed) in the selection: `FROM ... WHERE ...` and its parameters. */
export function rowSource(plan: Plan, options: RowSourceOptions = {}): Fragment {
  const row = options.table === 'login_record' ? plan.loginRow : plan.row;
  const conditions = [{ sql: 'r.ts BETWEEN ? AND ?', params: tsBounds(plan) }, plan.ip, row, options.where ?? null];
  const where = conditions.reduce(and, null)!;
  const join = plan.ip || row ? ' JOIN ip ON ip.id = r.ip_id' : '';
  return { sql: `FROM ${options.table ?? 'attempt_record'} r${join}${options.join ? ` ${options.join}` : ''} WHERE ${where.sql}`, params: where.params };
}

/**
 * The selection as (day, ip_id, attempts, first_ts, last_ts) cells: a SELECT usable as a CTE body. From the
 * ip_day rollup unless the search reaches into user names.
 */
export function dayIpCells(plan: Plan): Fragment {
  if (plan.kind !== 'row') {
    const where = and({ sql: 'd.day BETWEEN ? AND ?', params: [plan.fromDay, plan.toDay] }, plan.ip)!;
    const join = plan.ip ? ' JOIN ip ON ip.id = d.ip_id' : '';
    return {
      sql: `SELECT d.day AS day, d.ip_id AS ip_id, d.attempts AS attempts, d.first_ts AS first_ts, d.last_ts AS last_ts
            FROM ip_day d${join} WHERE ${where.sql}`,
      params: where.params,
    };
  }
  const rows = rowSource(plan);
  return {
    sql: `SELECT r.ts / 86400 AS day, r.ip_id AS ip_id, count(*) AS attempts, min(r.ts) AS first_ts, max(r.ts) AS last_ts
          ${rows.sql} GROUP BY 1, 2`,
    params: rows.params,
  };
}

/** day_country rows of the selection (kind 'rollup' only): `FROM ... WHERE ...` aliased `c`. */
export function dayCountrySource(plan: Plan): Fragment {
  const params: SqlValue[] = [plan.fromDay, plan.toDay];
  let sql = 'FROM day_country c WHERE c.day BETWEEN ? AND ?';
  if (plan.countries.length) {
    sql += ` AND c.country IN (${placeholders(plan.countries.length)})`;
    params.push(...plan.countries);
  }
  return { sql, params };
}
