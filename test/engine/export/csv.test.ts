import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpSortKey, Selection, TableName } from '../../../src-main/shared/api';
import { EMPTY_SELECTION } from '../../../src-main/shared/api';
import { USERS_PER_CSV_ROW, csvCell, joinUsers, tableCsv, toCsv } from '../../../src-main/engine/export/csv';
import * as q from '../../../src-main/engine/query';
import { formatDay, formatTs } from '../../../src-main/engine/wall-clock';
import { FIRST_DAY_TS, HOSTILE_USERS, generatedCase, type GeneratedCase } from '../store/generated-case';
import { ipNumberCompare, perIp, rankedUsers, refAttempts, refLogins, selects, type RefIp } from '../query/reference';
import { parseCsv } from './parse-csv';
import { CaseStore } from '../../../src-main/engine/store/case-store';

/**
 * The names of the generated case's countries as the viewer's Countries tab shows them (its short forms, such as
 * "Russia" for the Russian Federation).
 */
const NAMES: Record<string, string> = {
  ZZ: 'Unknown or private', CN: 'China', BR: 'Brazil', VN: 'Vietnam', US: 'United States', FR: 'France', NL: 'Netherlands', RU: 'Russia', DE: 'Germany',
};

/** What a spreadsheet shows for a neutralised cell. */
const neutral = (text: string | null): string => (text === null ? '' : /^[ \u00a0]*[=+\-@]|^[\t\r\n]/.test(text) ? `'${text}` : text);

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd|calc', "'+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tindented', `"'\tindented"`],
    [' =1+1', "' =1+1"],
    ['\u00a0@SUM(1)', "'\u00a0@SUM(1)"],
    ['\nnew line', `"'\nnew line"`],
    // Quoted: a spreadsheet that splits at semicolons or tabs (many locales) keeps it one cell.
    ['admin;=1+1', '"admin;=1+1"'],
    ['a\tb', '"a\tb"'],
    ['\rcarriage', `"'\rcarriage"`],
    ['comma,name', '"comma,name"'],
    ['new\nline', '"new\nline"'],
    ['quote"name', '"quote""name"'],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j -> %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers as numbers (negative ones too) and null as empty', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('round-trips any text through an RFC 4180 reader as the neutralised text', () => {
    const values = [...HOSTILE_USERS, 'x"y"', '"', ',', '\r\n', ' lead', 'trail ', '', '=', 'ok'];
    const parsed = parseCsv(toCsv(['v', 'w'], values.map((v) => [v, v.length])));
    expect(parsed[0]).toEqual(['v', 'w']);
    expect(parsed.slice(1)).toEqual(values.map((v) => [neutral(v), String(v.length)]));
  });
});

/** The users cell of an address as the CSVs write it: the 20 most tried, neutralised, and how many more it tried. */
function listedUsers(e: RefIp): string {
  const listed = rankedUsers(e).slice(0, USERS_PER_CSV_ROW).map(neutral);
  return [...listed, ...(e.users.size > listed.length ? [`… and ${e.users.size - listed.length} more`] : [])].join(';');
}

describe('joinUsers', () => {
  it('neutralises each name of a list, so that no piece of a cell split at its semicolons is a formula', () => {
    expect(joinUsers(['admin', '=1+1', ' =2+2', 'root'])).toBe("admin;'=1+1;' =2+2;root");
    expect(joinUsers(['admin', '=1+1'], 2)).toBe("admin;'=1+1");
    const cell = parseCsv(toCsv(['users'], [[joinUsers(['admin', '=1+1'])]]))[1][0];
    expect(cell).toBe("admin;'=1+1");
    for (const piece of cell.split(';')) expect(piece).not.toMatch(/^\s*[=+\-@]/);
  });

  it('ends a list cut short with how many names more were tried', () => {
    expect(joinUsers(['admin', 'root'], 138)).toBe('admin;root;… and 136 more');
    expect(parseCsv(toCsv(['users'], [[joinUsers(['-admin', 'root'], 3)]]))[1][0]).toBe("'-admin;root;… and 1 more");
  });
});

