// A service filter on a mixed case: a mail server's log (dovecot and postfix: imap, pop3, submission, smtp,
// managesieve), an SSH server's auth.log and an old dovecot's auth lines that name no service read into one case, then every query of a selection narrowed to some
// services checked against a direct SQL count on the saved case's public `attempt` and `login` views.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { Engine } from '../../../src-main/engine/engine';
import { authLogText, generateAuthLog } from '../../../src-main/engine/generate/auth-log';
import { writeSingleLog } from '../../../src-main/engine/generate/write';
import { loadSqlJs } from '../../../src-main/engine/store/sqlite';
import { EMPTY_SELECTION, NO_SERVICE, type Selection } from '../../../src-main/shared/api';
import { parseCsv } from '../export/parse-csv';

const NOT_NAMED_TRIES = 40;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-filter-test-'));
let engine: Engine;
let db: Database;

beforeAll(async () => {
  await writeSingleLog(path.join(dir, 'mx', 'mail.log'), { seed: 11, start: '2024-03-04', days: 6, attemptsPerDay: 150 });
  const auth = generateAuthLog({ seed: 5, start: '2024-03-05', days: 4, connectionsPerDay: 150 });
  const lines = auth.lines();
  const authPath = path.join(dir, 'ssh', 'auth.log');
  fs.mkdirSync(path.dirname(authPath));
  fs.writeFileSync(authPath, authLogText(lines));
  // The file's time is its last line's, as syslog left it: the year of its stamps comes from it.
  const last = new Date(lines[lines.length - 1].ms + 1000);
  fs.utimesSync(authPath, last, last);
  // Dovecot 2.1's auth process names no session and no service: these tries are "not logged".
  const oldPath = path.join(dir, 'old', 'dovecot.log');
  fs.mkdirSync(path.dirname(oldPath));
  fs.writeFileSync(oldPath, Array.from({ length: NOT_NAMED_TRIES }, (_, i) =>
    `Mar  6 10:${String(i).padStart(2, '0')}:07 old dovecot: auth: passwd-file(user${i % 4},45.33.${i % 3}.${i % 5 + 10}): unknown user\n`).join(''));
  fs.utimesSync(oldPath, new Date('2024-03-09T00:00:00Z'), new Date('2024-03-09T00:00:00Z'));
  engine = new Engine({});
  await engine.openCase(null);
  await engine.ingest([path.join(dir, 'mx'), path.join(dir, 'ssh'), path.join(dir, 'old')]);
  const casePath = path.join(dir, 'case.sqlite');
  await engine.saveCase(casePath);
  db = new (await loadSqlJs()).Database(fs.readFileSync(casePath));
});
afterAll(async () => {
  db?.close();
  await engine?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = (sql: string, params: (string | number)[] = []): unknown[][] => db.exec(sql, params)[0]?.values ?? [];
const value = (sql: string, params: (string | number)[] = []): unknown => rows(sql, params)[0]?.[0] ?? null;

/** The selection as a WHERE clause over the `attempt` or `login` view (which have the same day, country and service). */
function where(s: Selection): { sql: string; params: (string | number)[] } {
  const parts: string[] = ['1'];
  const params: (string | number)[] = [];
  if (s.from) parts.push('day >= ?'), params.push(s.from);
  if (s.to) parts.push('day <= ?'), params.push(s.to);
  if (s.countries.length) parts.push(`coalesce(country, 'ZZ') IN (${s.countries.map(() => '?').join(', ')})`), params.push(...s.countries);
  if (s.exact?.user !== undefined) parts.push('user = ?'), params.push(s.exact.user);
  const services = s.services ?? [];
  if (services.length) parts.push(`coalesce(service, '') IN (${services.map(() => '?').join(', ')})`), params.push(...services);
  return { sql: parts.join(' AND '), params };
}

function counted(view: 'attempt' | 'login', s: Selection, select: string, groupBy = ''): unknown[][] {
  const w = where(s);
  return rows(`SELECT ${select} FROM ${view} WHERE ${w.sql}${groupBy ? ` GROUP BY ${groupBy}` : ''}`, w.params);
}

const sel = (s: Partial<Selection>): Selection => ({ ...EMPTY_SELECTION, ...s });
const sorted = <T>(list: T[]): T[] => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('the mixed case', () => {
  it('holds mail services and ssh, each with many attempts', () => {
    const byService = new Map(rows("SELECT coalesce(service, ''), count(*) FROM attempt GROUP BY 1").map(([s, n]) => [s as string, Number(n)]));
    for (const service of ['ssh', 'imap', 'pop3', 'smtp']) expect(byService.get(service), service).toBeGreaterThan(50);
    expect(byService.get(NO_SERVICE)).toBe(NOT_NAMED_TRIES);
  });
});

describe.each([
  ['ssh alone', () => sel({ services: ['ssh'] })],
  ['imap and pop3', () => sel({ services: ['imap', 'pop3'] })],
  ['ssh on two days', () => sel({ from: '2024-03-06', to: '2024-03-07', services: ['ssh'] })],
  ['ssh in its busiest country', () => sel({ services: ['ssh'], countries: [String(value("SELECT coalesce(country, 'ZZ') FROM attempt WHERE service = 'ssh' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"))] })],
  ['the mail services with a user name', () => sel({ services: ['imap', 'pop3', 'submission', 'smtp', 'managesieve'], exact: { user: String(value("SELECT user FROM attempt WHERE service <> 'ssh' AND user IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")) } })],
  ['the tries no line names a service, and ssh', () => sel({ services: [NO_SERVICE, 'ssh'] })],
] as const)('%s', (_name, make) => {
  let s: Selection;
  beforeAll(() => { s = make(); });

  it('summary: attempts, IPs, one-shot IPs, countries, days and logins as the views count them', async () => {
    const summary = await engine.summary(s);
    const [attempts, ips, countries, days, firstDay, lastDay] = counted('attempt', s, 'count(*), count(DISTINCT ip), count(DISTINCT country), count(DISTINCT day), min(day), max(day)')[0];
    expect(attempts).toBeGreaterThan(0);
    const w = where(s);
    const oneShot = value(`SELECT count(*) FROM (SELECT ip FROM attempt WHERE ${w.sql} GROUP BY ip HAVING count(*) = 1)`, w.params);
    expect(summary).toMatchObject({ attempts, ips, countries, days, firstDay, lastDay, oneShotIps: oneShot, logins: counted('login', s, 'count(*)')[0][0] });
    // Narrower than the whole case: the filter took effect.
    expect(summary.attempts).toBeLessThan((await engine.summary(sel({ from: s.from, to: s.to }))).attempts);
  });

  it('per day and per hour', async () => {
    const perDay = (await engine.perDay(s)).filter((d) => d.attempts > 0).map((d) => [d.day, d.attempts, d.ips, d.countries]);
    expect(perDay).toEqual(counted('attempt', s, 'day, count(*), count(DISTINCT ip), count(DISTINCT country)', 'day ORDER BY day'));
    const perHour = (await engine.perHour(s)).map((h) => [h.hour, h.attempts]);
    expect(perHour).toEqual(counted('attempt', s, 'substr(ts, 1, 13), count(*)', '1 ORDER BY 1'));
  });

  it('countries, IPs, user names, passwords and the histogram', async () => {
    expect(sorted((await engine.countries(s)).map((c) => [c.country, c.attempts, c.ips])))
      .toEqual(sorted(counted('attempt', s, "coalesce(country, 'ZZ'), count(*), count(DISTINCT ip)", '1')));
    const page = await engine.ips(s, 'attempts', true, 0, 100_000);
    const perIp = counted('attempt', s, 'ip, count(*), count(DISTINCT user)', 'ip');
    expect(page.total).toBe(perIp.length);
    expect(sorted(page.rows.map((r) => [r.ip, r.attempts, r.userCount]))).toEqual(sorted(perIp));
    expect(sorted((await engine.users(s, 100_000)).map((v) => [v.value, v.attempts, v.ips])))
      .toEqual(sorted(counted('attempt', s, 'user, count(*), count(DISTINCT ip)', 'user')));
    expect(sorted((await engine.passwords(s, 100_000)).map((v) => [v.value, v.attempts, v.ips])))
      .toEqual(sorted(counted('attempt', s, 'password, count(*), count(DISTINCT ip)', 'password')));
    const w = where(s);
    expect((await engine.histogram(s)).map((h) => [h.times, h.computers]))
      .toEqual(rows(`SELECT n, count(*) FROM (SELECT count(*) AS n FROM attempt WHERE ${w.sql} GROUP BY ip) GROUP BY n ORDER BY n`, w.params));
  });

  it('services: only the chosen ones', async () => {
    expect(sorted((await engine.services(s)).map((r) => [r.service ?? '', r.attempts, r.ips])))
      .toEqual(sorted(counted('attempt', s, "coalesce(service, ''), count(*), count(DISTINCT ip)", '1')));
  });

  it('the IP detail of the busiest address counts and lists its attempts and logins at those services only', async () => {
    const [ip, attempts] = counted('attempt', s, 'ip, count(*)', 'ip ORDER BY 2 DESC, ip LIMIT 1')[0];
    const detail = (await engine.ipDetail(String(ip), s))!;
    expect(detail.attemptsTotal).toBe(attempts);
    for (const a of detail.attempts) expect(s.services).toContain(a.service ?? '');
    for (const l of detail.logins) expect(s.services).toContain(l.service ?? '');
  });

  it('exports: the IP table CSV and the blocklist hold the selection’s addresses', async () => {
    const ips = counted('attempt', s, 'ip, count(*)', 'ip').map(([ip, n]) => [ip, Number(n)]);
    const csv = parseCsv(await engine.tableCsv('ips', s));
    expect(sorted(csv.slice(1).map((r) => [r[0], Number(r[3])]))).toEqual(sorted(ips));
    const list = await engine.blocklist({ selection: s, format: 'plain', minAttempts: 2, excludePrivate: false, allowlist: [] });
    expect(list.text.split('\n').filter((l) => l && !l.startsWith('#')).sort()).toEqual(ips.filter(([, n]) => Number(n) >= 2).map(([ip]) => ip).sort());
  });
});
