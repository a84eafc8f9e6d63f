// The rollups every date-range question is answered from, updated once per batch from totals gathered in
// JS (a batch of 20k attempts usually touches a few hundred (day, ip) pairs):
//   ip_day(day, ip_id)        attempts, first and last time: distinct-IP counts over any day range are exact
//   day_country(day, country) attempts and distinct IPs: the overview and the map
//   hour_country(hour, country) attempts: the per-hour chart
// A (day, ip) pair is new when the upsert returns exactly the attempts this batch added; that is how
// day_country counts distinct IPs without reading ip_day back.
import { dayNumber } from '../wall-clock';
import type { Database, Statement } from './sqlite';

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

export class RollupWriter {
  private readonly ipDay: Statement;
  private readonly dayCountry: Statement;
  private readonly hourCountry: Statement;

  constructor(db: Database) {
    this.ipDay = db.prepare(`
      INSERT INTO ip_day (day, ip_id, attempts, first_ts, last_ts) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (day, ip_id) DO UPDATE SET attempts = attempts + excluded.attempts,
        first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)
      RETURNING attempts`);
    this.dayCountry = db.prepare(`
      INSERT INTO day_country (day, country, attempts, ips) VALUES (?, ?, ?, ?)
      ON CONFLICT (day, country) DO UPDATE SET attempts = attempts + excluded.attempts, ips = ips + excluded.ips`);
    this.hourCountry = db.prepare(`
      INSERT INTO hour_country (hour, country, attempts) VALUES (?, ?, ?)
      ON CONFLICT (hour, country) DO UPDATE SET attempts = attempts + excluded.attempts`);
  }

  /** Totals for one batch; `write` adds them to the tables (inside the batch's transaction). */
  batch(): RollupBatch {
    return new RollupBatch(this);
  }

  write(cells: Iterable<DayIpCell>, hours: Map<number, number>, countries: readonly string[]): void {
    const dayCountry = new Map<number, { attempts: number; ips: number }>();
    for (const cell of cells) {
      this.ipDay.bind([cell.day, cell.ipId, cell.attempts, cell.firstTs, cell.lastTs]);
      this.ipDay.step();
      const total = this.ipDay.get()[0] as number;
      const key = cell.day * SLOTS + cell.country;
      const sum = dayCountry.get(key) ?? { attempts: 0, ips: 0 };
      sum.attempts += cell.attempts;
      if (total === cell.attempts) sum.ips++;
      dayCountry.set(key, sum);
    }
    this.ipDay.reset();
    for (const [key, sum] of dayCountry) {
      const country = ((key % SLOTS) + SLOTS) % SLOTS;
      this.dayCountry.run([(key - country) / SLOTS, countries[country], sum.attempts, sum.ips]);
    }
    for (const [key, attempts] of hours) {
      const country = ((key % SLOTS) + SLOTS) % SLOTS;
      this.hourCountry.run([(key - country) / SLOTS, countries[country], attempts]);
    }
  }

  free(): void {
    this.ipDay.free();
    this.dayCountry.free();
    this.hourCountry.free();
  }
}

export class RollupBatch {
  private readonly cells = new Map<number, DayIpCell>();
  private readonly hours = new Map<number, number>();

  constructor(private readonly writer: RollupWriter) {}

  add(ts: number, ipId: number, country: number): void {
    const day = dayNumber(ts);
    // 2^32 ids per day: the key stays an exact integer for any day a log can carry.
    const key = day * 4294967296 + ipId;
    const cell = this.cells.get(key);
    if (cell) {
      cell.attempts++;
      if (ts < cell.firstTs) cell.firstTs = ts;
      else if (ts > cell.lastTs) cell.lastTs = ts;
    } else {
      this.cells.set(key, { day, ipId, country, attempts: 1, firstTs: ts, lastTs: ts });
    }
    const hourKey = Math.floor(ts / 3600) * SLOTS + country;
    this.hours.set(hourKey, (this.hours.get(hourKey) ?? 0) + 1);
  }

  write(countries: readonly string[]): void {
    this.writer.write(this.cells.values(), this.hours, countries);
  }
}
