import { describe, expect, it, onTestFinished } from 'vitest';
import type { IpRow } from '../../../src-main/shared/api';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { IpPages } from '../../../src-renderer/src/lib/state/ip-pages.svelte';
import { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, settle, type FakeAttempt } from '../fakes';

const ATTEMPTS = generateAttacks({ seed: 5, days: 40, backgroundIps: 120, backgroundAttempts: 700, swarmStartDay: 30, swarmIps: 300 });
const PAGE = 50;

async function setup() {
  const host = new FakeHost(ATTEMPTS);
  const selection = new SelectionState();
  const caseState = new CaseState(host);
  const pages = new IpPages(host, selection, caseState, PAGE);
  onTestFinished(() => pages.destroy());
  await caseState.start();
  await settle();
  return { host, selection, pages };
}

function loadedRows(pages: IpPages, count: number): IpRow[] {
  return Array.from({ length: count }, (_, i) => pages.rowAt(i)).filter((r): r is IpRow => r !== undefined);
}

function lastIpsSelection(host: { callsOf(m: string): { args: unknown[] }[] }): unknown {
  const calls = host.callsOf('ips');
  return calls[calls.length - 1]?.args[0];
}

describe('IpPages', () => {
  it('loads the first page, most attempts first, with the total', async () => {
    const { host, pages } = await setup();
    const distinctIps = new Set(ATTEMPTS.map((a) => a.ip)).size;
    expect(pages.total).toBe(distinctIps);
    expect(host.callsOf('ips')[0].args.slice(1)).toEqual(['attempts', true, 0, PAGE]);
    const rows = loadedRows(pages, PAGE);
    expect(rows).toHaveLength(PAGE);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].attempts).toBeGreaterThanOrEqual(rows[i].attempts);
    // The busiest IPs of all, counted from the attempts: not just any page in order.
    const perIp = new Map<string, number>();
    for (const a of ATTEMPTS) perIp.set(a.ip, (perIp.get(a.ip) ?? 0) + 1);
    expect(rows.map((r) => r.attempts)).toEqual([...perIp.values()].sort((a, b) => b - a).slice(0, PAGE));
    for (const r of rows) expect(r.attempts, r.ip).toBe(perIp.get(r.ip));
    expect(pages.rowAt(PAGE)).toBeUndefined();
  });

  it('fetches only the pages a visible range needs, once', async () => {
    const { host, pages } = await setup();
    pages.ensureRows(120, 160);
    pages.ensureRows(125, 165);
    await settle();
    const offsets = host.callsOf('ips').map((c) => c.args[3]);
    expect(offsets).toEqual([0, 100, 150]);
    // Rows 100 to 199 are those the host has at those places.
    const fetched = (await host.ips(lastIpsSelection(host) as never, 'attempts', true, 100, 100)).rows;
    expect(loadedRows(pages, 200).slice(PAGE)).toEqual(fetched);
    expect(pages.rowAt(160)).toEqual(fetched[60]);
    expect(pages.rowAt(60)).toBeUndefined();
  });

  it('sorts by a column, reversing on a second choice', async () => {
    const { host, pages } = await setup();
    pages.sortBy('ip');
    await settle();
    expect(pages.descending).toBe(false);
    let ips = loadedRows(pages, PAGE).map((r) => r.ip);
    expect(ips).toEqual([...ips].sort((a, b) => a.localeCompare(b)));
    pages.sortBy('ip');
    await settle();
    expect(pages.descending).toBe(true);
    ips = loadedRows(pages, PAGE).map((r) => r.ip);
    expect(ips).toEqual([...ips].sort((a, b) => b.localeCompare(a)));
    pages.sortBy('lastSeen');
    await settle();
    expect(host.callsOf('ips').at(-1)?.args.slice(1, 3)).toEqual(['lastSeen', true]);
    const seen = loadedRows(pages, PAGE).map((r) => r.lastSeen);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('starts over for a new selection and ignores pages of the old one', async () => {
    const { host, selection, pages } = await setup();
    host.holding.add('ips');
    pages.ensureRows(60, 70); // a page of the whole case, held back
    selection.toggleCountry('CN');
    await settle();
    host.release();
    await settle();
    const cnIps = new Set(ATTEMPTS.filter((a) => a.country === 'CN').map((a) => a.ip)).size;
    expect(pages.total).toBe(cnIps);
    expect(pages.rowAt(60)).toBeUndefined();
    expect(loadedRows(pages, Math.min(PAGE, cnIps)).every((r) => r.country === 'CN')).toBe(true);
  });

  it('shows the busiest IPs of a brushed range at once from the brush columns, then the exact rows when it ends', async () => {
    const { host, selection, pages } = await setup();
    const before = host.callsOf('ips').length;
    selection.setRange('2023-02-01', '2023-02-20', 'live');
    await settle();
    selection.setRange('2023-02-14', '2023-02-18', 'live');
    await settle();
    expect(host.callsOf('ips')).toHaveLength(before);
    const brushed = { from: '2023-02-14', to: '2023-02-18', countries: [], search: '' };
    const exact = await host.ips(brushed, 'attempts', true, 0, PAGE);
    expect(exact.total).toBeGreaterThan(PAGE);
    expect(pages.total).toBe(exact.total);
    expect(pages.liveRows).toBe(true);
    const live = loadedRows(pages, PAGE);
    // The same IPs with the same counts as the engine's rows; times are days, user names come later.
    const byCountThenIp = (rows: IpRow[]) => rows.map((r) => [r.attempts, r.ip, r.country, r.activeDays]);
    expect(live.map((r) => [r.attempts, r.ip, r.country, r.activeDays])).toEqual(byCountThenIp(exact.rows).slice(0, live.length));
    expect(live).toHaveLength(PAGE);
    live.forEach((row, i) => {
      expect(row.firstSeen).toBe(exact.rows[i].firstSeen.slice(0, 10));
      expect(row.lastSeen).toBe(exact.rows[i].lastSeen.slice(0, 10));
      expect(row.users).toEqual([]);
      expect(pages.isLiveRow(i)).toBe(true);
    });

    host.holding.add('ips');
    selection.setRange('2023-02-14', '2023-02-18', 'end');
    await settle();
    // The instant rows stay until the exact ones arrive, so the table does not blink.
    expect(loadedRows(pages, PAGE)).toEqual(live);
    host.release();
    await settle();
    expect(host.callsOf('ips')).toHaveLength(before + 2); // the test's own, then the table's exact page
    expect(lastIpsSelection(host)).toEqual(brushed);
    expect(pages.liveRows).toBe(false);
    expect(loadedRows(pages, PAGE)).toEqual(exact.rows);
  });

  it('follows the brush through the engine when the columns cannot answer: a search, or another order', async () => {
    const { host, selection, pages } = await setup();
    selection.setSearch('admin');
    await settle();
    const before = host.callsOf('ips').length;
    selection.setRange('2023-02-10', '2023-02-20', 'live');
    await settle();
    expect(host.callsOf('ips')).toHaveLength(before + 1);
    expect(lastIpsSelection(host)).toEqual({ from: '2023-02-10', to: '2023-02-20', countries: [], search: 'admin' });
    expect(pages.liveRows).toBe(false);
    selection.setRange('2023-02-10', '2023-02-20', 'end');
    selection.setSearch('');
    pages.sortBy('lastSeen');
    await settle();
    selection.setRange('2023-02-12', '2023-02-20', 'live');
    await settle();
    expect(host.callsOf('ips').at(-1)?.args).toEqual([{ from: '2023-02-12', to: '2023-02-20', countries: [], search: '' }, 'lastSeen', true, 0, PAGE]);
    expect(pages.liveRows).toBe(false);
  });

  it('follows the brush one request at a time, then asks for the final range when it ends', async () => {
    const { host, selection, pages } = await setup();
    // Brush columns answer only without a search; with one, the rows come from the engine.
    selection.setSearch('admin');
    await settle();
    const before = host.callsOf('ips').length;
    host.holding.add('ips');
    selection.setRange('2023-02-01', '2023-02-20', 'live');
    await settle();
    selection.setRange('2023-02-05', '2023-02-20', 'live');
    selection.setRange('2023-02-10', '2023-02-20', 'live');
    await settle();
    // One request on its way; the moves meanwhile collapse into the latest range, asked once it returns.
    expect(host.callsOf('ips')).toHaveLength(before + 1);
    host.release();
    await settle();
    host.release();
    await settle();
    const live = host.callsOf('ips').slice(before).map((call) => (call.args[0] as { from: string }).from);
    expect(live).toEqual(['2023-02-01', '2023-02-10']);
    expect(loadedRows(pages, 5).every((r) => r.lastSeen >= '2023-02-10')).toBe(true);
    host.holding.delete('ips');
    selection.setRange('2023-02-14', '2023-02-16', 'end');
    await settle();
    expect(lastIpsSelection(host)).toMatchObject({ from: '2023-02-14', to: '2023-02-16', search: 'admin' });
    const rows = loadedRows(pages, PAGE);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.firstSeen >= '2023-02-14' && r.lastSeen < '2023-02-17')).toBe(true);
  });
});

