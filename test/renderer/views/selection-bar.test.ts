import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../src-renderer/src/lib/format';
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

  it('names the one day of a case of one day once, not as a range from that day to itself', () => {
    render(SelectionBarHarness, { props: { firstDay: '2025-06-25', lastDay: '2025-06-25' } });
    const range = screen.getByTestId('selection-range');
    expect(range.textContent!.replace(/\s+/g, ' ')).toBe(`all days (${formatDay('2025-06-25')})`);
    expect(range.title).toBe(`All days (${formatDay('2025-06-25')})`);
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

  it('shows each chosen service as a chip, "not logged" in words, each with a × that takes out only it', async () => {
    let selection!: SelectionState;
    render(SelectionBarHarness, {
      props: { countries: ['CN'], services: ['ssh', '', 'imap'], expose: (s: SelectionState) => (selection = s) },
    });
    const chips = () => screen.queryAllByTestId('selection-service');
    expect(chips().map((c) => c.dataset.service)).toEqual(['', 'imap', 'ssh']);
    expect(chips().map((c) => c.querySelector('.text')!.textContent)).toEqual(['not logged', 'imap', 'ssh']);
    expect(screen.getByTestId('selection-bar').textContent!.replace(/\s+/g, ' ')).toMatch(/in China × .*at not logged × ?imap × ?ssh × clear/);
    expect(chips()[2].querySelector('button')!.getAttribute('aria-label')).toBe('Remove the service ssh');
    await fireEvent.click(chips()[1].querySelector('button')!);
    expect(selection.value).toEqual({ from: null, to: null, countries: ['CN'], search: '', services: ['', 'ssh'] });
    await fireEvent.click(screen.getByTestId('selection-services-clear'));
    expect(selection.value).toEqual({ from: null, to: null, countries: ['CN'], search: '' });
    expect(chips()).toEqual([]);
    expect(screen.getByTestId('selection-bar').textContent).not.toMatch(/\bat\b/);
  });

  it("gives the focus to the control in a removed chip's place, so a keyboard goes on from there, not from the top", async () => {
    render(SelectionBarHarness, { props: { from: '2025-09-13', to: '2025-09-15', countries: ['CN', 'RU'], services: ['imap', 'ssh'] } });
    const removeButton = (label: string): HTMLElement => screen.getByRole('button', { name: label });
    const pressed = async (button: HTMLElement): Promise<void> => {
      button.focus();
      await fireEvent.click(button);
      // The bar moves the focus once the chip is gone (after Svelte's update).
      await new Promise((resolve) => setTimeout(resolve, 0));
    };

    await pressed(removeButton('Remove China'));
    expect(document.activeElement).toBe(removeButton('Remove Russia'));
    await pressed(removeButton('Remove the service imap'));
    expect(document.activeElement).toBe(removeButton('Remove the service ssh'));
    await pressed(removeButton('Clear the day range'));
    // The range chip turned into "all days", which has no ×: the next control is the first country's.
    expect(document.activeElement).toBe(removeButton('Remove Russia'));
    await pressed(removeButton('Remove the service ssh'));
    // The last chip of the bar: the control before it.
    expect(document.activeElement).toBe(screen.getByTestId('selection-country-add'));
  });

  it('shows a service as text, whatever the log named', () => {
    render(SelectionBarHarness, { props: { services: ['<img src=x onerror=alert(1)>'] } });
    expect(screen.getByTestId('selection-service').querySelector('.text')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.queryByTestId('selection-services-clear')).toBeNull();
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
    // The override shown, not obeyed (and the spaces at the ends shown too).
    expect([...chip.querySelectorAll('[data-testid="invisible-char"]')].map((c) => c.textContent)).toEqual(['U+0020', 'U+202E', 'U+0020']);
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
    const chips = screen.getAllByTestId('selection-exact');
    expect(chips.map((c) => [c.dataset.kind, c.dataset.value])).toEqual([['user', 'admin'], ['password', '123456']]);
    expect(screen.getByTestId('selection-bar').textContent).toMatch(/with user name.*admin.*and password.*123456/s);
    await fireEvent.click(screen.getAllByTestId('selection-exact-clear')[0]);
    expect(selection.value.exact).toEqual({ password: '123456' });
    expect(screen.getAllByTestId('selection-exact').map((c) => c.dataset.kind)).toEqual(['password']);
    await fireEvent.click(screen.getByTestId('selection-exact-clear'));
    expect(selection.value).toEqual({ from: null, to: null, countries: [], search: '' });
  });
});

