// A country's English name as the app shows it, from i18n-iso-countries. Its official names are often long
// ("Russian Federation", "Taiwan, Province of China"), so a shorter alias is used when the library has one that
// is unambiguous and much shorter: "Russia", "Taiwan", "Czechia", but still "United Kingdom". The renderer and the
// engine (for the Countries CSV) each load the library their own way and hand it in, so that the viewer's tab and
// the file it saves name a country alike.
import { NO_COUNTRY } from './api';
import type { CountryNameLookup } from './typed-country';

/** How the app names `ZZ`: addresses of no country (private, reserved) or of one the database does not know. */
export const NO_COUNTRY_NAME = 'Unknown or private';
/** An alias replaces the official name only when it saves more than this many characters. */
const ALIAS_SAVING = 2;

/** The part of i18n-iso-countries, with English registered, that naming a country needs. */
export type CountryNameSource = Pick<CountryNameLookup, 'getNames'>;

const namesOf = new WeakMap<CountryNameSource, Map<string, string>>();

function isPlainName(name: string, usage: Map<string, number>): boolean {
  return !/[,.()]/.test(name) && name !== name.toUpperCase() && usage.get(name) === 1;
}

function shortNames(source: CountryNameSource): Map<string, string> {
  const all = Object.entries(source.getNames('en', { select: 'all' })).map(([code, names]) => [code, [names].flat()] as const);
  const usage = new Map<string, number>();
  for (const [, names] of all) for (const name of names) usage.set(name, (usage.get(name) ?? 0) + 1);
  const result = new Map<string, string>();
  for (const [code, names] of all) {
    const official = names[0];
    const plain = names.filter((name) => isPlainName(name, usage));
    const shortest = plain.reduce<string | null>((best, name) => (best === null || name.length < best.length ? name : best), null);
    const officialIsPlain = plain.includes(official);
    result.set(code, shortest && (!officialIsPlain || shortest.length + ALIAS_SAVING < official.length) ? shortest : official);
  }
  return result;
}

/** An English name for an ISO alpha-2 code (any case); `ZZ` is NO_COUNTRY_NAME; the code itself when it is no country code. */
export function countryNameFrom(source: CountryNameSource, code: string): string {
  if (code.toUpperCase() === NO_COUNTRY) return NO_COUNTRY_NAME;
  let names = namesOf.get(source);
  if (!names) namesOf.set(source, (names = shortNames(source)));
  return names.get(code.toUpperCase()) ?? code;
}
