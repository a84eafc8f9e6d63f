// The map's key: the classes, and the places the map cannot show. In the map of a 1024px or 800px window the
// key covered a third to a half of the map (and the Globe button): the places off the map, a dozen territories
// listed whole, took more lines than the classes, and the type was the size of a wide window's.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { compile } from 'svelte/compiler';
import MapLegend from '../../../../src-renderer/src/views/map/MapLegend.svelte';
import type { CountryFigure, LegendClass } from '../../../../src-renderer/src/views/map/country-figures';
import { sourceText } from '../../source-text';

afterEach(cleanup);

const CLASSES: LegendClass[] = [
  { from: 1, to: 6, color: '#7fcdbb', countries: 9 },
  { from: 7, to: 49, color: '#41b6c4', countries: 21 },
  { from: 50, to: 399, color: '#1d91c0', countries: 48 },
  { from: 400, to: 2_999, color: '#225ea8', countries: 70 },
  { from: 3_000, to: 19_999, color: '#253494', countries: 52 },
  { from: 20_000, to: 153_923, color: '#081d58', countries: 14 },
];

/** The places off the map of a generated year of a million attempts, most attempts first. */
const OFF_MAP: CountryFigure[] = [
  ['ZZ', 'Unknown or private', 6_044], ['RE', 'Reunion', 101], ['GI', 'Gibraltar', 99], ['GP', 'Guadeloupe', 44],
  ['MQ', 'Martinique', 38], ['BQ', 'Bonaire, Sint Eustatius and Saba', 32], ['TK', 'Tokelau', 7], ['TV', 'Tuvalu', 7], ['GF', 'French Guiana', 1],
].map(([code, name, attempts]) => ({ code: code as string, name: name as string, attempts: attempts as number, ips: 1, share: 0, classIndex: -1, color: '#f3f4f6' }));

async function componentCss(file: string): Promise<string> {
  return (compile(await sourceText(file), { filename: file, css: 'external' }).css?.code ?? '').replace(/\/\*[\s\S]*?\*\//g, '');
}

describe('MapLegend', () => {
  it('is open at first, and its title folds it away and back (it may cover countries in a small window\'s map)', async () => {
    const { getByTestId } = render(MapLegend, { classes: CLASSES, zeroColor: '#f3f4f6', offMap: OFF_MAP });
    const legend = getByTestId('map-legend') as HTMLDetailsElement;
    expect(legend.tagName).toBe('DETAILS');
    expect(legend.open).toBe(true);
    const title = legend.querySelector(':scope > summary')!;
    expect(title.textContent).toBe('Attempts per country');
    await fireEvent.click(title);
    expect(legend.open).toBe(false);
    await fireEvent.click(title);
    expect(legend.open).toBe(true);
  });

  it('names the place off the map with the most attempts, and the others only when asked', async () => {
    const { getByTestId } = render(MapLegend, { classes: CLASSES, zeroColor: '#f3f4f6', offMap: OFF_MAP });
    const offMap = getByTestId('map-off-map') as HTMLDetailsElement;
    expect(offMap.tagName).toBe('DETAILS');
    expect(offMap.open).toBe(false);
    const summary = offMap.querySelector('summary')!;
    expect(summary.textContent!.replace(/\s+/g, ' ').trim()).toBe('Not on the map: Unknown or private 6,044 and 8 more');
    // Closed, the rest is not shown; a click on the summary (or Enter on it) opens the list.
    await fireEvent.click(summary);
    expect(offMap.open).toBe(true);
    const listed = [...offMap.querySelectorAll<HTMLElement>('[data-country]')].map((span) => span.dataset.country);
    expect(listed).toEqual(OFF_MAP.map((f) => f.code));
    expect(offMap.textContent).toContain('Bonaire, Sint Eustatius and Saba 32, Tokelau 7');
  });

  it('names a single place off the map on its own line, with nothing to open', () => {
    const { getByTestId, queryByTestId } = render(MapLegend, { classes: CLASSES, zeroColor: '#f3f4f6', offMap: OFF_MAP.slice(0, 1) });
    expect(getByTestId('map-off-map').tagName).toBe('DIV');
    expect(getByTestId('map-off-map').textContent!.replace(/\s+/g, ' ').trim()).toBe('Not on the map: Unknown or private 6,044');
    expect(queryByTestId('map-off-map-more')).toBeNull();
  });

  it('is smaller in a map the size of a 1024px or 800px window\'s, by the map\'s size rather than the window\'s', async () => {
    // jsdom lays nothing out, so the rules are read: the map is a size container, and the key has a rule for
    // a map narrower than a 1024px window's (624px) or lower than a 1280×800 one's (268px), with smaller type.
    const map = await componentCss('src-renderer/src/views/map/WorldMap.svelte');
    expect(/\.world-map\.svelte-[\w-]+\s*\{[^}]*container:\s*world-map\s*\/\s*size/.test(map)).toBe(true);
    const legend = await componentCss('src-renderer/src/views/map/MapLegend.svelte');
    const query = /@container world-map\s*\(max-width:\s*(\d+)px\)\s*or\s*\(max-height:\s*(\d+)px\)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}/.exec(legend);
    expect(query, 'a rule for a small map').not.toBeNull();
    expect(Number(query![1])).toBeGreaterThanOrEqual(624);
    expect(Number(query![2])).toBeGreaterThanOrEqual(268);
    const fontSize = (css: string) => Number.parseFloat(/\.legend\.svelte-[\w-]+\s*\{[^}]*font-size:\s*([\d.]+)px/.exec(css)?.[1] ?? 'NaN');
    const wide = fontSize(legend.replace(query![0], ''));
    expect(fontSize(query![3])).toBeLessThan(wide);
    expect(fontSize(query![3])).toBeGreaterThanOrEqual(10); // still readable
  });
});
