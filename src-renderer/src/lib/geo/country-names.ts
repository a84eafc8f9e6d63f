// Country codes to English names, from i18n-iso-countries, short where the library has an unambiguous alias
// ("Russia", "Taiwan"): the rule is shared with the engine's Countries CSV (shared/country-name.ts).
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import { NO_COUNTRY } from '../../../../src-main/shared/api';
import { countryNameFrom, NO_COUNTRY_NAME } from '../../../../src-main/shared/country-name';
import { countriesSharingName, typedCountryCode } from '../../../../src-main/shared/typed-country';

countries.registerLocale(english);

export { NO_COUNTRY };

/** An English name for an ISO alpha-2 code; the code itself when it is not a country code. */
export function countryName(code: string): string {
  return countryNameFrom(countries, code);
}

/** ISO alpha-2 for an ISO numeric code ("643" or 643), or null. */
export function numericToAlpha2(numeric: string | number): string | null {
  return countries.numericToAlpha2(numeric) ?? null;
}

/**
 * The ISO alpha-2 code for what a person typed: a code (`cn`, `ZZ` for no country), "Unknown or private" as
 * this app names no country, or an English name, any case, with or without accents ("China", "russian
 * federation", "Cote d'Ivoire", "UK", "Syria"); null when it is none of these (shared/typed-country.ts).
 */
export function countryCodeFor(text: string): string | null {
  if (text.trim().replace(/\s+/g, ' ').toUpperCase() === NO_COUNTRY_NAME.toUpperCase()) return NO_COUNTRY;
  return typedCountryCode(countries, text);
}

/** The codes of the countries that share a name ("Congo": CD, CG), for a message; null for any other text. */
export function countriesNamed(text: string): string[] | null {
  return countriesSharingName(countries, text);
}

let choices: { code: string; name: string }[] | null = null;

/** Every country as this app names it, by name, and "Unknown or private" last: what a country box suggests. */
export function countryChoices(): { code: string; name: string }[] {
  choices ??= [
    ...Object.keys(countries.getAlpha2Codes()).map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en')),
    { code: NO_COUNTRY, name: NO_COUNTRY_NAME },
  ];
  return choices;
}
