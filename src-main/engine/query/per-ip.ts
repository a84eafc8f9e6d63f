// Per-IP totals over a selection, the basis of the IP table, the histogram, the summary and the blocklist.
import type { CaseStore } from '../store/case-store';
import { dayIpCells, type Fragment, type Plan } from './selection';

/**
 * A CTE list defining `cells` (day, ip_id, attempts, first_ts, last_ts), one row per day and IP, and
 * `per_ip` (ip_id, attempts, first_ts, last_ts, active_days) for the plan; append a SELECT to it.
 */
export function perIpCte(plan: Plan): Fragment {
  const cells = dayIpCells(plan);
  return {
    sql: `WITH cells AS (${cells.sql}),
      per_ip AS (SELECT ip_id, sum(attempts) AS attempts, min(first_ts) AS first_ts, max(last_ts) AS last_ts,
                        count(*) AS active_days
                 FROM cells GROUP BY ip_id)`,
    params: cells.params,
  };
}

export interface IpTotal {
  ipId: number;
  ip: string;
  country: string | null;
  scope: string;
  attempts: number;
  firstTs: number;
  lastTs: number;
  activeDays: number;
}

/** Every IP in the selection with at least `minAttempts`, in numeric address order. */
export function ipTotals(store: CaseStore, plan: Plan, minAttempts = 1): IpTotal[] {
  const cte = perIpCte(plan);
  return store
    .rows(
      `${cte.sql}
       SELECT p.ip_id, ip.ip, ip.country, ip.scope, p.attempts, p.first_ts, p.last_ts, p.active_days
       FROM per_ip p JOIN ip ON ip.id = p.ip_id WHERE p.attempts >= ? ORDER BY ip.sort_key`,
      [...cte.params, minAttempts],
    )
    .map((r) => ({
      ipId: r[0] as number,
      ip: r[1] as string,
      country: r[2] as string | null,
      scope: r[3] as string,
      attempts: r[4] as number,
      firstTs: r[5] as number,
      lastTs: r[6] as number,
      activeDays: r[7] as number,
    }));
}
