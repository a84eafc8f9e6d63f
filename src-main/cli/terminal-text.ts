// Log content and file names printed on the terminal.
import { REORDERING_OR_INVISIBLE } from '../shared/api';

const REORDERING = new RegExp(`[${REORDERING_OR_INVISIBLE}]`, 'g');

/**
 * Text from a log (or a file name) as it may go to a terminal: control characters, with which a hostile line
 * could move the cursor, rewrite what was printed or retitle the window, are shown as `\xNN`; the characters
 * that reorder text in a terminal that lays out right-to-left scripts (overrides, embeddings, isolates,
 * marks), or do not show at all (zero-width spaces and joiners, the byte-order mark), as `\uNNNN`.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(REORDERING, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
