// The successful logins each of some IPs made in a selection: the "logins" column of the IP table and of its CSV,
// which tells an address that failed and then got in from the thousands that only failed.
import type { CaseStore } from '../store/case-store';
import { placeholders, rowSource, type Plan } from './selection';

/** The most addresses asked for by an IN list of bound parameters, well below SQLite's limit. */
const IN_LIST_MAX = 500;

/** Logins in the selection by IP id; addresses with none are left out. */
export function loginsOfIps(store: CaseStore, plan: Plan, ipIds: number[]): Map<number, number> {
  if (!ipIds.length) return new Map();
  // Many IPs (an export, a long page): one pass over the selection's logins beats binding thousands of ids.
  const few = ipIds.length <= IN_LIST_MAX;
  const rows = rowSource(plan, { table: 'login_record', where: few ? { sql: `r.ip_id IN (${placeholders(ipIds.length)})`, params: ipIds } : undefined });
  const wanted = new Set(ipIds);
  return new Map(store.rows(`SELECT r.ip_id, count(*) ${rows.sql} GROUP BY r.ip_id`, rows.params)
    .map(([ipId, n]): [number, number] => [Number(ipId), Number(n)])
    .filter(([ipId]) => wanted.has(ipId)));
}
