// Country names for the engine's files (the Countries CSV), named as the viewer's tab names them
// (shared/country-name.ts). i18n-iso-countries is loaded on first use, English only: the package's node entry
// would read every language it ships, and most engine threads never name a country.
import { createRequire } from 'node:module';
import { countryNameFrom, type CountryNameSource } from '../../shared/country-name';

interface CountryLibrary extends CountryNameSource {
  registerLocale(locale: unknown): void;
}

let library: CountryLibrary | null = null;

function countries(): CountryLibrary {
  if (!library) {
    const require = createRequire(import.meta.url);
    library = require('i18n-iso-countries/index.js') as CountryLibrary;
    library.registerLocale(require('i18n-iso-countries/langs/en.json'));
  }
  return library;
}

/** The English name of an ISO alpha-2 code as the viewer shows it; `ZZ` is "Unknown or private". */
export function countryName(code: string): string {
  return countryNameFrom(countries(), code);
}
