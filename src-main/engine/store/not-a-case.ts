// Why bytes picked as a case are none, before SQLite reads them: its own word ("file is not a database") does not
// tell an analyst who chose a log in Open case… where that log should go instead.

/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = 'SQLite format 3\0';

/** gzip, bzip2, xz and zstd: the compressions a rotated log is kept in (ingest/decompress.ts reads them). */
const COMPRESSED_STARTS = [[0x1f, 0x8b], [0x42, 0x5a, 0x68], [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], [0x28, 0xb5, 0x2f, 0xfd]];

/** Bytes looked at to tell text from other data. */
const HEAD_BYTES = 512;

function startsWith(bytes: Uint8Array, start: readonly number[]): boolean {
  return bytes.length >= start.length && start.every((b, i) => bytes[i] === b);
}

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
  const header = Array.from(bytes.subarray(0, SQLITE_HEADER.length), (b) => String.fromCharCode(b)).join('');
  if (header === SQLITE_HEADER) return null;
  const head = bytes.subarray(0, HEAD_BYTES);
  const compressed = COMPRESSED_STARTS.some((start) => startsWith(head, start));
  if (compressed || looksLikeText(head)) {
    const what = compressed ? 'compressed data, as a rotated log is kept' : 'text, as a log is';
    return `not a case: a case is a SQLite database, and this file is ${what}; logs are read into a case with Open logs… `
      + '(or swarmscope ingest), not opened as one';
  }
  return 'not a case: a case is a SQLite database, and this file does not start as one does';
}
