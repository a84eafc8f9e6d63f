// Writes attempt rows 64 at a time through one multi-row INSERT: each statement execution has a fixed
// cost in sql.js (reset, clear, step across the JS/WebAssembly boundary) that a single row would pay alone.
import type { Database, SqlValue, Statement } from './sqlite';

const COLUMNS = ['ts', 'id', 'ip_id', 'user_id', 'password_id', 'service_id', 'source_id', 'line'];
const ROWS = 64;

function insertSql(rows: number): string {
  const row = `(${COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO attempt_record (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

export class AttemptWriter {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly pending: SqlValue[] = new Array(ROWS * COLUMNS.length).fill(null);
  private readonly single: SqlValue[] = new Array(COLUMNS.length).fill(null);
  private count = 0;

  constructor(db: Database) {
    this.many = db.prepare(insertSql(ROWS));
    this.one = db.prepare(insertSql(1));
  }

  add(ts: number, id: number, ipId: number, userId: number | null, passwordId: number | null, serviceId: number | null, sourceId: number, line: number): void {
    const p = this.pending;
    let i = this.count * 8;
    p[i++] = ts;
    p[i++] = id;
    p[i++] = ipId;
    p[i++] = userId;
    p[i++] = passwordId;
    p[i++] = serviceId;
    p[i++] = sourceId;
    p[i] = line;
    if (++this.count === ROWS) {
      this.many.bind(p);
      this.many.step();
      this.count = 0;
    }
  }

  /** Writes what is pending; call before the batch's transaction ends. */
  flush(): void {
    for (let r = 0; r < this.count; r++) {
      for (let c = 0; c < 8; c++) this.single[c] = this.pending[r * 8 + c];
      this.one.bind(this.single);
      this.one.step();
    }
    this.count = 0;
    this.one.reset();
    this.many.reset();
  }

  /** Drops what is pending (the batch failed). */
  discard(): void {
    this.count = 0;
    this.one.reset();
    this.many.reset();
  }

  free(): void {
    this.many.free();
    this.one.free();
  }
}
