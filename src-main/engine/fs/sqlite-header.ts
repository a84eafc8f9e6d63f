// How a SQLite database file begins. Here rather than in store/sqlite.ts, so that the CLI's path checks and the
// ingest's file sniffing tell a case from a log without loading sql.js.

/** The first 16 bytes of every SQLite database file. */
export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Bytes that begin as every SQLite database file does (a case, most likely). */
export function startsAsSqlite(head: Uint8Array): boolean {
  return head.length >= SQLITE_HEADER.length && SQLITE_HEADER.equals(head.subarray(0, SQLITE_HEADER.length));
}
