import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import SelectionBarHarness from './SelectionBarHarness.svelte';

describe('SelectionBar', () => {
  it('says "all days" with the case extent when there is no range', () => {
    render(SelectionBarHarness, { props: {} });
    const range = screen.getByTestId('selection-range');
    expect(range.textContent).toContain('all days');
    expect(range.getAttribute('data-from')).toBe('');
    expect(screen.getByTestId('selection-bar').textContent).toContain('all countries');
  });

  it('shows range, countries and search, each with a × that clears only that part', async () => {
    let selection!: SelectionState;
    render(SelectionBarHarness, {
      props: { from: '2023-11-10', to: '2023-11-14', countries: ['CN', 'RU'], search: 'admin', expose: (s: SelectionState) => (selection = s) },
    });
    expect(screen.getByTestId('selection-range').getAttribute('data-from')).toBe('2023-11-10');
    expect(screen.getAllByTestId('selection-country').map((c) => c.dataset.country)).toEqual(['CN', 'RU']);
    expect(screen.getByTestId('selection-search').getAttribute('data-value')).toBe('admin');

    await fireEvent.click(screen.getAllByTestId('selection-country')[1].querySelector('button')!);
    expect(selection.value.countries).toEqual(['CN']);
    await fireEvent.click(screen.getByTestId('selection-search-clear'));
    expect(selection.value.search).toBe('');
    expect(selection.value.from).toBe('2023-11-10');
    await fireEvent.click(screen.getByTestId('selection-range-clear'));
    expect(selection.value).toEqual({ from: null, to: null, countries: ['CN'], search: '' });
    expect(screen.queryByTestId('selection-search')).toBeNull();
  });

  it('shows an exact user name beside the search, literally, with a × that clears only it', async () => {
    let selection!: SelectionState;
    render(SelectionBarHarness, {
      props: { search: '45.', exact: { user: ' Admin\u202e ' }, expose: (s: SelectionState) => (selection = s) },
    });
    const chip = screen.getByTestId('selection-exact');
    expect(chip.dataset.kind).toBe('user');
    expect(chip.dataset.value).toBe(' Admin\u202e ');
    expect(screen.getByTestId('selection-bar').textContent).toMatch(/matching\s+“45\.”.*and user name/s);
    expect(chip.querySelector('[data-testid="invisible-char"]')?.textContent).toBe('U+202E'); // the override shown, not obeyed
    expect(chip.innerHTML).not.toContain('<script');
    await fireEvent.click(screen.getByTestId('selection-exact-clear'));
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '45.' });
    expect(screen.queryByTestId('selection-exact')).toBeNull();
  });

  it('shows an exact user name and password together, each with a × that clears only it', async () => {
    let selection!: SelectionState;
    render(SelectionBarHarness, {
      props: { exact: { user: 'admin', password: '123456' }, expose: (s: SelectionState) => (selection = s) },
    });
});
