import { describe, expect, it } from 'vitest';
import type { ValueCount } from '../../../src-main/shared/api';
import { liveValueCounts, type ValueKind } from '../../../src-renderer/src/lib/state/brush-columns';
import { generateAttacks } from '../fake-data';
import { FakeHost, type FakeAttempt } from '../fakes';

const ATTEMPTS = generateAttacks({ seed: 11, days: 50, backgroundIps: 60, backgroundAttempts: 700, swarmStartDay: 30, swarmIps: 150 });

/** Per value, straight from the attempts: attempts, exact distinct IPs and the sum of per-day distinct IPs. */
function bruteForce(attempts: FakeAttempt[], kind: ValueKind, from: string | null, to: string | null) {
  const perValue = new Map<string | null, { attempts: number; ips: Set<string>; dayIps: Set<string>; days: Set<string> }>();
  for (const a of attempts) {
    const day = a.ts.slice(0, 10);
    if ((from && day < from) || (to && day > to)) continue;
    const value = kind === 'users' ? a.user : (a.password ?? null);
    const cell = perValue.get(value) ?? { attempts: 0, ips: new Set<string>(), dayIps: new Set<string>(), days: new Set<string>() };
    cell.attempts++;
    cell.ips.add(a.ip);
    cell.dayIps.add(`${day} ${a.ip}`);
    cell.days.add(day);
    perValue.set(value, cell);
  }
  return perValue;
}

const RANGES: [string | null, string | null][] = [
  [null, null], ['2023-02-14', '2023-02-16'], ['2023-01-20', '2023-01-20'], ['2023-01-25', null], [null, '2023-02-01'], ['2024-01-01', null],
];

describe('liveValueCounts', () => {
  for (const kind of ['users', 'passwords'] as const) {
    it(`gives the ${kind} of any range: exact attempts, IPs as the per-day sum (at least the distinct count)`, async () => {
      const cols = (await new FakeHost(ATTEMPTS).brushColumns())!;
      let sawUpperBound = false;
      for (const [from, to] of RANGES) {
        const expected = bruteForce(ATTEMPTS, kind, from, to);
        const rows = liveValueCounts(cols, kind, from, to, 100_000);
        expect(rows.length, `${from}..${to}`).toBe(expected.size);
        for (const row of rows) {
          const cell = expected.get(row.value)!;
          expect({ value: row.value, attempts: row.attempts, ips: row.ips }).toEqual({ value: row.value, attempts: cell.attempts, ips: cell.dayIps.size });
          expect(row.ips).toBeGreaterThanOrEqual(cell.ips.size);
          expect(row.ipsAtMost).toBe(cell.days.size > 1);
          if (!row.ipsAtMost) expect(row.ips).toBe(cell.ips.size);
          if (row.ips > cell.ips.size) sawUpperBound = true;
        }
      }
      // The fake data has IPs that come back on later days, so the bound is sometimes loose.
      expect(sawUpperBound).toBe(true);
    });
  }

  it('keeps the most tried first, ties by IPs then text, cut at the limit, and the same answer when asked again', async () => {
    const cols = (await new FakeHost(ATTEMPTS).brushColumns())!;
    const all = liveValueCounts(cols, 'users', null, null, 100_000);
    const sorted = [...all].sort((a, b) => b.attempts - a.attempts || b.ips - a.ips || order(a, b));
    expect(all).toEqual(sorted);
    expect(all.length).toBeGreaterThan(5);
    expect(liveValueCounts(cols, 'users', null, null, 5)).toEqual(all.slice(0, 5));
    expect(liveValueCounts(cols, 'users', null, null, 0)).toEqual([]);
    expect(liveValueCounts(cols, 'users', null, null, 100_000)).toEqual(all);
  });
});

function order(a: ValueCount, b: ValueCount): number {
  if (a.value === b.value) return 0;
  if (a.value === null) return -1;
  if (b.value === null) return 1;
  return a.value < b.value ? -1 : 1;
}
