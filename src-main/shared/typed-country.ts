// A country as a person types it, in the export dialog's Countries field or after `--country`: a two-letter
// code or an English name, alone or in a list. The renderer and the CLI each load i18n-iso-countries their own
// way (a bundled import, a require on first use) and hand it in; the rule is this one for both.
import { NO_COUNTRY } from './api';

/** The part of i18n-iso-countries, with English registered, that reading a typed country needs. */
export interface CountryNameLookup {
  /** Each code's names, official first; an array with `select: 'all'` (typed wider to match the overloads). */
  getNames(lang: 'en', options: { select: 'all' }): Record<string, string | string[]>;
  getSimpleAlpha2Code(name: string, lang: 'en'): string | undefined;
}

/**
 * English short forms in common use that i18n-iso-countries has no alias for (its names are "Syrian Arab
 * Republic", "Lao People's Democratic Republic"...). Everything else comes from the library: its own aliases
 * ("Russia", "Iran", "South Korea", "UK", "USA", "Czechia") and the names derived from its qualified ones
 * (shortNames).
 */
const MISSING_SHORT_FORMS: Record<string, string[]> = {
  SY: ['Syria'],
  LA: ['Laos'],
  BN: ['Brunei'],
  VA: ['Vatican', 'Vatican City'],
  MO: ['Macau'],
  VN: ['Viet Nam'],
  TL: ['East Timor'],
};

interface Known {
  codes: ReadonlySet<string>;
  /** Short forms the library does not match itself, by simplified name. */
  shortNames: ReadonlyMap<string, string>;
  /**
   * Names the library gives to more than one country, by simplified name, with their codes: "Congo" is the
   * Republic of the Congo (CG) and DR Congo (CD), and the library's lookup quietly takes the first.
   */
  shared: ReadonlyMap<string, string[]>;
}

const known = new WeakMap<CountryNameLookup, Known>();

/** Any case, no accents, single spaces: how names are compared (as the library's getSimpleAlpha2Code does). */
function simplified(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * Names the library holds only with a qualifier, as a person also types them: "Moldova, Republic of" is also
 * "Moldova" and "Republic of Moldova", "Virgin Islands, British" also "British Virgin Islands", "Falkland Islands
 * (Malvinas)" also "Falkland Islands". A shortened name that could be another country ("Korea", which North
 * Korea's name holds too; "Virgin Islands", which is two) is left out, as is one the library already knows.
 */
function shortNames(all: Record<string, string | string[]>): { names: Map<string, string>; ambiguous: Map<string, string[]> } {
  const names = Object.entries(all).flatMap(([code, list]) => [list].flat().map((name) => ({ code, name: simplified(name) })));
  const libraryKnows = new Set(names.map((n) => n.name));
  const derived = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const key = simplified(name);
    if (!key || libraryKnows.has(key)) return;
    if (!derived.has(key)) derived.set(key, new Set());
    derived.get(key)!.add(code);
  };
  for (const { code, name } of names) {
    const qualified = /^(.+?)(?:, (.+)| \(.+\))$/.exec(name);
    if (!qualified) continue;
    const [, head, after] = qualified;
    add(head, code);
    if (after && (/ of$/.test(after) || !after.includes(' '))) add(`${after} ${head}`, code);
  }
  const result = new Map<string, string>();
  // A short form of two countries' names ("Korea", "Virgin Islands") is a question to ask, as "Congo" is.
  const ambiguous = new Map<string, string[]>();
  for (const [name, codes] of derived) {
    const [code] = codes;
    const word = new RegExp(`(^|[^a-z])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z])`);
    const elsewhere = names.filter((n) => n.code !== code && word.test(n.name)).map((n) => n.code);
    if (codes.size === 1 && !elsewhere.length) result.set(name, code);
    else ambiguous.set(name, [...new Set([...codes, ...elsewhere])].sort());
  }
  for (const [code, list] of Object.entries(MISSING_SHORT_FORMS)) {
    for (const name of list) {
      result.set(simplified(name), code);
      ambiguous.delete(simplified(name));
    }
  }
  return { names: result, ambiguous };
}

