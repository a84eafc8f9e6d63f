// i18n-iso-countries with its English names, for the Node side: the engine names countries in its files with
// it (geo/country-names.ts), the CLI reads the countries a person types with it (cli/country-option.ts).
// Loaded on first use, English only: the package's node entry would read every language it ships, and most
// threads never name a country.
import { createRequire } from 'node:module';
import type { CountryNameLookup } from '../shared/typed-country';

interface CountryLibrary extends CountryNameLookup {
  registerLocale(locale: unknown): void;
}

let library: CountryLibrary | null = null;

/** The library, English registered; one load for the whole thread. */
export function englishCountries(): CountryNameLookup {
  if (!library) {
    const require = createRequire(import.meta.url);
    library = require('i18n-iso-countries/index.js') as CountryLibrary;
    library.registerLocale(require('i18n-iso-countries/langs/en.json'));
  }
  return library;
}