describe('tableCsv', () => {
  let g: GeneratedCase;
  const selection: Selection = { ...EMPTY_SELECTION, from: formatDay(FIRST_DAY_TS + 5 * 86400), to: formatDay(FIRST_DAY_TS + 30 * 86400) };
  beforeAll(async () => {
    g = await generatedCase();
  });
  afterAll(() => g.store.close());

  it('ips: every IP of the selection, most attempts first unless told, as the table first lists them, with its users', () => {
    const rows = refAttempts(g).filter((r) => selects(selection, r));
    const expected = [...perIp(rows).values()].sort((a, b) => b.attempts - a.attempts || ipNumberCompare(a.ip, b.ip));
    const parsed = parseCsv(tableCsv(g.store, 'ips', selection));
    // The names are the most tried, cut at 20: the header and a last "… and N more" say so.
    expect(parsed[0]).toEqual(['ip', 'country', 'scope', 'attempts', 'first_seen', 'last_seen', 'active_days', 'logins', 'user_count', 'users_most_tried']);
    // Each address's successful logins in the selection, as the IP table counts them.
    const loginsOf = new Map<string, number>();
    for (const l of refLogins(g).filter((r) => selects(selection, r))) loginsOf.set(l.ip, (loginsOf.get(l.ip) ?? 0) + 1);
    expect(expected.some((e) => loginsOf.has(e.ip))).toBe(true);
    expect(parsed.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8], r[9]])).toEqual(
      expected.map((e) => [e.ip, e.country ?? '', String(e.attempts), formatTs(e.firstTs), formatTs(e.lastTs), String(e.days.size), String(loginsOf.get(e.ip) ?? 0),
        String(e.users.size), listedUsers(e)]),
    );
    const cut = parsed.slice(1).filter((r) => Number(r[8]) > USERS_PER_CSV_ROW);
    expect(cut.length).toBeGreaterThan(0);
    for (const r of cut) expect(r[9].endsWith(`;… and ${Number(r[8]) - USERS_PER_CSV_ROW} more`), r[0]).toBe(true);
    // A list that is whole says nothing more.
    expect(parsed.slice(1).filter((r) => Number(r[8]) <= USERS_PER_CSV_ROW && r[9].includes('more'))).toEqual([]);
  });

  it('ips: the rows in the order the IP table is sorted by, either way, as its pages list them', () => {
    const table = (sort: IpSortKey, descending: boolean): string[] => q.ips(g.store, selection, sort, descending, 0, 10_000).rows.map((r) => r.ip);
    const total = q.ips(g.store, selection, 'ip', false, 0, 0).total;
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThan(10_000); // one page holds them all
    for (const sort of ['ip', 'country', 'attempts', 'firstSeen', 'lastSeen', 'activeDays', 'logins', 'userCount'] as IpSortKey[]) {
      for (const descending of [false, true]) {
        const csv = parseCsv(tableCsv(g.store, 'ips', selection, { ipsOrder: { sort, descending } })).slice(1);
        expect(csv.map((r) => r[0]), `by ${sort} ${descending ? 'desc' : 'asc'}`).toEqual(table(sort, descending));
      }
    }
    // Sorted by days, the address seen on the most days comes first, whatever its attempts.
    const byDays = parseCsv(tableCsv(g.store, 'ips', selection, { ipsOrder: { sort: 'activeDays', descending: true } })).slice(1);
    expect(Number(byDays[0][6])).toBe(Math.max(...byDays.map((r) => Number(r[6]))));
    expect(byDays.map((r) => r[0])).not.toEqual(parseCsv(tableCsv(g.store, 'ips', selection)).slice(1).map((r) => r[0]));
  });

  it('users and passwords list every value, hostile ones neutralised', () => {
    for (const [table, query] of [['users', q.users], ['passwords', q.passwords]] as const) {
      const parsed = parseCsv(tableCsv(g.store, table, selection));
      const values = query(g.store, selection, 1_000_000);
      // The share is of the selection's attempts, counted from the reference rows, as the tab shows it.
      const selected = refAttempts(g).filter((r) => selects(selection, r)).length;
      expect(parsed[0]).toEqual([table === 'users' ? 'user' : 'password', 'attempts', 'ips', 'percent_of_attempts']);
      expect(parsed.slice(1)).toEqual(values.map((v) => [neutral(v.value), String(v.attempts), String(v.ips), (100 * v.attempts / selected).toFixed(2)]));
    }
    const users = parseCsv(tableCsv(g.store, 'users', EMPTY_SELECTION)).map((r) => r[0]);
    expect(users).toContain(`'=HYPERLINK("http://x")`);
    expect(users).toContain("'); DROP TABLE attempt;--");
    expect(users.filter((u) => /^\s*[=+\-@]|^[\t\r\n]/.test(u))).toEqual([]);
  });

  it('countries, days, histogram and sources follow their queries, shares as percentages', () => {
    const tables: [TableName, string[][]][] = [
      ['countries', q.countries(g.store, selection).map((c) => [c.country, NAMES[c.country], String(c.attempts), String(c.ips), (c.share * 100).toFixed(2)])],
      ['days', q.perDay(g.store, selection).filter((d) => d.attempts > 0).map((d) => [d.day, String(d.attempts), String(d.ips), String(d.countries),
        new Date(`${d.day}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' })])],
      ['histogram', q.histogram(g.store, selection).map((h) => [String(h.times), String(h.computers), String(h.attempts), (h.shareOfComputers * 100).toFixed(2)])],
    ];
    for (const [table, expected] of tables) expect(parseCsv(tableCsv(g.store, table, selection)).slice(1), table).toEqual(expected);
    const countries = parseCsv(tableCsv(g.store, 'countries', selection));
    expect(countries[0]).toEqual(['country', 'country_name', 'attempts', 'ips', 'percent_of_attempts']);
    expect(countries.slice(1).every((r) => /^\d{1,3}\.\d\d$/.test(r[4]))).toBe(true);
    expect(countries.slice(1).reduce((sum, r) => sum + Number(r[4]), 0)).toBeCloseTo(100, 0);
    expect(parseCsv(tableCsv(g.store, 'histogram', selection))[0]).toEqual(['times', 'ips', 'attempts', 'percent_of_ips']);
    const sources = parseCsv(tableCsv(g.store, 'sources', selection));
    expect(sources.slice(1).map((r) => r[0])).toEqual(g.store.sources().map((s) => s.path));
  });

  it('countries: the English name beside each code, as the Countries tab shows it, "Unknown or private" for ZZ', () => {
    const rows = parseCsv(tableCsv(g.store, 'countries', EMPTY_SELECTION));
    expect(rows[0].slice(0, 2)).toEqual(['country', 'country_name']);
    expect(Object.fromEntries(rows.slice(1).map((r) => [r[0], r[1]]))).toEqual(NAMES);
  });

  it('services: most attempts first, a service the log did not name as an empty cell, shares of the attempts as percentages', () => {
    const rows = parseCsv(tableCsv(g.store, 'services', selection));
    expect(rows[0]).toEqual(['service', 'attempts', 'ips', 'percent_of_attempts']);
    const expected = q.services(g.store, selection);
    const total = expected.reduce((sum, r) => sum + r.attempts, 0);
    expect(total).toBe(refAttempts(g).filter((r) => selects(selection, r)).length);
    expect(rows.slice(1)).toEqual(expected.map((r) => [r.service ?? '', String(r.attempts), String(r.ips), (r.attempts / total * 100).toFixed(2)]));
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['', 'imap', 'pop3']);
    const attempts = rows.slice(1).map((r) => Number(r[1]));
    expect(attempts).toEqual([...attempts].sort((a, b) => b - a));
    expect(rows.slice(1).reduce((sum, r) => sum + Number(r[3]), 0)).toBeCloseTo(100, 0);
  });

  it('services: a service text that starts like a formula is neutralised', async () => {
    const store = await CaseStore.create();
    const id = store.beginSource({ path: '/logs/mail.log', encoding: 'plain', headHash: 'h', mtime: 0 });
    store.addAttempts(id, [
      { ts: FIRST_DAY_TS, ip: '203.0.113.5', user: 'admin', password: null, service: '=HYPERLINK("http://x")', line: 1 },
      { ts: FIRST_DAY_TS + 60, ip: '203.0.113.6', user: 'admin', password: null, service: '=HYPERLINK("http://x")', line: 2 },
      { ts: FIRST_DAY_TS + 120, ip: '203.0.113.5', user: 'root', password: null, service: null, line: 3 },
    ]);
    const rows = parseCsv(tableCsv(store, 'services', EMPTY_SELECTION));
    expect(rows.slice(1)).toEqual([[`'=HYPERLINK("http://x")`, '2', '2', '66.67'], ['', '1', '1', '33.33']]);
    // As many attempts with no service named as with one: the named one first, as the Services tab lists them.
    store.addAttempts(id, [{ ts: FIRST_DAY_TS + 180, ip: '203.0.113.7', user: 'root', password: null, service: 'pop3', line: 4 }]);
    expect(parseCsv(tableCsv(store, 'services', EMPTY_SELECTION)).slice(1).map((r) => r[0])).toEqual([`'=HYPERLINK("http://x")`, 'pop3', '']);
    store.close();
  });

  it('sources: the files read, then the paths given that were not read, with how and why', async () => {
    const store = await CaseStore.create();
    const id = store.beginSource({ path: '/logs/mail.log', encoding: 'plain', headHash: 'h', mtime: 0 });
    store.finishSource(id, {
      lines: 0, attemptLines: 0, loginLines: 0, ignoredLines: 0, unparsedLines: 0, attempts: 0, logins: 0, firstTs: null, lastTs: null,
      notes: [], warnings: [], errors: [], unparsed: [], contentHash: 'c', contentBytes: 10,
    });
    store.recordUnread([
      { path: '=HYPERLINK("x").bin', kind: 'passed-over', reason: 'passed over: not a text log (the file holds binary data)', bytes: 16, mtimeMs: 0 },
      { path: '/gone.log', kind: 'error', reason: 'no such file or folder', bytes: null, mtimeMs: null },
    ]);
    const rows = parseCsv(tableCsv(store, 'sources', EMPTY_SELECTION));
    expect(rows[0].at(-1)).toBe('not_read');
    const column = (name: string) => rows[0].indexOf(name);
    expect(rows.slice(1).map((r) => [r[0], r[column('bytes')], r[column('lines')], r[column('notes')], r[column('errors')], r[column('not_read')]])).toEqual([
      ['/logs/mail.log', '0', '0', '', '', ''],
      ['/gone.log', '', '', '', 'no such file or folder', 'error'],
      [expect.stringContaining('HYPERLINK("x").bin'), '16', '', 'passed over: not a text log (the file holds binary data)', '', 'passed-over'],
    ]);
    expect(rows[3][0]).not.toMatch(/^=/); // neutralised, as every cell a spreadsheet could take for a formula
    store.close();
  });

  it('days: only the days with attempts for the filter, busiest first or by date as asked', () => {
    const filtered: Selection = { ...EMPTY_SELECTION, search: '185.220.101.' }; // the weekly scanner: a few days of the case
    const busy = q.perDay(g.store, filtered).filter((d) => d.attempts > 0);
    expect(busy.length).toBeGreaterThan(2);
    expect(busy.length).toBeLessThan(q.perDay(g.store, filtered).length / 2);
    const byDate = parseCsv(tableCsv(g.store, 'days', filtered)).slice(1);
    expect(byDate.map((r) => r[0])).toEqual(busy.map((d) => d.day));
    expect(parseCsv(tableCsv(g.store, 'days', filtered, { daysOrder: 'date' })).slice(1)).toEqual(byDate);
    const scannerBusiest = parseCsv(tableCsv(g.store, 'days', filtered, { daysOrder: 'busiest' })).slice(1);
    expect(scannerBusiest.map((r) => r[0]).sort()).toEqual(byDate.map((r) => r[0]));

    const days = q.perDay(g.store, selection).filter((d) => d.attempts > 0);
    const busiest = parseCsv(tableCsv(g.store, 'days', selection, { daysOrder: 'busiest' })).slice(1);
    const expected = [...days].sort((a, b) => b.attempts - a.attempts || (a.day < b.day ? -1 : 1));
    expect(busiest.map((r) => [r[0], Number(r[1])])).toEqual(expected.map((d) => [d.day, d.attempts]));
    expect(busiest.map((r) => r[0])).not.toEqual(days.map((d) => d.day));
  });

  it('refuses unknown tables', () => {
    expect(() => tableCsv(g.store, 'attempt; DROP TABLE ip' as TableName, selection)).toThrow(RangeError);
  });
});
