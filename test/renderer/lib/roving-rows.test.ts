import { describe, expect, it } from 'vitest';
import { ROWS_PER_PAGE, rowKeyTarget, rowTabIndex } from '../../../src-renderer/src/lib/roving-rows';

describe('rowKeyTarget', () => {
  it('moves a row with the arrows, a page with Page Up and Down, to the ends with Home and End, within the rows', () => {
    expect(rowKeyTarget('ArrowDown', 3, 20)).toBe(4);
    expect(rowKeyTarget('ArrowUp', 3, 20)).toBe(2);
    expect(rowKeyTarget('ArrowUp', 0, 20)).toBe(0);
    expect(rowKeyTarget('ArrowDown', 19, 20)).toBe(19);
    expect(rowKeyTarget('PageDown', 3, 20)).toBe(3 + ROWS_PER_PAGE);
    expect(rowKeyTarget('PageDown', 15, 20)).toBe(19);
    expect(rowKeyTarget('PageUp', 3, 20)).toBe(0);
    expect(rowKeyTarget('Home', 7, 20)).toBe(0);
    expect(rowKeyTarget('End', 7, 20)).toBe(19);
  });

  it('leaves other keys, and an empty table, alone', () => {
    expect(rowKeyTarget('Enter', 3, 20)).toBeNull();
    expect(rowKeyTarget('Tab', 3, 20)).toBeNull();
    expect(rowKeyTarget('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('rowTabIndex', () => {
  it('gives Tab to one row: the current one, kept within rows that became fewer', () => {
    expect([0, 1, 2].map((i) => rowTabIndex(i, 1, 3))).toEqual([-1, 0, -1]);
    expect([0, 1, 2].map((i) => rowTabIndex(i, 9, 3))).toEqual([-1, -1, 0]);
    expect([0, 1, 2].map((i) => rowTabIndex(i, 0, 3))).toEqual([0, -1, -1]);
  });
});
