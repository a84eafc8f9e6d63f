import { render, screen, fireEvent } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { IpPages } from '../../../src-renderer/src/lib/state/ip-pages.svelte';
import { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import IpTable from '../../../src-renderer/src/views/tables/IpTable.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle, type FakeAttempt, type FakeLogin } from '../fakes';

let restoreSize: () => void;
beforeAll(() => { restoreSize = giveElementsASize(1200, 520); });
afterAll(() => restoreSize());

async function mountTable(attempts: FakeAttempt[], logins: FakeLogin[] = []) {
  const host = new FakeHost(attempts, logins);
  const selection = new SelectionState();
  const caseState = new CaseState(host);
  const pages = new IpPages(host, selection, caseState, 100);
  onTestFinished(() => pages.destroy());
  await caseState.start();
  const onOpen = vi.fn();
  render(IpTable, { props: { pages, onOpen } });
  await settle();
  return { host, selection, pages, onOpen };
}

const rowIps = (): string[] => screen.queryAllByTestId('ip-row').map((row) => row.getAttribute('data-ip')!);

describe('IpTable', () => {
  it('renders the visible rows of a large selection, not all of them', async () => {
    const attempts = generateAttacks({ seed: 4, days: 30, backgroundIps: 100, backgroundAttempts: 400, swarmStartDay: 20, swarmIps: 1200 });
    const { pages } = await mountTable(attempts);
    const total = new Set(attempts.map((a) => a.ip)).size;
    expect(screen.getByTestId('ip-table').getAttribute('data-total')).toBe(String(total));
    const shown = rowIps();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(100); // 520px of 26px rows plus overscan
    expect(shown[0]).toBe(pages.rowAt(0)?.ip);
  });

  it('shows each column of a row', async () => {
    const { host } = await mountTable([
      { ts: '2023-11-10 02:14:07', ip: '45.83.64.7', country: 'BG', user: 'admin' },
      { ts: '2023-11-12 08:00:00', ip: '45.83.64.7', country: 'BG', user: 'info' },
      { ts: '2023-11-14 19:02:59', ip: '45.83.64.7', country: 'BG', user: 'admin' },
      { ts: '2023-11-11 00:00:00', ip: '10.0.0.5', country: null, user: 'root' },
    ]);
    expect(host.callsOf('ips')).toHaveLength(1);
    const row = screen.getAllByTestId('ip-row').find((r) => r.dataset.ip === '45.83.64.7')!;
    const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe('45.83.64.7');
    expect(cells[1]).toMatch(/^BG Bulgaria$/);
    expect(cells[2]).toBe('3');
    expect(cells[3]).toBe('2023-11-10 02:14');
    expect(cells[4]).toBe('2023-11-14 19:02');
    expect(cells[5]).toBe('3');
    expect(cells[6]).toBe('0');
    // The count is labelled and apart from the names: "2 users: admin info", never "2admin".
    expect(cells[7]).toBe('2 users: admin info');
    const usersCell = row.querySelectorAll('[role="gridcell"]')[7];
    expect(usersCell.querySelector('.count')!.textContent).toBe('2 users:');
    const privateRow = screen.getAllByTestId('ip-row').find((r) => r.dataset.ip === '10.0.0.5')!;
    expect(privateRow.textContent).toContain('private');
  });

  it('counts the logins of an address that failed and then got in, marked, and sorts it first by them', async () => {
    // Among a swarm's thousands of addresses, the one that got in: found by sorting, not by opening each.
    const swarm: FakeAttempt[] = Array.from({ length: 40 }, (_, i) => ({ ts: `2023-10-12 0${i % 10}:00:00`, ip: `203.0.113.${i}`, country: 'US', user: 'info' }));
    const { pages } = await mountTable(swarm, [
      { ts: '2023-10-12 09:30:00', ip: '203.0.113.17', user: 'info' },
      { ts: '2023-10-12 09:40:00', ip: '203.0.113.17', user: 'info' },
    ]);
    await fireEvent.click(screen.getByTestId('sort-logins'));
    await settle();
    expect(pages.sort).toBe('logins');
    const first = screen.getAllByTestId('ip-row').find((r) => r.dataset.index === '0')!;
    expect(first.dataset.ip).toBe('203.0.113.17');
    const logins = first.querySelector('[data-testid="ip-logins"]')!;
    expect(logins.textContent!.trim()).toBe('2');
    expect(logins.querySelector('.logged-in')).not.toBeNull();
    const other = screen.getAllByTestId('ip-row').find((r) => r.dataset.index === '1')!;
    expect(other.querySelector('[data-testid="ip-logins"] .logged-in')).toBeNull();
  });

  it('says an IP whose attempts name no user tried no user name, not "0 users"', async () => {
    await mountTable([
      { ts: '2023-11-10 02:14:07', ip: '45.83.64.8', country: 'BG', user: null },
      { ts: '2023-11-10 02:15:07', ip: '45.83.64.8', country: 'BG', user: null },
    ]);
    const row = screen.getAllByTestId('ip-row').find((r) => r.dataset.ip === '45.83.64.8')!;
    const users = row.querySelectorAll('[role="gridcell"]')[7];
    expect(users.textContent!.trim()).toBe('no user name');
    expect(users.querySelector('.count')!.getAttribute('title')).toMatch(/name no user/);
  });

  it('keeps a long IPv6 address inside its cell: cut short there if it must be, whole in the title, as text', async () => {
    const long = '2003:e2:d5:2c:ae12:fd29:146a:2eae';
    await mountTable([
      { ts: '2023-11-10 02:14:07', ip: long, country: 'DE', user: 'admin' },
      { ts: '2023-11-11 00:00:00', ip: 'fd12:3456:789a:1:ae12:fd29:146a:2eae', country: null, user: 'root' },
    ]);
    const cellOf = (ip: string) => screen.getAllByTestId('ip-row').find((r) => r.dataset.ip === ip)!.querySelector<HTMLElement>('[data-testid="ip-cell"]')!;
    const cell = cellOf(long);
    expect(cell.title).toBe(long);
    // The address is an element of its own, which gives way (ellipsis) rather than spilling into the country column.
    const address = cell.querySelector('.address')!;
    expect(address.textContent).toBe(long);
    expect(address.children).toHaveLength(0);
    // A private address says so in the title too; its scope tag stays outside the part that is cut.
    const privateCell = cellOf('fd12:3456:789a:1:ae12:fd29:146a:2eae');
    expect(privateCell.title).toBe('fd12:3456:789a:1:ae12:fd29:146a:2eae (private)');
    expect(privateCell.querySelector('.address')!.textContent).toBe('fd12:3456:789a:1:ae12:fd29:146a:2eae');
    expect(privateCell.querySelector('.scope')!.textContent).toBe('private');
  });

  it('sorts by every column when its header is chosen', async () => {
    const attempts = generateAttacks({ seed: 8, days: 30, backgroundIps: 60, backgroundAttempts: 500, swarmStartDay: 25, swarmIps: 80 });
    const { host } = await mountTable(attempts);
    const rowsByIp = new Map<string, FakeAttempt[]>();
    for (const a of host.attempts) rowsByIp.set(a.ip, [...(rowsByIp.get(a.ip) ?? []), a]);
    const attemptsOf = (ip: string) => rowsByIp.get(ip)!.length;
    const lastSeenOf = (ip: string) => rowsByIp.get(ip)!.map((a) => a.ts).sort().at(-1)!;

    await fireEvent.click(screen.getByTestId('sort-ip'));
    await settle();
    let ips = rowIps();
    expect(ips).toEqual([...ips].sort((a, b) => a.localeCompare(b)));
    expect(screen.getByTestId('sort-ip').parentElement!.getAttribute('aria-sort')).toBe('ascending');

    await fireEvent.click(screen.getByTestId('sort-ip'));
    await settle();
    ips = rowIps();
    expect(ips).toEqual([...ips].sort((a, b) => b.localeCompare(a)));

    await fireEvent.click(screen.getByTestId('sort-lastSeen'));
    await settle();
    const seen = rowIps().map(lastSeenOf);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(seen[0]).toBe(host.attempts.map((a) => a.ts).sort().at(-1));

    await fireEvent.click(screen.getByTestId('sort-attempts'));
    await settle();
    const counts = rowIps().map(attemptsOf);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(Math.max(...[...rowsByIp.keys()].map(attemptsOf)));

    for (const key of ['country', 'firstSeen', 'activeDays', 'userCount']) {
      await fireEvent.click(screen.getByTestId(`sort-${key}`));
      await settle();
      expect(host.callsOf('ips').at(-1)?.args[1]).toBe(key);
    }
  });

  it('is one Tab stop; the arrows, Page Up/Down, Home and End move the focus among all its rows, scrolling them in', async () => {
    // jsdom does not scroll: scroll as a browser does, and say so.
    const hadScrollTo = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollTo');
    HTMLElement.prototype.scrollTo = function (this: HTMLElement, options?: ScrollToOptions | number) {
      if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
      this.dispatchEvent(new Event('scroll'));
    } as HTMLElement['scrollTo'];
    onTestFinished(() => {
      if (hadScrollTo) Object.defineProperty(HTMLElement.prototype, 'scrollTo', hadScrollTo);
      else delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
    });
    const attempts = generateAttacks({ seed: 4, days: 30, backgroundIps: 100, backgroundAttempts: 400, swarmStartDay: 20, swarmIps: 1200 });
    const { onOpen } = await mountTable(attempts);
    const total = new Set(attempts.map((a) => a.ip)).size;
    // …and the list scrolls as far as its rows reach, 520px of them in view.
    const scroller = screen.getByTestId('ip-table').querySelector<HTMLElement>('.scroll')!;
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => 520 });
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: () => parseFloat(scroller.querySelector<HTMLElement>('.space')!.style.height) });
    const rows = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('[data-testid^="ip-row"]')];
    const tabStops = (): string[] => rows().filter((row) => row.tabIndex === 0).map((row) => row.dataset.index!);
    const focused = (): string | undefined => (document.activeElement as HTMLElement | null)?.dataset.index;
    expect(rows().length).toBeGreaterThan(10);
    expect(tabStops()).toEqual(['0']);

    rows()[0].focus();
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await settle();
    expect(focused()).toBe('1');
    expect(tabStops()).toEqual(['1']);
    await fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    await settle();
    expect(focused()).toBe('11');
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await settle();
    expect(focused()).toBe(String(total - 1));
    expect(tabStops()).toEqual([String(total - 1)]);
    await fireEvent.keyDown(document.activeElement!, { key: 'PageUp' });
    await settle();
    expect(focused()).toBe(String(total - 11));
    await fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await settle();
    expect(focused()).toBe('0');
    expect(tabStops()).toEqual(['0']);

    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await settle();
    await fireEvent.keyDown(document.activeElement!, { key: ' ' });
    expect(onOpen).toHaveBeenCalledExactlyOnceWith(rows().find((row) => row.dataset.index === '1')!.dataset.ip);

    // Scrolled away from the row last focused, the table is still one Tab stop: the first row in view.
    await new Promise((resolve) => setTimeout(resolve, 100)); // the virtualiser checks its last scroll over a few frames
    scroller.scrollTo({ top: 600 * 26 });
    await settle();
    expect(rows().some((row) => row.dataset.index === '1')).toBe(false);
    expect(tabStops()).toEqual(['600']);
  });

  it('opens a row with a click or Enter', async () => {
    const { onOpen } = await mountTable([
      { ts: '2023-11-10 02:14:07', ip: '198.51.100.23', country: 'US', user: 'test' },
      { ts: '2023-11-10 02:15:07', ip: '198.51.100.24', country: 'US', user: 'test' },
    ]);
    const [first, second] = screen.getAllByTestId('ip-row');
    await fireEvent.click(first);
    await fireEvent.keyDown(second, { key: 'Enter' });
    expect(onOpen.mock.calls.map((c) => c[0])).toEqual([first.dataset.ip, second.dataset.ip]);
  });

  it('shows hostile user names literally', async () => {
    await mountTable([
      { ts: '2023-11-10 02:14:07', ip: '192.0.2.66', country: 'RU', user: '<img src=x onerror=alert(1)>' },
      { ts: '2023-11-10 02:14:08', ip: '192.0.2.66', country: 'RU', user: '{{7*7}}' },
    ]);
    const row = screen.getByTestId('ip-row');
    expect(row.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(row.textContent).toContain('{{7*7}}');
    expect(row.textContent).not.toContain('49');
    expect(document.querySelector('img')).toBeNull();
  });
});
