// Every (day, IP) pair of the case as parallel columns, shipped to the renderer once per case version so a
// live brush can count exact distinct IPs, one-shot IPs, the histogram and the busiest IPs of any day range
// without a round trip. One pass over ip_day (already in (day, ip_id) order) joined to ip.
import type { BrushColumns } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { formatDay } from '../wall-clock';

export function brushColumns(store: CaseStore): BrushColumns {
  const columns: BrushColumns = { days: [], ips: [], ipCountry: [], rowDay: [], rowIp: [], rowAttempts: [] };
  // The overview's days run from the first to the last day of day_country, empty days included.
  const [caseFirst, caseLast] = store.row('SELECT min(day), max(day) FROM day_country') ?? [];
  if (caseFirst === null || caseFirst === undefined) return columns;
  const firstDay = Number(caseFirst);
  for (let day = firstDay; day <= Number(caseLast); day++) columns.days.push(formatDay(day * 86400));

  const ipIndex = new Map<number, number>();
  const rows = store.rows(
    `SELECT d.day, d.ip_id, d.attempts, ip.ip, coalesce(ip.country, ?)
     FROM ip_day d JOIN ip ON ip.id = d.ip_id
     ORDER BY d.day, d.ip_id`,
    ['ZZ'],
  );
  for (const [day, ipId, attempts, ip, country] of rows) {
    let index = ipIndex.get(ipId as number);
    if (index === undefined) {
      index = columns.ips.length;
      ipIndex.set(ipId as number, index);
      columns.ips.push(ip as string);
      columns.ipCountry.push(country as string);
    }
    columns.rowDay.push(Number(day) - firstDay);
    columns.rowIp.push(index);
    columns.rowAttempts.push(Number(attempts));
  }
  return columns;
}
