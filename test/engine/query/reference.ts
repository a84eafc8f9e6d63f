// The expected answers, computed from the generated records with plain JS and ipaddr.js, independently
// of the store's SQL: a selection filter and the aggregations every query is checked against.
import ipaddr from 'ipaddr.js';
import type { Selection } from '../../../src-main/shared/api';
import { formatDay, formatTs } from '../../../src-main/engine/wall-clock';
import { refCanonical, refCountryOf, type GeneratedCase } from '../store/generated-case';

export interface RefRow {
  ts: number;
  day: string;
  ip: string;
  country: string | null;
  user: string | null;
  password: string | null;
  service: string | null;
  source: string;
  line: number;
}

export function refAttempts(g: GeneratedCase): RefRow[] {
  const out: RefRow[] = [];
  g.attempts.forEach((a, i) => {
    const ip = refCanonical(a.ip);
    if (ip !== null) out.push({ ts: a.ts, day: formatDay(a.ts), ip, country: refCountryOf(ip), user: a.user, password: a.password, service: a.service, source: g.attemptSources[i], line: a.line });
  });
  return out;
}

export function refLogins(g: GeneratedCase): RefRow[] {
  const out: RefRow[] = [];
  g.logins.forEach((l, i) => {
    const ip = refCanonical(l.ip);
    if (ip !== null) out.push({ ts: l.ts, day: formatDay(l.ts), ip, country: refCountryOf(ip), user: l.user, password: null, service: l.service, source: g.loginSources[i], line: l.line });
  });
  return out;
}

/**
 * The selection's meaning, written out: dates and hours, countries, services (`''`: not logged), the exact values (AND each
 * other), and the search as address OR country OR user.
 */
export function selects(sel: Selection, r: RefRow): boolean {
  if (sel.services?.length && !sel.services.includes(r.service ?? '')) return false;
  if (sel.from && r.day < sel.from) return false;
  if (sel.to && r.day > sel.to) return false;
  // Hours narrow to the minute: from the start's minute on, up to (not including) the end's.
  const minute = formatTs(r.ts).slice(0, 16);
  if (sel.hours?.start && minute < sel.hours.start) return false;
  if (sel.hours?.end && minute >= sel.hours.end) return false;
  if (sel.countries.length && !sel.countries.map((c) => c.trim().toUpperCase()).includes(r.country ?? 'ZZ')) return false;
  // Logins keep no password: an exact password matches none of them.
  if (sel.exact?.user !== undefined && r.user !== sel.exact.user) return false;
  if (sel.exact?.password !== undefined && r.password !== sel.exact.password) return false;
  const term = sel.search.trim();
  if (!term) return true;
  if (r.user !== null && r.user.toLowerCase().includes(term.toLowerCase())) return true;
  if (/^[a-z]{2}$/i.test(term) && (r.country ?? 'ZZ') === term.toUpperCase()) return true;
  if (term.includes('/')) {
    try {
      const [net, bits] = ipaddr.parseCIDR(term);
      const address = ipaddr.parse(r.ip);
      return address.kind() === net.kind() && address.match(net, bits);
    } catch {
      return false;
    }
  }
  if (ipaddr.isValid(term) && /^[0-9a-f:.]+$/i.test(term) && (term.includes(':') || term.split('.').length === 4)) return ipaddr.process(term).toString() === r.ip;
  if (/^\d{1,3}(\.\d{0,3}){0,3}$/.test(term) || /^[0-9a-f]*:[0-9a-f:]*$/i.test(term)) return r.ip.startsWith(term.toLowerCase());
  return false;
}

export function ipNumberCompare(a: string, b: string): number {
  const ka = ipaddr.parse(a).toByteArray();
  const kb = ipaddr.parse(b).toByteArray();
  if (ka.length !== kb.length) return ka.length - kb.length;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return 0;
}

export interface RefIp {
  ip: string;
  country: string | null;
  attempts: number;
  firstTs: number;
  lastTs: number;
  days: Set<string>;
  users: Map<string, number>;
}

export function perIp(rows: RefRow[]): Map<string, RefIp> {
  const out = new Map<string, RefIp>();
  for (const r of rows) {
    const e = out.get(r.ip) ?? { ip: r.ip, country: r.country, attempts: 0, firstTs: r.ts, lastTs: r.ts, days: new Set<string>(), users: new Map<string, number>() };
    e.attempts++;
    e.firstTs = Math.min(e.firstTs, r.ts);
    e.lastTs = Math.max(e.lastTs, r.ts);
    e.days.add(r.day);
    if (r.user !== null) e.users.set(r.user, (e.users.get(r.user) ?? 0) + 1);
    out.set(r.ip, e);
  }
  return out;
}

/** User names of one IP, most tried first, ties by name. */
export function rankedUsers(e: RefIp): string[] {
  return [...e.users].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([u]) => u);
}

export function dayRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`) / 1000; formatDay(t) <= last; t += 86400) out.push(formatDay(t));
  return out;
}

export const hourOf = (ts: number): string => formatTs(ts).slice(0, 13);
