// The `ip` table: one row per canonical address with its scope and location, found through a Map bounded in
// size (capped-id-table.ts) keyed by the text as logged (so `::ffff:1.2.3.4` and `1.2.3.4` cost one lookup each
// after the first).
// The country of every id is also kept in a compact array, because each batch's rollups need it.
//
// An address's sort key is unique through the index ip_by_sort_key. While the Map knows every address, the
// Map alone keeps them unique, so the first new address of a batch drops that index: kept up to date one
// address at a time, in the random order addresses come in, it cost as much as inserting every attempt.
// ensureSortIndex builds it again in one sorted pass: for the IP detail, a search by address or network, and
// every save (case-store.ts), and before the first lookup once the Map no longer knows every address.
import { NO_COUNTRY } from '../../shared/api';
import { canonicalIp, ipScope, ipSortKey, ipVersion } from '../net/ip';
import { CappedIdTable } from './capped-id-table';
import { DroppableIndex } from './droppable-index';
import { RowBatcher } from './row-batcher';
import type { Database } from './sqlite';

export interface Location {
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
  asn: number | null;
  asOrg: string | null;
  /** Id returned by CaseStore.addGeoDb for the database that gave the country. */
  geoDbId: number | null;
}

export type Locator = (ip: string) => Location;

const MAP_LIMIT = 500_000;
/** Rows read at a time when every address is located again: bounds memory for cases with millions of IPs. */
const RELOCATE_PAGE = 10_000;

/** The location worth storing: a two-letter country (never `ZZ`), or none. */
function storedCountry(where: Location | null): string | null {
  const country = where?.country;
  return country && /^[A-Z]{2}$/.test(country) && country !== NO_COUNTRY ? country : null;
}

export class IpTable extends CappedIdTable {
  /** The sort key's unique index (see the header). */
  private readonly sortIndex: DroppableIndex;
  /** countries[countryOf[id]] is the country of ip id; index 0 is NO_COUNTRY. */
  private countryOf = new Uint16Array(1024);
  readonly countries: string[] = [NO_COUNTRY];
  private readonly countryIndex = new Map<string, number>([[NO_COUNTRY, 0]]);
  locator: Locator | null = null;

  /** `mapLimit`: addresses the Map holds at most (beyond it, misses ask the table). */
  constructor(db: Database, mapLimit = MAP_LIMIT) {
    super(
      db,
      'ip',
      // New rows, written many at a time: a batch brings thousands of new addresses.
      new RowBatcher(db, 'ip (id, ip, sort_key, version, scope, country, asn, as_org, geo_db_id)', 9),
      // The address's sort key is its unique key: one index serves lookups and network ranges.
      db.prepare('SELECT id, country FROM ip WHERE sort_key = ?'),
      mapLimit,
    );
    this.sortIndex = new DroppableIndex(db, 'ip_by_sort_key', 'CREATE UNIQUE INDEX IF NOT EXISTS ip_by_sort_key ON ip (sort_key)');
    this.load();
  }

  protected load(): void {
    const complete = this.restart();
    this.sortIndex.refresh();
    const all = this.db.prepare('SELECT id, country, ip FROM ip');
    while (all.step()) {
      const [id, country, ip] = all.get() as [number, string | null, string];
      this.noteCountry(id, country);
      if (complete) this.mapRow(ip, id);
    }
    all.free();
  }

  /** Index into `countries` of the address's country. */
  countryIndexOf(id: number): number {
    return id < this.countryOf.length ? this.countryOf[id] : 0;
  }

  /** An address's canonical form; null when `raw` is not an IP address (which then gets no id). */
  protected storedForm(raw: string): string | null {
    return typeof raw === 'string' ? canonicalIp(raw) : null;
  }

  protected lookup(canonical: string): number | undefined {
    this.ensureSortIndex();
    this.select.bind([ipSortKey(canonical)]);
    let id: number | undefined;
    if (this.select.step()) {
      const [found, country] = this.select.get() as [number, string | null];
      this.noteCountry(found, country);
      id = found;
    }
    this.select.reset();
    return id;
  }

  protected add(canonical: string): number {
    // Runs inside a batch's transaction: a rolled-back batch brings the index back (reload reads that).
    if (this.complete) this.sortIndex.drop();
    const scope = ipScope(canonical);
    // Only public addresses are located: a database's answer for private space would be a wrong country.
    const where = scope === 'public' && this.locator ? this.locator(canonical) : null;
    const country = storedCountry(where);
    const id = this.nextId++;
    const { values, offset } = this.insert.next();
    values[offset] = id;
    values[offset + 1] = canonical;
    values[offset + 2] = ipSortKey(canonical);
    values[offset + 3] = ipVersion(canonical);
    values[offset + 4] = scope;
    values[offset + 5] = country;
    values[offset + 6] = where?.asn ?? null;
    values[offset + 7] = where?.asOrg ?? null;
    values[offset + 8] = where?.geoDbId ?? null;
    this.noteCountry(id, country);
    return id;
  }

  /**
   * Locates every public address again with the current locator (the rest keep no location) and
   * returns whether any address changed country. Runs inside the caller's transaction; rows are read a
   * page at a time and never while they are being updated.
   */
  relocateAll(): boolean {
    this.flush();
    const page = this.db.prepare('SELECT id, ip, scope, country FROM ip WHERE id > ? ORDER BY id LIMIT ?');
    const update = this.db.prepare('UPDATE ip SET country = ?, asn = ?, as_org = ?, geo_db_id = ? WHERE id = ?');
    let countryChanged = false;
    try {
      for (let after = 0; ;) {
        const rows: [number, string, string, string | null][] = [];
        page.bind([after, RELOCATE_PAGE]);
        while (page.step()) rows.push(page.get() as [number, string, string, string | null]);
        page.reset();
        if (rows.length === 0) break;
        for (const [id, ip, scope, before] of rows) {
          const where = scope === 'public' && this.locator ? this.locator(ip) : null;
          const country = storedCountry(where);
          if (country !== before) countryChanged = true;
          update.run([country, where?.asn ?? null, where?.asOrg ?? null, where?.geoDbId ?? null, id]);
        }
        after = rows[rows.length - 1][0];
      }
    } finally {
      page.free();
      update.free();
    }
    this.load();
    return countryChanged;
  }

  private noteCountry(id: number, country: string | null): void {
    const code = country ?? NO_COUNTRY;
    let index = this.countryIndex.get(code);
    if (index === undefined) {
      index = this.countries.length;
      this.countries.push(code);
      this.countryIndex.set(code, index);
    }
    if (id >= this.countryOf.length) {
      const grown = new Uint16Array(Math.max(id + 1, this.countryOf.length * 2));
      grown.set(this.countryOf);
      this.countryOf = grown;
    }
    this.countryOf[id] = index;
  }

  /** Builds the sort key's unique index if a batch dropped it. Pending rows are written first. */
  ensureSortIndex(): void {
    if (this.sortIndex.isPresent) return;
    this.flush();
    this.sortIndex.ensure();
  }
}
