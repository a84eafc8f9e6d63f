// Writes rows many at a time through one multi-row INSERT: each statement execution has a fixed cost in
// sql.js (reset, clear, step across the JS/WebAssembly boundary) that a single row would pay alone.
import type { Database, SqlValue, Statement } from './sqlite';

const ROWS = 64;

export class RowBatcher {
  // Prepared at first use: compiling a 64-row INSERT takes sql.js 10-25 ms before its code is warm, and a case
  // is opened (its tables' batchers made) just before an ingest starts, when the parse threads wait for it;
  // its first rows come later, while they parse.
  private manyStatement: Statement | null = null;
  private oneStatement: Statement | null = null;
  private readonly pending: SqlValue[];
  private readonly single: SqlValue[];
  private filled = 0;

  /**
   * `into` is `table (col, ...)`; `onConflict` an optional upsert clause. Both are fixed SQL from the
   * store, never values.
   */
  constructor(private readonly db: Database, private readonly into: string, private readonly columns: number, private readonly onConflict = '') {
    this.pending = new Array(ROWS * columns).fill(null);
    this.single = new Array(columns).fill(null);
  }

  private sql(rows: number): string {
    const row = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`;
    return `INSERT INTO ${this.into} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${this.onConflict}`;
  }

  private get many(): Statement {
    return (this.manyStatement ??= this.db.prepare(this.sql(ROWS)));
  }

  private get one(): Statement {
    return (this.oneStatement ??= this.db.prepare(this.sql(1)));
  }

  /** The array to write the next row's values into, from `offset` on (`columns` values). */
  next(): { values: SqlValue[]; offset: number } {
    if (this.filled === ROWS) this.writeFull();
    return { values: this.pending, offset: this.filled++ * this.columns };
  }

  add(...values: SqlValue[]): void {
    const { values: into, offset } = this.next();
    for (let i = 0; i < this.columns; i++) into[offset + i] = values[i];
  }

  private writeFull(): void {
    this.many.bind(this.pending);
    this.many.step();
    this.filled = 0;
  }

  /** Writes what is pending; call before the batch's transaction ends. */
  flush(): void {
    if (this.filled === ROWS) this.writeFull();
    for (let r = 0; r < this.filled; r++) {
      for (let c = 0; c < this.columns; c++) this.single[c] = this.pending[r * this.columns + c];
      this.one.bind(this.single);
      this.one.step();
    }
    this.filled = 0;
    this.reset();
  }

  /** Drops what is pending (the batch failed). */
  discard(): void {
    this.filled = 0;
    this.reset();
  }

  private reset(): void {
    this.oneStatement?.reset();
    this.manyStatement?.reset();
  }

  free(): void {
    this.manyStatement?.free();
    this.oneStatement?.free();
    this.manyStatement = null;
    this.oneStatement = null;
  }
}
