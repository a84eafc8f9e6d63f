import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'svelte/compiler';
import App from '../../../src-renderer/src/App.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle } from '../fakes';
import { sourceText } from '../source-text';

let restoreSize: () => void;
beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
afterAll(() => restoreSize());

const ATTACKS = generateAttacks({ seed: 13, days: 60, backgroundIps: 100, backgroundAttempts: 800, swarmStartDay: 45, swarmIps: 300 });

async function mountApp(host: FakeHost) {
  const result = render(App, { props: { host } });
  await settle();
  return result;
}

/** The app over ATTACKS, its search box holding the first attack's IP, and the views answered for it. */
async function mountSearchingFirstIp(host: FakeHost): Promise<string> {
  await mountApp(host);
  const ip = ATTACKS[0].ip;
  await fireEvent.input(screen.getByTestId('search-input'), { target: { value: ip } });
  await waitFor(() => expect(screen.getByTestId('selection-search').dataset.value).toBe(ip), { timeout: 2000 });
  await settle();
  return ip;
}

/** The app over ATTACKS with its busiest day chosen in the Days tab; that day. */
async function mountWithBusiestDay(host: FakeHost): Promise<string> {
  await mountApp(host);
  await fireEvent.click(screen.getByTestId('tab-days'));
  const busiest = screen.getAllByTestId('day-row')[0];
  await fireEvent.click(busiest);
  await settle();
  expect(screen.getByTestId('selection-range').getAttribute('data-from')).toBe(busiest.dataset.day);
  return busiest.dataset.day!;
}

const figure = (id: string) => screen.getByTestId(id).getAttribute('data-value');

