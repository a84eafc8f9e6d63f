// sql.js is loaded once per process: compiling its WebAssembly is the slow part. The .wasm file is found
// by sql.js itself next to its script in node_modules, so nothing is bundled or copied.
import { createRequire } from 'node:module';
import type { BindParams, Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';

export type { BindParams, Database, SqlJsStatic, SqlValue, Statement };

// Required rather than imported: sql.js is CommonJS, and an ES module import of it makes Node scan its 64 kB
// of source for exports in every thread that loads the store.
const initSqlJs = createRequire(import.meta.url)('sql.js/dist/sql-wasm.js') as () => Promise<SqlJsStatic>;

let loading: Promise<SqlJsStatic> | null = null;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs();
  return loading;
}

/** What sql.js exports of SQLite's C API beyond its Database class: the online backup, to copy a database whole. */
interface SqliteExports {
  _sqlite3_backup_init(destination: number, destinationName: number, source: number, sourceName: number): number;
  _sqlite3_backup_step(backup: number, pages: number): number;
  _sqlite3_backup_finish(backup: number): number;
  _sqlite3_errmsg(db: number): number;
  stringToNewUTF8(text: string): number;
  UTF8ToString(pointer: number): string;
  _free(pointer: number): void;
}

const SQLITE_OK = 0;
const SQLITE_DONE = 101;

/** The connection handle (a pointer into sql.js's memory) that sql.js keeps in each Database as `db`. */
function handleOf(db: Database): number {
  return (db as unknown as { db: number }).db;
}

/**
 * A new, empty database that SQLite holds in its own memory, as it holds `:memory:`, rather than in a file of
 * sql.js's in-memory file system. That file system keeps each file in one array and grows it by an eighth at a
 * time, each time into a new, zeroed array with the whole file copied over: a case that ended at 12 MB had made
 * 106 MB of such arrays as a year of logs went in, and each commit copied its pages there besides. Here pages
 * stay where SQLite made them: the case owner's thread took about 15% less CPU time for that year's ingest.
 *
 * sql.js opens the file that its Database names in `filename` and offers no other; so the object its
 * constructor fills in reads that name as ':memory:'. Its pages are in sql.js's WebAssembly memory, which
 * grows to 2 GB at most: a case of 12 million attempts from as many addresses (1.4 GB) still fits, one of
 * 20 million such attempts would not.
 */
export function memoryDatabase(SQL: SqlJsStatic): Database {
  const db = Object.create(SQL.Database.prototype, {
    filename: { get: () => ':memory:', set: () => {} },
    close: { value: closeMemoryDatabase },
  }) as Database;
  (SQL.Database as unknown as (this: Database) => void).call(db);
  return db;
}

function closeMemoryDatabase(this: Database): void {
  try {
    (Object.getPrototypeOf(this) as Database).close.call(this);
  } catch (e) {
    // Having closed the connection, sql.js removes the database's file, which a database in memory never had.
    if ((e as Error).name !== 'ErrnoError') throw e;
  }
  (this as unknown as { db: number | null }).db = null;
}

/**
 * A copy in memory (memoryDatabase) of `source`, page for page, by SQLite's online backup. Throws with
 * SQLite's words when `source` is no database, or pages it needs are damaged.
 */
export function memoryCopyOf(SQL: SqlJsStatic, source: Database): Database {
  const sqlite = SQL as unknown as SqliteExports;
  const copy = memoryDatabase(SQL);
  const main = sqlite.stringToNewUTF8('main');
  // SQLite leaves a backup's error on the destination's connection.
  const refusal = (): Error => new Error(sqlite.UTF8ToString(sqlite._sqlite3_errmsg(handleOf(copy))));
  try {
    // A database in memory takes pages of another size from no backup: it is given the source's first.
    const pageSize = Number(source.exec('PRAGMA page_size')[0].values[0][0]);
    copy.exec(`PRAGMA page_size = ${pageSize}`);
    const backup = sqlite._sqlite3_backup_init(handleOf(copy), main, handleOf(source), main);
    if (backup === 0) throw refusal();
    const stepped = sqlite._sqlite3_backup_step(backup, -1);
    const finished = sqlite._sqlite3_backup_finish(backup);
    if (stepped !== SQLITE_DONE || finished !== SQLITE_OK) throw refusal();
    return copy;
  } catch (e) {
    copy.close();
    throw e;
  } finally {
    sqlite._free(main);
  }
}

/** Every row a cached statement gives for `params`; the statement is reset for its next use, even on error. */
export function allRows(stmt: Statement, params: SqlValue[]): SqlValue[][] {
  try {
    stmt.bind(params);
    const out: SqlValue[][] = [];
    while (stmt.step()) out.push(stmt.get());
    return out;
  } finally {
    stmt.reset();
  }
}
