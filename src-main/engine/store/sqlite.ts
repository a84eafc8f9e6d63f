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
