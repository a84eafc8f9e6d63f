// The successful logins each of some IPs made in a selection: the "logins" column of the IP table and of its CSV,
// which tells an address that failed and then got in from the thousands that only failed.
import type { CaseStore } from '../store/case-store';
import { groupedRowsOfIps } from './rows-of-ips';
import type { Plan } from './selection';

/** Logins in the selection by IP id; addresses with none are left out. */
export function loginsOfIps(store: CaseStore, plan: Plan, ipIds: number[]): Map<number, number> {
  const groups = groupedRowsOfIps(store, plan, ipIds, { table: 'login_record', columns: 'count(*)' });
  return new Map(groups.map(([ipId, n]): [number, number] => [Number(ipId), Number(n)]));
}
