import { describe, expect, it } from 'vitest';
import type { CountryRow } from '../../../../src-main/shared/api';
import { loadWorldShapes } from '../../../../src-renderer/src/lib/geo/world-shapes';
import { PALETTES, rampColors } from '../../../../src-renderer/src/lib/palette';
import { joinCountryFigures, tooltipContent } from '../../../../src-renderer/src/views/map/country-figures';
import { caseCountries } from '../../lib/attack-figures';

const shapes = await loadWorldShapes();
const rows = caseCountries();

describe('joinCountryFigures', () => {
  const figures = joinCountryFigures(rows, shapes.codes, PALETTES.light);

  it('puts every country with a shape on the map, most attempts first, and the rest beside it', () => {
    expect(figures.onMap.length + figures.offMap.length).toBe(rows.length);
    expect(figures.onMap[0].code).toBe('CN');
    for (let i = 1; i < figures.onMap.length; i++) expect(figures.onMap[i].attempts).toBeLessThanOrEqual(figures.onMap[i - 1].attempts);
    expect(figures.offMap.map((f) => f.code)).toEqual(['ZZ']);
    expect(figures.offMap[0].name).toBe('Unknown or private');
    expect(figures.byCode.get('XK')?.name).toBe('Kosovo');
  });

  it('colours each country by its class and counts the countries per legend class', () => {
    const colors = rampColors(PALETTES.light, figures.legend.length);
    for (const figure of figures.onMap) expect(figure.color).toBe(colors[figure.classIndex]);
    expect(figures.legend.reduce((sum, entry) => sum + entry.countries, 0)).toBe(figures.onMap.length);
    expect(figures.legend[0].from).toBe(Math.min(...figures.onMap.map((f) => f.attempts)));
    expect(figures.legend.at(-1)?.to).toBe(figures.onMap[0].attempts);
  });

  it('leaves countries without attempts out, and tells the tooltip they have none', () => {
    const withZero: CountryRow[] = [...rows, { country: 'LY', attempts: 0, ips: 0, share: 0 }];
    const joined = joinCountryFigures(withZero, shapes.codes, PALETTES.dark);
    expect(joined.byCode.has('LY')).toBe(false);
    expect(tooltipContent(joined, 'LY', 'Libya')).toEqual({ title: 'Libya', code: 'LY', attempts: 0, ips: 0, share: 0 });
    const china = rows.find((r) => r.country === 'CN')!;
    expect(tooltipContent(joined, 'CN', 'ignored')).toMatchObject({ title: 'China', attempts: china.attempts, ips: china.ips });
  });

  it('uses the dark ramp in the dark scheme', () => {
    const dark = joinCountryFigures(rows, shapes.codes, PALETTES.dark);
    expect(dark.byCode.get('CN')?.color).toBe(PALETTES.dark.sequential.at(-1));
    expect(figures.byCode.get('CN')?.color).toBe(PALETTES.light.sequential.at(-1));
  });

  it('draws everything when the shapes are not loaded yet', () => {
    const early = joinCountryFigures(rows, null, PALETTES.light);
    expect(early.offMap).toEqual([]);
    expect(early.onMap.length).toBe(rows.length);
  });
});
