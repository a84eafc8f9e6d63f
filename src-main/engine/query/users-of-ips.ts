// The user names each of some IPs tried in a selection, most tried first: the "users" column of the IP
// table and of the blocklist CSV. Counts are grouped on integer ids; names are looked up only for the
// ids that are shown.
import type { CaseStore } from '../store/case-store';
import { IN_LIST_MAX, groupedRowsOfIps } from './rows-of-ips';
import { placeholders, type Plan } from './selection';

export interface UsersOfIp {
  /** Distinct known user names tried. */
  count: number;
  /** The names, most tried first (ties by name), at most `limit`. */
  names: string[];
}

export function usersOfIps(store: CaseStore, plan: Plan, ipIds: number[], limit: number): Map<number, UsersOfIp> {
  const tried = new Map<number, { userId: number; attempts: number }[]>();
  const groups = groupedRowsOfIps(store, plan, ipIds, { columns: 'r.user_id, count(*)', groupBy: 'r.user_id', where: { sql: 'r.user_id IS NOT NULL', params: [] } });
  for (const [ipId, userId, attempts] of groups) {
    const list = tried.get(ipId as number);
    const user = { userId: userId as number, attempts: attempts as number };
    if (list) list.push(user);
    else tried.set(ipId as number, [user]);
  }
  // Names of the users that can make a top list: ties on the cut line need the names to be ordered.
  const wanted = new Set<number>();
  for (const list of tried.values()) {
    list.sort((a, b) => b.attempts - a.attempts);
    const cut = list[Math.min(limit, list.length) - 1]?.attempts ?? Infinity;
    for (const u of list) if (u.attempts >= cut) wanted.add(u.userId);
  }
  const names = userNames(store, [...wanted]);
  const out = new Map<number, UsersOfIp>();
  for (const ipId of ipIds) {
    const list = tried.get(ipId) ?? [];
    const top = list
      .filter((u) => names.has(u.userId))
      .sort((a, b) => b.attempts - a.attempts || compareText(names.get(a.userId)!, names.get(b.userId)!))
      .slice(0, limit);
    out.set(ipId, { count: list.length, names: top.map((u) => names.get(u.userId)!) });
  }
  return out;
}

function userNames(store: CaseStore, ids: number[]): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += IN_LIST_MAX) {
    const chunk = ids.slice(i, i + IN_LIST_MAX);
    for (const [id, value] of store.rows(`SELECT id, value FROM username WHERE id IN (${placeholders(chunk.length)})`, chunk)) out.set(id as number, value as string);
  }
  return out;
}

// SQLite's order for text (by UTF-8 bytes) is the order of code points; JS `<` compares UTF-16 units,
// which differs only beyond U+FFFF. Code points keep both sides of the app agreeing.
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] !== cb[i]) return ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
  }
  return ca.length - cb.length;
}
