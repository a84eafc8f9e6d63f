// CSV (RFC 4180) that is safe to open in a spreadsheet: attacker-chosen text that starts like a formula gets a
// leading apostrophe, so it is shown as text and never evaluated (shared/csv-cell.ts).
import type { DayRow, DaysOrder, IpsOrder, Selection, TableCsvOptions, TableName } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { countries, histogram, perDay, planSelection, services, users, passwords } from '../query';
import { sortedIpTotals } from '../query/ips';
import { loginsOfIps } from '../query/logins-of-ips';
import { usersOfIps } from '../query/users-of-ips';
import { formatTs } from '../wall-clock';
import { countryName } from '../geo/country-names';
import { csvTextCell, neutralised } from '../../shared/csv-cell';

export type CsvValue = string | number | null | undefined;

/** User names listed per IP in CSV exports (most tried first). */
export const USERS_PER_CSV_ROW = 20;
const ALL = 2_147_483_647;

/** One cell. Numbers are written as they are; text is neutralised, then quoted when it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvTextCell(value);
}

/** A whole CSV text: a header row, then the rows, each line ended by CRLF. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/**
 * A share (0..1) as a percentage with two decimals, as a spreadsheet or a reader takes it: 73.33, not
 * 0.7333333333333333. Two decimals keep a one-in-a-thousand share from showing as 0.
 */
export function percent(share: number): string {
  return (share * 100).toFixed(2);
}

/** The header of the column of user names an address tried: the most tried, a list cut at USERS_PER_CSV_ROW. */
export const USERS_COLUMN = 'users_most_tried';

/**
 * Joins the user names of one cell; `;` keeps the cell readable as a list. Each name is neutralised on its own:
 * a spreadsheet that splits the cell at its semicolons (or a reader who does) must not find a formula in it.
 * When the address tried more names than the cell lists (`tried`), a last item says how many more, so that a
 * list cut at 20 is not read as all the names an address tried.
 */
export function joinUsers(names: string[], tried = names.length): string {
  const cells = names.map(neutralised);
  if (tried > names.length) cells.push(`… and ${tried - names.length} more`);
  return cells.join(';');
}

/** A view's table as CSV, over the whole selection (no paging). */
export function tableCsv(store: CaseStore, table: TableName, selection: Selection, options: TableCsvOptions = {}): string {
  switch (table) {
    case 'ips':
      return ipsCsv(store, selection, options.ipsOrder ?? { sort: 'attempts', descending: true });
    case 'users':
      return valuesCsv('user', users(store, selection, ALL));
    case 'passwords':
      return valuesCsv('password', passwords(store, selection, ALL));
    case 'countries':
      // The name beside the code, as the tab shows it; the columns after it keep their order.
      return toCsv(['country', 'country_name', 'attempts', 'ips', 'percent_of_attempts'],
        countries(store, selection).map((c) => [c.country, countryName(c.country), c.attempts, c.ips, percent(c.share)]));
    case 'days':
      // The weekday last, as the tab shows it: the columns before it keep their places for scripts that read them.
      return toCsv(['day', 'attempts', 'ips', 'countries', 'weekday'],
        daysWithAttempts(perDay(store, selection), options.daysOrder ?? 'date').map((d) => [d.day, d.attempts, d.ips, d.countries, weekdayOf(d.day)]));
    case 'histogram':
      return toCsv(
        ['times', 'ips', 'attempts', 'percent_of_ips'],
        histogram(store, selection).map((h) => [h.times, h.computers, h.attempts, percent(h.shareOfComputers)]),
      );
    case 'services':
      return servicesCsv(store, selection);
    case 'sources':
      // The files read, then the paths given that were not read (`not_read` says how: error, passed-over,
      // skipped), with their reason as an error or a note and no line figures, which they do not have.
      return toCsv(
        ['path', 'encoding', 'bytes', 'lines', 'attempt_lines', 'login_lines', 'ignored_lines', 'unparsed_lines', 'attempts', 'logins',
          'first_ts', 'last_ts', 'notes', 'warnings', 'errors', 'not_read'],
        [
          ...store.sources().map((s) => [s.path, s.encoding, s.bytes, s.lines, s.attemptLines, s.loginLines, s.ignoredLines, s.unparsedLines,
            s.attempts, s.logins, s.firstTs, s.lastTs, s.notes.join(' | '), s.warnings.join(' | '), s.errors.join(' | '), null]),
          ...store.unreadPaths().map((u) => [u.path, null, u.bytes, null, null, null, null, null, null, null, null, null,
            u.kind === 'error' ? null : u.reason, null, u.kind === 'error' ? u.reason : null, u.kind]),
        ],
      );
    default:
      throw new RangeError(`no table named ${JSON.stringify(table)}`);
  }
}

/**
 * The days with attempts, as the Days tab lists them: perDay keeps the empty days (the timeline's axis needs
 * them), a list of days does not. Busiest first breaks ties by date.
 */
export function daysWithAttempts(days: DayRow[], order: DaysOrder): DayRow[] {
  const busy = days.filter((d) => d.attempts > 0);
  return order === 'busiest' ? busy.sort((a, b) => b.attempts - a.attempts || (a.day < b.day ? -1 : 1)) : busy;
}

/**
 * The services of the selection, most attempts first, as the Services tab lists them; a service the log did not
 * name is an empty cell, as a user name the log did not name is.
 */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The day of the week of a `YYYY-MM-DD` day, in English whatever the machine's language: a file for scripts too. */
export function weekdayOf(day: string): string {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
}

/**
 * The Users or Passwords tab as CSV: every value (null: the log did not say), with the share of the selection's
 * attempts the tab shows; every attempt has one row, so the rows' attempts add up to the selection's.
 */
function valuesCsv(column: 'user' | 'password', rows: { value: string | null; attempts: number; ips: number }[]): string {
  const total = rows.reduce((sum, r) => sum + r.attempts, 0);
  return toCsv([column, 'attempts', 'ips', 'percent_of_attempts'], rows.map((v) => [v.value, v.attempts, v.ips, percent(total ? v.attempts / total : 0)]));
}

function servicesCsv(store: CaseStore, selection: Selection): string {
  const rows = services(store, selection);
  const total = rows.reduce((sum, r) => sum + r.attempts, 0);
  return toCsv(['service', 'attempts', 'ips', 'percent_of_attempts'], rows.map((r) => [r.service, r.attempts, r.ips, percent(total ? r.attempts / total : 0)]));
}

/** The IP table as CSV, its rows in the order the table is sorted by (`sortedIpTotals`, which its pages use too). */
function ipsCsv(store: CaseStore, selection: Selection, order: IpsOrder): string {
  const plan = planSelection(store, selection);
  const ips = sortedIpTotals(store, plan, order.sort, order.descending).rows;
  const tried = usersOfIps(store, plan, ips.map((ip) => ip.ipId), USERS_PER_CSV_ROW);
  const logins = loginsOfIps(store, plan, ips.map((ip) => ip.ipId));
  return toCsv(
    ['ip', 'country', 'scope', 'attempts', 'first_seen', 'last_seen', 'active_days', 'logins', 'user_count', USERS_COLUMN],
    ips.map((ip) => {
      const users = tried.get(ip.ipId)!;
      return [ip.ip, ip.country, ip.scope, ip.attempts, formatTs(ip.firstTs), formatTs(ip.lastTs), ip.activeDays, logins.get(ip.ipId) ?? 0, users.count, joinUsers(users.names, users.count)];
    }),
  );
}
