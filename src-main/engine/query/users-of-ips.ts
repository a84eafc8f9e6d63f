// The user names each of some IPs tried in a selection, most tried first: the "users" column of the IP
// table and of the blocklist CSV.
import type { CaseStore } from '../store/case-store';
import { placeholders, rowSource, type Plan } from './selection';

export interface UsersOfIp {
  /** Distinct known user names tried. */
  count: number;
  /** The names, most tried first (ties by name), at most `limit`. */
  names: string[];
}

// Bound parameters per statement stay well below SQLite's limit.
const CHUNK = 500;

export function usersOfIps(store: CaseStore, plan: Plan, ipIds: number[], limit: number): Map<number, UsersOfIp> {
  const out = new Map<number, UsersOfIp>();
  if (!ipIds.length) return out;
  store.ensureIpIndex();
  const tried = new Map<number, { name: string; attempts: number }[]>();
  for (let i = 0; i < ipIds.length; i += CHUNK) {
    const chunk = ipIds.slice(i, i + CHUNK);
    const rows = rowSource(plan, {
      join: 'JOIN username u ON u.id = r.user_id',
      where: { sql: `r.ip_id IN (${placeholders(chunk.length)})`, params: chunk },
    });
    const result = store.rows(
      `SELECT r.ip_id, u.value, count(*) ${rows.sql} GROUP BY r.ip_id, r.user_id`,
      rows.params,
    );
    for (const [ipId, name, attempts] of result) {
      const list = tried.get(ipId as number) ?? [];
      list.push({ name: name as string, attempts: attempts as number });
      tried.set(ipId as number, list);
    }
  }
  for (const ipId of ipIds) {
    const list = (tried.get(ipId) ?? []).sort((a, b) => b.attempts - a.attempts || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    out.set(ipId, { count: list.length, names: list.slice(0, limit).map((u) => u.name) });
  }
  return out;
}
