// The tables of clickable rows are one Tab stop each, and the arrow keys move among their rows.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { CountryRow, DayRow, Selection, ValueCount } from '../../../src-main/shared/api';
import TopCountries from '../../../src-renderer/src/views/panels/TopCountries.svelte';
import TopDays from '../../../src-renderer/src/views/panels/TopDays.svelte';
import ValueTable from '../../../src-renderer/src/views/panels/ValueTable.svelte';
import { FakeHost } from '../fakes';
import { sourceText } from '../source-text';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };
const CODES = ['US', 'CN', 'GB', 'BR', 'JP', 'DE', 'RU', 'FR', 'KR', 'ZA', 'CO', 'MX', 'IT', 'ID'];
const COUNTRIES: CountryRow[] = CODES.map((country, i) => ({ country, attempts: 100 - i, ips: 10, share: 0.05 }));

const tabStops = (rows: HTMLElement[]): HTMLElement[] => rows.filter((row) => row.tabIndex === 0);

describe('the countries table', () => {
  it('is one Tab stop, the arrows and Home/End move through its rows, and Enter still toggles the country', async () => {
    const onToggleCountry = vi.fn();
    render(TopCountries, { props: { host: new FakeHost(), rows: COUNTRIES, selection: ALL, onToggleCountry } });
    const rows = (): HTMLElement[] => screen.getAllByTestId('country-row');
    expect(tabStops(rows())).toEqual([rows()[0]]);
    rows()[0].focus();
    await fireEvent.keyDown(rows()[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[1]);
    expect(tabStops(rows())).toEqual([rows()[1]]);
    await fireEvent.keyDown(rows()[1], { key: 'End' });
    expect(document.activeElement).toBe(rows()[CODES.length - 1]);
    await fireEvent.keyDown(rows()[CODES.length - 1], { key: 'PageUp' });
    expect(document.activeElement).toBe(rows()[CODES.length - 11]);
    await fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(onToggleCountry).toHaveBeenCalledWith(CODES[CODES.length - 11]);
    expect(onToggleCountry).toHaveBeenCalledOnce();
  });
});

describe('the user name and password tables', () => {
  it('are one Tab stop, the arrows move through the rows, and Enter or Space picks the value', async () => {
    const values: ValueCount[] = ['admin', 'info', 'test', 'root'].map((value, i) => ({ value, attempts: 10 - i, ips: 2 }));
    const onPick = vi.fn();
    render(ValueTable, { props: { rows: values, valueLabel: 'user name', testid: 'users-table', totalAttempts: 100, onPick } });
    const rows = (): HTMLElement[] => screen.getAllByTestId('value-row');
    expect(tabStops(rows())).toEqual([rows()[0]]);
    rows()[0].focus();
    await fireEvent.keyDown(rows()[0], { key: 'ArrowDown' });
    await fireEvent.keyDown(rows()[1], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[2]);
    expect(tabStops(rows())).toEqual([rows()[2]]);
    await fireEvent.keyDown(rows()[2], { key: ' ' });
    expect(onPick).toHaveBeenCalledWith('test');
  });
});

describe('a user name or password table whose top row is "(not logged)"', () => {
  it('gives Tab to the first row that can be picked, and the arrows still reach the row that cannot', async () => {
    // dovecot logs no passwords: its failed logins come first, as the most tried "password", with no value.
    const values: ValueCount[] = [{ value: null, attempts: 922, ips: 366 }, ...['123456', 'password', 'qwerty'].map((value, i) => ({ value, attempts: 500 - i, ips: 3 }))];
    const onPick = vi.fn();
    render(ValueTable, { props: { rows: values, valueLabel: 'password', testid: 'passwords-table', totalAttempts: 2000, emptyValue: '(not logged)', onPick } });
    const rows = (): HTMLElement[] => screen.getAllByTestId('value-row');
    expect(tabStops(rows())).toEqual([rows()[1]]);
    rows()[1].focus();
    await fireEvent.keyDown(rows()[1], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows()[0]);
    await fireEvent.keyDown(rows()[0], { key: 'Enter' });
    expect(onPick).not.toHaveBeenCalled();
    await fireEvent.keyDown(rows()[0], { key: 'End' });
    expect(document.activeElement).toBe(rows()[3]);
    expect(tabStops(rows())).toEqual([rows()[3]]);
  });
});

describe('the days table', () => {
  it('is one Tab stop and the arrows move through the days', async () => {
    const days: DayRow[] = ['2024-09-14', '2024-09-15', '2024-09-16'].map((day, i) => ({ day, attempts: 10 + i, ips: 5, countries: 2 }));
    const onPickDay = vi.fn();
    render(TopDays, { props: { host: new FakeHost(), rows: days, selection: ALL, onPickDay } });
    const rows = (): HTMLElement[] => screen.getAllByTestId('day-row');
    expect(tabStops(rows())).toEqual([rows()[0]]);
    rows()[0].focus();
    await fireEvent.keyDown(rows()[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[1]);
    await fireEvent.keyDown(rows()[1], { key: 'Enter' });
    expect(onPickDay).toHaveBeenCalledWith(rows()[1].dataset.day);
  });
});

describe('the focus ring of a table row', () => {
  it('is the ring every control has, drawn inside the row so that the panel does not cut it to a line', async () => {
    const style = document.createElement('style');
    style.textContent = await sourceText('src-renderer/src/app.css');
    document.head.append(style);
    try {
      render(TopCountries, { props: { host: new FakeHost(), rows: COUNTRIES, selection: ALL, onToggleCountry: vi.fn() } });
      const row = screen.getAllByTestId('country-row')[0];
      row.focus();
      await fireEvent.keyDown(row, { key: 'ArrowDown' });
      const focused = screen.getAllByTestId('country-row')[1];
      expect(document.activeElement).toBe(focused);
      expect(focused.matches('table.compact tr:focus-visible')).toBe(true);
      // jsdom computes no outline from a style sheet: the rules that match the row are read in order, the last winning.
      const ring = new Map<string, string>();
      for (const rule of [...style.sheet!.cssRules]) {
        if (!(rule instanceof CSSStyleRule) || !focused.matches(rule.selectorText)) continue;
        for (const name of ['outline', 'outline-offset']) {
          const value = rule.style.getPropertyValue(name);
          if (value) ring.set(name, value);
        }
      }
      expect(ring.get('outline')).toBe('2px solid var(--focus)');
      expect(ring.get('outline-offset')).toBe('-2px');
    } finally {
      style.remove();
    }
  });
});
