// jsdom has no WebGL, so MapLibre itself does not run here (the screenshot harness checks the drawing);
// everything around it does: the shapes load, the figures join, the legend, the accessible table and
// the data attributes end-to-end tests read.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import type { CountryRow } from '../../../../src-main/shared/api';
import WorldMap from '../../../../src-renderer/src/views/map/WorldMap.svelte';
import { caseCountries } from '../../lib/attack-figures';

afterEach(cleanup);

// jsdom has no ResizeObserver, with which the map measures its box (the key keeps to the room it leaves).
const hadResizeObserver = 'ResizeObserver' in globalThis;
beforeAll(() => {
  if (hadResizeObserver) return;
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});
afterAll(() => {
  if (!hadResizeObserver) delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
});

/** The first test also loads and converts the 750 kB of shapes; later ones find them cached. */
const SHAPES_LOADED = { timeout: 30_000 };

function renderMap(rows: CountryRow[], selectedCountries: string[] = [], projection?: 'mercator' | 'globe') {
  const onToggleCountry = vi.fn();
  const result = render(WorldMap, { rows, selectedCountries, onToggleCountry, projection });
  return { ...result, onToggleCountry, map: result.getByTestId('map') };
}

describe('WorldMap without WebGL', () => {
  it('says the map cannot be drawn but still lists the countries', async () => {
    const rows = caseCountries();
    const { map, getByTestId } = renderMap(rows, ['CN', 'RU']);
    await waitFor(() => expect(map.dataset.status).toBe('no-webgl'), SHAPES_LOADED);
    expect(map.textContent).toContain('needs WebGL');
    const onMap = rows.filter((r) => r.country !== 'ZZ').map((r) => r.country);
    const shown = map.dataset.countries?.split(',') ?? [];
    expect([...shown].sort()).toEqual([...onMap].sort());
    expect(shown[0]).toBe('CN');
    expect(map.dataset.selected).toBe('CN,RU');
    const table = getByTestId('map-data');
    const china = table.querySelector('tr[data-country="CN"]') as HTMLElement;
    expect(china.dataset.attempts).toBe(String(rows[0].attempts));
    expect(china.dataset.selected).toBe('true');
    expect(china.dataset.class).toBe('5');
    expect((table.querySelector('tr[data-country="BG"]') as HTMLElement).dataset.selected).toBe('false');
  });

  it('shows a legend whose classes cover the countries on the map', async () => {
    const rows = caseCountries();
    const { map, getAllByTestId, getByTestId } = renderMap(rows);
    await waitFor(() => expect(map.dataset.status).toBe('no-webgl'), SHAPES_LOADED);
    const classes = getAllByTestId('legend-class');
    expect(classes[0].dataset.from).toBe('0');
    const counted = classes.slice(1).reduce((sum, li) => sum + Number(li.dataset.countries), 0);
    expect(counted).toBe(rows.length - 1);
    // From the fewest attempts of a country on the map to the most, each class counting the countries in its range.
    const onMap = rows.filter((r) => r.country !== 'ZZ').map((r) => r.attempts);
    const ranges = classes.slice(1).map((li) => [Number(li.dataset.from), Number(li.dataset.to), Number(li.dataset.countries)]);
    expect(ranges.length).toBeGreaterThan(2);
    expect(ranges[0][0]).toBe(Math.min(...onMap));
    expect(ranges.at(-1)![1]).toBe(Math.max(...onMap));
    for (const [from, to, countries] of ranges) expect(countries, `${from}–${to}`).toBe(onMap.filter((a) => a >= from && a <= to).length);
    expect(classes.at(-1)!.textContent).toContain(Math.max(...onMap).toLocaleString('en-US'));
    expect(getByTestId('map-off-map').textContent).toContain('Unknown or private 143');
  });

  it('follows new rows, as during a live brush', async () => {
    const { map, rerender } = renderMap(caseCountries());
    await waitFor(() => expect(map.dataset.status).toBe('no-webgl'), SHAPES_LOADED);
    await rerender({ rows: [{ country: 'BG', attempts: 12, ips: 11, share: 0.8 }, { country: 'RO', attempts: 3, ips: 3, share: 0.2 }] });
    expect(map.dataset.countries).toBe('BG,RO');
  });

  it('renders a hostile country code as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    const { map } = renderMap([{ country: hostile, attempts: 5, ips: 2, share: 1 }]);
    await waitFor(() => expect(map.dataset.status).toBe('no-webgl'), SHAPES_LOADED);
    expect(map.querySelector('img')).toBeNull();
    expect(map.textContent).toContain(hostile);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('switches between the flat map and the globe with a toggle whose name stays "Globe" (pressed: the globe shows)', async () => {
    const { map, getByRole, queryByRole } = renderMap(caseCountries(), [], 'globe');
    expect(map.dataset.projection).toBe('globe');
    // Never "Flat map, pressed" while the globe shows.
    const button = getByRole('button', { name: 'Globe', pressed: true });
    expect(queryByRole('button', { name: 'Flat map' })).toBeNull();
    await fireEvent.click(button);
    expect(map.dataset.projection).toBe('mercator');
    expect(getByRole('button', { name: 'Globe', pressed: false })).toBe(button);
    await fireEvent.click(button);
    expect(map.dataset.projection).toBe('globe');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent!.trim()).toBe('Globe');
  });
});
