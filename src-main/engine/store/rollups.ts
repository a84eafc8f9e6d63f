// The rollups every date-range question is answered from, updated once per batch from totals gathered in
// JS (a batch of 20k attempts usually touches a few hundred (day, ip) pairs):
//   ip_day(day, ip_id)          attempts, first and last time: distinct-IP counts over any day range are exact
//   day_country(day, country)   attempts and distinct IPs: the overview and the map
//   hour_country(hour, country) attempts: the per-hour chart
//   user_day, password_day      attempts and distinct IPs per value and day: see value-rollups.ts
// day_country counts an IP when its (day, ip) pair is new. Which pairs exist is kept in JS for the last days
// touched (logs run forward in time, so a batch's days are nearly always among them): asking SQLite with
// an upsert ... RETURNING would cost several microseconds per pair.
import { dayNumber } from '../wall-clock';
import { RowBatcher } from './row-batcher';
import type { Database, Statement } from './sqlite';
import { NO_VALUE, ValueDayWriter } from './value-rollups';

/** A batch's attempts in one (hour, country): a box, so that counting one is a single Map lookup. */
interface HourCount {
  attempts: number;
}

interface DayIpCell {
  day: number;
  ipId: number;
  country: number;
  attempts: number;
  firstTs: number;
  lastTs: number;
}

// Country indexes stay below this (there are fewer than 300 codes), so day * SLOTS + country is a unique key.
const SLOTS = 1024;
const DAYS_REMEMBERED = 64;

/** The ip ids that have an ip_day row, for the days touched last. */
class KnownPairs {
  private readonly days = new Map<number, Set<number>>();
  private readonly select: Statement;

  constructor(db: Database) {
    this.select = db.prepare('SELECT ip_id FROM ip_day WHERE day = ?');
  }

  /**
   * The ip ids of the day that have an ip_day row; the caller adds the ids it is about to write, so that
   * they count as having one from then on.
   */
  ipsOf(day: number): Set<number> {
    let ips = this.days.get(day);
    if (ips) {
      // Most recently used last, so the first key is the one to forget.
      this.days.delete(day);
    } else {
      ips = new Set();
      this.select.bind([day]);
      while (this.select.step()) ips.add(this.select.get()[0] as number);
      this.select.reset();
      if (this.days.size >= DAYS_REMEMBERED) this.days.delete(this.days.keys().next().value!);
    }
    this.days.set(day, ips);
    return ips;
  }

  forget(): void {
    this.days.clear();
  }

  free(): void {
    this.select.free();
  }
}

export class RollupWriter {
  private readonly known: KnownPairs;
  private readonly ipDay: RowBatcher;
  private readonly dayCountry: RowBatcher;
  private readonly hourCountry: RowBatcher;
  private readonly userDay: ValueDayWriter;
  private readonly passwordDay: ValueDayWriter;

  constructor(db: Database) {
    this.known = new KnownPairs(db);
    this.userDay = new ValueDayWriter(db, { table: 'user_day', column: 'user_id' });
    this.passwordDay = new ValueDayWriter(db, { table: 'password_day', column: 'password_id' });
    this.ipDay = new RowBatcher(db, 'ip_day (day, ip_id, attempts, first_ts, last_ts)', 5, `
      ON CONFLICT (day, ip_id) DO UPDATE SET attempts = attempts + excluded.attempts,
        first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)`);
    this.dayCountry = new RowBatcher(db, 'day_country (day, country, attempts, ips)', 4, `
      ON CONFLICT (day, country) DO UPDATE SET attempts = attempts + excluded.attempts, ips = ips + excluded.ips`);
    this.hourCountry = new RowBatcher(db, 'hour_country (hour, country, attempts)', 3, `
      ON CONFLICT (hour, country) DO UPDATE SET attempts = attempts + excluded.attempts`);
  }

  /**
   * Totals for one batch; `write` adds them to the tables (inside the batch's transaction). `firstAttemptId`
   * is the id of the batch's first attempt row: rows below it were counted by earlier batches.
   */
  batch(firstAttemptId: number): RollupBatch {
    return new RollupBatch(this, firstAttemptId);
  }

