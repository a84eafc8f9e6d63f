import { describe, expect, it } from 'vitest';
import { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';

describe('SelectionState', () => {
  it('starts empty and gives a plain Selection', () => {
    const selection = new SelectionState();
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '' });
    expect(selection.isEmpty).toBe(true);
    expect(selection.range).toBeNull();
  });

  it('orders range ends and tracks the brush phase', () => {
    const selection = new SelectionState();
    selection.setRange('2023-11-14', '2023-11-10', 'live');
    expect(selection.range).toEqual({ from: '2023-11-10', to: '2023-11-14' });
    expect(selection.brushing).toBe(true);
    selection.setRange('2023-11-10', '2023-11-12', 'end');
    expect(selection.brushing).toBe(false);
    expect(selection.value).toMatchObject({ from: '2023-11-10', to: '2023-11-12' });
    selection.clearRange();
    expect(selection.range).toBeNull();
  });

  it('toggles countries in and out, upper-cased and sorted', () => {
    const selection = new SelectionState();
    selection.toggleCountry('ru');
    selection.toggleCountry('CN');
    expect(selection.value.countries).toEqual(['CN', 'RU']);
    selection.toggleCountry('RU');
    expect(selection.value.countries).toEqual(['CN']);
    selection.clearCountries();
    expect(selection.value.countries).toEqual([]);
  });

  it('trims the search and clears everything at once', () => {
    const selection = new SelectionState();
    selection.setSearch('  admin ');
    expect(selection.search).toBe('admin');
    selection.setRange('2023-01-01', '2023-01-02');
    selection.toggleCountry('BR');
    selection.clearAll();
    expect(selection.isEmpty).toBe(true);
  });

  it('hands out copies, so a caller cannot change the selection by mutating one', () => {
    const selection = new SelectionState();
    selection.toggleCountry('CN');
    selection.value.countries.push('XX');
    expect(selection.value.countries).toEqual(['CN']);
  });
});
