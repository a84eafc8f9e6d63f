// `--country` as a person types it: a two-letter code or an English country name, the same rule as the
// export dialog's Countries field. Something that is neither is a usage error, never a filter that matches
// nothing (a code like XX) or is dropped (which would widen a blocklist to every country).
import { createRequire } from 'node:module';

/** The code the engine uses for private, reserved or unlocated addresses. */
const NO_COUNTRY = 'ZZ';

interface CountryLibrary {
  registerLocale(locale: unknown): void;
  getNames(lang: string): Record<string, string>;
  getSimpleAlpha2Code(name: string, lang: string): string | undefined;
}

let library: CountryLibrary | null = null;

/** Loaded on first use, English only: the package's node entry would read every language it ships. */
function countries(): CountryLibrary {
  if (!library) {
    const require = createRequire(import.meta.url);
    library = require('i18n-iso-countries/index.js') as CountryLibrary;
    library.registerLocale(require('i18n-iso-countries/langs/en.json'));
  }
  return library;
}

/** The ISO alpha-2 code for a code (any case; `ZZ` for no country) or an English name; null if neither. */
export function countryCode(text: string): string | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  if (!typed) return null;
  const upper = typed.toUpperCase();
  if (upper === NO_COUNTRY) return NO_COUNTRY;
  if (/^[A-Z]{2}$/.test(upper) && Object.hasOwn(countries().getNames('en'), upper)) return upper;
  return countries().getSimpleAlpha2Code(typed, 'en') ?? null;
}
