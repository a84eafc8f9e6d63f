import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import countries from 'i18n-iso-countries';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { BlocklistOptions, Selection } from '../../../src-main/shared/api';
import App from '../../../src-renderer/src/App.svelte';
import ExportDialog from '../../../src-renderer/src/views/export/ExportDialog.svelte';
import { formProblems, parseAllowlist, parseCountries } from '../../../src-renderer/src/views/export/blocklist-options';
import { countryName } from '../../../src-renderer/src/lib/geo/country-names';
import { FakeHost, giveElementsASize, settle, type FakeAttempt } from '../fakes';

/** Two CN hosts that try often, one CN host that tries once, a private address, and a RU pair. */
function attempts(): FakeAttempt[] {
  const list: FakeAttempt[] = [];
  const add = (ip: string, country: string | null, times: number) => {
    for (let i = 0; i < times; i++) list.push({ ts: `2023-11-1${i % 5} 0${i % 10}:00:00`, ip, country, user: 'admin' });
  };
  add('61.177.172.10', 'CN', 6);
  add('61.177.172.11', 'CN', 4);
  add('218.92.0.5', 'CN', 1);
  add('10.1.2.3', null, 9);
  add('95.214.27.1', 'RU', 3);
  add('95.214.27.2', 'RU', 5);
  return list;
}

const SELECTION: Selection = { from: '2023-11-10', to: '2023-11-14', countries: [], search: '' };

/** The whole window over attempts(), its elements given a size so that its panels lay out; taken down when the test ends. */
async function renderWindow(): Promise<void> {
  const restoreSize = giveElementsASize(1280, 300);
  onTestFinished(() => {
    cleanup();
    restoreSize();
  });
  render(App, { props: { host: new FakeHost(attempts()) } });
  await settle();
}

function lastPreview(host: FakeHost): BlocklistOptions {
  return host.callsOf('blocklistPreview').at(-1)!.args[0] as BlocklistOptions;
}

async function previewCount(): Promise<number> {
  return Number(screen.getByTestId('export-preview-count').getAttribute('data-value'));
}

