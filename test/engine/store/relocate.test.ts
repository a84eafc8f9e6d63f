// Locating a whole case again with another geo database: every address row, the rollups keyed by country
// and the queries built on them must agree with the records located the new way, computed independently.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as q from '../../../src-main/engine/query';
import type { CaseStore } from '../../../src-main/engine/store/case-store';
import type { GeoDbInfo, Selection } from '../../../src-main/shared/api';
import { GEO_DB, generatedCase, refCanonical, refCountryOf, refIsPublic, type GeneratedCase } from './generated-case';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };
const CITY_DB: GeoDbInfo = {
  name: 'GeoLite2-City (GeoLite2-City.mmdb)', kind: 'city', buildDate: '2024-06-04',
  licence: 'as supplied by the user (MaxMind GeoLite2/GeoIP2 terms apply)', path: '/home/analyst/GeoLite2-City.mmdb', bundled: false,
};
const NEW_COUNTRIES = ['SE', 'JP', 'US', 'IN', null];

/** The other database's answer: another pure function of the address text, disagreeing with refCountryOf. */
function newCountryOf(canonical: string): string | null {
  if (!refIsPublic(canonical)) return null;
  let h = 7;
  for (const ch of canonical) h = (h * 131 + ch.charCodeAt(0)) >>> 0;
  return NEW_COUNTRIES[h % NEW_COUNTRIES.length];
}

type CountryOf = (canonical: string) => string | null;

/** day_country and hour_country as the records give them when each address is in `countryOf`'s country. */
function expectedRollups(g: GeneratedCase, countryOf: CountryOf) {
  const days = new Map<string, { attempts: number; ips: Set<string> }>();
  const hours = new Map<string, number>();
  for (const a of g.attempts) {
    const ip = refCanonical(a.ip);
    if (ip === null) continue;
    const country = countryOf(ip) ?? 'ZZ';
    const key = `${Math.floor(a.ts / 86400)}|${country}`;
    const cell = days.get(key) ?? { attempts: 0, ips: new Set<string>() };
    cell.attempts++;
    cell.ips.add(ip);
    days.set(key, cell);
    const hour = `${Math.floor(a.ts / 3600)}|${country}`;
    hours.set(hour, (hours.get(hour) ?? 0) + 1);
  }
  return { days: new Map([...days].map(([k, v]) => [k, [v.attempts, v.ips.size]])), hours };
}

function actualRollups(store: CaseStore) {
  return {
    days: new Map(store.rows('SELECT day, country, attempts, ips FROM day_country').map((r) => [`${r[0]}|${r[1]}`, [r[2], r[3]]])),
    hours: new Map(store.rows('SELECT hour, country, attempts FROM hour_country').map((r) => [`${r[0]}|${r[1]}`, r[2]])),
  };
}

function snapshot(store: CaseStore) {
  return {
    ips: store.rows('SELECT id, ip, scope, country, asn, as_org, geo_db_id FROM ip ORDER BY id'),
    ipDay: store.rows('SELECT day, ip_id, attempts, first_ts, last_ts FROM ip_day ORDER BY day, ip_id'),
    ...actualRollups(store),
    geo: store.geoDbs(),
  };
}

let built: GeneratedCase;
beforeEach(async () => {
  built = await generatedCase(7, 5_000, 1_500);
});
afterEach(() => built.store.close());

function useCityDb(store: CaseStore): number {
  const cityId = store.addGeoDb(CITY_DB);
  store.setLocator((ip) => {
    const country = newCountryOf(ip);
    return { country, asn: 64511, asOrg: 'Other Transit', geoDbId: country === null ? null : cityId };
  }, [cityId]);
  return cityId;
}

