// `--country` as a person types it: a two-letter code or an English country name, or a list of them ("CN, RU",
// "Moldova, Republic of"), the same rule as the export dialog's Countries field (shared/typed-country.ts).
// Something that is neither is a usage error, never a filter that matches nothing (a code like XX) or is dropped
// (which would widen a blocklist to every country).
import { englishCountries } from '../engine/english-countries';
import { countriesSharingName, typedCountries, typedCountryCode, type TypedCountries } from '../shared/typed-country';

/** The ISO alpha-2 code for a code (any case; `ZZ` for no country) or an English name; null if neither. */
export function countryCode(text: string): string | null {
  return typedCountryCode(englishCountries(), text);
}

/** The countries of one `--country` value, which may be a list; what is no country is in `unknown`. */
export function countryCodes(text: string): TypedCountries {
  return typedCountries(text, countryCode);
}

/** The codes of the countries that share a name ("Congo": CD, CG), for a message; null for any other text. */
export function countriesNamed(text: string): string[] | null {
  return countriesSharingName(englishCountries(), text);
}
