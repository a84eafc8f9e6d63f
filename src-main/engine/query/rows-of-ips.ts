// The selection's rows of some IPs, grouped per IP: the IP table's and the CSVs' per-address columns (user names
// tried, logins) for the addresses a page or an export shows.
import type { CaseStore } from '../store/case-store';
import type { SqlValue } from '../store/sqlite';
import { and, placeholders, rowSource, type Fragment, type Plan } from './selection';

/** Bound parameters per statement stay well below SQLite's limit. */
export const IN_LIST_MAX = 500;

export interface GroupedRowsOfIps {
  /** 'login_record' for the selection's logins. */
  table?: 'attempt_record' | 'login_record';
  /** What each group gives after its `r.ip_id` (fixed SQL over `r`), such as `count(*)`. */
  columns: string;
  /** Groups within an IP's rows (fixed SQL), such as `r.user_id`. */
  groupBy?: string;
  /** One more condition on the rows. */
  where?: Fragment;
}

/**
 * `SELECT r.ip_id, <columns> ... GROUP BY r.ip_id[, <groupBy>]` over the selection's rows of `ipIds` alone. A page's
 * few addresses are bound as an IN list; many (an export) are read in one pass over the selection and kept by a set,
 * which beats a pass per chunk of ids.
 */
export function groupedRowsOfIps(store: CaseStore, plan: Plan, ipIds: readonly number[], query: GroupedRowsOfIps): SqlValue[][] {
  if (!ipIds.length) return [];
  const few = ipIds.length <= IN_LIST_MAX;
  const only = few ? { sql: `r.ip_id IN (${placeholders(ipIds.length)})`, params: [...ipIds] } : null;
  const rows = rowSource(plan, { table: query.table, where: and(query.where ?? null, only) });
  const groups = store.rows(`SELECT r.ip_id, ${query.columns} ${rows.sql} GROUP BY r.ip_id${query.groupBy ? `, ${query.groupBy}` : ''}`, rows.params);
  if (few) return groups;
  const wanted = new Set(ipIds);
  return groups.filter((g) => wanted.has(g[0] as number));
}
