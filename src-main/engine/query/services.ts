// Attempts per service of a selection (imap, pop3, submission, and smtp for postfix's SMTP AUTH): which doors
// the tries knocked on. From the attempt rows: the rollups keep no service.
import type { Selection, ServiceRow } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { planSelection, rowSource } from './selection';

export function services(store: CaseStore, selection: Selection): ServiceRow[] {
  const rows = rowSource(planSelection(store, selection), { join: 'LEFT JOIN service s ON s.id = r.service_id' });
  return store.rows(`SELECT s.value, count(*), count(DISTINCT r.ip_id) ${rows.sql} GROUP BY r.service_id ORDER BY 2 DESC, s.value IS NULL, 1`, rows.params)
    .map(([service, attempts, ips]) => ({ service: service === null ? null : String(service), attempts: Number(attempts), ips: Number(ips) }));
}
