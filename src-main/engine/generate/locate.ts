// Countries for the truth, read straight from the bundled database with maxmind: deliberately not through
// the app's own geo code, so that tests comparing the app with the truth check that code too.
import fs from 'node:fs';
import { Reader, type CountryResponse } from 'maxmind';
import { bundledGeoDbPath } from '../geo/geo-locator';

/** What geo-whois-asn-country records hold. */
interface CountryRecord extends CountryResponse {
  country_code?: string;
}

/** `ip -> ISO alpha-2` (null when the database has no country for it), for `GenerateOptions.locate`. */
export function openCountryLocator(file = bundledGeoDbPath()): (ip: string) => string | null {
  const reader = new Reader<CountryRecord>(fs.readFileSync(file));
  return (ip) => reader.get(ip)?.country_code ?? null;
}
