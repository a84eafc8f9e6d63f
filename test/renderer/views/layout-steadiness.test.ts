// What kept the layout from holding still: the selection bar's "all countries" beside chosen countries,
// and logged values in the IP detail wrapping mid-word.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import type { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import IpDetailPanel from '../../../src-renderer/src/views/detail/IpDetailPanel.svelte';
import { FakeHost } from '../fakes';
import SelectionBarHarness from './SelectionBarHarness.svelte';

afterEach(cleanup);

/** The cell's text with a | where a <wbr> lets the line end. */
function withBreaksShown(cell: HTMLElement): string {
  const copy = cell.cloneNode(true) as HTMLElement;
  for (const wbr of copy.querySelectorAll('wbr')) wbr.replaceWith('|');
  return copy.textContent ?? '';
}

describe('the selection bar with countries chosen', () => {
  it('names only the chosen countries, and its clear button says what it does', async () => {
    let selection!: SelectionState;
    render(SelectionBarHarness, { props: { countries: ['CN', 'US'], expose: (s: SelectionState) => (selection = s) } });
    const bar = screen.getByTestId('selection-bar');
    expect(bar.textContent).toMatch(/in\s+China\s*×\s*United States\s*×/);
    expect(bar.textContent).not.toContain('all countries');
    const clear = screen.getByRole('button', { name: 'Clear the countries' });
    expect(clear.title).toBe('Show all countries again');
    await fireEvent.click(clear);
    expect(selection.value.countries).toEqual([]);
    expect(bar.textContent).toContain('all countries');
  });
});

describe('logged values in the IP detail', () => {
  it('may wrap after the parts of an address, never inside a word, and keep every character', async () => {
    const host = new FakeHost([
      { ts: '2023-05-01 10:00:00', ip: '203.0.113.9', country: 'VN', user: 'webmaster@example.com', password: 'Summer2023!secure' },
      { ts: '2023-05-01 10:00:05', ip: '203.0.113.9', country: 'VN', user: '<img src=x onerror=alert(1)>@evil.example', password: null },
    ]);
    render(IpDetailPanel, { props: { host, ip: '203.0.113.9', selection: { from: null, to: null, countries: [], search: '' }, onClose: () => undefined } });
    await waitFor(() => expect(screen.getAllByTestId('detail-attempt')).toHaveLength(2));
    const cellsOf = (row: HTMLElement) => row.querySelectorAll('td');
    const [first, second] = screen.getAllByTestId('detail-attempt');
    const user = cellsOf(first)[2];
    expect(user.textContent).toBe('webmaster@example.com');
    // Each place a line may end follows a separator: "webmaster@" "example." "com".
    expect(withBreaksShown(user)).toBe('webmaster@|example.|com|');
    expect(withBreaksShown(cellsOf(first)[3])).toBe('Summer2023!|secure|');
    expect(cellsOf(first)[3].textContent).toBe('Summer2023!secure');
    // Hostile text stays text.
    expect(cellsOf(second)[2].textContent).toBe('<img src=x onerror=alert(1)>@evil.example');
    expect(second.querySelector('img')).toBeNull();
  });

  it('lets a long file name in the source column wrap after its parts, so its line number stays inside the panel', async () => {
    const source = '/var/log/archive/dovecot-imap-login.log-20240915.gz';
    const host = new FakeHost([{ ts: '2024-09-15 10:00:00', ip: '203.0.113.9', country: 'VN', user: 'admin', source, line: 123456 }]);
    render(IpDetailPanel, { props: { host, ip: '203.0.113.9', selection: { from: null, to: null, countries: [], search: '' }, onClose: () => undefined } });
    await waitFor(() => expect(screen.getAllByTestId('detail-attempt')).toHaveLength(1));
    const cell = screen.getByTestId('detail-attempt').querySelectorAll('td')[4];
    expect(cell.textContent).toBe('dovecot-imap-login.log-20240915.gz:123456');
    expect(withBreaksShown(cell)).toBe('dovecot-|imap-|login.|log-|20240915.|gz:|123456|');
    expect(cell.title).toBe(source);
  });
});