describe('App', () => {
  it('says its tables are counting, not empty, until the engine answers them', async () => {
    const host = new FakeHost(ATTACKS);
    host.holding = new Set(['countries', 'histogram']);
    await mountApp(host);
    for (const id of ['countries-empty', 'histogram-empty']) {
      expect(screen.getByTestId(id).textContent).toBe('Counting…');
      expect(screen.getByTestId(id).dataset.counting).toBe('true');
    }
    host.release();
    await settle();
    expect(screen.queryByTestId('countries-empty')).toBeNull();
    expect(screen.getAllByTestId('country-row').length).toBeGreaterThan(1);
    expect(screen.getAllByTestId('histogram-row').length).toBeGreaterThan(1);
  });

  it('says a table the engine answered with no rows is empty', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'no-such-user-name-at-all' } });
    await waitFor(() => expect(screen.getByTestId('countries-empty').textContent).toBe('No attempts in this selection.'), { timeout: 3000 });
    expect(screen.getByTestId('countries-empty').dataset.counting).toBe('false');
    expect(screen.getByTestId('histogram-empty').textContent).toBe('No attempts in this selection.');
  });

  it('explains what to drop when the case is empty, and loads sample data on request', async () => {
    const host = new FakeHost();
    host.nextIngest = ATTACKS;
    await mountApp(host);
    expect(screen.getByTestId('first-run').textContent).toMatch(/dovecot/i);
    expect(screen.queryByTestId('summary-attempts')).toBeNull();
    // Nothing to select yet: no selection bar, whose "+ country" chose a filter for logs not read.
    expect(screen.queryByTestId('selection-bar')).toBeNull();
    expect(screen.queryByTestId('selection-country-add')).toBeNull();
    const sample = screen.getByTestId('sample-data-button') as HTMLButtonElement;
    expect(sample.disabled).toBe(false);
    await fireEvent.click(sample);
    await waitFor(() => expect(figure('summary-attempts')).toBe(String(ATTACKS.length)));
    expect(host.callsOf('loadSampleData')).toHaveLength(1);
    expect(screen.queryByTestId('first-run')).toBeNull();
    expect(screen.getByTestId('ingest-result').getAttribute('data-attempts')).toBe(String(ATTACKS.length));
    expect(screen.getByTestId('selection-bar').textContent).toContain('all countries');
  });

  it('ingests what is dropped anywhere on the window', async () => {
    const host = new FakeHost();
    host.nextIngest = ATTACKS.slice(0, 100);
    await mountApp(host);
    const file = new File(['May  1 10:00:00 mail dovecot: ...\n'], 'mail.log');
    await fireEvent.dragEnter(screen.getByTestId('drop-zone'), { dataTransfer: { types: ['Files'], files: [file], items: [] } });
    expect(screen.getByTestId('drop-zone').getAttribute('data-dragging')).toBe('true');
    await fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { types: ['Files'], files: [file], items: [{ kind: 'file' }] } });
    await waitFor(() => expect(figure('summary-attempts')).toBe('100'));
    expect(host.callsOf('ingestFiles')[0].args).toEqual([['mail.log']]);
    expect(screen.getByTestId('drop-zone').getAttribute('data-dragging')).toBe('false');
  });

  it('docks the finished Logs read card above the figures, where it covers no control', async () => {
    const host = new FakeHost(ATTACKS.slice(100));
    host.nextIngest = ATTACKS.slice(0, 100);
    await mountApp(host);
    const file = new File(['May  1 10:00:00 mail dovecot: ...\n'], 'mail.log');
    await fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { types: ['Files'], files: [file], items: [{ kind: 'file' }] } });
    await waitFor(() => expect(screen.getByTestId('ingest-progress').dataset.state).toBe('finished'));
    const card = screen.getByTestId('ingest-progress');
    // jsdom lays nothing out: the card's place in the page's flow, before the figures, and its docked rule are read.
    expect(card.classList.contains('docked')).toBe(true);
    expect(card.compareDocumentPosition(screen.getByTestId('summary-area')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const css = compile(await sourceText('src-renderer/src/views/loading/IngestProgress.svelte'), { filename: 'IngestProgress.svelte', css: 'external' }).css!.code;
    const docked = /\.card\.docked\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(docked).toMatch(/position:\s*static/);
    // Still reachable from the keyboard, and closed by its ×.
    const close = within(card).getByTestId('ingest-dismiss');
    close.focus();
    expect(document.activeElement).toBe(close);
    await fireEvent.click(close);
    await waitFor(() => expect(screen.queryByTestId('ingest-progress')).toBeNull());
  });

  it('counts the IPs of the selection beside the tabs, one IP in the singular', async () => {
    const host = new FakeHost([{ ts: '2024-06-01 10:00:00', ip: '45.9.1.1', country: 'NL', user: 'admin' }]);
    await mountApp(host);
    await waitFor(() => expect(screen.getByTestId('ip-count').textContent).toBe('1 IP'));
  });

  it('copies and saves the IP table as the other tables are, for the selection shown', async () => {
    const host = new FakeHost(ATTACKS);
    const ip = await mountSearchingFirstIp(host);
    await fireEvent.click(screen.getByTestId('save-ips'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(1));
    expect(host.callsOf('tableCsv').at(-1)!.args).toEqual(['ips', expect.objectContaining({ search: ip }), { ipsOrder: { sort: 'attempts', descending: true } }]);
    expect(host.savedFiles[0].name).toMatch(/^swarmscope-ips-/);
    expect(screen.getByTestId('copy-ips')).toBeTruthy();
    // The other tabs have their own.
    await fireEvent.click(screen.getByTestId('tab-users'));
    expect(screen.queryByTestId('copy-ips')).toBeNull();
  });

  it('saves the IP table in the order it is sorted by, as the Days tab its days', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    await fireEvent.click(screen.getByTestId('save-ips'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(1));
    expect(host.callsOf('tableCsv').at(-1)!.args[2]).toEqual({ ipsOrder: { sort: 'attempts', descending: true } });
    await fireEvent.click(screen.getByTestId('sort-activeDays'));
    await settle();
    await fireEvent.click(screen.getByTestId('save-ips'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(2));
    expect(host.callsOf('tableCsv').at(-1)!.args[2]).toEqual({ ipsOrder: { sort: 'activeDays', descending: true } });
    await fireEvent.click(screen.getByTestId('sort-activeDays'));
    await settle();
    await fireEvent.click(screen.getByTestId('save-ips'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(3));
    expect(host.callsOf('tableCsv').at(-1)!.args[2]).toEqual({ ipsOrder: { sort: 'activeDays', descending: false } });
  });

  it('shows the summary, the tables and the map and timeline for a case', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    expect(figure('summary-attempts')).toBe(String(ATTACKS.length));
    expect(figure('summary-ips')).toBe(String(new Set(ATTACKS.map((a) => a.ip)).size));
    expect(screen.getByTestId('map')).toBeTruthy();
    expect(screen.getByTestId('timeline')).toBeTruthy();
    expect(screen.getAllByTestId('ip-row').length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('country-row').length).toBe(new Set(ATTACKS.map((a) => a.country ?? 'ZZ')).size);
    const histogramComputers = screen.getAllByTestId('histogram-row')
      .reduce((sum, row) => sum + Number(row.querySelectorAll('td')[1].textContent!.replace(/\D/g, '')), 0);
    expect(histogramComputers).toBe(new Set(ATTACKS.map((a) => a.ip)).size);
  });

  it('filters every view by a country chosen in the top-countries table', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    const cnRow = screen.getAllByTestId('country-row').find((r) => r.dataset.country === 'CN')!;
    await fireEvent.click(cnRow);
    await settle();
    const cn = ATTACKS.filter((a) => a.country === 'CN');
    expect(figure('summary-attempts')).toBe(String(cn.length));
    expect(screen.getAllByTestId('selection-country').map((c) => c.dataset.country)).toEqual(['CN']);
    expect(screen.getAllByTestId('ip-row').every((r) => cn.some((a) => a.ip === r.dataset.ip))).toBe(true);
  });

  it('switches tabs, and lists users with their counts', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    await fireEvent.click(screen.getByTestId('tab-users'));
    const rows = within(screen.getByTestId('users-table')).getAllByTestId('value-row');
    const admin = rows.find((r) => r.dataset.value === 'admin')!;
    expect(admin.querySelectorAll('td')[1].textContent!.replace(/\D/g, '')).toBe(String(ATTACKS.filter((a) => a.user === 'admin').length));
    await fireEvent.click(screen.getByTestId('tab-sources'));
    expect(screen.getByTestId('sources').textContent).toContain('mail.log');
    await fireEvent.keyDown(screen.getByTestId('tab-sources'), { key: 'ArrowRight' });
    expect(screen.getByTestId('tab-ips').getAttribute('aria-selected')).toBe('true');
  });

  it('filters by exactly the user name or password clicked, not by every value containing it', async () => {
    // "admin" is also part of "admin1" and "Administrator": a search for it would count those too.
    const attacks = ATTACKS.map((a, i) => (i % 7 === 0 ? { ...a, user: 'admin1' } : i % 11 === 0 ? { ...a, user: 'Administrator' } : a));
    const host = new FakeHost(attacks);
    await mountApp(host);
    await fireEvent.click(screen.getByTestId('tab-users'));
    const adminRow = within(screen.getByTestId('users-table')).getAllByTestId('value-row').find((r) => r.dataset.value === 'admin')!;
    const rowAttempts = adminRow.querySelectorAll('td')[1].textContent!.replace(/\D/g, '');
    await fireEvent.click(adminRow);
    await settle();
    const admin = attacks.filter((a) => a.user === 'admin');
    expect(Number(rowAttempts)).toBe(admin.length);
    expect(attacks.filter((a) => (a.user ?? '').includes('admin')).length).toBeGreaterThan(admin.length);
    expect(figure('summary-attempts')).toBe(rowAttempts);
    expect(figure('summary-ips')).toBe(String(new Set(admin.map((a) => a.ip)).size));
    expect(screen.getByTestId('selection-exact').dataset.value).toBe('admin');
    expect(screen.queryByTestId('selection-search')).toBeNull();
    expect(screen.getByTestId('tab-ips').getAttribute('aria-selected')).toBe('true');
    expect(screen.getAllByTestId('ip-row').every((r) => admin.some((a) => a.ip === r.dataset.ip))).toBe(true);

    await fireEvent.click(screen.getByTestId('tab-passwords'));
    const password = within(screen.getByTestId('passwords-table')).getAllByTestId('value-row')[0];
    const passwordAttempts = password.querySelectorAll('td')[1].textContent!.replace(/\D/g, '');
    await fireEvent.click(password);
    await settle();
    // The password joins the user name (both must match), so the figures are those of the row clicked.
    expect(screen.getAllByTestId('selection-exact').map((c) => c.dataset.kind)).toEqual(['user', 'password']);
    const both = attacks.filter((a) => a.user === 'admin' && a.password === password.dataset.value);
    expect(figure('summary-attempts')).toBe(String(both.length));
    expect(figure('summary-attempts')).toBe(passwordAttempts);

    // Another user name, clicked while the password is chosen, replaces the user name and keeps the password.
    await fireEvent.click(screen.getByTestId('tab-users'));
    const other = within(screen.getByTestId('users-table')).getAllByTestId('value-row').find((r) => r.dataset.value === 'admin')!;
    expect(other.querySelectorAll('td')[1].textContent!.replace(/\D/g, '')).toBe(passwordAttempts);

    // Clearing the user name leaves the password alone; clearing that leaves no filter.
    await fireEvent.click(screen.getAllByTestId('selection-exact-clear')[0]);
    await settle();
    expect(screen.getAllByTestId('selection-exact').map((c) => c.dataset.kind)).toEqual(['password']);
    expect(figure('summary-attempts')).toBe(String(attacks.filter((a) => a.password === password.dataset.value).length));
    await fireEvent.click(screen.getByTestId('selection-exact-clear'));
    await settle();
    expect(figure('summary-attempts')).toBe(String(attacks.length));
  });

  it('reads a country typed in the search, as a code or a name, as that country alone: its IPs, not user names containing its code', async () => {
    const attacks = [
      { ts: '2024-06-01 10:00:00', ip: '198.51.100.1', country: 'US', user: 'admin' },
      { ts: '2024-06-01 10:01:00', ip: '198.51.100.2', country: 'US', user: 'root' },
      { ts: '2024-06-01 10:02:00', ip: '45.9.1.1', country: 'NL', user: 'user' },
      { ts: '2024-06-01 10:03:00', ip: '45.9.1.2', country: 'DE', user: 'russ' },
      { ts: '2024-06-01 10:04:00', ip: '45.9.1.3', country: 'NO', user: 'admin' },
      { ts: '2024-06-01 10:05:00', ip: '45.9.1.4', country: 'JP', user: 'test' },
    ];
    const host = new FakeHost(attacks);
    await mountApp(host);
    const input = screen.getByTestId('search-input');
    const search = async (text: string) => {
      await fireEvent.input(input, { target: { value: text } });
      await fireEvent.keyDown(input, { key: 'Enter' });
      await settle();
    };
    const shownIps = () => screen.getAllByTestId('ip-row').map((r) => r.dataset.ip).sort();

    await search('US');
    await waitFor(() => expect(screen.getByTestId('ip-count').textContent).toBe('2 IPs'));
    expect(shownIps()).toEqual(['198.51.100.1', '198.51.100.2']); // not "user" (NL) nor "russ" (DE)
    expect(figure('summary-attempts')).toBe('2');
    const chip = screen.getByTestId('selection-search');
    expect(chip.dataset.country).toBe('US');
    expect(chip.textContent).toContain('United States');
    expect(screen.getByTestId('selection-bar').textContent).not.toContain('all countries');
    expect(screen.getByTestId('search-meaning').textContent).toBe('country: United States');

    for (const [name, ip] of [['Norway', '45.9.1.3'], ['japan', '45.9.1.4']]) {
      await search(name);
      await waitFor(() => expect(screen.getByTestId('ip-count').textContent).toBe('1 IP'));
      expect(shownIps()).toEqual([ip]);
    }
    await search('united states');
    await waitFor(() => expect(screen.getByTestId('ip-count').textContent).toBe('2 IPs'));

    // A user name is still searched as text.
    await search('us');
    await search('russ');
    await waitFor(() => expect(screen.getByTestId('ip-count').textContent).toBe('1 IP'));
    expect(screen.queryByTestId('search-meaning')).toBeNull();
  });

  it('lists in the Days tab only the days with attempts for the search, and saves them in the order shown', async () => {
    const host = new FakeHost(ATTACKS);
    const ip = await mountSearchingFirstIp(host);
    await fireEvent.click(screen.getByTestId('tab-days'));
    const days = [...new Set(ATTACKS.filter((a) => a.ip === ip).map((a) => a.ts.slice(0, 10)))];
    const shown = () => screen.getAllByTestId('day-row').map((r) => r.dataset.day);
    expect(shown().sort()).toEqual(days.sort());
    expect(screen.getByTestId('top-days').textContent).toContain(`Days (${days.length})`);
    expect(figure('summary-days')).toBe(String(days.length));

    const order = screen.getByTestId('days-order');
    expect(order.textContent).toBe('Sorted: busiest first');
    await fireEvent.click(screen.getByTestId('save-days'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(1));
    expect(host.savedFiles[0].text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0])).toEqual(shown());
    await fireEvent.click(order);
    expect(order.textContent).toBe('Sorted: by date');
    expect(shown()).toEqual([...days].sort());
    await fireEvent.click(screen.getByTestId('save-days'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(2));
    expect(host.savedFiles[1].text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0])).toEqual(shown());
  });

  it('opens an IP\'s detail from its row and closes it with Escape', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    const row = screen.getAllByTestId('ip-row')[0];
    await fireEvent.keyDown(row, { key: 'Enter' });
    await settle();
    const panel = screen.getByTestId('detail-panel');
    expect(panel.dataset.ip).toBe(row.dataset.ip);
    expect(screen.getByTestId('detail-attempts').getAttribute('data-value')).toBe(String(ATTACKS.filter((a) => a.ip === row.dataset.ip).length));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('detail-panel')).toBeNull();
  });

  it('says when an IP\'s detail lists only its first attempts', async () => {
    const host = new FakeHost(ATTACKS);
    host.detailAttemptLimit = 2;
    await mountApp(host);
    const row = screen.getAllByTestId('ip-row')[0];
    await fireEvent.keyDown(row, { key: 'Enter' });
    await settle();
    expect(screen.getAllByTestId('detail-attempt')).toHaveLength(2);
    const heading = screen.getByTestId('detail-attempts-table').previousElementSibling;
    expect(heading?.textContent).toBe('Attempts (first 2)');
  });

  it('opens the export dialog from its button and the menu; Escape closes it', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    await fireEvent.click(screen.getByTestId('export-button'));
    expect(screen.getByTestId('export-dialog')).toBeTruthy();
    await fireEvent.keyDown(screen.getByTestId('export-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('export-dialog')).toBeNull();
    host.menu('export-blocklist');
    await settle();
    expect(screen.getByTestId('export-dialog')).toBeTruthy();
  });

  it('clears the day range with Escape', async () => {
    const busiest = await mountWithBusiestDay(new FakeHost(ATTACKS));
    expect(figure('summary-attempts')).toBe(String(ATTACKS.filter((a) => a.ts.startsWith(busiest)).length));
    await fireEvent.keyDown(window, { key: 'Escape' });
    await settle();
    expect(screen.getByTestId('selection-range').getAttribute('data-from')).toBe('');
    expect(figure('summary-attempts')).toBe(String(ATTACKS.length));
  });

  it('re-fetches when the engine reports a changed case', async () => {
    const host = new FakeHost(ATTACKS);
    await mountApp(host);
    host.addAttempts([{ ts: '2023-03-01 12:00:00', ip: '185.220.101.4', country: 'DE', user: 'postmaster' }]);
    await settle();
    expect(figure('summary-attempts')).toBe(String(ATTACKS.length + 1));
  });
});

describe('App, Escape in a box being typed in', () => {
  it('keeps the day range: Escape while editing the per-IP threshold is the typing\'s, not a clear of the selection', async () => {
    const busiest = await mountWithBusiestDay(new FakeHost(ATTACKS));
    await fireEvent.click(screen.getByTestId('tab-incidents'));
    await settle();
    const tries = screen.getByTestId('threshold-maxretry');
    tries.focus();
    await fireEvent.input(tries, { target: { value: '3' } });
    await fireEvent.keyDown(tries, { key: 'Escape' });
    await settle();
    expect(screen.getByTestId('selection-range').getAttribute('data-from')).toBe(busiest);
    // Outside a box, Escape still clears it.
    await fireEvent.keyDown(screen.getByTestId('tab-incidents'), { key: 'Escape' });
    await settle();
    expect(screen.getByTestId('selection-range').getAttribute('data-from')).toBe('');
  });
});
