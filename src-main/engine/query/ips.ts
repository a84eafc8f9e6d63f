// The IP table: one row per address in the selection, sortable by any column, a page at a time.
import type { IpPage, IpRow, IpSortKey, Selection } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { formatTs } from '../wall-clock';
import { perIpCte, type IpTotal } from './per-ip';
import { loginsOfIps } from './logins-of-ips';
import { planSelection, rowSource, type Plan } from './selection';
import { usersOfIps } from './users-of-ips';

/** How many user names each row lists. */
export const USERS_PER_ROW = 5;
const MAX_PAGE = 10_000;
/** SQLite's LIMIT for no limit. */
const ALL = -1;

// Sort keys are chosen from this fixed list, never taken from the caller as SQL.
const ORDER_BY: Record<IpSortKey, string> = {
  ip: 'ip.sort_key',
  country: "coalesce(ip.country, 'ZZ')",
  attempts: 'p.attempts',
  firstSeen: 'p.first_ts',
  lastSeen: 'p.last_ts',
  activeDays: 'p.active_days',
  logins: 'coalesce(lc.logins, 0)',
  userCount: 'coalesce(uc.users, 0)',
};

export function ips(store: CaseStore, selection: Selection, sort: IpSortKey, descending: boolean, offset: number, limit: number): IpPage {
  const plan = planSelection(store, selection);
  const page = sortedIpTotals(store, plan, sort, descending, Math.max(0, Math.floor(offset) || 0), clamp(limit, 0, MAX_PAGE));
  const ids = page.rows.map((ip) => ip.ipId);
  const users = usersOfIps(store, plan, ids, USERS_PER_ROW);
  const logins = loginsOfIps(store, plan, ids);
  const rows: IpRow[] = page.rows.map((ip) => {
    const tried = users.get(ip.ipId)!;
    return {
      ip: ip.ip,
      country: ip.country,
      scope: ip.scope,
      attempts: ip.attempts,
      firstSeen: formatTs(ip.firstTs),
      lastSeen: formatTs(ip.lastTs),
      activeDays: ip.activeDays,
      logins: logins.get(ip.ipId) ?? 0,
      userCount: tried.count,
      users: tried.names,
    };
  });
  return { total: page.total, rows };
}

/**
 * The selection's addresses in the table's order, `limit` of them from `offset` (all by default), with how many
 * there are in all. The table's pages and its CSV both take their order from here, so a saved table lists its
 * rows as the table shows them.
 */
export function sortedIpTotals(
  store: CaseStore, plan: Plan, sort: IpSortKey, descending: boolean, offset = 0, limit = ALL,
): { total: number; rows: IpTotal[] } {
  const order = ORDER_BY[sort];
  if (!order) throw new RangeError(`cannot sort IPs by ${JSON.stringify(sort)}`);
  const cte = perIpCte(plan);
  const params = [...cte.params];
  let sortJoin = '';
  if (sort === 'userCount') {
    // Sorting by user count needs it for every IP, not only the page's: joined for that sort alone.
    const rows = rowSource(plan);
    sortJoin = `LEFT JOIN (SELECT r.ip_id AS ip_id, count(DISTINCT r.user_id) AS users ${rows.sql} GROUP BY r.ip_id) uc ON uc.ip_id = p.ip_id`;
    params.push(...rows.params);
  } else if (sort === 'logins') {
    // So is sorting by logins: the addresses that failed and then got in come first.
    const rows = rowSource(plan, { table: 'login_record' });
    sortJoin = `LEFT JOIN (SELECT r.ip_id AS ip_id, count(*) AS logins ${rows.sql} GROUP BY r.ip_id) lc ON lc.ip_id = p.ip_id`;
    params.push(...rows.params);
  }
  const direction = descending ? 'DESC' : 'ASC';
  // Ties (a column such as days or country has many) go to the busiest address, then to the lowest, whichever way
  // the column is sorted: by address in the column's direction, a sort by days descending began with IPv6 addresses.
  // count(*) OVER () is the number of IPs before LIMIT: the total comes with the page, from one pass.
  const page = store.rows(
    `${cte.sql}
     SELECT p.ip_id, ip.ip, ip.country, ip.scope, p.attempts, p.first_ts, p.last_ts, p.active_days, count(*) OVER ()
     FROM per_ip p JOIN ip ON ip.id = p.ip_id ${sortJoin}
     ORDER BY ${order} ${direction}, p.attempts DESC, ip.sort_key ASC
     LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  const total = page.length
    ? Number(page[0][8])
    : Number(store.value(`${cte.sql} SELECT count(*) FROM per_ip`, cte.params)); // a page past the end
  const rows = page.map((r) => ({
    ipId: r[0] as number,
    ip: r[1] as string,
    country: r[2] as string | null,
    scope: r[3] as string,
    attempts: Number(r[4]),
    firstTs: Number(r[5]),
    lastTs: Number(r[6]),
    activeDays: Number(r[7]),
  }));
  return { total, rows };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(n) || 0));
}
