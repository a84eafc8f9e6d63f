// sql.js is loaded once per process: compiling its WebAssembly is the slow part. The .wasm file is found
// by sql.js itself next to its script in node_modules, so nothing is bundled or copied.
import initSqlJs from 'sql.js/dist/sql-wasm.js';
import type { BindParams, Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';

export type { BindParams, Database, SqlJsStatic, SqlValue, Statement };

let loading: Promise<SqlJsStatic> | null = null;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs();
  return loading;
}
