import { describe, expect, it } from 'vitest';
import type { Overview } from '../../../src-main/shared/api';
import { liveFigures, stackByCountry } from '../../../src-renderer/src/lib/state/live-figures';
import { generateAttacks } from '../fake-data';
import { FakeHost, type FakeAttempt } from '../fakes';

/** The figures computed the slow way, straight from the attempts. */
function bruteForce(attempts: FakeAttempt[], from: string, to: string, countries: string[]) {
  const inRange = attempts.filter((a) => {
    const day = a.ts.slice(0, 10);
    return day >= from && day <= to && (!countries.length || countries.includes(a.country ?? 'ZZ'));
  });
  const perDay = new Map<string, number>();
  const dayCountryIps = new Map<string, Set<string>>();
  const perCountry = new Map<string, number>();
  for (const a of inRange) {
    const day = a.ts.slice(0, 10);
    const country = a.country ?? 'ZZ';
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    perCountry.set(country, (perCountry.get(country) ?? 0) + 1);
    const key = `${day}|${country}`;
    dayCountryIps.set(key, (dayCountryIps.get(key) ?? new Set()).add(a.ip));
  }
  const days = [...perDay.keys()].sort();
  let peak: { day: string; attempts: number } | null = null;
  for (const day of days) if (!peak || perDay.get(day)! > peak.attempts) peak = { day, attempts: perDay.get(day)! };
  let ipsAtMost = 0;
  for (const ips of dayCountryIps.values()) ipsAtMost += ips.size;
  return {
    attempts: inRange.length,
    days: days.length,
    firstDay: days[0] ?? null,
    lastDay: days[days.length - 1] ?? null,
    peakDay: peak,
    countries: perCountry,
    ipsAtMost,
    distinctIps: new Set(inRange.map((a) => a.ip)).size,
  };
}

describe('liveFigures', async () => {
  const attempts = generateAttacks({ seed: 11, days: 120, backgroundIps: 150, backgroundAttempts: 1500, swarmStartDay: 90, swarmIps: 400 });
  const host = new FakeHost(attempts);
  const overview: Overview = await host.overview();

  const cases: [string, string, string[]][] = [
    ['2023-01-15', '2023-05-14', []],
    ['2023-04-15', '2023-04-17', []],
    ['2023-02-01', '2023-02-28', ['CN', 'US']],
    ['2023-03-01', '2023-04-18', ['ZZ']],
    ['2023-03-03', '2023-03-03', []],
  ];

  it('has attempts from unknown or private addresses to count', () => {
    expect(host.attempts.filter((a) => a.country === null && a.ts >= '2023-03-01' && a.ts < '2023-04-19').length).toBeGreaterThan(0);
  });

  it.each(cases)('equals a brute-force sum for %s – %s %j', (from, to, countries) => {
    const live = liveFigures(overview, { from, to, countries });
    const expected = bruteForce(host.attempts, from, to, countries);
    expect(expected.attempts).toBeGreaterThan(0); // the case must actually exercise the sums
    expect(live.summary.attempts).toBe(expected.attempts);
    expect(live.summary.days).toBe(expected.days);
    expect(live.summary.firstDay).toBe(expected.firstDay);
    expect(live.summary.lastDay).toBe(expected.lastDay);
    expect(live.summary.peakDay).toEqual(expected.peakDay);
    // Attempts from unknown or private addresses are a row of the table, not a country.
    expect(live.summary.countries).toBe([...expected.countries.keys()].filter((c) => c !== 'ZZ').length);
    expect(live.summary.ipsAtMost).toBe(expected.ipsAtMost);
    expect(live.summary.ipsAtMost).toBeGreaterThanOrEqual(expected.distinctIps);
    expect(Object.fromEntries(live.countries.map((c) => [c.country, c.attempts]))).toEqual(Object.fromEntries(expected.countries));
    const shares = live.countries.reduce((sum, c) => sum + c.share, 0);
    if (expected.attempts) expect(shares).toBeCloseTo(1, 9);
  });

  it('sorts countries by attempts, most first', () => {
    const rows = liveFigures(overview, { from: null, to: null, countries: [] }).countries;
    const expected = bruteForce(host.attempts, '0000-01-01', '9999-12-31', []).countries;
    expect(rows.length).toBe(expected.size);
    expect(rows.length).toBeGreaterThan(5); // enough countries for an order to mean something
    expect(rows.map((r) => r.attempts)).toEqual([...expected.values()].sort((a, b) => b - a));
    expect(Object.fromEntries(rows.map((r) => [r.country, r.attempts]))).toEqual(Object.fromEntries(expected));
  });

  it('gives zeros and no days for a range with no attempts', () => {
    const live = liveFigures(overview, { from: '2030-01-01', to: '2030-01-05', countries: [] });
    expect(live.summary).toMatchObject({ attempts: 0, days: 0, countries: 0, firstDay: null, peakDay: null });
    expect(live.countries).toEqual([]);
  });
});

describe('stackByCountry', async () => {
  const host = new FakeHost(generateAttacks({ seed: 12, days: 30, backgroundIps: 60, backgroundAttempts: 400, swarmStartDay: 20, swarmIps: 120 }));
  const overview = await host.overview();

  it('splits each day by the chosen countries, aligned with the given days', () => {
    const days = overview.days.map((d) => d.day);
    const stacks = stackByCountry(overview, ['CN', 'US'], days);
    expect(stacks.countries).toEqual(['CN', 'US']);
    for (const [c, code] of stacks.countries.entries()) {
      expect(stacks.series[c]).toHaveLength(days.length);
      for (const [k, day] of days.entries()) {
        expect(stacks.series[c][k]).toBe(host.attempts.filter((a) => a.country === code && a.ts.startsWith(day)).length);
      }
    }
    expect(stacks.series[0].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('gives zeros for days the overview does not have', () => {
    const stacks = stackByCountry(overview, ['CN', 'RU'], ['2031-01-01']);
    expect(stacks.series).toEqual([[0], [0]]);
  });
});
