import { describe, expect, it } from 'vitest';
import { breakPoints } from '../../../src-renderer/src/lib/break-points';

describe('breakPoints', () => {
  it('lets an address wrap after its @ and dots, never inside a word', () => {
    expect(breakPoints('webmaster@example.com')).toEqual(['webmaster@', 'example.', 'com']);
    expect(breakPoints('info-desk_2@mail.example.co.uk')).toEqual(['info-', 'desk_', '2@', 'mail.', 'example.', 'co.', 'uk']);
  });

  it('keeps a plain user name or password whole, and every character of the value', () => {
    expect(breakPoints('admin')).toEqual(['admin']);
    expect(breakPoints('')).toEqual(['']);
    for (const value of ['P@ssw0rd!2023', ' Admin\u202e ', 'a b\tc', '管理员@例子.中国', '😀x@y']) {
      expect(breakPoints(value).join('')).toBe(value);
    }
  });

  it('cuts a long run without separators into pieces, so one password cannot widen the table', () => {
    const long = 'Zx9QmT4kLp2WvR7yHs3NbC8dFg6JeU1a';
    const parts = breakPoints(long);
    expect(parts.join('')).toBe(long);
    expect(parts.every((p) => p.length <= 20)).toBe(true);
    expect(parts).toHaveLength(2);
    // Code points, not UTF-16 units: an emoji is never cut in half.
    expect(breakPoints('😀'.repeat(25)).every((p) => [...p].every((c) => c === '😀'))).toBe(true);
  });
});
