// Attempts and distinct IPs per country (`ZZ` for none) in a selection, most attempts first.
import type { CountryRow, Selection } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { dayIpCells, planSelection } from './selection';

export function countries(store: CaseStore, selection: Selection): CountryRow[] {
  const cells = dayIpCells(planSelection(store, selection));
  const rows = store.rows(
    `SELECT coalesce(ip.country, 'ZZ') AS country, sum(c.attempts) AS attempts, count(DISTINCT c.ip_id)
     FROM (${cells.sql}) c JOIN ip ON ip.id = c.ip_id
     GROUP BY 1 ORDER BY attempts DESC, country`,
    cells.params,
  );
  const total = rows.reduce((n, r) => n + Number(r[1]), 0);
  return rows.map((r) => ({ country: r[0] as string, attempts: Number(r[1]), ips: Number(r[2]), share: total ? Number(r[1]) / total : 0 }));
}