  /** Adds one batch's (day, value, ip) triples to user_day and password_day, days in ascending order. */
  writeValues(days: readonly [number, number[]][], firstAttemptId: number): void {
    for (const [day, triples] of days) {
      this.userDay.addDay(day, triples, 0, firstAttemptId);
      this.passwordDay.addDay(day, triples, 1, firstAttemptId);
    }
    this.userDay.flush();
    this.passwordDay.flush();
  }

  // Each loop is a method of its own: V8 optimises a long loop while it runs, and a second loop after it
  // that had never run would throw that code back to the slow tier at the end of each early batch.
  write(cells: Iterable<DayIpCell>, hours: Map<number, HourCount>, countries: readonly string[]): void {
    const dayCountry = this.addIpDays(cells);
    this.addDayCountries(dayCountry, countries);
    this.addHourCountries(hours, countries);
    this.ipDay.flush();
    this.dayCountry.flush();
    this.hourCountry.flush();
  }

  /** Queues the ip_day rows; returns the batch's (day, country) totals. */
  private addIpDays(cells: Iterable<DayIpCell>): Map<number, { attempts: number; ips: number }> {
    const dayCountry = new Map<number, { attempts: number; ips: number }>();
    // Cells come day by day: the day's known pairs are looked up once per day, not once per cell.
    let day = Number.NaN;
    let known = new Set<number>();
    for (const cell of cells) {
      if (cell.day !== day) {
        day = cell.day;
        known = this.known.ipsOf(day);
      }
      const isNew = !known.has(cell.ipId);
      if (isNew) known.add(cell.ipId);
      this.ipDay.add(cell.day, cell.ipId, cell.attempts, cell.firstTs, cell.lastTs);
      const key = cell.day * SLOTS + cell.country;
      const sum = dayCountry.get(key) ?? { attempts: 0, ips: 0 };
      sum.attempts += cell.attempts;
      if (isNew) sum.ips++;
      dayCountry.set(key, sum);
    }
    return dayCountry;
  }

  private addDayCountries(dayCountry: Map<number, { attempts: number; ips: number }>, countries: readonly string[]): void {
    for (const [key, sum] of dayCountry) {
      const country = ((key % SLOTS) + SLOTS) % SLOTS;
      this.dayCountry.add((key - country) / SLOTS, countries[country], sum.attempts, sum.ips);
    }
  }

  private addHourCountries(hours: Map<number, HourCount>, countries: readonly string[]): void {
    for (const [key, count] of hours) {
      const country = ((key % SLOTS) + SLOTS) % SLOTS;
      this.hourCountry.add((key - country) / SLOTS, countries[country], count.attempts);
    }
  }

  /** Drops rows not yet written (the batch failed). */
  discard(): void {
    this.ipDay.discard();
    this.dayCountry.discard();
    this.hourCountry.discard();
    this.userDay.discard();
    this.passwordDay.discard();
  }

  /** Forgets what it knows of ip_day (after a rolled-back batch). */
  forget(): void {
    this.known.forget();
    this.userDay.forget();
    this.passwordDay.forget();
  }

  free(): void {
    this.known.free();
    this.ipDay.free();
    this.dayCountry.free();
    this.hourCountry.free();
    this.userDay.free();
    this.passwordDay.free();
  }
}

export class RollupBatch {
  // Day -> ip id -> cell: small integer keys keep the Maps fast (one combined key would not fit a small integer).
  private readonly days = new Map<number, Map<number, DayIpCell>>();
  private readonly hours = new Map<number, HourCount>();
  // Day -> (user id, password id, ip id) per attempt, for user_day and password_day.
  private readonly valueTriples = new Map<number, number[]>();
  private lastDay = NaN;
  private lastCells: Map<number, DayIpCell> | undefined;
  private lastTriples: number[] | undefined;

  constructor(private readonly writer: RollupWriter, private readonly firstAttemptId: number) {}

