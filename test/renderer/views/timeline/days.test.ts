import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, indexOf, isDay, listDays, spanLength } from '../../../../src-renderer/src/views/timeline/days';

describe('days', () => {
  it('accepts only real calendar days', () => {
    expect(isDay('2023-11-10')).toBe(true);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2023-13-01')).toBe(false);
    expect(isDay('10/11/2023')).toBe(false);
    expect(isDay('')).toBe(false);
    expect(Number.isNaN(dayNumber('2023-11-31'))).toBe(true);
  });

  it('counts across month, year and daylight-saving boundaries', () => {
    expect(addDays('2023-03-25', 2)).toBe('2023-03-27');
    expect(addDays('2023-10-28', 3)).toBe('2023-10-31');
    expect(addDays('2023-12-30', 3)).toBe('2024-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2023-01-15', '2023-11-30')).toBe(319);
    expect(daysBetween('2023-11-14', '2023-11-10')).toBe(-4);
  });

  it('lists a span day by day', () => {
    const span = { first: '2023-11-10', last: '2023-11-14' };
    expect(spanLength(span)).toBe(5);
    expect(listDays(span)).toEqual(['2023-11-10', '2023-11-11', '2023-11-12', '2023-11-13', '2023-11-14']);
    expect(indexOf(span, '2023-11-12')).toBe(2);
    expect(listDays({ first: '2023-11-14', last: '2023-11-10' })).toEqual([]);
  });
});
