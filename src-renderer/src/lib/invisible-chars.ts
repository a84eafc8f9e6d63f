// User names, passwords and log lines are the attacker's own text. Shown as they are, some of their characters
// do not show at all (a zero-width space makes `adm​in` look like `admin`, a second row that seems the same) or
// reorder what follows them (a right-to-left override turns `admin‮txt.exe` around). The viewer shows such a
// character as its code point instead, marked, so that what is on screen is what is in the log.
import { REORDERING_OR_INVISIBLE } from '../../../src-main/shared/api';

/** A piece of a text: as it is, or one character that would not show, named by its code point. */
export interface LiteralSegment {
  text: string;
  /** `U+200B` for a character shown by its code point; null for text shown as it is. */
  codePoint: string | null;
}

/**
 * Control characters (C0 but newline, DEL, C1), the soft hyphen, the Arabic letter mark, the Mongolian vowel
 * separator, zero-width spaces and joiners, directional marks, embeddings, overrides and isolates, invisible
 * operators and the byte-order mark.
 */
const INVISIBLE = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u00ad\\u180e${REORDERING_OR_INVISIBLE}]`, 'g');
const ANY_INVISIBLE = new RegExp(INVISIBLE.source);

const NAMES: Record<number, string> = {
  0x09: 'tab', 0xad: 'soft hyphen', 0x200b: 'zero-width space', 0x200c: 'zero-width non-joiner', 0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark', 0x200f: 'right-to-left mark', 0x202a: 'left-to-right embedding', 0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting', 0x202d: 'left-to-right override', 0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate', 0x2067: 'right-to-left isolate', 0x2068: 'first strong isolate', 0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space (byte-order mark)',
};

export function codePointOf(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What the character is, for a tooltip. */
export function describeInvisible(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x20) return 'space at the start or the end';
  return NAMES[code] ?? (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? 'control character' : 'invisible character');
}

/**
 * Which ends of a text are a value's own ends, where a space is marked: `admin ` and `admin` are two user names
 * that would look the same in two rows. A log line's, or a piece of a value cut for wrapping, are not.
 */
export interface Edges {
  start: boolean;
  end: boolean;
}

const VALUE_EDGES: Edges = { start: true, end: true };

/** Whether the text holds a character that would not show as it is (a space at a marked end is one). */
export function hasInvisible(text: string, edges: Edges = VALUE_EDGES): boolean {
  return ANY_INVISIBLE.test(text) || (edges.start && text.startsWith(' ')) || (edges.end && text.endsWith(' '));
}

/** How many spaces (U+0020) start `text`. */
function leadingSpaces(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(n) === 0x20) n++;
  return n;
}

/** How many spaces end `text`, of those after its first `after` characters. */
function trailingSpaces(text: string, after: number): number {
  let n = 0;
  while (text.length - n > after && text.charCodeAt(text.length - 1 - n) === 0x20) n++;
  return n;
}

/** The text cut into what shows as it is and the characters that do not (spaces at its marked ends too), in order. */
export function literalSegments(text: string, edges: Edges = VALUE_EDGES): LiteralSegment[] {
  const segments: LiteralSegment[] = [];
  const edgeSpace = (): LiteralSegment => ({ text: ' ', codePoint: codePointOf(' ') });
  const lead = edges.start ? leadingSpaces(text) : 0;
  const trail = edges.end ? trailingSpaces(text, lead) : 0;
  for (let k = 0; k < lead; k++) segments.push(edgeSpace());
  const inner = text.slice(lead, text.length - trail);
  let from = 0;
  for (const m of inner.matchAll(INVISIBLE)) {
    if (m.index > from) segments.push({ text: inner.slice(from, m.index), codePoint: null });
    segments.push({ text: m[0], codePoint: codePointOf(m[0]) });
    from = m.index + 1;
  }
  if (from < inner.length) segments.push({ text: inner.slice(from), codePoint: null });
  for (let k = 0; k < trail; k++) segments.push(edgeSpace());
  return segments;
}

/**
 * A value for a tooltip (a `title`), which shows plain text only: the characters that would not show or would
 * reorder it (a right-to-left override), and spaces at its ends, are written as their code points, as
 * LiteralText shows them in their boxes.
 */
export function literalTitle(text: string, edges: Edges = VALUE_EDGES): string {
  return hasInvisible(text, edges) ? literalSegments(text, edges).map((segment) => segment.codePoint ?? segment.text).join('') : text;
}
