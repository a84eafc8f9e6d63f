// Everything the case knows about one address: where it is, what it tried and when, and its logins.
import type { AttemptDetail, IpDetail, LoginDetail, Selection } from '../../shared/api';
import { canonicalIp, ipSortKey } from '../net/ip';
import type { CaseStore } from '../store/case-store';
import { formatTs } from '../wall-clock';
import { planSelection, rowSource } from './selection';

/** Attempts listed per IP; attemptsTotal tells how many there are. */
export const DETAIL_ATTEMPTS = 500;
const DETAIL_LOGINS = 500;
// The source and the logged values of a row aliased `r` (fixed SQL).
const VALUE_JOINS_LOGIN = 'JOIN source src ON src.id = r.source_id LEFT JOIN service s ON s.id = r.service_id LEFT JOIN username u ON u.id = r.user_id';
const VALUE_JOINS_ATTEMPT = `${VALUE_JOINS_LOGIN} LEFT JOIN password p ON p.id = r.password_id`;

/**
 * The address's attempts and logins in the selection, oldest first: the same rows the IP table counts for it (the
 * range, the search, the exact user name and password), so the panel and the row agree; null when the case has
 * never seen the address. A search that matched the address or its country keeps all its attempts; one that
 * matched user names keeps only the attempts with such names (the search is a union over rows).
 */
export function ipDetail(store: CaseStore, ip: string, selection: Selection): IpDetail | null {
  const canonical = canonicalIp(ip);
  if (canonical === null) return null;
  store.ensureIpSortIndex();
  const found = store.row(
    `SELECT ip.id, ip.country, ip.scope, ip.asn, ip.as_org, g.name, g.build_date
     FROM ip LEFT JOIN geo_db g ON g.id = ip.geo_db_id WHERE ip.sort_key = ?`,
    [ipSortKey(canonical)],
  );
  if (!found) return null;
  const [id, country, scope, asn, asOrg, geoName, geoBuild] = found;
  const plan = planSelection(store, selection);
  store.ensureLoginIpIndex();
  // The address's days in the range, each with its first and last second (the ip_day rollup): its attempts lie
  // in those windows, which the attempt table's time key reaches directly, so the case needs no index of
  // attempts by address (see docs/schema.md). The windows are of different days: their rows, one window
  // after another, are in (ts, id) order.
  const windows = store.rows('SELECT first_ts, last_ts, attempts FROM ip_day WHERE day BETWEEN ? AND ? AND ip_id = ? ORDER BY day', [plan.fromDay, plan.toDay, id]);
  // The selection's rows of this address in one window, through rowSource as the IP table's are.
  const inWindow = (first: unknown, last: unknown, join?: string) =>
    rowSource(plan, { join, where: { sql: 'r.ts BETWEEN ? AND ? AND r.ip_id = ?', params: [first as number, last as number, id] } });
  let attemptsTotal = 0;
  if (plan.kind === 'row') {
    // Some of the address's attempts may be left out (other user names or passwords): counted, not summed.
    for (const [first, last] of windows) {
      const rows = inWindow(first, last);
      attemptsTotal += Number(store.value(`SELECT count(*) ${rows.sql}`, rows.params));
    }
  } else {
    // Without row conditions the selection keeps all of an address's attempts in the range, or none of them
    // (countries and an address search are about the address itself).
    const kept = !plan.ip || store.value(`SELECT EXISTS (SELECT 1 FROM ip WHERE ip.id = ? AND ${plan.ip.sql})`, [id, ...plan.ip.params]) === 1;
    if (!kept) windows.length = 0;
    for (const w of windows) attemptsTotal += Number(w[2]);
  }
  const attempts: AttemptDetail[] = [];
  for (const [first, last] of windows) {
    if (attempts.length >= DETAIL_ATTEMPTS) break;
    const rows = inWindow(first, last, VALUE_JOINS_ATTEMPT);
    const listed = store.rows(
      `SELECT r.ts, s.value, u.value, p.value, src.path, r.line, src.id
       ${rows.sql} ORDER BY r.ts, r.id LIMIT ?`,
      [...rows.params, DETAIL_ATTEMPTS - attempts.length],
    );
    for (const r of listed) {
      attempts.push({
        ts: formatTs(Number(r[0])),
        service: r[1] as string | null,
        user: r[2] as string | null,
        password: r[3] as string | null,
        source: r[4] as string,
        line: Number(r[5]),
        sourceId: Number(r[6]),
      });
    }
  }
  const loginRows = rowSource(plan, { table: 'login_record', join: VALUE_JOINS_LOGIN, where: { sql: 'r.ip_id = ?', params: [id] } });
  const logins: LoginDetail[] = store
    .rows(`SELECT r.ts, s.value, u.value, src.path, r.line, src.id ${loginRows.sql} ORDER BY r.ts, r.id LIMIT ?`, [...loginRows.params, DETAIL_LOGINS])
    .map((r) => ({ ts: formatTs(Number(r[0])), service: r[1] as string | null, user: r[2] as string | null, source: r[3] as string, line: Number(r[4]), sourceId: Number(r[5]) }));
  return {
    ip: canonical,
    country: country as string | null,
    scope: scope as string,
    asn: asn as number | null,
    asOrg: asOrg as string | null,
    geoDb: geoName === null ? null : `${geoName} (built ${geoBuild})`,
    attempts,
    attemptsTotal,
    logins,
  };
}
