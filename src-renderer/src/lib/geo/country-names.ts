// Country codes to English names, from i18n-iso-countries. Its official names are often long
// ("Russian Federation", "Taiwan, Province of China"), so a shorter alias is used when the library has one
// that is unambiguous and much shorter: "Russia", "Taiwan", "Czechia", but still "United Kingdom".
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import { NO_COUNTRY } from '../../../../src-main/shared/api';
import { countriesSharingName, typedCountryCode } from '../../../../src-main/shared/typed-country';

countries.registerLocale(english);

export { NO_COUNTRY };
const NO_COUNTRY_NAME = 'Unknown or private';
/** An alias replaces the official name only when it saves more than this many characters. */
const ALIAS_SAVING = 2;

let shortNames: Map<string, string> | null = null;

function isPlainName(name: string, usage: Map<string, number>): boolean {
  return !/[,.()]/.test(name) && name !== name.toUpperCase() && usage.get(name) === 1;
}

function buildShortNames(): Map<string, string> {
  const all = countries.getNames('en', { select: 'all' });
  const usage = new Map<string, number>();
  for (const names of Object.values(all)) for (const name of names) usage.set(name, (usage.get(name) ?? 0) + 1);
  const result = new Map<string, string>();
  for (const [code, names] of Object.entries(all)) {
    const official = names[0];
    const plain = names.filter((name) => isPlainName(name, usage));
    const shortest = plain.reduce<string | null>((best, name) => (best === null || name.length < best.length ? name : best), null);
    const officialIsPlain = plain.includes(official);
    result.set(code, shortest && (!officialIsPlain || shortest.length + ALIAS_SAVING < official.length) ? shortest : official);
  }
  return result;
}

/** An English name for an ISO alpha-2 code; the code itself when it is not a country code. */
export function countryName(code: string): string {
  if (code === NO_COUNTRY) return NO_COUNTRY_NAME;
  shortNames ??= buildShortNames();
  return shortNames.get(code.toUpperCase()) ?? code;
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
