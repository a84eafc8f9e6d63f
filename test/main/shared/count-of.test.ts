import { describe, expect, it } from 'vitest';
import { countOf } from '../../../src-main/shared/count-of';

describe('countOf', () => {
  it('says one thing in the singular, and none or many in the plural, with English digits by default', () => {
    expect([0, 1, 2, 30483].map((n) => countOf(n, 'attempt'))).toEqual(['0 attempts', '1 attempt', '2 attempts', '30,483 attempts']);
    expect([1, 2].map((n) => countOf(n, 'entry', 'entries'))).toEqual(['1 entry', '2 entries']);
  });

  it('writes the number as it is told to', () => {
    expect(countOf(30483, 'line', undefined, (n) => `<${n}>`)).toBe('<30483> lines');
  });
});
