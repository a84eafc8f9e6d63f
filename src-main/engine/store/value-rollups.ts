// The per-day rollups of one kind of value (user names or passwords), updated once per batch:
//   user_day(day, user_id) / password_day(day, password_id)   attempts, and distinct IPs that used the value that day
// An IP counts when its (day, value, ip) triple is new. The triples of the days touched last are kept in JS
// (logs run forward in time, so a batch's days are nearly always among them). A day not in memory either has
// no row yet (nothing to remember) or was written before — by an earlier session, an out-of-order file, a
// resumed source, or forgotten to make room — and then its triples are read back once from the attempt rows
// older than the batch. Either way the counts stay exact, and memory holds a bounded number of days.
import { RowBatcher } from './row-batcher';
import type { Database, Statement } from './sqlite';

const DAYS_REMEMBERED = 16;

/** user id or password id 0: the log did not say. */
export const NO_VALUE = 0;

export type ValueKind = { table: 'user_day'; column: 'user_id' } | { table: 'password_day'; column: 'password_id' };

/** A value of one day: the IPs already counted for it, and the current batch's totals (0 between batches). */
interface ValueEntry {
  value: number;
  ips: Set<number>;
  attempts: number;
  newIps: number;
}

/** Per day: value id -> its entry. */
type DayTriples = Map<number, ValueEntry>;

/** The day's entry for `value`, made when the day has none yet. */
function entryOf(day: DayTriples, value: number): ValueEntry {
  let entry = day.get(value);
  if (!entry) day.set(value, (entry = { value, ips: new Set(), attempts: 0, newIps: 0 }));
  return entry;
}

class KnownTriples {
  private readonly days = new Map<number, DayTriples>();
  private readonly hasRows: Statement;
  private readonly earlier: Statement;

  constructor(db: Database, kind: ValueKind) {
    this.hasRows = db.prepare(`SELECT 1 FROM ${kind.table} WHERE day = ? LIMIT 1`);
    this.earlier = db.prepare(
      `SELECT DISTINCT coalesce(${kind.column}, ${NO_VALUE}), ip_id FROM attempt_record WHERE ts >= ? AND ts < ? AND id < ?`,
    );
  }

  /** The triples of `day` counted so far; `batchFirstId` is the first attempt id of the batch being written. */
  of(day: number, batchFirstId: number): DayTriples {
    let triples = this.days.get(day);
    if (triples) {
      this.days.delete(day); // most recently used last
    } else {
      triples = new Map();
      if (this.dayHasRows(day)) this.readBack(day, batchFirstId, triples);
      if (this.days.size >= DAYS_REMEMBERED) this.days.delete(this.days.keys().next().value!);
    }
    this.days.set(day, triples);
    return triples;
  }

  private dayHasRows(day: number): boolean {
    this.hasRows.bind([day]);
    const found = this.hasRows.step();
    this.hasRows.reset();
    return found;
  }

  private readBack(day: number, batchFirstId: number, into: DayTriples): void {
    this.earlier.bind([day * 86400, (day + 1) * 86400, batchFirstId]);
    while (this.earlier.step()) {
      const [value, ip] = this.earlier.get() as number[];
      entryOf(into, value).ips.add(ip);
    }
    this.earlier.reset();
  }

  forget(): void {
    this.days.clear();
  }

  free(): void {
    this.hasRows.free();
    this.earlier.free();
  }
}

export class ValueDayWriter {
  private readonly known: KnownTriples;
  private readonly rows: RowBatcher;

  constructor(db: Database, kind: ValueKind) {
    this.known = new KnownTriples(db, kind);
    this.rows = new RowBatcher(db, `${kind.table} (day, ${kind.column}, attempts, ips)`, 4, `
      ON CONFLICT (day, ${kind.column}) DO UPDATE SET attempts = attempts + excluded.attempts, ips = ips + excluded.ips`);
  }

  /**
   * Adds one day of a batch: `triples` holds (user id, password id, ip id) per attempt, and `slot` says
   * which of the first two this writer counts. Call for each day in ascending order, then `flush`.
   */
  addDay(day: number, triples: readonly number[], slot: 0 | 1, batchFirstId: number): void {
    const touched = this.count(this.known.of(day, batchFirstId), triples, slot);
    // In key order, SQLite walks the table's B-tree forward.
    touched.sort((a, b) => a.value - b.value);
    for (const entry of touched) {
      this.rows.add(day, entry.value, entry.attempts, entry.newIps);
      entry.attempts = 0;
      entry.newIps = 0;
    }
  }

  /**
   * Adds the batch's triples to the day's entries and returns the entries it touched. One Map lookup per
   * attempt: the batch's totals ride on the day's entry for the value. (A method of its own, so that the
   * optimised loop is not thrown back by the code after it; see rollups.ts.)
   */
  private count(known: DayTriples, triples: readonly number[], slot: 0 | 1): ValueEntry[] {
    const touched: ValueEntry[] = [];
    for (let i = 0; i < triples.length; i += 3) {
      const value = triples[i + slot];
      const ip = triples[i + 2];
      const entry = entryOf(known, value);
      if (entry.attempts === 0) touched.push(entry);
      entry.attempts++;
      if (!entry.ips.has(ip)) {
        entry.ips.add(ip);
        entry.newIps++;
      }
    }
    return touched;
  }

  flush(): void {
    this.rows.flush();
  }

  discard(): void {
    this.rows.discard();
  }

  forget(): void {
    this.known.forget();
  }

  free(): void {
    this.known.free();
    this.rows.free();
  }
}
