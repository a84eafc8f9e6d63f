// Why bytes picked as a case are none, before SQLite reads them: its own word ("file is not a database") does not
// tell an analyst who chose a log in Open case… where that log should go instead.
import { startsAsSqlite } from '../fs/sqlite-header';
import { encodingOf } from '../ingest/decompress';

/** Bytes looked at to tell text from other data. */
const HEAD_BYTES = 512;

/** A head without NUL bytes and of printable ASCII, tabs and line ends, or UTF-8's high bytes: text. */
function looksLikeText(head: Uint8Array): boolean {
  for (const b of head) {
    if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) return false;
  }
  return head.length > 0;
}

/**
 * Null for bytes that start as a SQLite database does (or for none: an empty file is a new case); else why they
 * are no case, pointing a log (text, or compressed as logrotate keeps it) to where logs are read.
 */
export function notACaseReason(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  if (startsAsSqlite(bytes)) return null;
  const head = bytes.subarray(0, HEAD_BYTES);
  const encoding = encodingOf(head);
  const compressed = encoding !== 'plain' && encoding !== 'utf-16le' && encoding !== 'utf-16be';
  // A log copied as UTF-16 is text too, though every other byte of it is NUL.
  if (compressed || encoding !== 'plain' || looksLikeText(head)) {
    const what = compressed ? 'compressed data, as a rotated log is kept' : 'text, as a log is';
    return `not a case: a case is a SQLite database, and this file is ${what}; logs are read into a case with Open logs… `
      + '(or swarmscope ingest), not opened as one';
  }
  return 'not a case: a case is a SQLite database, and this file does not start as one does';
}
