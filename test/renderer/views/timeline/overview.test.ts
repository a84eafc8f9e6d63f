import { describe, expect, it } from 'vitest';
import { sparklinePath } from '../../../../src-renderer/src/views/timeline/overview';

function tops(path: string): number[] {
  // Every "L{i} {top}" right after a step up or down gives the top of day i.
  return [...path.matchAll(/L(\d+) ([\d.]+) L\d+ [\d.]+/g)].map((m) => Number(m[2]));
}

describe('sparklinePath', () => {
  it('draws one step per day, the busiest day at the top', () => {
    const path = sparklinePath([100, 0, 400, 25], 100);
    expect(path.startsWith('M0 100')).toBe(true);
    expect(path.endsWith('L4 100 Z')).toBe(true);
    // Square-root scale: 100 of 400 attempts reaches half the height, 25 a quarter.
    expect(tops(path)).toEqual([50, 100, 0, 75]);
  });

  it('draws a case whose stamps span centuries (a shuffled log read with its years climbing), more days than a call takes arguments', () => {
    // 900 years of days: Math.max(...values) threw "Maximum call stack size exceeded" and the window stayed on "Opening…".
    const values = new Array<number>(330_000).fill(1);
    values[200_000] = 400;
    const found = tops(sparklinePath(values, 100));
    expect(found).toHaveLength(330_000);
    expect(found[200_000]).toBe(0);
    expect(found[0]).toBe(95);
  });

  it('draws a flat line without attempts and nothing without days', () => {
    expect(tops(sparklinePath([0, 0], 40))).toEqual([40, 40]);
    expect(sparklinePath([], 40)).toBe('');
  });
});
