// The engine names countries in its files (the Countries CSV) as the viewer's tab names them: one rule
// (shared/country-name.ts) over the same library, loaded by each side its own way.
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryName } from '../../../src-main/engine/geo/country-names';
import { csvCell } from '../../../src-main/engine/export/csv';
import { countryName as viewerCountryName } from '../../../src-renderer/src/lib/geo/country-names';

describe('countryName (engine)', () => {
  it('gives every country the name the viewer shows, and ZZ "Unknown or private"', () => {
    const codes = Object.keys(countries.getAlpha2Codes());
    expect(codes.length).toBeGreaterThan(240);
    for (const code of [...codes, 'ZZ']) expect(countryName(code), code).toBe(viewerCountryName(code));
    expect(countryName('RU')).toBe('Russia');
    expect(countryName('ZZ')).toBe('Unknown or private');
    expect(countryName('Q9')).toBe('Q9');
  });

  it('gives names with a comma that a CSV cell quotes', () => {
    const withComma = Object.keys(countries.getAlpha2Codes()).map(countryName).filter((name) => name.includes(','));
    expect(withComma).toContain('Bonaire, Sint Eustatius and Saba');
    for (const name of withComma) expect(csvCell(name)).toBe(`"${name}"`);
  });
});
