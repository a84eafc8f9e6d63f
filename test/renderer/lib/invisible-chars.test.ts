import { describe, expect, it } from 'vitest';
import { describeInvisible, hasInvisible, literalSegments, literalTitle } from '../../../src-renderer/src/lib/invisible-chars';

describe('literalSegments', () => {
  it('leaves visible text whole, in one piece', () => {
    for (const text of ['admin', '', 'пароль', 'パスワード', 'p@ss w0rd!', 'emoji \u{1F600}', 'ümlaut']) {
      expect(hasInvisible(text), text).toBe(false);
      expect(literalSegments(text)).toEqual(text ? [{ text, codePoint: null }] : []);
    }
  });

  it('cuts out each character that would not show, or would reorder the text, in order', () => {
    expect(literalSegments('\u202eadm\u200b\u200bin\t')).toEqual([
      { text: '\u202e', codePoint: 'U+202E' },
      { text: 'adm', codePoint: null },
      { text: '\u200b', codePoint: 'U+200B' },
      { text: '\u200b', codePoint: 'U+200B' },
      { text: 'in', codePoint: null },
      { text: '\t', codePoint: 'U+0009' },
    ]);
    // Put back together, the pieces are the text: nothing is lost or added.
    const text = 'a\u0000b\u007fc\u0085d\u00ade\u061cf\u180eg\u2060h\u2066i\u2069j\ufeffk';
    const segments = literalSegments(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.codePoint).map((s) => s.codePoint)).toEqual(
      ['U+0000', 'U+007F', 'U+0085', 'U+00AD', 'U+061C', 'U+180E', 'U+2060', 'U+2066', 'U+2069', 'U+FEFF'],
    );
  });

  it('marks the spaces that start or end a value, which would make `admin ` look like `admin`', () => {
    expect(literalSegments('admin ')).toEqual([{ text: 'admin', codePoint: null }, { text: ' ', codePoint: 'U+0020' }]);
    expect(literalSegments('  a b\u200b ')).toEqual([
      { text: ' ', codePoint: 'U+0020' }, { text: ' ', codePoint: 'U+0020' }, { text: 'a b', codePoint: null },
      { text: '\u200b', codePoint: 'U+200B' }, { text: ' ', codePoint: 'U+0020' },
    ]);
    expect(literalSegments('  ')).toEqual([{ text: ' ', codePoint: 'U+0020' }, { text: ' ', codePoint: 'U+0020' }]);
    expect([hasInvisible('admin '), hasInvisible(' admin'), hasInvisible('ad min')]).toEqual([true, true, false]);
    for (const text of ['admin ', ' x ', '   ', ' \t ']) expect(literalSegments(text).map((x) => x.text).join(''), text).toBe(text);
    expect(describeInvisible(' ')).toBe('space at the start or the end');
  });

  it('names the characters a reader may not know by their code point', () => {
    expect(['\u202e', '\u200b', '\u0007', '\u2061'].map(describeInvisible)).toEqual(
      ['right-to-left override', 'zero-width space', 'control character', 'invisible character'],
    );
  });
});

describe('literalTitle', () => {
  it('writes a value as plain text for a tooltip, what would not show as its code point, and leaves other text as it is', () => {
    expect(literalTitle('admin')).toBe('admin');
    expect(literalTitle('<b>x</b> y')).toBe('<b>x</b> y');
    expect(literalTitle(' adm\u200bin\u202e ')).toBe('U+0020admU+200BinU+202EU+0020');
    expect(literalTitle(' a ', { start: false, end: false })).toBe(' a ');
  });
});