function sharedNames(all: Record<string, string | string[]>): Map<string, string[]> {
  const codesOf = new Map<string, Set<string>>();
  for (const [code, list] of Object.entries(all)) {
    for (const name of [list].flat()) {
      const key = simplified(name);
      if (!codesOf.has(key)) codesOf.set(key, new Set());
      codesOf.get(key)!.add(code);
    }
  }
  return new Map([...codesOf].filter(([, codes]) => codes.size > 1).map(([name, codes]) => [name, [...codes].sort()]));
}

function knownOf(lookup: CountryNameLookup): Known {
  let k = known.get(lookup);
  if (!k) {
    const all = lookup.getNames('en', { select: 'all' });
    const short = shortNames(all);
    known.set(lookup, (k = { codes: new Set(Object.keys(all)), shortNames: short.names, shared: new Map([...short.ambiguous, ...sharedNames(all)]) }));
  }
  return k;
}

/**
 * The ISO alpha-2 code for what was typed: a code (any case; `ZZ` for no country) or an English name (any
 * case, with or without accents; the library's names and aliases, the short forms of its qualified names, and a
 * few common ones it lacks, such as "Syria" and "Laos"); null when it is neither, or a name of two countries. A code is tried first, so "US"
 * is the United States and never a name that happens to match.
 */
export function typedCountryCode(lookup: CountryNameLookup, text: string): string | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  if (!typed) return null;
  const upper = typed.toUpperCase();
  if (upper === NO_COUNTRY) return NO_COUNTRY;
  const k = knownOf(lookup);
  if (/^[A-Z]{2}$/.test(upper) && k.codes.has(upper)) return upper;
  // A blocklist of the wrong Congo is worse than a question.
  if (k.shared.has(simplified(typed))) return null;
  return lookup.getSimpleAlpha2Code(typed, 'en') ?? k.shortNames.get(simplified(typed)) ?? null;
}

/** The codes of the countries that share the name typed ("Congo": CD and CG), or null when it is not such a name. */
export function countriesSharingName(lookup: CountryNameLookup, text: string): string[] | null {
  return knownOf(lookup).shared.get(simplified(text)) ?? null;
}

export interface TypedCountries {
  /** ISO alpha-2 codes, once each, in the order typed. */
  codes: string[];
  /** What was typed that is neither a code nor a country name, as typed. */
  unknown: string[];
}

/**
 * Countries typed as a list: codes or names separated by commas, semicolons or line breaks ("China, ru;
 * United Kingdom"); codes may also be separated by spaces ("CN RU"). Some names hold a comma themselves, as
 * the app shows them ("Moldova, Republic of", "Korea, Republic of"): a piece joined with the next one is read
 * as one name when that is a name and either piece is no country on its own. `codeOf` reads one entry
 * (typedCountryCode with the host's library, and whatever else the host takes). An entry that is none of these
 * is reported, never dropped: dropping it would widen a blocklist to every country.
 */
export function typedCountries(text: string, codeOf: (entry: string) => string | null): TypedCountries {
  const codes = new Set<string>();
  const unknown: string[] = [];
  const alone = (entry: string): string[] | null => {
    const whole = codeOf(entry);
    if (whole) return [whole];
    const words = entry.split(/\s+/);
    if (words.length < 2 || !words.every((w) => /^[A-Za-z]{2}$/.test(w))) return null;
    const each = words.map(codeOf);
    return each.every((c) => c !== null) ? (each as string[]) : null;
  };
  for (const group of text.split(/[;\n]+/)) {
    const pieces = group.split(',').map((p) => p.trim()).filter(Boolean);
    for (let i = 0; i < pieces.length; i++) {
      const own = alone(pieces[i]);
      const joined = i + 1 < pieces.length ? codeOf(`${pieces[i]}, ${pieces[i + 1]}`) : null;
      if (joined && (!own || !alone(pieces[i + 1]))) {
        codes.add(joined);
        i++;
      } else if (own) own.forEach((c) => codes.add(c));
      else unknown.push(pieces[i]);
    }
  }
  return { codes: [...codes], unknown };
}
