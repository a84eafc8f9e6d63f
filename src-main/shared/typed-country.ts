// A country as a person types it, in the export dialog's Countries field or after `--country`: a two-letter
// code or an English name. The renderer and the CLI each load i18n-iso-countries their own way (a bundled
// import, a require on first use) and hand it in; the rule is this one for both.
import { NO_COUNTRY } from './api';

/** The part of i18n-iso-countries, with English registered, that reading a typed country needs. */
export interface CountryNameLookup {
  getNames(lang: 'en'): Record<string, string>;
  getSimpleAlpha2Code(name: string, lang: 'en'): string | undefined;
}

const knownCodes = new WeakMap<CountryNameLookup, ReadonlySet<string>>();

/**
 * The ISO alpha-2 code for what was typed: a code (any case; `ZZ` for no country) or an English name (any
 * case, with or without accents); null when it is neither. A code is tried first, so "US" is the United States
 * and never a name that happens to match.
 */
export function typedCountryCode(lookup: CountryNameLookup, text: string): string | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  if (!typed) return null;
  const upper = typed.toUpperCase();
  if (upper === NO_COUNTRY) return NO_COUNTRY;
  let known = knownCodes.get(lookup);
  if (!known) knownCodes.set(lookup, (known = new Set(Object.keys(lookup.getNames('en')))));
  if (/^[A-Z]{2}$/.test(upper) && known.has(upper)) return upper;
  return lookup.getSimpleAlpha2Code(typed, 'en') ?? null;
}