describe('ExportDialog', () => {
  it('keeps Save disabled while the engine refuses the options, as for a field marked above', async () => {
    const host = new FakeHost(attempts());
    const preview = host.blocklistPreview.bind(host);
    host.blocklistPreview = (o: BlocklistOptions) => (o.allowlist.includes('not-an-ip')
      ? Promise.reject(new Error('allowlist: not an IP address or network: "not-an-ip"'))
      : preview(o));
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    await waitFor(() => expect(screen.getByTestId('export-preview-count')).toBeTruthy());
    const save = screen.getByTestId('export-save') as HTMLButtonElement;
    expect(save.disabled).toBe(false);
    await fireEvent.input(screen.getByTestId('export-allowlist'), { target: { value: '95.214.27.0/30\nnot-an-ip\n' } });
    await waitFor(() => expect(screen.getByTestId('export-preview').textContent).toContain('not an IP address'));
    expect(save.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('export-allowlist'), { target: { value: '95.214.27.0/30\n' } });
    await waitFor(() => expect(screen.getByTestId('export-preview-count')).toBeTruthy());
    expect(save.disabled).toBe(false);
  });

  it('asks for a preview of the current selection with sensible defaults', async () => {
    const host = new FakeHost(attempts());
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    await waitFor(() => expect(screen.getByTestId('export-preview-count')).toBeTruthy());
    expect(lastPreview(host)).toEqual({
      selection: SELECTION, format: 'plain', minAttempts: 1, excludePrivate: true, allowlist: [],
    });
    expect(await previewCount()).toBe(5); // every public address
  });

  it('names the exact user name and password in its "For …" line, as text', async () => {
    const host = new FakeHost(attempts());
    const selection: Selection = { ...SELECTION, search: '61.0.0.0/8', exact: { user: 'admin', password: '<i>123456</i>' } };
    const { container } = render(ExportDialog, { props: { host, selection, onClose: vi.fn() } });
    const scope = screen.getByTestId('export-scope').textContent!.replace(/\s+/g, ' ').trim();
    expect(scope).toMatch(/^For .+, matching “61\.0\.0\.0\/8”, with user name = admin and password = <i>123456<\/i>\.$/);
    expect(container.querySelector('i')).toBeNull();
    await waitFor(() => expect(lastPreview(host).selection).toEqual(selection));
  });

  it('names the services in its "For …" line and counts only their tries', async () => {
    const host = new FakeHost(attempts().map((a, i) => ({ ...a, service: i % 2 ? 'ssh' : null })));
    const selection: Selection = { ...SELECTION, services: ['', 'ssh'] };
    render(ExportDialog, { props: { host, selection, onClose: vi.fn() } });
    expect(screen.getByTestId('export-scope-services').textContent).toBe('at not logged, ssh');
    await waitFor(() => expect(lastPreview(host).selection).toEqual(selection));
  });

  it('passes every option through to blocklistPreview and shows its count', async () => {
    const host = new FakeHost(attempts());
    render(ExportDialog, { props: { host, selection: { ...SELECTION, countries: ['CN'] }, onClose: vi.fn() } });
    expect((screen.getByTestId('export-countries') as HTMLInputElement).value).toBe('CN');

    await fireEvent.input(screen.getByTestId('export-min-attempts'), { target: { value: '2' } });
    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: 'cn, ru' } });
    await fireEvent.input(screen.getByTestId('export-allowlist'), { target: { value: '# our partner\n95.214.27.0/30\n' } });
    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'nftables' } });
    await fireEvent.input(screen.getByTestId('export-set-name'), { target: { value: 'attackers' } });

    await waitFor(() => expect(lastPreview(host)).toEqual({
      selection: { ...SELECTION, countries: ['CN', 'RU'] },
      format: 'nftables',
      minAttempts: 2,
      excludePrivate: true,
      allowlist: ['95.214.27.0/30'],
      setName: 'attackers',
    }));
    // CN hosts with ≥2 attempts; both RU hosts are allowlisted.
    await waitFor(async () => expect(await previewCount()).toBe(2));
    expect(screen.getByTestId('export-preview').textContent).toContain('2 allowlisted');

    await fireEvent.click(screen.getByTestId('export-exclude-private'));
    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: '' } });
    await waitFor(() => expect(lastPreview(host).excludePrivate).toBe(false));
    await waitFor(async () => expect(await previewCount()).toBe(3)); // the private address is now listed
  });

  it('previews the start of the file the chosen format saves, not bare addresses whatever the format', async () => {
    const host = new FakeHost(attempts());
    const nftables = [
      '# Swarmscope blocklist (nftables): 3 IP addresses in 2 networks with at least 2 attempts each',
      'table inet swarmscope {',
      '\tset mail_attackers {',
      '\t\ttype ipv4_addr',
      '\t\tflags interval',
      '\t\telements = {',
      '\t\t\t61.177.172.10/31,',
    ];
    const csv = ['ip,country,attempts,first_seen,last_seen,users_most_tried', '61.177.172.10,CN,6,2023-11-10 00:00:00,2023-11-14 04:00:00,<b>admin</b>'];
    host.blocklistPreview = (o) => Promise.resolve({
      ips: 3, entries: 2, allowlisted: 0, excludedPrivate: 1, head: o.format === 'csv' ? csv : nftables, moreLines: o.format !== 'csv',
    });
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'nftables' } });
    await waitFor(() => expect(screen.getByTestId('export-preview-head').textContent).toBe(`${nftables.join('\n')}\n…`));
    expect(screen.getByTestId('export-preview').textContent).toContain('Start of the file (more follows):');

    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'csv' } });
    await waitFor(() => expect(screen.getByTestId('export-preview-head').textContent).toBe(csv.join('\n')));
    expect(screen.getByTestId('export-preview').textContent).toContain('Start of the file:');
    // A user name is text, never markup.
    expect(screen.getByTestId('export-preview-head').querySelector('b')).toBeNull();
  });

  it('says how many IPs the CIDR entries cover, in words with their spaces', async () => {
    const host = new FakeHost(attempts());
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'cidr' } });
    // 61.177.172.10 and .11 make one /31; the other three public addresses stay alone.
    await waitFor(async () => expect(await previewCount()).toBe(4));
    expect(screen.getByTestId('export-preview').textContent?.replace(/\s+/g, ' ')).toContain('4 entries for 5 IPs');
  });

  it('saves the blocklist through the host', async () => {
    const host = new FakeHost(attempts());
    const onClose = vi.fn();
    render(ExportDialog, { props: { host, selection: SELECTION, onClose } });
    await fireEvent.input(screen.getByTestId('export-min-attempts'), { target: { value: '5' } });
    await waitFor(async () => expect(await previewCount()).toBe(2));
    await fireEvent.click(screen.getByTestId('export-save'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(1));
    expect(host.savedFiles[0]).toEqual({ name: 'blocklist-plain.txt', text: '61.177.172.10\n95.214.27.2\n' });
    expect(onClose).toHaveBeenCalled();
  });

  it('takes country names, and marks one it does not know instead of exporting every country', async () => {
    const host = new FakeHost(attempts());
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: 'china' } });
    await waitFor(() => expect(lastPreview(host).selection.countries).toEqual(['CN']));
    await waitFor(async () => expect(await previewCount()).toBe(3)); // the three CN hosts, not all five
    expect(screen.queryByTestId('export-countries-error')).toBeNull();

    const asked = host.callsOf('blocklistPreview').length;
    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: 'China, Chna, XX' } });
    const error = await screen.findByTestId('export-countries-error');
    expect(error.textContent).toContain('“Chna”, “XX”');
    expect(screen.getByTestId('export-countries').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('export-preview-count')).toBeNull();
    expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(host.callsOf('blocklistPreview')).toHaveLength(asked); // nothing was previewed for the bad field

    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: 'China, Russia' } });
    await waitFor(async () => expect(await previewCount()).toBe(5));
    expect(screen.queryByTestId('export-countries-error')).toBeNull();
    expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(false);

    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: 'China, Moldova, Republic of, Syria' } });
    await waitFor(() => expect(lastPreview(host).selection.countries).toEqual(['CN', 'MD', 'SY']));
    expect(screen.queryByTestId('export-countries-error')).toBeNull();
  });

  it('marks a set name it cannot use, in words, and saves nothing until it is fixed', async () => {
    const host = new FakeHost(attempts());
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'ipset' } });
    await fireEvent.input(screen.getByTestId('export-set-name'), { target: { value: 'mail attackers!' } });
    expect((await screen.findByTestId('export-set-name-error')).textContent).toMatch(/letters, digits, _ and -/);
    expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('export-preview').textContent).not.toMatch(/options\.setName|expected/);
    await fireEvent.input(screen.getByTestId('export-set-name'), { target: { value: 'mail_attackers' } });
    await waitFor(() => expect(lastPreview(host).setName).toBe('mail_attackers'));
    expect(screen.queryByTestId('export-set-name-error')).toBeNull();
    await waitFor(() => expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(false));
  });

  it('closes on Escape', async () => {
    const host = new FakeHost(attempts());
    const onClose = vi.fn();
    render(ExportDialog, { props: { host, selection: SELECTION, onClose } });
    await fireEvent.keyDown(screen.getByTestId('export-dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('export form parsing', () => {
  it('reads allowlists with comments, commas and blank lines', () => {
    expect(parseAllowlist('# office\n192.0.2.0/24, 198.51.100.7\n\n  2001:db8::/32  # v6\n')).toEqual(['192.0.2.0/24', '198.51.100.7', '2001:db8::/32']);
  });

  it('reads country codes and English names, once each, and reports what is neither', () => {
    expect(parseCountries('cn, RU ru; china')).toEqual({ codes: ['CN', 'RU'], unknown: [] });
    expect(parseCountries('United Kingdom; russian federation, Cote d\'Ivoire, zz')).toEqual({ codes: ['GB', 'RU', 'CI', 'ZZ'], unknown: [] });
    expect(parseCountries('China, XX, Chna, CN 1')).toEqual({ codes: ['CN'], unknown: ['XX', 'Chna', 'CN 1'] });
    expect(parseCountries('  ')).toEqual({ codes: [], unknown: [] });
  });

  it('reads a country name with a comma of its own, as the app shows it, as one country', () => {
    expect(parseCountries('Moldova, Republic of')).toEqual({ codes: ['MD'], unknown: [] });
    expect(parseCountries('China, Korea, Republic of, Syria; Laos, Unknown or private')).toEqual({ codes: ['CN', 'KR', 'SY', 'LA', 'ZZ'], unknown: [] });
    expect(parseCountries('Korea, China')).toEqual({ codes: ['CN'], unknown: ['Korea'] }); // North or South?
    const codes = Object.keys(countries.getNames('en'));
    expect(parseCountries(codes.map(countryName).join(', '))).toEqual({ codes, unknown: [] });
  });

  it('asks which Congo, rather than blocking the one the library lists first', () => {
    const form = { minAttempts: 1, countries: 'Congo', excludePrivate: true, allowlist: '', format: 'plain' as const, setName: 'x' };
    expect(parseCountries('Congo, CN')).toEqual({ codes: ['CN'], unknown: ['Congo'] });
    expect(formProblems(form).countries).toMatch(/^Not a country: “Congo”\..* “Congo” is the name of 2 countries: type the code \(CD or CG\)\.$/);
  });

  it('asks for a set name the engine writes unchanged', () => {
    const form = { minAttempts: 1, countries: '', excludePrivate: true, allowlist: '', format: 'nftables' as const, setName: 'mail_attackers' };
    expect(formProblems(form)).toEqual({});
    for (const bad of ['1abc', 'bad name', 'x;rm', '', 'a'.repeat(25)]) expect(formProblems({ ...form, setName: bad }).setName, bad).toMatch(/letters, digits/);
    expect(formProblems({ ...form, format: 'plain', setName: 'bad name' })).toEqual({}); // not used by the plain list
  });
});

describe('the minimum attempts per IP', () => {
  it('marks an empty box, 0, a negative or a fractional number, rather than taking it as 1', async () => {
    const host = new FakeHost(attempts());
    render(ExportDialog, { props: { host, selection: SELECTION, onClose: vi.fn() } });
    const box = screen.getByTestId('export-min-attempts') as HTMLInputElement;
    for (const typed of ['', '0', '-3', '2.5']) {
      await fireEvent.input(box, { target: { value: typed } });
      expect(screen.getByTestId('export-min-attempts-error').textContent).toMatch(/whole number of attempts, 1 or more/);
      expect(box.getAttribute('aria-invalid')).toBe('true');
      expect(box.getAttribute('aria-describedby')).toBe('export-min-error');
      expect(screen.getByTestId('export-preview-blocked')).toBeTruthy();
      expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(true);
    }
    await fireEvent.input(box, { target: { value: '3' } });
    expect(screen.queryByTestId('export-min-attempts-error')).toBeNull();
    await waitFor(() => expect(lastPreview(host).minAttempts).toBe(3));
  });
});

describe('the export options', () => {
  it('are as the user left them when the dialog opens again in the window', async () => {
    await renderWindow();
    await fireEvent.click(screen.getByTestId('export-button'));
    await fireEvent.input(screen.getByTestId('export-min-attempts'), { target: { value: '4' } });
    await fireEvent.click(screen.getByTestId('export-exclude-private'));
    await fireEvent.input(screen.getByTestId('export-allowlist'), { target: { value: '61.177.172.10' } });
    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'cidr' } });
    await fireEvent.input(screen.getByTestId('export-countries'), { target: { value: 'CN' } });
    await fireEvent.click(screen.getByTestId('export-cancel'));
    expect(screen.queryByTestId('export-dialog')).toBeNull();

    await fireEvent.click(screen.getByTestId('export-button'));
    expect((screen.getByTestId('export-min-attempts') as HTMLInputElement).value).toBe('4');
    expect((screen.getByTestId('export-exclude-private') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('export-allowlist') as HTMLTextAreaElement).value).toBe('61.177.172.10');
    expect((screen.getByTestId('export-format') as HTMLSelectElement).value).toBe('cidr');
    expect((screen.getByTestId('export-countries') as HTMLInputElement).value).toBe('CN');
    await fireEvent.keyDown(screen.getByTestId('export-dialog'), { key: 'Escape' });

    // Countries chosen in the window since: the dialog starts from them, the other options stay the user's.
    await fireEvent.click(screen.getAllByTestId('country-row').find((row) => row.dataset.country === 'RU')!);
    await settle();
    await fireEvent.click(screen.getByTestId('export-button'));
    expect((screen.getByTestId('export-countries') as HTMLInputElement).value).toBe('RU');
    expect((screen.getByTestId('export-min-attempts') as HTMLInputElement).value).toBe('4');
  });
});

describe('the export dialog and the keyboard', () => {
  it('gives the focus back to the Export button when it closes (Escape, Cancel), not to the page', async () => {
    await renderWindow();
    const button = screen.getByTestId('export-button');
    for (const close of [
      () => fireEvent.keyDown(screen.getByTestId('export-dialog'), { key: 'Escape' }),
      () => fireEvent.click(screen.getByTestId('export-cancel')),
    ]) {
      button.focus();
      await fireEvent.click(button);
      expect(screen.getByTestId('export-dialog').contains(document.activeElement)).toBe(true);
      await close();
      await settle();
      expect(screen.queryByTestId('export-dialog')).toBeNull();
      expect(document.activeElement).toBe(button);
    }
  });

  it('keeps Tab inside while it is open: from its last control to its first, and Shift+Tab back', async () => {
    await renderWindow();
    await fireEvent.click(screen.getByTestId('export-button'));
    const dialog = screen.getByTestId('export-dialog');
    const controls = [...dialog.querySelectorAll<HTMLElement>('input, select, textarea, button:not(:disabled)')];
    expect(controls.length).toBeGreaterThan(3);
    controls.at(-1)!.focus();
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(controls[0]);
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(controls.at(-1));
  });
});
