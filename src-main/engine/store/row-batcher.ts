// Writes rows many at a time through one multi-row INSERT: each statement execution has a fixed cost in
// sql.js (reset, clear, step across the JS/WebAssembly boundary) that a single row would pay alone.
import type { Database, SqlValue, Statement } from './sqlite';

const ROWS = 64;

export class RowBatcher {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly pending: SqlValue[];
  private readonly single: SqlValue[];
  private filled = 0;

  /**
   * `into` is `table (col, ...)`; `onConflict` an optional upsert clause. Both are fixed SQL from the
   * store, never values.
   */
  constructor(db: Database, into: string, private readonly columns: number, onConflict = '') {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    const sql = (rows: number): string => `INSERT INTO ${into} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${onConflict}`;
    this.many = db.prepare(sql(ROWS));
    this.one = db.prepare(sql(1));
    this.pending = new Array(ROWS * columns).fill(null);
    this.single = new Array(columns).fill(null);
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
    this.one.reset();
    this.many.reset();
  }

  /** Drops what is pending (the batch failed). */
  discard(): void {
    this.filled = 0;
    this.one.reset();
    this.many.reset();
  }

  free(): void {
    this.many.free();
    this.one.free();
  }
}