describe('CaseStore.relocateIps', () => {
  it('gives every public address the new database’s location and leaves the others unlocated', () => {
    const cityId = useCityDb(built.store);
    built.store.relocateIps();
    const rows = built.store.rows('SELECT ip, scope, country, asn, as_org, geo_db_id FROM ip');
    const addresses = new Set([...built.attempts, ...built.logins].map((a) => refCanonical(a.ip)).filter((ip) => ip !== null));
    expect(rows.length).toBe(addresses.size);
    let moved = 0;
    for (const [ip, scope, country, asn, asOrg, geoDbId] of rows as [string, string, string | null, number | null, string | null, number | null][]) {
      if (scope !== 'public') {
        expect([ip, country, asn, asOrg, geoDbId]).toEqual([ip, null, null, null, null]);
        continue;
      }
      const expected = newCountryOf(ip);
      expect([ip, country, asn, asOrg, geoDbId]).toEqual([ip, expected, 64511, 'Other Transit', expected === null ? null : cityId]);
      if (expected !== refCountryOf(ip)) moved++;
    }
    // The two databases disagree about most addresses, so the rollups had something to follow.
    expect(moved).toBeGreaterThan(rows.length / 2);
    expect(rows.some((r) => r[1] !== 'public')).toBe(true);
  });

  it('keeps day_country and hour_country equal to the records located the new way', () => {
    const ipDayBefore = built.store.rows('SELECT * FROM ip_day ORDER BY day, ip_id');
    expect(actualRollups(built.store)).toEqual(expectedRollups(built, refCountryOf));
    useCityDb(built.store);
    built.store.relocateIps();
    expect(actualRollups(built.store)).toEqual(expectedRollups(built, newCountryOf));
    expect(built.store.rows('SELECT * FROM ip_day ORDER BY day, ip_id')).toEqual(ipDayBefore);
  });

  it('makes the queries that read countries from rows and from rollups agree', () => {
    useCityDb(built.store);
    built.store.relocateIps();
    const fromIpRows = q.countries(built.store, ALL).map((r) => [r.country, r.attempts, r.ips]);
    const expected = new Map<string, { attempts: number; ips: Set<string> }>();
    for (const a of built.attempts) {
      const ip = refCanonical(a.ip);
      if (ip === null) continue;
      const cell = expected.get(newCountryOf(ip) ?? 'ZZ') ?? { attempts: 0, ips: new Set<string>() };
      cell.attempts++;
      cell.ips.add(ip);
      expected.set(newCountryOf(ip) ?? 'ZZ', cell);
    }
    expect(new Map(fromIpRows.map(([c, n, i]) => [c, [n, i]]))).toEqual(new Map([...expected].map(([c, v]) => [c, [v.attempts, v.ips.size]])));
    const overview = q.overview(built.store);
    const perCountry = new Map<string, number>();
    for (const [, country, attempts] of overview.cells) {
      perCountry.set(overview.countries[country], (perCountry.get(overview.countries[country]) ?? 0) + attempts);
    }
    expect(perCountry).toEqual(new Map([...expected].map(([c, v]) => [c, v.attempts])));
    // A country filter (rollup path) and a country search (address path) pick the same attempts.
    expect(q.summary(built.store, { ...ALL, countries: ['JP'] }).attempts).toBe(expected.get('JP')!.attempts);
    expect(q.summary(built.store, { ...ALL, search: 'JP' }).attempts).toBe(expected.get('JP')!.attempts);
  });

  it('forgets databases nothing refers to any more, and lists those in use first', () => {
    expect(built.store.geoDbs()).toEqual([GEO_DB]);
    useCityDb(built.store);
    // Before the addresses move, the old database still located them: both are listed, the one in use first.
    expect(built.store.geoDbs()).toEqual([CITY_DB, GEO_DB]);
    built.store.relocateIps();
    expect(built.store.geoDbs()).toEqual([CITY_DB]);
    expect(built.store.caseInfo(null).geo).toEqual([CITY_DB]);
  });

  it('changes nothing when a lookup fails part way, and goes on working', () => {
    const before = snapshot(built.store);
    const cityId = built.store.addGeoDb(CITY_DB);
    let asked = 0;
    built.store.setLocator((ip) => {
      if (++asked === 200) throw new Error('database read failed');
      return { country: newCountryOf(ip), asn: null, asOrg: null, geoDbId: cityId };
    }, [cityId]);
    expect(() => built.store.relocateIps()).toThrow('database read failed');
    expect(asked).toBe(200);
    expect({ ...snapshot(built.store), geo: before.geo }).toEqual(before);
    // The database that failed is still the locator's (the caller decides); the old one still locates addresses.
    expect(built.store.geoDbs()).toEqual([CITY_DB, GEO_DB]);

    // New attempts still land in the rollups under their address's stored country.
    built.store.setLocator(() => ({ country: 'NL', asn: null, asOrg: null, geoDbId: cityId }), [cityId]);
    const known = built.attempts.find((a) => {
      const ip = refCanonical(a.ip);
      return ip !== null && refCountryOf(ip) === 'DE';
    })!;
    const source = built.store.beginSource({ path: '/var/log/late.log', encoding: 'plain', headHash: 'late', mtime: 0 });
    const ts = built.attempts[built.attempts.length - 1].ts + 86400 * 3;
    built.store.addAttempts(source, [{ ...known, ts, line: 1 }, { ...known, ts: ts + 1, ip: '45.200.1.2', line: 2 }]);
    expect(built.store.rows('SELECT country, attempts, ips FROM day_country WHERE day = ? ORDER BY country', [Math.floor(ts / 86400)]))
      .toEqual([['DE', 1, 1], ['NL', 1, 1]]);
  });

  it('locating again with the same database changes nothing', () => {
    const before = snapshot(built.store);
    built.store.setLocator((ip) => ({ country: refCountryOf(ip), asn: 64500, asOrg: 'Example AS', geoDbId: built.geoDbId }), [built.geoDbId]);
    built.store.relocateIps();
    expect(snapshot(built.store)).toEqual(before);
  });
});
