import { describe, expect, it } from 'vitest';
import { countryName, NO_COUNTRY, numericToAlpha2 } from '../../../../src-renderer/src/lib/geo/country-names';

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
