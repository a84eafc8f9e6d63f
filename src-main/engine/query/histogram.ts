// "Attacked N times by how many computers": the table an analyst otherwise builds by hand, which shows a
// swarm as a mass of IPs that tried once or twice.
import type { HistogramRow, Selection } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { perIpCte } from './per-ip';
import { planSelection } from './selection';

export function histogram(store: CaseStore, selection: Selection): HistogramRow[] {
  const cte = perIpCte(planSelection(store, selection));
  const rows = store.rows(`${cte.sql} SELECT attempts, count(*) FROM per_ip GROUP BY attempts ORDER BY attempts`, cte.params);
  const computers = rows.reduce((n, r) => n + Number(r[1]), 0);
  return rows.map((r) => {
    const times = Number(r[0]);
    const count = Number(r[1]);
    return { times, computers: count, attempts: times * count, shareOfComputers: computers ? count / computers : 0 };
  });
}
