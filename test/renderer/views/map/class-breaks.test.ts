import { describe, expect, it } from 'vitest';
import { classBounds, classBreaks, classOf, MAX_CLASSES } from '../../../../src-renderer/src/views/map/class-breaks';
import { caseCountries } from '../../lib/attack-figures';

const attempts = caseCountries().map((row) => row.attempts);

function isRound(value: number): boolean {
  // One significant digit, or a whole number below ten.
  return value < 10 || /^[1-9]0*$/.test(String(value));
}

describe('classBreaks on a skewed spread of attempts per country', () => {
  const breaks = classBreaks(attempts)!;
  const bounds = classBounds(breaks);

  it('makes at most six classes with round lower bounds', () => {
    expect(breaks.lower.length).toBe(MAX_CLASSES);
    expect(breaks.lower[0]).toBe(Math.min(...attempts));
    for (const lower of breaks.lower.slice(1)) expect(isRound(lower), String(lower)).toBe(true);
    expect(breaks.max).toBe(Math.max(...attempts));
  });

  it('covers every count from the smallest to the largest without gaps', () => {
    for (let i = 1; i < bounds.length; i++) expect(bounds[i][0]).toBe(bounds[i - 1][1] + 1);
    for (const value of attempts) {
      const [low, high] = bounds[classOf(breaks, value)];
      expect(value).toBeGreaterThanOrEqual(low);
      expect(value).toBeLessThanOrEqual(high);
    }
    expect(classOf(breaks, Math.min(...attempts))).toBe(0);
    expect(classOf(breaks, Math.max(...attempts))).toBe(MAX_CLASSES - 1);
  });

  it('grows the classes geometrically, so the many small countries are told apart', () => {
    const widths = bounds.map(([low, high]) => high - low + 1);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]);
    const inFirstHalf = attempts.filter((v) => classOf(breaks, v) < MAX_CLASSES / 2).length;
    expect(inFirstHalf).toBeGreaterThan(attempts.length / 2);
  });
});

describe('classBreaks edge cases', () => {
  it('gives no classes without attempts, and puts zero in none', () => {
    expect(classBreaks([])).toBeNull();
    expect(classBreaks([0, 0])).toBeNull();
    const breaks = classBreaks([0, 5, 50]);
    expect(classOf(breaks, 0)).toBe(-1);
    expect(classOf(null, 12)).toBe(-1);
  });

  it('gives each value its own class when there are few distinct values', () => {
    const breaks = classBreaks([3, 1, 3, 40, 1])!;
    expect(breaks.lower).toEqual([1, 3, 40]);
    expect(classBounds(breaks)).toEqual([[1, 2], [3, 39], [40, 40]]);
  });

  it('uses finer rounding when counts are close together', () => {
    const close = Array.from({ length: 40 }, (_, i) => 100 + i);
    const breaks = classBreaks(close)!;
    expect(breaks.lower.length).toBe(MAX_CLASSES);
    expect(new Set(close.map((v) => classOf(breaks, v))).size).toBe(MAX_CLASSES);
  });
});
