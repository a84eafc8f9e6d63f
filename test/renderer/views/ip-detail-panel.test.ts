import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import IpDetailPanel from '../../../src-renderer/src/views/detail/IpDetailPanel.svelte';
import { FakeHost, type FakeAttempt } from '../fakes';
import { sourceText } from '../source-text';

const IP = '45.83.64.7';
const ALL: Selection = { from: null, to: null, countries: [], search: '' };

function attempts(): FakeAttempt[] {
  const users = ['admin', 'admin', 'root', '<b>admin</b>'];
  return users.map((user, i) => ({ ts: `2023-11-10 0${i}:00:00`, ip: IP, country: 'RU', user, password: i % 2 ? '123456' : 'qwerty' }));
}

describe('IpDetailPanel', () => {
  it('says nothing more than "in the selection" when only the range and countries apply', async () => {
    render(IpDetailPanel, { props: { host: new FakeHost(attempts()), ip: IP, selection: { ...ALL, countries: ['RU'] }, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('4'));
    expect(screen.queryByTestId('detail-narrowed')).toBeNull();
  });

  it('counts the selection’s attempts and says which user name, password and search narrow them, as text', async () => {
    const host = new FakeHost(attempts());
    const selection: Selection = { ...ALL, search: 'adm', exact: { user: '<b>admin</b>', password: '123456' } };
    const { container } = render(IpDetailPanel, { props: { host, ip: IP, selection, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('1'));
    expect(host.callsOf('ipDetail').at(-1)!.args).toEqual([IP, selection]);
    const said = screen.getByTestId('detail-narrowed').textContent!.replace(/\s+/g, ' ');
    expect(said).toContain('with user name = <b>admin</b>');
    expect(said).toContain('and password = 123456');
    expect(said).toContain('matching “adm”');
    expect(container.querySelector('b')).toBeNull(); // the logged text is shown, never made markup
  });

  it('says which services narrow the attempts and logins, and counts those only', async () => {
    const host = new FakeHost(attempts().map((a, i) => ({ ...a, service: i ? 'imap' : 'ssh' })));
    const selection: Selection = { ...ALL, services: ['ssh'] };
    render(IpDetailPanel, { props: { host, ip: IP, selection, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('1'));
    expect(host.callsOf('ipDetail').at(-1)!.args).toEqual([IP, selection]);
    expect(screen.getByTestId('detail-narrowed').textContent!.replace(/\s+/g, ' ').trim()).toBe('Only attempts and logins at ssh.');
  });

  it('takes the focus to its close button, and gives it back to what had it (the IP row) when it closes', async () => {
    const row = document.createElement('div');
    row.tabIndex = 0;
    document.body.append(row);
    row.focus();
    const { unmount } = render(IpDetailPanel, { props: { host: new FakeHost(attempts()), ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('detail-close')));
    flushSync(() => unmount());
    expect(document.activeElement).toBe(row);
    row.remove();
  });

  it('leaves the focus where the user put it outside the panel', async () => {
    const row = document.createElement('div');
    const elsewhere = document.createElement('input');
    row.tabIndex = 0;
    document.body.append(row, elsewhere);
    row.focus();
    const { unmount } = render(IpDetailPanel, { props: { host: new FakeHost(attempts()), ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('detail-close')));
    elsewhere.focus();
    flushSync(() => unmount());
    expect(document.activeElement).toBe(elsewhere);
    row.remove();
    elsewhere.remove();
  });
});

describe('IpDetailPanel scrolling', () => {
  it('has no top padding in its scrolling body, where rows scrolled up showed through above the stuck table header', async () => {
    // A sticky header sticks at the scroll box's padding edge, not its top: jsdom lays nothing out, so the rule is read.
    const file = 'src-renderer/src/views/detail/IpDetailPanel.svelte';
    const css = compile(await sourceText(file), { filename: file, css: 'external' }).css?.code ?? '';
    const body = /\.body\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const padding = /padding:\s*([^;]+)/.exec(body)?.[1].trim().split(/\s+/) ?? [];
    expect(padding.length).toBeGreaterThan(0);
    expect(padding[0]).toMatch(/^0(px)?$/);
    expect(/padding-top:\s*(?!0)/.test(body)).toBe(false);
  });
});

describe('IpDetailPanel in a narrow window', () => {
  /** The panel's width in a window `viewport` px wide, from its rule's min()/max() of px and vw lengths. */
  function panelWidthAt(css: string, viewport: number): number {
    const rule = /\.panel\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const width = /(?:^|[;\s])width:\s*([^;]+)/.exec(rule)?.[1].trim() ?? '';
    const arithmetic = width
      .replace(/([\d.]+)vw/g, (_, n: string) => String((Number(n) * viewport) / 100))
      .replace(/([\d.]+)px/g, '$1')
      .replace(/\b(min|max)\(/g, 'Math.$1(');
    expect(arithmetic).toMatch(/^(?:Math\.(?:min|max)|[\d.\s,()])+$/);
    return Number(new Function(`return ${arithmetic};`)());
  }

  it('is wide enough at 800px for the attempts table, whose source column it cut off', async () => {
    // At 800px the panel was 55vw, 440px: the attempts table's least width (time, service, user, password,
    // source: 421px in Chromium) and the body's 24px of padding and 15px scroll bar came to 460px, and the body,
    // which never scrolls sideways, cut off the source column. jsdom lays nothing out, so the rule is read.
    const file = 'src-renderer/src/views/detail/IpDetailPanel.svelte';
    const css = compile(await sourceText(file), { filename: file, css: 'external' }).css?.code ?? '';
    expect(panelWidthAt(css, 800)).toBeGreaterThanOrEqual(460);
    expect(panelWidthAt(css, 1280)).toBe(640);
    // Never wider than the window.
    expect(panelWidthAt(css, 420)).toBeLessThanOrEqual(420);
  });
});

describe('IpDetailPanel raw log lines', () => {
  const many = (count: number): FakeAttempt[] => Array.from({ length: count }, (_, i) => ({
    ts: `2023-11-${String(10 + Math.floor(i / 1000)).padStart(2, '0')} ${String(Math.floor((i % 1000) / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
    ip: IP, country: 'RU', user: 'admin',
  }));

  it('says it shows only the first lines of an IP with more than it reads, and of how many', async () => {
    const host = new FakeHost(many(1_500));
    host.detailAttemptLimit = 500;
    render(IpDetailPanel, { props: { host, ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('1500'));
    expect(screen.getByTestId('detail-raw-heading').textContent).toBe('Raw log lines (first 200 of 1,500)');
    expect(screen.getByTestId('detail-show-raw').textContent!.trim()).toBe('Show the first 200 log lines');
  });

  it('says nothing more when every line is shown', async () => {
    render(IpDetailPanel, { props: { host: new FakeHost(attempts()), ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('4'));
    expect(screen.getByTestId('detail-raw-heading').textContent).toBe('Raw log lines');
    expect(screen.getByTestId('detail-show-raw').textContent!.trim()).toBe('Show the log lines (4)');
  });

  it('asks for each line by its source, and says where a line is gone rather than show the line the file there has now', async () => {
    // Two tries at line 3 of mail.log: one read before logrotate replaced the file (source 1, its rotated copy
    // gone), one read from the new mail.log (source 2). The new file's line 3 is the second try's only.
    const host = new FakeHost([
      { ts: '2023-11-10 06:25:01', ip: IP, country: 'RU', user: 'admin', source: '/var/log/mail.log', line: 3, sourceId: 1 },
      { ts: '2023-11-17 06:25:03', ip: IP, country: 'RU', user: 'root', source: '/var/log/mail.log', line: 3, sourceId: 2 },
    ]);
    const newLine = `Nov 17 06:25:03 mx1 dovecot: auth: passwd-file(root,${IP},<Qx8vZ1oJ2NTVqqFy>): unknown user`;
    host.rawText.set('/var/log/mail.log:3', newLine);
    host.replacedSources.set(1, '2023-11-12T09:41:27.512Z');
    const { container } = render(IpDetailPanel, { props: { host, ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('2'));
    await fireEvent.click(screen.getByTestId('detail-show-raw'));
    await waitFor(() => expect(screen.getByTestId('detail-raw-lines')).toBeTruthy());
    expect(host.callsOf('rawLines')[0].args[0]).toEqual([
      { source: '/var/log/mail.log', line: 3, sourceId: 1 },
      { source: '/var/log/mail.log', line: 3, sourceId: 2 },
    ]);
    expect(screen.getByTestId('detail-raw-lines').textContent!.split('\n')).toEqual([
      'mail.log:3  (the file at this path now holds other content: the line the case read on 2023-11-12 09:41 UTC is no longer there)',
      `mail.log:3  ${newLine}`,
      '',
    ]);
    expect(screen.getAllByTestId('detail-raw-gone')).toHaveLength(1);
    // Text in the pre, as the lines are: no element but the spans the panel makes.
    expect([...container.querySelectorAll('[data-testid="detail-raw-lines"] *')].every((el) => el.tagName === 'SPAN')).toBe(true);
  });

  it('keeps the focus in the panel when the raw lines replace the button that asked for them', async () => {
    // The button pressed with Enter went away with the focus on it, and the next Tab started again at the page's top.
    const host = new FakeHost(attempts());
    render(IpDetailPanel, { props: { host, ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('4'));
    screen.getByTestId('detail-show-raw').focus();
    await fireEvent.click(screen.getByTestId('detail-show-raw'));
    await waitFor(() => expect(screen.getByTestId('detail-raw-lines')).toBeTruthy());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('detail-raw-lines')));
  });
});

describe('IpDetailPanel of logs sent to the web host', () => {
  it('titles each source with the path the user dropped, not the host’s upload folders', async () => {
    const uploaded = '/tmp/swarmscope-serve-kK1erk/uploads/upload-rqjvjs/qa-year/mail.log.14.gz';
    const host = new FakeHost(
      [{ ts: '2023-10-11 06:36:58', ip: IP, country: 'ES', user: 'info@example.com', source: uploaded, line: 2795 }],
      [{ ts: '2023-10-11 07:00:00', ip: IP, user: 'info@example.com', source: uploaded, line: 2801 }],
    );
    render(IpDetailPanel, { props: { host, ip: IP, selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('1'));
    const titles = [...document.querySelectorAll('td.source')].map((cell) => cell.getAttribute('title'));
    expect(titles).toEqual(['qa-year/mail.log.14.gz', 'qa-year/mail.log.14.gz']);
  });
});
