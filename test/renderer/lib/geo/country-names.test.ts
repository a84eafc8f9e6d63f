import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryCodeFor, countryName, NO_COUNTRY, numericToAlpha2 } from '../../../../src-renderer/src/lib/geo/country-names';

describe('countryName', () => {
  it('prefers short, unambiguous names', () => {
    expect(countryName('RU')).toBe('Russia');
    expect(countryName('CN')).toBe('China');
    expect(countryName('TW')).toBe('Taiwan');
    expect(countryName('IR')).toBe('Iran');
    expect(countryName('KR')).toBe('South Korea');
    expect(countryName('US')).toBe('United States');
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('NL')).toBe('Netherlands');
  });

  it('keeps the two Congos apart', () => {
    expect(countryName('CD')).not.toBe(countryName('CG'));
    expect(countryName('CD')).toContain('Congo');
    expect(countryName('CG')).toContain('Congo');
  });

  it('names Kosovo, unknown addresses, and leaves anything else as given', () => {
    expect(countryName('XK')).toBe('Kosovo');
    expect(countryName(NO_COUNTRY)).toBe('Unknown or private');
    expect(countryName('bg')).toBe('Bulgaria');
    expect(countryName('Q9')).toBe('Q9');
    expect(countryName('<b>x</b>')).toBe('<b>x</b>');
  });
});

describe('numericToAlpha2', () => {
  it('maps ISO numeric codes as world-atlas writes them', () => {
    expect(numericToAlpha2('643')).toBe('RU');
    expect(numericToAlpha2('036')).toBe('AU');
    expect(numericToAlpha2(840)).toBe('US');
    expect(numericToAlpha2('999')).toBeNull();
  });
});

describe('countryCodeFor', () => {
  it('reads codes and English names in any case, with or without accents', () => {
    expect(countryCodeFor('cn')).toBe('CN');
    expect(countryCodeFor('China')).toBe('CN');
    expect(countryCodeFor('  united   states ')).toBe('US');
    expect(countryCodeFor('Russian Federation')).toBe('RU');
    expect(countryCodeFor('Côte d’Ivoire'.replace('’', "'"))).toBe('CI');
    expect(countryCodeFor('cote d\'ivoire')).toBe('CI');
    expect(countryCodeFor('UK')).toBe('GB'); // not a code, but a name the library knows
    expect(countryCodeFor('zz')).toBe(NO_COUNTRY);
    expect(countryCodeFor('unknown or private')).toBe(NO_COUNTRY);
  });

  it('reads every name it shows back as its code', () => {
    for (const code of ['RU', 'TW', 'IR', 'KR', 'GB', 'CD', 'CG', 'XK']) expect(countryCodeFor(countryName(code)), code).toBe(code);
  });

  it('reads the name it shows for every country back as its code, and the short forms people type', () => {
    for (const code of Object.keys(countries.getNames('en'))) expect(countryCodeFor(countryName(code)), `${code} ${countryName(code)}`).toBe(code);
    expect(countryName('MD')).toBe('Moldova, Republic of'); // shown with its comma (see the export form's parsing)
    const short: Record<string, string> = { Syria: 'SY', Laos: 'LA', Moldova: 'MD', Russia: 'RU', Vietnam: 'VN', 'Czech Republic': 'CZ', USA: 'US' };
    for (const [text, code] of Object.entries(short)) expect(countryCodeFor(text), text).toBe(code);
  });

  it('knows nothing of codes that are no country, typos or empty text', () => {
    for (const text of ['XX', 'Q9', 'Chna', '', '  ', 'CHN', '156', 'China; DROP TABLE']) expect(countryCodeFor(text), text).toBeNull();
  });
});
