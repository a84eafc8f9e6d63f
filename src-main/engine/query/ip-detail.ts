// Everything the case knows about one address: where it is, what it tried and when, and its logins.
import type { AttemptDetail, IpDetail, LoginDetail, Selection } from '../../shared/api';
import { canonicalIp, ipSortKey } from '../net/ip';
import type { CaseStore } from '../store/case-store';
import { formatTs } from '../wall-clock';
import { planSelection, tsBounds } from './selection';

/** Attempts listed per IP; attemptsTotal tells how many there are. */
export const DETAIL_ATTEMPTS = 500;
const DETAIL_LOGINS = 500;

/**
 * The address's attempts and logins within the selection's dates (its countries, search and exact value do not narrow
 * one address further), oldest first; null when the case has never seen the address.
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
  const plan = planSelection(store, { ...selection, countries: [], search: '', exact: null });
  const [from, to] = tsBounds(plan);
  store.ensureLoginIpIndex();
  // The address's days in the range, each with its first and last second (the ip_day rollup): its attempts lie
  // in those windows, which the attempt table's time key reaches directly, so the case needs no index of
  // attempts by address (see docs/schema.md). The windows are of different days: their rows, one window
  // after another, are in (ts, id) order.
  const windows = store.rows('SELECT first_ts, last_ts, attempts FROM ip_day WHERE day BETWEEN ? AND ? AND ip_id = ? ORDER BY day', [plan.fromDay, plan.toDay, id]);
  let attemptsTotal = 0;
  for (const w of windows) attemptsTotal += Number(w[2]);
  const attempts: AttemptDetail[] = [];
  for (const [first, last] of windows) {
    if (attempts.length >= DETAIL_ATTEMPTS) break;
    const rows = store.rows(
      `SELECT a.ts, s.value, u.value, p.value, src.path, a.line
       FROM attempt_record a JOIN source src ON src.id = a.source_id
       LEFT JOIN service s ON s.id = a.service_id LEFT JOIN username u ON u.id = a.user_id LEFT JOIN password p ON p.id = a.password_id
       WHERE a.ts BETWEEN ? AND ? AND a.ip_id = ? ORDER BY a.ts, a.id LIMIT ?`,
      [first, last, id, DETAIL_ATTEMPTS - attempts.length],
    );
    for (const r of rows) {
      attempts.push({
        ts: formatTs(Number(r[0])),
        service: r[1] as string | null,
        user: r[2] as string | null,
        password: r[3] as string | null,
        source: r[4] as string,
        line: Number(r[5]),
      });
    }
  }
  const logins: LoginDetail[] = store
    .rows(
      `SELECT l.ts, s.value, u.value, src.path, l.line
       FROM login_record l JOIN source src ON src.id = l.source_id
       LEFT JOIN service s ON s.id = l.service_id LEFT JOIN username u ON u.id = l.user_id
       WHERE l.ip_id = ? AND l.ts BETWEEN ? AND ? ORDER BY l.ts, l.id LIMIT ?`,
      [id, from, to, DETAIL_LOGINS],
    )
    .map((r) => ({ ts: formatTs(Number(r[0])), service: r[1] as string | null, user: r[2] as string | null, source: r[3] as string, line: Number(r[4]) }));
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
