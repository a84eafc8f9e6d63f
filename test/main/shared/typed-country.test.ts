import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { countriesSharingName, typedCountries, typedCountryCode, type CountryNameLookup } from '../../../src-main/shared/typed-country';

// The library as the CLI loads it: English only.
const require = createRequire(import.meta.url);
const library = require('i18n-iso-countries/index.js') as CountryNameLookup & { registerLocale(locale: unknown): void };
library.registerLocale(require('i18n-iso-countries/langs/en.json'));
const code = (text: string) => typedCountryCode(library, text);
const list = (text: string) => typedCountries(text, code);

describe('typedCountryCode', () => {
  it('reads the short forms people type, from the library\'s aliases and a few it lacks', () => {
    const short: Record<string, string> = {
      Syria: 'SY', Laos: 'LA', Russia: 'RU', Iran: 'IR', 'South Korea': 'KR', Vietnam: 'VN', 'Viet Nam': 'VN', Bolivia: 'BO',
      Tanzania: 'TZ', Venezuela: 'VE', Moldova: 'MD', Czechia: 'CZ', 'Czech Republic': 'CZ', UK: 'GB', USA: 'US', 'north korea': 'KP',
    };
    for (const [text, expected] of Object.entries(short)) expect(code(text), text).toBe(expected);
  });

  it('reads a name the library holds only with a qualifier without it, or with the qualifier in front', () => {
    const derived: Record<string, string> = {
      'Moldova, Republic of': 'MD', 'Republic of Moldova': 'MD', Micronesia: 'FM', 'Federated States of Micronesia': 'FM',
      'British Virgin Islands': 'VG', 'U.S. Virgin Islands': 'VI', 'Falkland Islands': 'FK', 'Holy See': 'VA', 'korea, republic of': 'KR',
    };
    for (const [text, expected] of Object.entries(derived)) expect(code(text), text).toBe(expected);
  });

  it('leaves a shortened name that could be more than one country unknown', () => {
    for (const text of ['Korea', 'Virgin Islands', 'Republic of', 'Province of China']) expect(code(text), text).toBeNull();
    // And says which countries it could be, as for a name the library gives two.
    expect(countriesSharingName(library, 'korea')).toEqual(['KP', 'KR']);
    expect(countriesSharingName(library, 'Virgin Islands')).toEqual(['VG', 'VI']);
    expect(countriesSharingName(library, 'Moldova')).toBeNull();
  });

  it('leaves a name the library gives two countries unknown, rather than taking the first, and says which', () => {
    expect(code('Congo')).toBeNull();
    expect(code('congo')).toBeNull();
    expect(countriesSharingName(library, ' Congo ')).toEqual(['CD', 'CG']);
    expect(countriesSharingName(library, 'China')).toBeNull();
    expect(code('Republic of the Congo')).toBe('CG');
    expect(code('Democratic Republic of the Congo')).toBe('CD');
    expect(code('CG')).toBe('CG');
  });
});

describe('typedCountries', () => {
  it('reads a name with a comma of its own as one name, not as two unknown pieces', () => {
    expect(list('Moldova, Republic of')).toEqual({ codes: ['MD'], unknown: [] });
    expect(list('China, Korea, Republic of; Moldova, Republic of, RU')).toEqual({ codes: ['CN', 'KR', 'MD', 'RU'], unknown: [] });
    expect(list('Taiwan, Province of China, Virgin Islands, British, Virgin Islands, U.S.')).toEqual({ codes: ['TW', 'VG', 'VI'], unknown: [] });
    expect(list('US, UK, Syria, Laos')).toEqual({ codes: ['US', 'GB', 'SY', 'LA'], unknown: [] });
    expect(list('CN RU, de')).toEqual({ codes: ['CN', 'RU', 'DE'], unknown: [] });
  });

  it('still reports what is no country, as typed', () => {
    expect(list('Moldova, Republik of, Chna')).toEqual({ codes: ['MD'], unknown: ['Republik of', 'Chna'] });
    expect(list('Korea, China')).toEqual({ codes: ['CN'], unknown: ['Korea'] });
    expect(list('XX, CN 1')).toEqual({ codes: [], unknown: ['XX', 'CN 1'] });
    expect(list(' , ; ')).toEqual({ codes: [], unknown: [] });
  });

  it('reads back a list of every official English name, each as its own country', () => {
    const all = library.getNames('en', { select: 'all' });
    const codes = Object.keys(all);
    expect(list(codes.map((c) => [all[c]].flat()[0]).join(', '))).toEqual({ codes, unknown: [] });
    expect(list(codes.map((c) => [all[c]].flat()[0]).join('; '))).toEqual({ codes, unknown: [] });
  });
});
