// Countries for the truth, read straight from the bundled database with maxmind: deliberately not through
// the app's own geo code, so that tests comparing the app with the truth check that code too.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Reader, type CountryResponse } from 'maxmind';

const PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';

/** What geo-whois-asn-country records hold. */
interface CountryRecord extends CountryResponse {
  country_code?: string;
}

export function bundledCountryDbPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), 'geo-whois-asn-country.mmdb');
}

/** `ip -> ISO alpha-2` (null when the database has no country for it), for `GenerateOptions.locate`. */
export function openCountryLocator(file = bundledCountryDbPath()): (ip: string) => string | null {
  const reader = new Reader<CountryRecord>(fs.readFileSync(file));
  return (ip) => reader.get(ip)?.country_code ?? null;
}