  /** One attempt; a null user or password (the log did not say) counts as its own value. */
  add(ts: number, ipId: number, country: number, userId: number | null, passwordId: number | null): void {
    const day = dayNumber(ts);
    let cells = day === this.lastDay ? this.lastCells : this.days.get(day);
    let triples = day === this.lastDay ? this.lastTriples : this.valueTriples.get(day);
    if (!cells) this.days.set(day, (cells = new Map()));
    if (!triples) this.valueTriples.set(day, (triples = []));
    this.lastDay = day;
    this.lastCells = cells;
    this.lastTriples = triples;
    triples.push(userId ?? NO_VALUE, passwordId ?? NO_VALUE, ipId);
    const cell = cells.get(ipId);
    if (cell) {
      cell.attempts++;
      // Both ends are written on every attempt, not only when they move: logs run forward, so the first time
      // would otherwise change for the first time deep into an ingest, and V8 throws away the optimised code
      // that took a field written only once for a constant.
      cell.firstTs = ts < cell.firstTs ? ts : cell.firstTs;
      cell.lastTs = ts > cell.lastTs ? ts : cell.lastTs;
    } else {
      cells.set(ipId, { day, ipId, country, attempts: 1, firstTs: ts, lastTs: ts });
    }
    const hourKey = Math.floor(ts / 3600) * SLOTS + country;
    const hour = this.hours.get(hourKey);
    if (hour) hour.attempts++;
    else this.hours.set(hourKey, { attempts: 1 });
  }

  write(countries: readonly string[]): void {
    // In key order, SQLite walks ip_day's B-tree forward instead of jumping about.
    const ordered: DayIpCell[] = [];
    for (const day of [...this.days.keys()].sort((a, b) => a - b)) {
      const cells = this.days.get(day)!;
      for (const ipId of [...cells.keys()].sort((a, b) => a - b)) ordered.push(cells.get(ipId)!);
    }
    this.writer.write(ordered, this.hours, countries);
    this.writer.writeValues([...this.valueTriples].sort((a, b) => a[0] - b[0]), this.firstAttemptId);
  }
}

/** Floor division of a wall-clock second by a day, as dayNumber (SQLite's / truncates towards zero before 1970). */
const DAY_OF_TS = '(ts - ((ts % 86400) + 86400) % 86400) / 86400';

/**
 * Recomputes every rollup from the attempt rows, after rows were taken out (a source read again with other
 * years, see CaseStore.discardSource): the same figures the batches add up, from scratch. Runs inside the
 * caller's transaction; the writer must forget what it knew of the rows (RollupWriter.forget).
 */
export function rebuildRollups(db: Database): void {
  db.exec(`
    DELETE FROM ip_day;
    INSERT INTO ip_day (day, ip_id, attempts, first_ts, last_ts)
      SELECT ${DAY_OF_TS}, ip_id, count(*), min(ts), max(ts) FROM attempt_record GROUP BY 1, 2;
    DELETE FROM user_day;
    INSERT INTO user_day (day, user_id, attempts, ips)
      SELECT ${DAY_OF_TS}, coalesce(user_id, ${NO_VALUE}), count(*), count(DISTINCT ip_id) FROM attempt_record GROUP BY 1, 2;
    DELETE FROM password_day;
    INSERT INTO password_day (day, password_id, attempts, ips)
      SELECT ${DAY_OF_TS}, coalesce(password_id, ${NO_VALUE}), count(*), count(DISTINCT ip_id) FROM attempt_record GROUP BY 1, 2;
  `);
  rebuildCountryRollups(db);
}

/**
 * Recomputes the rollups keyed by country after addresses changed country (a new geo database):
 * day_country from ip_day (each (day, ip) pair is one distinct IP of that day, in the address's one
 * country), hour_country from the attempt rows. ip_day itself does not depend on countries. Runs inside
 * the caller's transaction.
 */
export function rebuildCountryRollups(db: Database): void {
  db.exec(`
    DELETE FROM day_country;
    INSERT INTO day_country (day, country, attempts, ips)
      SELECT d.day, coalesce(ip.country, 'ZZ'), sum(d.attempts), count(*)
      FROM ip_day d JOIN ip ON ip.id = d.ip_id
      GROUP BY d.day, coalesce(ip.country, 'ZZ');
    DELETE FROM hour_country;
    -- Floor division, as RollupBatch's Math.floor (SQLite's / truncates towards zero before 1970).
    INSERT INTO hour_country (hour, country, attempts)
      SELECT (a.ts - ((a.ts % 3600) + 3600) % 3600) / 3600, coalesce(ip.country, 'ZZ'), count(*)
      FROM attempt_record a JOIN ip ON ip.id = a.ip_id
      GROUP BY 1, 2;
  `);
}
