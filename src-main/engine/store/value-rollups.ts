// The per-day rollups of one kind of value (user names or passwords), updated once per batch:
//   user_day(day, user_id) / password_day(day, password_id)   attempts, and distinct IPs that used the value that day
// An IP counts when its (day, value, ip) triple is new. The triples of the days touched last are kept in JS, as
// compact pair sets, up to a budget of triples (not of days): the logs of many servers in one folder each run
// through the same weeks, and a bound of a few days made every file read back every day the one before it had
// written. A day not in memory either has no row yet (nothing to remember) or was written before (by an earlier
// session, an out-of-order file, a resumed source, or forgotten to make room) and then its triples are read
// back once from the attempt rows older than the batch. Either way the counts stay exact, and memory is bounded.
import { RowBatcher } from './row-batcher';
import type { Database, Statement } from './sqlite';

/**
 * Triples kept in memory per kind of value, over every day remembered: 16 to 32 bytes each (PairSet), so at
 * most some 64 MB; a year of a busy server's attempts holds a few hundred thousand.
 */
export const TRIPLES_REMEMBERED = 2_000_000;

/** user id or password id 0: the log did not say. */
export const NO_VALUE = 0;

export type ValueKind = { table: 'user_day'; column: 'user_id' } | { table: 'password_day'; column: 'password_id' };

/** A slot no pair holds: ids are 0 (NO_VALUE) or more. */
const EMPTY = -1;

/**
 * The (value id, ip id) pairs of one day: an open-addressing hash table over two Int32Arrays (ids are SQLite
 * row ids, far below 2^31), with no object or Set per value and no heap number per pair.
 */
export class PairSet {
  private values = new Int32Array(16).fill(EMPTY);
  private ips = new Int32Array(16);
  private mask = 15;
  size = 0;

  /** Adds the pair; true when it was not there. */
  add(value: number, ip: number): boolean {
    if (this.size * 2 >= this.mask) this.grow();
    const values = this.values;
    let slot = pairHash(value, ip) & this.mask;
    for (;;) {
      const held = values[slot];
      if (held === EMPTY) {
        values[slot] = value;
        this.ips[slot] = ip;
        this.size++;
        return true;
      }
      if (held === value && this.ips[slot] === ip) return false;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { values, ips } = this;
    this.values = new Int32Array(values.length * 2).fill(EMPTY);
    this.ips = new Int32Array(values.length * 2);
    this.mask = values.length * 2 - 1;
    this.size = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.add(values[i], ips[i]);
  }
}

function pairHash(value: number, ip: number): number {
  const h = Math.imul(value, 0x9e3779b1) ^ Math.imul(ip, 0x85ebca77);
  return h ^ (h >>> 15);
}

/** A value's totals in one day of the batch being written. */
interface BatchTotal {
  value: number;
  attempts: number;
  newIps: number;
}

class KnownTriples {
  /** Day -> its pairs, the most recently used last. */
  private readonly days = new Map<number, PairSet>();
  /** Triples held over every day in `days`. */
  private held = 0;
  private readonly hasRows: Statement;
  private readonly earlier: Statement;

  constructor(db: Database, kind: ValueKind, private readonly budget: number) {
    this.hasRows = db.prepare(`SELECT 1 FROM ${kind.table} WHERE day = ? LIMIT 1`);
    this.earlier = db.prepare(
      `SELECT DISTINCT coalesce(${kind.column}, ${NO_VALUE}), ip_id FROM attempt_record WHERE ts >= ? AND ts < ? AND id < ?`,
    );
  }

  /**
   * The pairs of `day` counted so far; `batchFirstId` is the first attempt id of the batch being written. Call
   * grew() once the batch's pairs are added.
   */
  of(day: number, batchFirstId: number): PairSet {
    let pairs = this.days.get(day);
    if (pairs) {
      this.days.delete(day); // most recently used last
    } else {
      pairs = new PairSet();
      if (this.dayHasRows(day)) this.readBack(day, batchFirstId, pairs);
      this.held += pairs.size;
    }
    this.days.set(day, pairs);
    return pairs;
  }

  /** `added` pairs went into the day last asked for: days used longest ago are forgotten past the budget. */
  grew(added: number): void {
    this.held += added;
    // The day just used is the last key, and always stays.
    while (this.held > this.budget && this.days.size > 1) {
      const [oldest, pairs] = this.days.entries().next().value!;
      this.days.delete(oldest);
      this.held -= pairs.size;
    }
  }

  private dayHasRows(day: number): boolean {
    this.hasRows.bind([day]);
    const found = this.hasRows.step();
    this.hasRows.reset();
    return found;
  }

  private readBack(day: number, batchFirstId: number, into: PairSet): void {
    this.earlier.bind([day * 86400, (day + 1) * 86400, batchFirstId]);
    while (this.earlier.step()) {
      const [value, ip] = this.earlier.get() as number[];
      into.add(value, ip);
    }
    this.earlier.reset();
  }

  forget(): void {
    this.days.clear();
    this.held = 0;
  }

  free(): void {
    this.hasRows.free();
    this.earlier.free();
  }
}

export class ValueDayWriter {
  private readonly known: KnownTriples;
  private readonly rows: RowBatcher;

  /** `budget`: triples kept in memory (TRIPLES_REMEMBERED; tests set few, to have days read back). */
  constructor(db: Database, kind: ValueKind, budget = TRIPLES_REMEMBERED) {
    this.known = new KnownTriples(db, kind, budget);
    this.rows = new RowBatcher(db, `${kind.table} (day, ${kind.column}, attempts, ips)`, 4, `
      ON CONFLICT (day, ${kind.column}) DO UPDATE SET attempts = attempts + excluded.attempts, ips = ips + excluded.ips`);
  }

  /**
   * Adds one day of a batch: `triples` holds (user id, password id, ip id) per attempt, and `slot` says
   * which of the first two this writer counts. Call for each day in ascending order, then `flush`.
   */
  addDay(day: number, triples: readonly number[], slot: 0 | 1, batchFirstId: number): void {
    const totals = new Map<number, BatchTotal>();
    const pairs = this.known.of(day, batchFirstId);
    const before = pairs.size;
    this.count(pairs, totals, triples, slot);
    this.known.grew(pairs.size - before);
    // In key order, SQLite walks the table's B-tree forward.
    for (const total of [...totals.values()].sort((a, b) => a.value - b.value)) {
      this.rows.add(day, total.value, total.attempts, total.newIps);
    }
  }

  /**
   * Adds the batch's triples to the day's pairs and its totals per value. (A method of its own, so that the
   * optimised loop is not thrown back by the code after it; see rollups.ts.)
   */
  private count(pairs: PairSet, totals: Map<number, BatchTotal>, triples: readonly number[], slot: 0 | 1): void {
    for (let i = 0; i < triples.length; i += 3) {
      const value = triples[i + slot];
      let total = totals.get(value);
      if (total === undefined) totals.set(value, (total = { value, attempts: 0, newIps: 0 }));
      total.attempts++;
      if (pairs.add(value, triples[i + 2])) total.newIps++;
    }
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