describe('SelectionBar, every part readable', () => {
  it('gives every chip its whole text as a title, and keeps each × inside its chip', () => {
    render(SelectionBarHarness, {
      props: { from: '2023-06-01', to: '2023-08-31', countries: ['FR'], search: '92.0.0.0/8', exact: { user: 'admin' } },
    });
    const chips = [
      screen.getByTestId('selection-range'), screen.getByTestId('selection-country'),
      screen.getByTestId('selection-search'), screen.getByTestId('selection-exact'),
    ];
    expect(chips[0].title).toContain('Jun 1, 2023 – Aug 31, 2023');
    expect(chips[1].title).toBe('France (FR)');
    expect(chips[2].title).toContain('“92.0.0.0/8”');
    expect(chips[3].title).toContain(': admin');
    for (const chip of chips) {
      // The text in a wrapper that gives way, and the × beside it: never pushed out of its chip.
      expect(chip.querySelector(':scope > .text')).not.toBeNull();
      expect(chip.querySelector(':scope > button')?.textContent).toBe('×');
    }
  });

  it('keeps a lead word with what it leads, so the bar breaks between parts', () => {
    render(SelectionBarHarness, { props: { countries: ['CN'], search: 'root', exact: { password: '123456' } } });
    const partOf = (testId: string) => screen.getByTestId(testId).parentElement!.textContent!.replace(/\s+/g, ' ').trim();
    expect(partOf('selection-country')).toBe('in China × + country');
    expect(partOf('selection-search')).toBe('matching “root” ×');
    expect(partOf('selection-exact')).toBe('and password = 123456 ×');
  });

  it('shows a hostile search literally, and its title spells out what would not show', () => {
    const hostile = `<img src=x onerror=alert(1)>\u202e${'A'.repeat(300)}`;
    render(SelectionBarHarness, { props: { search: hostile, exact: { user: 'x\u200by' } } });
    const chip = screen.getByTestId('selection-search');
    expect(chip.querySelector('img')).toBeNull();
    expect(chip.querySelector('[data-testid="invisible-char"]')?.textContent).toBe('U+202E');
    expect(chip.title).toContain('<img src=x onerror=alert(1)>U+202E');
    expect(chip.title).not.toContain('\u202e');
    expect(screen.getByTestId('selection-exact').title).toContain('xU+200By');
  });

  it('adds countries by name or code from the keyboard, one after the other, and removes them with their ×', async () => {
    let selection!: SelectionState;
    render(SelectionBarHarness, { props: { countries: ['CN'], expose: (s: SelectionState) => (selection = s) } });
    await fireEvent.click(screen.getByTestId('selection-country-add'));
    const box = screen.getByTestId('selection-country-input') as HTMLInputElement;
    expect(document.activeElement).toBe(box);
    for (const typed of ['Russia', 'us']) {
      await fireEvent.input(box, { target: { value: typed } });
      await fireEvent.keyDown(box, { key: 'Enter' });
    }
    expect(selection.value.countries).toEqual(['CN', 'RU', 'US']);
    // The box stays open for the next one, empty.
    expect(box.value).toBe('');

    await fireEvent.input(box, { target: { value: 'Narnia' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByTestId('selection-country-problem').textContent).toBe('“Narnia” is not a country: type a name (China) or a two-letter code (CN).');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(selection.value.countries).toEqual(['CN', 'RU', 'US']);

    const escape = await fireEvent.keyDown(box, { key: 'Escape' });
    expect(escape).toBe(false); // handled here: the window's Escape (clear the range) does not also run
    expect(screen.queryByTestId('selection-country-input')).toBeNull();

    const remove = screen.getAllByTestId('selection-country').find((chip) => chip.dataset.country === 'RU')!.querySelector('button')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove Russia');
    await fireEvent.click(remove);
    expect(selection.value.countries).toEqual(['CN', 'US']);
  });
});
