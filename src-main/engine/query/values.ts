// The user names and passwords tried in a selection, most tried first, with how many IPs tried each.
import type { Selection, ValueCount } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { planSelection, rowSource } from './selection';

export function users(store: CaseStore, selection: Selection, limit: number): ValueCount[] {
  return valueCounts(store, selection, 'user_id', 'username', limit);
}

export function passwords(store: CaseStore, selection: Selection, limit: number): ValueCount[] {
  return valueCounts(store, selection, 'password_id', 'password', limit);
}

function valueCounts(store: CaseStore, selection: Selection, column: 'user_id' | 'password_id', table: 'username' | 'password', limit: number): ValueCount[] {
  const rows = rowSource(planSelection(store, selection), { join: `LEFT JOIN ${table} v ON v.id = r.${column}` });
  // A null value (the log did not say) is counted as its own row.
  return store
    .rows(
      `SELECT v.value, count(*) AS attempts, count(DISTINCT r.ip_id) AS ips
       ${rows.sql}
       GROUP BY r.${column} ORDER BY attempts DESC, ips DESC, v.value LIMIT ?`,
      [...rows.params, Math.max(0, Math.floor(limit) || 0)],
    )
    .map((r) => ({ value: r[0] as string | null, attempts: Number(r[1]), ips: Number(r[2]) }));
}
