import { describe, expect, it } from 'vitest';
import type { BrushColumns, HistogramRow } from '../../../src-main/shared/api';
import { LIVE_TOP_IPS, liveIpFigures, sharedLiveIpFigures, type LiveIpRow } from '../../../src-renderer/src/lib/state/brush-columns';
import { generateAttacks } from '../fake-data';
import { FakeHost, type FakeAttempt } from '../fakes';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The figures computed the slow way, straight from the attempts. */
function bruteForce(attempts: FakeAttempt[], from: string | null, to: string | null, countries: string[]) {
  const perIp = new Map<string, FakeAttempt[]>();
  for (const a of attempts) {
    const day = a.ts.slice(0, 10);
    if ((from && day < from) || (to && day > to)) continue;
    if (countries.length && !countries.includes(a.country ?? 'ZZ')) continue;
    perIp.set(a.ip, [...(perIp.get(a.ip) ?? []), a]);
  }
  const rows: LiveIpRow[] = [...perIp].map(([ip, list]) => {
    const days = list.map((a) => a.ts.slice(0, 10)).sort();
    return {
      ip, country: list[0].country ?? 'ZZ', attempts: list.length, firstDay: days[0], lastDay: days[days.length - 1],
      activeDays: new Set(days).size,
    };
  });
  const perTimes = new Map<number, number>();
  for (const row of rows) perTimes.set(row.attempts, (perTimes.get(row.attempts) ?? 0) + 1);
  const histogram: HistogramRow[] = [...perTimes].sort(([x], [y]) => x - y)
    .map(([times, computers]) => ({ times, computers, attempts: times * computers, shareOfComputers: computers / rows.length }));
  return {
    ips: rows.length,
    oneShotIps: rows.filter((r) => r.attempts === 1).length,
    histogram,
    topIps: rows.sort((a, b) => b.attempts - a.attempts || byText(a.ip, b.ip)).slice(0, LIVE_TOP_IPS),
    total: rows.length,
  };
}

describe('liveIpFigures', async () => {
  const attempts = generateAttacks({ seed: 13, days: 120, backgroundIps: 250, backgroundAttempts: 2500, swarmStartDay: 90, swarmIps: 600 });
  const host = new FakeHost(attempts);
  const columns: BrushColumns = (await host.brushColumns())!;

  const cases: [string | null, string | null, string[]][] = [
    [null, null, []],
    ['2023-01-15', '2023-05-14', []],
    ['2023-04-15', '2023-04-17', []],
    ['2023-04-14', '2023-04-18', ['CN', 'US']],
    ['2023-02-01', '2023-02-28', ['CN', 'US']],
    ['2023-03-01', '2023-04-18', ['ZZ']],
    ['2023-03-03', '2023-03-03', []],
    ['2023-04-16', null, ['RU', 'XX']],
    [null, '2023-02-10', []],
  ];

  it.each(cases)('equals a brute-force count for %s – %s %j', (from, to, countries) => {
    const live = liveIpFigures(columns, from, to, countries);
    const expected = bruteForce(host.attempts, from, to, countries);
    expect(expected.ips).toBeGreaterThan(0); // the case must actually exercise the counts
    expect(live).toEqual(expected);
  });

  it('gives the engine\'s histogram and one-shot count for the same selection', async () => {
    const selection = { from: '2023-04-15', to: '2023-04-17', countries: [], search: '' };
    const live = liveIpFigures(columns, selection.from, selection.to, selection.countries);
    const summary = await host.summary(selection);
    expect(live.histogram).toEqual(await host.histogram(selection));
    expect({ ips: live.ips, oneShotIps: live.oneShotIps }).toEqual({ ips: summary.ips, oneShotIps: summary.oneShotIps });
    // The swarm days have many more IPs than a page, most of them trying once: ties at the cut are many.
    expect(live.ips).toBeGreaterThan(LIVE_TOP_IPS);
    expect(live.topIps).toHaveLength(LIVE_TOP_IPS);
  });

  it('answers the same after any sequence of ranges (its counters start from zero every time)', () => {
    const first = liveIpFigures(columns, '2023-04-14', '2023-04-18', []);
    liveIpFigures(columns, null, null, []);
    liveIpFigures(columns, '2023-04-16', '2023-04-16', ['CN']);
    expect(liveIpFigures(columns, '2023-04-14', '2023-04-18', [])).toEqual(first);
  });

  it('finds nothing in a range without attempts', () => {
    expect(liveIpFigures(columns, '2022-01-01', '2022-12-31', [])).toEqual({ ips: 0, oneShotIps: 0, histogram: [], topIps: [], total: 0 });
    expect(liveIpFigures(columns, '2023-04-15', '2023-04-17', ['XX']).ips).toBe(0);
  });

  it('shares one answer between the views that follow the same brush move', () => {
    const a = sharedLiveIpFigures(columns, '2023-03-01', '2023-03-31', ['US']);
    expect(sharedLiveIpFigures(columns, '2023-03-01', '2023-03-31', ['US'])).toBe(a);
    const other = sharedLiveIpFigures(columns, '2023-03-01', '2023-03-30', ['US']);
    expect(other).not.toBe(a);
    expect(other).toEqual(bruteForce(host.attempts, '2023-03-01', '2023-03-30', ['US']));
  });
});
