// Looks up the country (and, with an ASN database, the network) of an IP in MaxMind-format databases.
// The bundled country database keeps the app offline; a user's own GeoLite2/GeoIP2 databases come first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Reader, type AsnResponse, type CountryResponse } from 'maxmind';
import type { GeoDbInfo } from '../../shared/api';
import { ipScope } from '../net/ip';

export interface Location {
  country: string | null;
  asn: number | null;
  asOrg: string | null;
  /** Index into `GeoLocator.databases` of the database that gave the country, or null. */
  dbIndex: number | null;
}

const BUNDLED_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
const BUNDLED_FILE = 'geo-whois-asn-country.mmdb';
export const BUNDLED_LICENCE =
  'geo-whois-asn-country by sapics/ip-location-db (CC0 1.0), built from RIR WHOIS data © NRO, CC BY 4.0, and public GeoFeeds';

export function bundledGeoDbPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${BUNDLED_PACKAGE}/package.json`)), BUNDLED_FILE);
}

/** The shapes of record the supported databases return: MaxMind's, and ip-location-db's `country_code`. */
type MmdbRecord = CountryResponse & Partial<AsnResponse> & { country_code?: string };

interface OpenDb {
  info: GeoDbInfo;
  reader: Reader<MmdbRecord>;
}

function kindOf(databaseType: string): GeoDbInfo['kind'] {
  const t = databaseType.toLowerCase();
  if (t.includes('asn')) return 'asn';
  if (t.includes('city')) return 'city';
  return 'country';
}

export class GeoLocator {
  private constructor(private readonly dbs: OpenDb[]) {}

  get databases(): GeoDbInfo[] {
    return this.dbs.map((d) => d.info);
  }

  /**
   * Opens the user's databases (in the order given) and then the bundled one. A file that is not a
   * MaxMind database throws with its path in the message.
   */
  static open(userDbPaths: string[] = [], includeBundled = true): GeoLocator {
    const dbs: OpenDb[] = [];
    for (const p of userDbPaths) dbs.push(openDb(path.resolve(p), false));
    if (includeBundled) dbs.push(openDb(bundledGeoDbPath(), true));
    return new GeoLocator(dbs);
  }

  locate(ip: string): Location {
    const out: Location = { country: null, asn: null, asOrg: null, dbIndex: null };
    // Private, loopback and reserved space is nobody's country, whatever a database says about it. The
    // scope is the case's own (cached: the store has just asked it for this address).
    if (ipScope(ip) !== 'public') return out;
    for (let i = 0; i < this.dbs.length; i++) {
      const { reader, info } = this.dbs[i];
      const rec = reader.get(ip);
      if (!rec) continue;
      if (info.kind === 'asn') {
        if (out.asn === null && typeof rec.autonomous_system_number === 'number') {
          out.asn = rec.autonomous_system_number;
          out.asOrg = rec.autonomous_system_organization ?? null;
        }
        continue;
      }
      if (out.country === null) {
        const code = rec.country_code ?? rec.country?.iso_code ?? rec.registered_country?.iso_code ?? null;
        if (code && /^[A-Z]{2}$/.test(code)) {
          out.country = code;
          out.dbIndex = i;
        }
      }
    }
    return out;
  }
}

/**
 * Decoded records by their offset in the database. Many networks share one record (a country database has
 * a few hundred), so each is decoded once; cleared when full, so a City database cannot grow it unbounded.
 * Records are only read, never changed, so sharing them is safe.
 */
class RecordCache {
  private static readonly LIMIT = 50_000;
  private readonly records = new Map<number, unknown>();

  get(offset: number): unknown {
    return this.records.get(offset);
  }

  set(offset: number, record: unknown): void {
    if (this.records.size >= RecordCache.LIMIT) this.records.clear();
    this.records.set(offset, record);
  }
}

/**
 * The terms a user's own database comes under, as far as its metadata tells: MaxMind names its databases
 * `GeoLite2-…`, `GeoIP2-…` (and `GeoIP-…` of old); other vendors (DB-IP, IPinfo, ip-location-db) write MMDB
 * files too, and crediting MaxMind for those would be wrong.
 */
export function userDatabaseLicence(databaseType: string): string {
  return /^(?:GeoLite2|GeoIP2?)-/i.test(databaseType)
    ? 'as supplied by the user (MaxMind GeoLite2/GeoIP2 terms apply)'
    : 'as supplied by the user (the terms of its vendor apply)';
}

function openDb(file: string, bundled: boolean): OpenDb {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read geo database ${file}: ${(e as Error).message}`);
  }
  let reader: Reader<MmdbRecord>;
  try {
    reader = new Reader<MmdbRecord>(buf, { cache: new RecordCache() });
  } catch (e) {
    throw new Error(`${file} is not a MaxMind database: ${(e as Error).message}`);
  }
  const meta = reader.metadata;
  const info: GeoDbInfo = {
    name: bundled ? 'geo-whois-asn-country (bundled)' : `${meta.databaseType} (${path.basename(file)})`,
    kind: kindOf(meta.databaseType),
    buildDate: meta.buildEpoch.toISOString().slice(0, 10),
    licence: bundled ? BUNDLED_LICENCE : userDatabaseLicence(meta.databaseType),
    path: file,
    bundled,
  };
  return { info, reader };
}
