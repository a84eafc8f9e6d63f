// Every (day, IP), (day, user name) and (day, password) row of the case as parallel columns, shipped to the
// renderer once per case version so a live brush can count exact distinct IPs, one-shot IPs, the histogram,
// the busiest IPs and the values tried in any day range without a round trip. One pass over each rollup
// (already in (day, id) order) joined to its dictionary.
import type { BrushColumns } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { formatDay } from '../wall-clock';

interface ValueColumns {
  values: (string | null)[];
  rowDay: number[];
  rowValue: number[];
  rowAttempts: number[];
  rowIps: number[];
}

/**
 * Rows (of ip_day, user_day and password_day together) past which a case gets no columns: the renderer holds
 * every row, with each IP's and value's text, and goes through them at each move of the brush. A case of
 * 12 million attempts from as many IPs froze the page for minutes. Past this, the views follow the brush
 * when it ends, with the engine's answers, as they do while the columns are on their way.
 */
export const BRUSH_COLUMNS_MAX_ROWS = 2_000_000;

/** The case's brush columns, or null when it holds more than `maxRows` rows of them. */
export function brushColumns(store: CaseStore, maxRows = BRUSH_COLUMNS_MAX_ROWS): BrushColumns | null {
  const held = Number(store.value('SELECT (SELECT count(*) FROM ip_day) + (SELECT count(*) FROM user_day) + (SELECT count(*) FROM password_day)'));
  if (held > maxRows) return null;
  const columns: BrushColumns = {
    days: [], ips: [], ipCountry: [], rowDay: [], rowIp: [], rowAttempts: [],
    users: [], userRowDay: [], userRowValue: [], userRowAttempts: [], userRowIps: [],
    passwords: [], passwordRowDay: [], passwordRowValue: [], passwordRowAttempts: [], passwordRowIps: [],
  };
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

  const users = valueColumns(store, firstDay, 'SELECT d.day, d.user_id, d.attempts, d.ips, v.value FROM user_day d LEFT JOIN username v ON v.id = d.user_id ORDER BY d.day, d.user_id');
  columns.users = users.values;
  columns.userRowDay = users.rowDay;
  columns.userRowValue = users.rowValue;
  columns.userRowAttempts = users.rowAttempts;
  columns.userRowIps = users.rowIps;
  const passwords = valueColumns(store, firstDay, 'SELECT d.day, d.password_id, d.attempts, d.ips, v.value FROM password_day d LEFT JOIN password v ON v.id = d.password_id ORDER BY d.day, d.password_id');
  columns.passwords = passwords.values;
  columns.passwordRowDay = passwords.rowDay;
  columns.passwordRowValue = passwords.rowValue;
  columns.passwordRowAttempts = passwords.rowAttempts;
  columns.passwordRowIps = passwords.rowIps;
  return columns;
}

/** The rows of user_day or password_day (`sql` is fixed text from above); value id 0 has no text: null. */
function valueColumns(store: CaseStore, firstDay: number, sql: string): ValueColumns {
  const out: ValueColumns = { values: [], rowDay: [], rowValue: [], rowAttempts: [], rowIps: [] };
  const valueIndex = new Map<number, number>();
  for (const [day, valueId, attempts, ips, value] of store.rows(sql)) {
    let index = valueIndex.get(valueId as number);
    if (index === undefined) {
      index = out.values.length;
      valueIndex.set(valueId as number, index);
      out.values.push((value as string | null) ?? null);
    }
    out.rowDay.push(Number(day) - firstDay);
    out.rowValue.push(index);
    out.rowAttempts.push(Number(attempts));
    out.rowIps.push(Number(ips));
  }
  return out;
}