describe('IpPages while logs are being read', () => {
  // Each file read changes the case (a new version) about once a second, sooner than the engine, busy writing the
  // case, answers for the IP table: the table used to clear on every change and throw away each answer as one of an
  // earlier version, so it stayed empty until the reading ended while every other view filled in.
  const batch = (seed: number): FakeAttempt[] =>
    Array.from({ length: 30 }, (_, i) => ({ ts: `2023-10-1${seed} 0${i % 10}:00:00`, ip: `198.51.${seed}.${i}`, country: 'NL', user: 'admin' }));

  it('keeps its rows through a change of the case, and shows an answer that a later change overtook', async () => {
    const { host, pages } = await setup();
    const before = loadedRows(pages, PAGE);
    host.holding.add('ips');
    host.addAttempts(batch(1));
    await settle();
    expect(loadedRows(pages, PAGE)).toEqual(before);
    host.addAttempts(batch(2));
    await settle();
    host.release([0]); // the answer to the first change arrives after the second change
    await settle();
    const distinctNow = new Set([...ATTEMPTS, ...batch(1), ...batch(2)].map((a) => a.ip)).size;
    expect(pages.total).toBe(distinctNow);
    expect(loadedRows(pages, PAGE)).toHaveLength(PAGE);
    host.holding.clear();
    host.release();
    await settle();
    expect(pages.total).toBe(distinctNow);
  });

  it('still drops an answer for another selection, however the case changed', async () => {
    const { host, selection, pages } = await setup();
    host.holding.add('ips');
    host.addAttempts(batch(1));
    await settle();
    selection.toggleCountry('CN');
    await settle();
    host.release([0]); // the whole case's rows, asked before CN was chosen
    await settle();
    expect(pages.total).toBeNull();
    host.release();
    await settle();
    const cnIps = new Set(ATTEMPTS.filter((a) => a.country === 'CN').map((a) => a.ip)).size;
    expect(pages.total).toBe(cnIps);
  });
});
