import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpSortKey, Selection } from '../../../src-main/shared/api';
import { EMPTY_SELECTION } from '../../../src-main/shared/api';
import { parseMinute } from '../../../src-main/shared/time-span';
import * as q from '../../../src-main/engine/query';
import { DETAIL_ATTEMPTS } from '../../../src-main/engine/query/ip-detail';
import { USERS_PER_ROW } from '../../../src-main/engine/query/ips';
import { formatDay, formatTs } from '../../../src-main/engine/wall-clock';
import { DAYS, FIRST_DAY_TS, GEO_DB, HOSTILE_USERS, RELENTLESS_IP, generatedCase, type GeneratedCase } from '../store/generated-case';
import { dayRange, hourOf, ipNumberCompare, perIp, rankedUsers, refAttempts, refLogins, selects, type RefRow } from './reference';

let g: GeneratedCase;
let all: RefRow[];
let logins: RefRow[];

beforeAll(async () => {
  g = await generatedCase();
  all = refAttempts(g);
  logins = refLogins(g);
});
afterAll(() => g.store.close());

const day = (n: number): string => formatDay(FIRST_DAY_TS + n * 86400);
const sel = (s: Partial<Selection>): Selection => ({ ...EMPTY_SELECTION, ...s });

/** The user name and password tried together most often (both logged), for selections with both exact values. */
function commonPair(): { user: string; password: string } {
  const counts = new Map<string, number>();
  for (const r of all) if (r.user !== null && r.password !== null) {
    const key = JSON.stringify([r.user, r.password]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [user, password] = JSON.parse([...counts].sort((a, b) => b[1] - a[1])[0][0]) as [string, string];
  return { user, password };
}

/** Selections covering every path: rollups, address searches, user searches, and their mixes. */
function selections(): [string, Selection][] {
  const mapped = g.attempts.find((a) => a.ip.startsWith('::ffff:'))!.ip;
  const v6 = all.find((r) => r.ip.startsWith('2a0'))!.ip;
  return [
    ['everything', EMPTY_SELECTION],
    ['the swarm days', sel({ from: day(20), to: day(22) })],
    ['one day', sel({ from: day(4), to: day(4) })],
    ['open-ended from', sel({ from: day(30) })],
    ['countries with ZZ', sel({ countries: ['DE', 'ZZ'] })],
    ['lower-case country', sel({ countries: ['us'], from: day(10), to: day(25) })],
    ['IPv4 prefix', sel({ search: '185.' })],
    ['IPv4 CIDR', sel({ search: '185.220.101.0/29' })],
    ['IPv6 CIDR', sel({ search: `${v6.split(':')[0]}::/16` })],
    ['IPv6 prefix', sel({ search: v6.slice(0, 6) })],
    ['mapped address spelling', sel({ search: mapped })],
    ['exact address', sel({ search: RELENTLESS_IP })],
    ['country code search', sel({ search: 'nl' })],
    ['country code or user', sel({ search: 'in' })],
    ['user substring, any case', sel({ search: 'EXAMPLE' })],
    ['hostile search', sel({ search: HOSTILE_USERS[0] })],
    ['search with quotes and percent', sel({ search: `%' OR 1=1 --` })],
    ['search for nothing', sel({ search: 'no-such-thing-anywhere' })],
    ['a country code that is no country', sel({ countries: ['DE', "X'; --"] })],
    ['everything at once', sel({ from: day(15), to: day(35), countries: ['RU', 'CN', 'ZZ'], search: 'user1' })],
    ['exact user, not the names it is part of', sel({ exact: { user: 'user1' } })],
    ['exact user with logins, in a range', sel({ from: day(5), to: day(40), exact: { user: 'admin' } })],
    ['exact user and an address search', sel({ search: '185.', exact: { user: 'admin' } })],
    ['exact user and a user search', sel({ search: 'example', exact: { user: 'User3@Example.com' } })],
    ['exact password, spaces kept', sel({ exact: { password: ' spaced ' } })],
    ['exact hostile user in countries', sel({ countries: ['DE', 'ZZ'], exact: { user: HOSTILE_USERS[0] } })],
    ['exact user in another case', sel({ exact: { user: 'USER1' } })],
    ['exact user and exact password together', sel({ exact: commonPair() })],
    ['exact user and password with an address search', sel({ search: '185.', exact: commonPair() })],
    ['one service', sel({ services: ['pop3'] })],
    ['service not logged', sel({ services: [''] })],
    ['a service and not logged, in a range', sel({ from: day(18), to: day(24), services: ['imap', ''] })],
    ['services with countries', sel({ countries: ['DE', 'ZZ'], services: ['pop3'] })],
    ['a service and an address search', sel({ search: '185.', services: ['imap'] })],
    ['a service and a user search', sel({ search: 'example', services: ['pop3'] })],
    ['a service and an exact user name', sel({ exact: { user: 'admin' }, services: ['imap'] })],
    ['every service named, twice', sel({ services: ['pop3', 'imap', '', 'imap'] })],
    ['a service the case does not hold', sel({ services: ['ssh'] })],
    ['a hostile service', sel({ services: [`imap') OR 1=1 --`] })],
    ['an incident\'s hours on its days', sel({ from: day(20), to: day(22), hours: { start: `${day(20)} 03:00`, end: `${day(22)} 17:00` } })],
    ['minutes within one day, in countries', sel({ from: day(21), to: day(21), countries: ['US', 'ZZ'], hours: { start: `${day(21)} 06:30`, end: `${day(21)} 07:45` } })],
    ['hours up to midnight, a service and an address search', sel({ from: day(19), to: day(22), search: '185.', services: ['imap'], hours: { start: `${day(19)} 12:00`, end: `${day(23)} 00:00` } })],
    ['hours open at the start, days open', sel({ hours: { start: null, end: `${day(3)} 12:00` } })],
    ['hours and an exact user, in a range', sel({ from: day(5), to: day(40), exact: { user: 'admin' }, hours: { start: `${day(5)} 09:00`, end: `${day(40)} 12:00` } })],
  ];
}

const SELECTIONS = 44;

describe.each(Array.from({ length: SELECTIONS }, (_, i) => i))('selection #%i', (index) => {
  let name: string;
  let selection: Selection;
  let rows: RefRow[];
  beforeAll(() => {
    [name, selection] = selections()[index];
    rows = all.filter((r) => selects(selection, r));
  });

  it('summary', () => {
    const ips = perIp(rows);
    const perDayCount = new Map<string, number>();
    for (const r of rows) perDayCount.set(r.day, (perDayCount.get(r.day) ?? 0) + 1);
    const days = [...perDayCount.keys()].sort();
    let peak: { day: string; attempts: number } | null = null;
    for (const d of days) if (!peak || perDayCount.get(d)! > peak.attempts) peak = { day: d, attempts: perDayCount.get(d)! };
    const oneShot = [...ips.values()].filter((e) => e.attempts === 1).length;
    expect(q.summary(g.store, selection), name).toEqual({
      attempts: rows.length,
      ips: ips.size,
      countries: new Set(rows.map((r) => r.country).filter((c) => c !== null)).size,
      days: days.length,
      firstDay: days[0] ?? null,
      lastDay: days[days.length - 1] ?? null,
      peakDay: peak,
      oneShotIps: oneShot,
      oneShotShare: ips.size ? oneShot / ips.size : 0,
      logins: logins.filter((l) => selects(selection, l)).length,
    });
  });

  it('perDay covers the case days in the selection, zeros included', () => {
    const caseDays = all.map((r) => r.day).sort();
    // Hours narrow the days too, to those they touch.
    const hourDays = {
      first: selection.hours?.start ? selection.hours.start.slice(0, 10) : null,
      last: selection.hours?.end ? formatDay(parseMinute(selection.hours.end)! - 60) : null,
    };
    const first = [caseDays[0], selection.from, hourDays.first].reduce<string>((a, b) => (b && b > a ? b : a), caseDays[0]);
    const last = [caseDays[caseDays.length - 1], selection.to, hourDays.last].reduce<string>((a, b) => (b && b < a ? b : a), caseDays[caseDays.length - 1]);
    const expected = dayRange(first, last).map((d) => {
      const those = rows.filter((r) => r.day === d);
      return { day: d, attempts: those.length, ips: new Set(those.map((r) => r.ip)).size, countries: new Set(those.map((r) => r.country).filter((c) => c !== null)).size };
    });
    expect(q.perDay(g.store, selection), name).toEqual(expected);
  });

  it('perHour lists the hours with attempts', () => {
    const hours = new Map<string, number>();
    for (const r of rows) hours.set(hourOf(r.ts), (hours.get(hourOf(r.ts)) ?? 0) + 1);
    expect(q.perHour(g.store, selection), name).toEqual([...hours].sort().map(([hour, attempts]) => ({ hour, attempts })));
  });

  it('countries', () => {
    const by = new Map<string, RefRow[]>();
    for (const r of rows) by.set(r.country ?? 'ZZ', [...(by.get(r.country ?? 'ZZ') ?? []), r]);
    const expected = [...by]
      .map(([country, list]) => ({ country, attempts: list.length, ips: new Set(list.map((r) => r.ip)).size, share: list.length / rows.length }))
      .sort((a, b) => b.attempts - a.attempts || (a.country < b.country ? -1 : 1));
    expect(q.countries(g.store, selection), name).toEqual(expected);
  });

  it('histogram', () => {
    const ips = [...perIp(rows).values()];
    const byTimes = new Map<number, number>();
    for (const e of ips) byTimes.set(e.attempts, (byTimes.get(e.attempts) ?? 0) + 1);
    const expected = [...byTimes]
      .sort((a, b) => a[0] - b[0])
      .map(([times, computers]) => ({ times, computers, attempts: times * computers, shareOfComputers: computers / ips.length }));
    expect(q.histogram(g.store, selection), name).toEqual(expected);
    expect(expected.reduce((n, h) => n + h.attempts, 0)).toBe(rows.length);
  });

  it('users and passwords', () => {
    for (const [field, query] of [['user', q.users], ['password', q.passwords]] as const) {
      const by = new Map<string | null, { attempts: number; ips: Set<string> }>();
      for (const r of rows) {
        const e = by.get(r[field]) ?? { attempts: 0, ips: new Set<string>() };
        e.attempts++;
        e.ips.add(r.ip);
        by.set(r[field], e);
      }
      const expected = [...by]
        .map(([value, e]) => ({ value, attempts: e.attempts, ips: e.ips.size }))
        .sort((a, b) => b.attempts - a.attempts || b.ips - a.ips || (a.value === b.value ? 0 : a.value === null ? -1 : b.value === null ? 1 : a.value < b.value ? -1 : 1));
      expect(query(g.store, selection, 10_000), `${name} ${field}`).toEqual(expected);
      expect(query(g.store, selection, 7), `${name} ${field} limit`).toEqual(expected.slice(0, 7));
    }
  });

  it('services', () => {
    const by = new Map<string | null, RefRow[]>();
    for (const r of rows) by.set(r.service, [...(by.get(r.service) ?? []), r]);
    const expected = [...by]
      .map(([service, list]) => ({ service, attempts: list.length, ips: new Set(list.map((r) => r.ip)).size }))
      .sort((a, b) => b.attempts - a.attempts || (a.service === null ? 1 : b.service === null ? -1 : a.service < b.service ? -1 : 1));
    expect(q.services(g.store, selection), name).toEqual(expected);
  });

  it('ips: the busiest address leads each tie of a column, whichever way it is sorted', () => {
    for (const descending of [true, false]) {
      const rows = q.ips(g.store, selection, 'activeDays', descending, 0, 10_000).rows;
      const ties = new Map<number, typeof rows>();
      for (const r of rows) ties.set(r.activeDays, [...(ties.get(r.activeDays) ?? []), r]);
      for (const [days, tied] of ties) {
        expect(tied.map((r) => r.attempts), `${name} ${days} days ${descending ? 'desc' : 'asc'}`).toEqual(tied.map((r) => r.attempts).sort((a, b) => b - a));
      }
      if (name === 'everything') expect([...ties.values()].some((tied) => new Set(tied.map((r) => r.attempts)).size > 1)).toBe(true);
    }
  });

  it('ips: every sort key, both directions, paged', () => {
    const ips = [...perIp(rows).values()];
    // Successful logins in the selection from each address that failed in it: the one that got in.
    const loginsOf = new Map<string, number>();
    for (const l of logins.filter((l) => selects(selection, l))) loginsOf.set(l.ip, (loginsOf.get(l.ip) ?? 0) + 1);
    const keyOf: Record<IpSortKey, (e: (typeof ips)[number]) => number | string> = {
      ip: () => 0, // compared as numbers below
      country: (e) => e.country ?? 'ZZ',
      attempts: (e) => e.attempts,
      firstSeen: (e) => e.firstTs,
      lastSeen: (e) => e.lastTs,
      activeDays: (e) => e.days.size,
      logins: (e) => loginsOf.get(e.ip) ?? 0,
      userCount: (e) => e.users.size,
    };
    if (ips.some((e) => loginsOf.has(e.ip))) {
      // Sorted by logins, the addresses that got in come first, and a page past the first knows them too.
      const first = q.ips(g.store, selection, 'logins', true, 0, 25).rows[0];
      expect(first.logins, name).toBe(Math.max(...ips.map((e) => loginsOf.get(e.ip) ?? 0)));
      expect(first.logins, name).toBeGreaterThan(0);
    }
    for (const sort of Object.keys(keyOf) as IpSortKey[]) {
      for (const descending of [false, true]) {
        const sign = descending ? -1 : 1;
        // Ties, many in a column such as days or country, go to the most attempts, then to the lowest address,
        // whichever way the column is sorted: not by address in the column's direction, which put IPv6 first.
        const ordered = [...ips].sort((a, b) => {
          const ka = keyOf[sort](a);
          const kb = keyOf[sort](b);
          const byColumn = sort === 'ip' ? ipNumberCompare(a.ip, b.ip) : ka < kb ? -1 : ka > kb ? 1 : 0;
          return sign * byColumn || b.attempts - a.attempts || ipNumberCompare(a.ip, b.ip);
        });
        const page = q.ips(g.store, selection, sort, descending, 3, 25);
        expect(page.total, `${name} total`).toBe(ips.length);
        expect(page.rows, `${name} by ${sort} ${descending ? 'desc' : 'asc'}`).toEqual(
          ordered.slice(3, 28).map((e) => ({
            ip: e.ip,
            country: e.country,
            scope: expect.any(String),
            attempts: e.attempts,
            firstSeen: formatTs(e.firstTs),
            lastSeen: formatTs(e.lastTs),
            activeDays: e.days.size,
            logins: loginsOf.get(e.ip) ?? 0,
            userCount: e.users.size,
            users: rankedUsers(e).slice(0, USERS_PER_ROW),
          })),
        );
      }
    }
  });
});

describe('overview', () => {
  it('holds the whole case per day and country', () => {
    const o = q.overview(g.store);
    const caseDays = [...new Set(all.map((r) => r.day))].sort();
    expect(o.days.map((d) => d.day)).toEqual(dayRange(caseDays[0], caseDays[caseDays.length - 1]));
    expect(o.days).toEqual(q.perDay(g.store, EMPTY_SELECTION));
    const cells = new Map<string, { attempts: number; ips: Set<string> }>();
    for (const r of all) {
      const key = `${r.day}|${r.country ?? 'ZZ'}`;
      const c = cells.get(key) ?? { attempts: 0, ips: new Set<string>() };
      c.attempts++;
      c.ips.add(r.ip);
      cells.set(key, c);
    }
    const actual = new Map(o.cells.map(([d, c, attempts, ips]) => [`${o.days[d].day}|${o.countries[c]}`, [attempts, ips]]));
    expect(actual).toEqual(new Map([...cells].map(([k, v]) => [k, [v.attempts, v.ips.size]])));
    const totals = o.countries.map((c) => all.filter((r) => (r.country ?? 'ZZ') === c).length);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(o.countries).toContain('ZZ');
  });
});

describe('ipDetail', () => {
  /** The source row a generated path was read into: each listed line names it, for its raw line (RawLineRef). */
  const sourceIdOf = (path: string): number => Number(g.store.value('SELECT id FROM source WHERE path = ?', [path]));

  it('lists an address’s attempts (capped, oldest first) with the total, its location and the geo database', () => {
    const selection = sel({ from: day(0), to: day(DAYS) });
    const mine = all.filter((r) => r.ip === RELENTLESS_IP).sort((a, b) => a.ts - b.ts || a.line - b.line);
    expect(mine.length).toBeGreaterThan(DETAIL_ATTEMPTS);
    const detail = q.ipDetail(g.store, RELENTLESS_IP, selection)!;
    expect(detail).toMatchObject({ ip: RELENTLESS_IP, scope: 'public', asn: 64500, asOrg: 'Example AS', attemptsTotal: mine.length, logins: [] });
    expect(detail.geoDb).toBe(`${GEO_DB.name} (built ${GEO_DB.buildDate})`);
    expect(detail.attempts).toEqual(
      mine.slice(0, DETAIL_ATTEMPTS).map((r) => ({ ts: formatTs(r.ts), service: r.service, user: r.user, password: r.password, source: r.source, line: r.line, sourceId: sourceIdOf(r.source) })),
    );
  });

  it('narrows to the selection’s dates, finds any spelling, and lists logins', () => {
    const withLogin = logins.find((l) => l.ip.includes('.') && all.some((r) => r.ip === l.ip))!;
    const selection = sel({ from: withLogin.day, to: withLogin.day, countries: [withLogin.country ?? 'ZZ'], search: withLogin.ip });
    const detail = q.ipDetail(g.store, `::ffff:${withLogin.ip}`, selection)!;
    const attempts = all.filter((r) => r.ip === withLogin.ip && r.day === withLogin.day);
    expect(detail.attemptsTotal).toBe(attempts.length);
    expect(detail.logins).toEqual(
      logins.filter((l) => l.ip === withLogin.ip && l.day === withLogin.day).sort((a, b) => a.ts - b.ts)
        .map((l) => ({ ts: formatTs(l.ts), service: l.service, user: l.user, source: l.source, line: l.line, sourceId: sourceIdOf(l.source) })),
    );
  });

  // The panel says "N in the selection" beside the IP table's row for the same address: both must count the same rows.
  it.each([
    ['no filter', () => EMPTY_SELECTION],
    ['an exact user name, in a range', () => sel({ from: day(5), to: day(40), exact: { user: 'admin' } })],
    ['an exact password', () => sel({ exact: { password: 'pw1' } })],
    ['a user-name search', () => sel({ search: 'admin' })],
    ['a search that is both a country code and part of user names', () => sel({ search: 'in' })],
    ['an address search', () => sel({ search: '185.' })],
    ['an address search and an exact user name', () => sel({ search: '185.', exact: { user: 'admin' } })],
    ['an exact user name and password together', () => sel({ exact: commonPair() })],
    ['a service', () => sel({ services: ['pop3'] })],
    ['a service not logged and an address search', () => sel({ search: '185.', services: [''] })],
  ] as const)('counts and lists what the IP table row counts, with %s', (_, make) => {
    const selection = make();
    const table = q.ips(g.store, selection, 'attempts', true, 0, 10_000).rows;
    expect(table.length).toBeGreaterThan(0);
    // The busiest addresses, and one with logins if the selection has any (an exact password keeps none).
    const withLogin = logins.find((l) => selects(selection, l) && all.some((r) => r.ip === l.ip && selects(selection, r)));
    const addresses = [...new Set([...table.slice(0, 8).map((r) => r.ip), ...(withLogin ? [withLogin.ip] : [])])];
    for (const ip of addresses) {
      const detail = q.ipDetail(g.store, ip, selection)!;
      const mine = all.filter((r) => r.ip === ip && selects(selection, r)).sort((a, b) => a.ts - b.ts || a.line - b.line);
      const row = table.find((r) => r.ip === ip)!;
      expect(detail.attemptsTotal, ip).toBe(row.attempts);
      expect(detail.attemptsTotal, ip).toBe(mine.length);
      expect(detail.attempts, ip).toEqual(
        mine.slice(0, DETAIL_ATTEMPTS).map((r) => ({ ts: formatTs(r.ts), service: r.service, user: r.user, password: r.password, source: r.source, line: r.line, sourceId: sourceIdOf(r.source) })),
      );
      expect(detail.logins, ip).toEqual(
        logins.filter((l) => l.ip === ip && selects(selection, l)).sort((a, b) => a.ts - b.ts)
          .map((l) => ({ ts: formatTs(l.ts), service: l.service, user: l.user, source: l.source, line: l.line, sourceId: sourceIdOf(l.source) })),
      );
    }
    if (selection.exact?.password !== undefined) expect(withLogin).toBeUndefined();
  });

  it('says no attempts for an address the selection leaves out (another country)', () => {
    const detail = q.ipDetail(g.store, RELENTLESS_IP, sel({ countries: ['ZZ'] }))!;
    expect(detail).toMatchObject({ ip: RELENTLESS_IP, attemptsTotal: 0, attempts: [], logins: [] });
  });

  it('says null for addresses the case has not seen, and for text that is no address', () => {
    expect(q.ipDetail(g.store, '198.18.0.77', EMPTY_SELECTION)).toBeNull();
    expect(q.ipDetail(g.store, "1.2.3.4' OR '1'='1", EMPTY_SELECTION)).toBeNull();
  });

  it('gives private addresses no location', () => {
    const detail = q.ipDetail(g.store, '10.0.0.5', EMPTY_SELECTION)!;
    expect(detail).toMatchObject({ country: null, scope: 'private', asn: null, geoDb: null });
  });
});

describe('exact values', () => {
  it('count what the value\'s own row in the users and passwords tables says, not every name that contains it', () => {
    for (const [kind, query, value] of [['user', q.users, 'user1'], ['password', q.passwords, 'pw1']] as const) {
      const row = query(g.store, EMPTY_SELECTION, 100_000).find((v) => v.value === value)!;
      const exact = q.summary(g.store, sel({ exact: { [kind]: value } }));
      expect([exact.attempts, exact.ips], `${kind} ${value}`).toEqual([row.attempts, row.ips]);
      expect(query(g.store, sel({ exact: { [kind]: value } }), 10)).toEqual([row]);
    }
  });

  it('combine: a user name and a password together count what the user\'s row says while the password is chosen', () => {
    const { password } = commonPair();
    const withPassword = sel({ exact: { password } });
    const row = q.users(g.store, withPassword, 100).find((u) => u.value !== null)!;
    const both = q.summary(g.store, sel({ exact: { user: row.value!, password } }));
    expect([both.attempts, both.ips]).toEqual([row.attempts, row.ips]);
    expect(both.attempts).toBeLessThan(q.summary(g.store, sel({ exact: { user: row.value! } })).attempts);
    expect(q.passwords(g.store, sel({ exact: { user: row.value! } }), 100_000).find((p) => p.value === password)?.attempts).toBe(both.attempts);
    // The search finds user10..user119 too.
    expect(q.summary(g.store, sel({ search: 'user1' })).attempts).toBeGreaterThan(q.summary(g.store, sel({ exact: { user: 'user1' } })).attempts);
  });

  it('keep the number of selections in the table above', () => {
    expect(selections()).toHaveLength(SELECTIONS);
  });
});

describe('hours', () => {
  it('keep part of their days: the attempts before and after them on those days are left out', () => {
    const [, incident] = selections().find(([name]) => name.startsWith('an incident'))!;
    const days = q.summary(g.store, sel({ from: incident.from, to: incident.to }));
    const hours = q.summary(g.store, incident);
    expect(hours.attempts).toBeGreaterThan(0);
    expect(hours.attempts).toBeLessThan(days.attempts);
    // The first day's attempts before 03:00 and the last day's from 17:00 on are the difference.
    const outside = all.filter((r) => (r.day === incident.from && formatTs(r.ts) < `${incident.from} 03:00`) || (r.day === incident.to && formatTs(r.ts) >= `${incident.to} 17:00`));
    expect(days.attempts - hours.attempts).toBe(outside.length);
  });

  it('end before their end: an attempt at the end\'s very second is not in them, one a second earlier is', () => {
    const r = all.find((a) => formatTs(a.ts).endsWith(':00') && !all.some((b) => b.ts === a.ts - 1))!;
    const up = (to: number) => q.summary(g.store, sel({ hours: { start: null, end: formatTs(to).slice(0, 16) } })).attempts;
    expect(all.filter((a) => a.ts < r.ts).length).toBe(up(r.ts));
    expect(up(r.ts + 60)).toBeGreaterThan(up(r.ts));
  });
});

describe('selection input', () => {
  it('refuses days that are not days, and times that are not times', () => {
    expect(() => q.summary(g.store, sel({ from: '2024-02-30' }))).toThrow(RangeError);
    expect(() => q.summary(g.store, sel({ to: "2024-01-01' OR 1=1" }))).toThrow(RangeError);
    expect(() => q.summary(g.store, sel({ hours: { start: '2024-01-01 24:00', end: null } }))).toThrow(RangeError);
    expect(() => q.summary(g.store, sel({ hours: { start: null, end: "2024-01-01 00:00' OR 1=1" } }))).toThrow(RangeError);
  });

  it('leaves the database intact after hostile searches', () => {
    expect(Number(g.store.value('SELECT count(*) FROM attempt'))).toBe(all.length);
  });
});
