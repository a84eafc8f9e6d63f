// Joins the per-country rows of the selection to the map: a class and colour for every country with
// attempts, the legend, the countries that cannot be drawn (no shape, or `ZZ`), and the tooltip text.
import type { CountryRow } from '../../../../src-main/shared/api';
import { countryName } from '../../lib/geo/country-names';
import { rampColors, type Palette } from '../../lib/palette';
import { classBounds, classBreaks, classOf, type ClassBreaks } from './class-breaks';

export interface CountryFigure {
  code: string;
  name: string;
  attempts: number;
  ips: number;
  share: number;
  /** -1 when the country has no attempts. */
  classIndex: number;
  color: string;
}

export interface LegendClass {
  from: number;
  to: number;
  color: string;
  /** Countries on the map in this class. */
  countries: number;
}

export interface MapFigures {
  byCode: ReadonlyMap<string, CountryFigure>;
  breaks: ClassBreaks | null;
  legend: LegendClass[];
  /** Countries with attempts, most attempts first, that have a shape on the map. */
  onMap: CountryFigure[];
  /** Countries with attempts that the map cannot show (private/unknown addresses, shapeless territories). */
  offMap: CountryFigure[];
}

export function joinCountryFigures(rows: readonly CountryRow[], shapeCodes: ReadonlySet<string> | null, palette: Palette): MapFigures {
  const drawable = rows.filter((row) => row.attempts > 0);
  const onMapRows = shapeCodes ? drawable.filter((row) => shapeCodes.has(row.country)) : drawable;
  const breaks = classBreaks(onMapRows.map((row) => row.attempts));
  const colors = breaks ? rampColors(palette, breaks.lower.length) : [];
  const byCode = new Map<string, CountryFigure>();
  const onMap: CountryFigure[] = [];
  const offMap: CountryFigure[] = [];
  for (const row of drawable) {
    const shown = !shapeCodes || shapeCodes.has(row.country);
    const classIndex = shown ? classOf(breaks, row.attempts) : -1;
    const figure: CountryFigure = {
      code: row.country,
      name: countryName(row.country),
      attempts: row.attempts,
      ips: row.ips,
      share: row.share,
      classIndex,
      color: classIndex >= 0 ? colors[classIndex] : palette.zero,
    };
    byCode.set(row.country, figure);
    (shown ? onMap : offMap).push(figure);
  }
  const byAttempts = (a: CountryFigure, b: CountryFigure): number => b.attempts - a.attempts || a.code.localeCompare(b.code);
  onMap.sort(byAttempts);
  offMap.sort(byAttempts);
  const legend: LegendClass[] = breaks
    ? classBounds(breaks).map(([from, to], i) => ({ from, to, color: colors[i], countries: onMap.filter((f) => f.classIndex === i).length }))
    : [];
  return { byCode, breaks, legend, onMap, offMap };
}

export interface TooltipContent {
  title: string;
  code: string;
  attempts: number;
  ips: number;
  share: number;
}

/** What the tooltip says about a country under the pointer, including countries without attempts. */
export function tooltipContent(figures: MapFigures, code: string, shapeName: string): TooltipContent {
  const figure = figures.byCode.get(code);
  return {
    title: figure?.name ?? shapeName,
    code,
    attempts: figure?.attempts ?? 0,
    ips: figure?.ips ?? 0,
    share: figure?.share ?? 0,
  };
}
