import { describe, expect, it } from 'vitest';
import { SelectionState, filtersRows, withoutServices } from '../../../src-renderer/src/lib/state/selection.svelte';

describe('SelectionState', () => {
  it('starts empty and gives a plain Selection', () => {
    const selection = new SelectionState();
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '' });
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

  it('narrows to an incident\'s hours within its days, and goes back to whole days at any other change of the range', () => {
    const selection = new SelectionState();
    const incident = { start: '2023-10-11 03:00', end: '2023-10-13 17:00' };
    selection.setHours('2023-10-11', '2023-10-13', incident);
    expect(selection.value).toEqual({ from: '2023-10-11', to: '2023-10-13', countries: [], search: '', hours: incident });
    expect(selection.value.hours).not.toBe(selection.value.hours);
    // Its whole days, kept.
    selection.clearHours();
    expect(selection.value).toEqual({ from: '2023-10-11', to: '2023-10-13', countries: [], search: '' });
    // A brush, a day picked, Escape and "clear all" are whole days.
    for (const change of [
      () => selection.setRange('2023-10-11', '2023-10-13', 'live'),
      () => selection.setRange('2023-10-12', '2023-10-12'),
      () => selection.clearRange(),
      () => selection.clearAll(),
    ]) {
      selection.setHours('2023-10-11', '2023-10-13', incident);
      change();
      expect(selection.hours).toBeNull();
      expect(selection.value).not.toHaveProperty('hours');
    }
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

  it('toggles services in and out, sorted, "not logged" as the empty text, and hands them over only when chosen', () => {
    const selection = new SelectionState();
    selection.toggleService('ssh');
    selection.toggleService('');
    selection.toggleService('imap');
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '', services: ['', 'imap', 'ssh'] });
    selection.toggleService('ssh');
    expect(selection.value.services).toEqual(['', 'imap']);
    selection.clearServices();
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '' });
  });

  it('has the engine answer a selection of services, which the overview and brush columns cannot count', () => {
    const none = { from: null, to: null, countries: [], search: '' };
    expect(filtersRows(none)).toBe(false);
    expect(filtersRows({ ...none, services: [] })).toBe(false);
    expect(filtersRows({ ...none, services: ['ssh'] })).toBe(true);
    // The rollups and the brush columns keep whole days: hours are read from the attempts.
    expect(filtersRows({ ...none, hours: { start: '2023-10-11 03:00', end: '2023-10-13 17:00' } })).toBe(true);
    expect(filtersRows({ ...none, hours: null })).toBe(false);
    // The Services tab's question: the rest of the selection, every service.
    expect(withoutServices({ ...none, countries: ['CN'], services: ['ssh'] })).toEqual({ ...none, countries: ['CN'] });
  });

  it('trims the search and clears everything at once', () => {
    const selection = new SelectionState();
    selection.setSearch('  admin ');
    expect(selection.search).toBe('admin');
    selection.setRange('2023-01-01', '2023-01-02');
    selection.toggleCountry('BR');
    selection.toggleService('ssh');
    selection.clearAll();
    expect(selection.search).toBe('');
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '' });
  });

  it('hands out copies, so a caller cannot change the selection by mutating one', () => {
    const selection = new SelectionState();
    selection.toggleCountry('CN');
    selection.value.countries.push('XX');
    expect(selection.value.countries).toEqual(['CN']);
  });

  describe('a search that names a country', () => {
    const read = (search: string, countries: string[] = []) => {
      const selection = new SelectionState();
      for (const country of countries) selection.toggleCountry(country);
      selection.setSearch(search);
      return selection;
    };

    it('means that country, typed as a code or an English name in any case, and not text in user names', () => {
      for (const [typed, code] of [['US', 'US'], ['us', 'US'], ['Norway', 'NO'], ['japan', 'JP'], ['united states', 'US'], ['UK', 'GB'], ['zz', 'ZZ']]) {
        const selection = read(typed);
        expect(selection.searchMeaning).toEqual({ kind: 'country', code });
        // Handed to the engine as the country, never as the text (which it would also look for in user names).
        expect(selection.value).toEqual({ from: null, to: null, countries: [code], search: '' });
        // What was typed stays as typed, for the box and the selection bar.
        expect(selection.search).toBe(typed);
      }
    });

    it('narrows the countries chosen on the map to it when it is one of them', () => {
      const selection = read('Japan', ['CN', 'JP']);
      expect(selection.value.countries).toEqual(['JP']);
      expect(selection.value.search).toBe('');
      expect(selection.countries).toEqual(['CN', 'JP']);
    });

    it('is searched in user names only when the countries chosen on the map leave it out', () => {
      const selection = read('US', ['CN']);
      expect(selection.searchMeaning).toEqual({ kind: 'country-not-chosen', code: 'US' });
      expect(selection.value).toMatchObject({ countries: ['CN'], search: 'US' });
    });

    it('never picks one of two countries that share a name', () => {
      const selection = read('Congo');
      expect(selection.searchMeaning).toEqual({ kind: 'several-countries', codes: ['CD', 'CG'] });
      expect(selection.value).toMatchObject({ countries: [], search: 'Congo' });
    });

    it('leaves addresses, networks and user names to the engine as typed', () => {
      for (const typed of ['61.177.0.0/16', '2003:e2:d5:2c:ae12:fd29:146a:2eae', '45.83.', 'admin', 'webmaster@example.com']) {
        const selection = read(typed);
        expect(selection.searchMeaning).toEqual({ kind: 'text' });
        expect(selection.value).toMatchObject({ countries: [], search: typed });
      }
      expect(read('').searchMeaning).toEqual({ kind: 'none' });
    });
  });
});
