// The map's key: the classes, and the places the map cannot show. In the map of a 1024px or 800px window the
// key covered a third to a half of the map (and the Globe button): the places off the map, a dozen territories
// listed whole, took more lines than the classes, and the type was the size of a wide window's.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

describe('MapLegend in the room the map leaves it', () => {
  // jsdom lays nothing out: the key measures what Chromium measured it at in a small map, open (10px type, two
  // columns of classes, the places off the map on two lines).
  const OPEN_SIZE = { width: 128, height: 85 };
  const saved = {
    offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth')!,
    offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!,
  };
  beforeAll(() => {
    for (const [name, value] of [['offsetWidth', OPEN_SIZE.width], ['offsetHeight', OPEN_SIZE.height]] as const) {
      Object.defineProperty(HTMLElement.prototype, name, {
        configurable: true,
        get(this: HTMLElement) {
          return this.dataset.testid === 'map-legend' ? value : saved[name].get!.call(this);
        },
      });
    }
  });
  afterAll(() => {
    for (const [name, descriptor] of Object.entries(saved)) Object.defineProperty(HTMLElement.prototype, name, descriptor);
  });

  /** The rooms legendRoom gives the maps of 1024×768 and 800×600 windows. */
  const ROOM_1024 = { width: 200.8, height: 86.8 };
  const ROOM_800 = { width: 84.8, height: 82.5 };

  function renderLegend(room: { width: number; height: number } | null) {
    const result = render(MapLegend, { classes: CLASSES, zeroColor: '#f3f4f6', offMap: OFF_MAP.slice(0, 1), room });
    return { ...result, legend: result.getByTestId('map-legend') as HTMLDetailsElement };
  }

  it('is open where it fits the room, and starts folded where it does not (an 800px window\'s map)', async () => {
    expect(renderLegend(ROOM_1024).legend.open).toBe(true);
    cleanup();
    const { legend, rerender } = renderLegend(ROOM_800);
    expect(legend.open).toBe(false);
    // The window widened before the user did anything: the key opens in the room it has now.
    await rerender({ room: ROOM_1024 });
    expect(legend.open).toBe(true);
    await rerender({ room: ROOM_800 });
    expect(legend.open).toBe(false);
  });

  it('is open while the map is not laid out', () => {
    expect(renderLegend(null).legend.open).toBe(true);
  });

  it('stays as the user leaves it, whatever room the map leaves it then', async () => {
    const { legend, rerender } = renderLegend(ROOM_800);
    const title = legend.querySelector(':scope > summary')!;
    await fireEvent.click(title);
    expect(legend.open).toBe(true);
    await rerender({ room: ROOM_1024 });
    await rerender({ room: ROOM_800 });
    expect(legend.open).toBe(true);
    await fireEvent.click(title);
    await rerender({ room: ROOM_1024 });
    expect(legend.open).toBe(false);
  });

  it('is no wider than its room, its longer lines wrapping', () => {
    const { legend } = renderLegend(ROOM_1024);
    expect(legend.style.maxWidth).toBe('min(100%, 240px, 200px)');
  });
});

