// Attacker-chosen text (user names, passwords, log lines) must reach the screen as text, never as markup.
import { render, screen, waitFor, fireEvent } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseInfo, Selection, SourceReport } from '../../../src-main/shared/api';
import IpDetailPanel from '../../../src-renderer/src/views/detail/IpDetailPanel.svelte';
import SelectionBarHarness from './SelectionBarHarness.svelte';
import TopUsers from '../../../src-renderer/src/views/panels/TopUsers.svelte';
import TopPasswords from '../../../src-renderer/src/views/panels/TopPasswords.svelte';
import SourcesTable from '../../../src-renderer/src/views/tables/SourcesTable.svelte';
import { FakeHost, type FakeAttempt } from '../fakes';

const HOSTILE = ['<img src=x onerror=alert(1)>', '{{7*7}}', '<script>alert(2)</script>', '=HYPERLINK("http://x")', '${7*7}'];
const ALL: Selection = { from: null, to: null, countries: [], search: '' };

function hostileAttempts(): FakeAttempt[] {
  return HOSTILE.map((text, i) => ({ ts: `2023-11-10 0${i}:00:00`, ip: '45.83.64.7', country: 'RU', user: text, password: text }));
}

function expectLiteral(container: HTMLElement): void {
  for (const text of HOSTILE) expect(container.textContent).toContain(text);
  expect(container.querySelector('img')).toBeNull();
  expect(container.querySelector('script')).toBeNull();
  expect(container.textContent).not.toMatch(/(^|[^*\d])49([^\d]|$)/);
}

describe('hostile strings are shown literally', () => {
  it('in the users and passwords tables', async () => {
    const host = new FakeHost(hostileAttempts());
    const users = await host.users(ALL, 500);
    const { container } = render(TopUsers, { props: { host, rows: users, selection: ALL, totalAttempts: HOSTILE.length, onPick: () => {} } });
    expectLiteral(container);
    const passwords = await host.passwords(ALL, 500);
    const second = render(TopPasswords, { props: { host, rows: passwords, selection: ALL, totalAttempts: HOSTILE.length } });
    expectLiteral(second.container);
  });

  it('in the IP detail panel, including raw log lines', async () => {
    const host = new FakeHost(hostileAttempts());
    const { container } = render(IpDetailPanel, { props: { host, ip: '45.83.64.7', selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getAllByTestId('detail-attempt')).toHaveLength(HOSTILE.length));
    expectLiteral(container);
    await fireEvent.click(screen.getByTestId('detail-show-raw'));
    await waitFor(() => expect(screen.getByTestId('detail-raw-lines')).toBeTruthy());
    expect(host.callsOf('rawLines')[0].args[0]).toHaveLength(HOSTILE.length);
    for (const text of HOSTILE) expect(screen.getByTestId('detail-raw-lines').textContent).toContain(`user=<${text}>`);
    expect(container.querySelector('img')).toBeNull();
  });

  it('in unparsed-line samples, warnings and file names of the sources tab', async () => {
    const host = new FakeHost();
    const source: SourceReport = {
      path: '/logs/<img src=x onerror=alert(1)>.log', encoding: 'plain', bytes: 100, lines: 3, attemptLines: 0, loginLines: 0,
      ignoredLines: 0, unparsedLines: 3, attempts: 0, logins: 0, firstTs: null, lastTs: null,
      notes: ['{{7*7}}'], warnings: ['<script>alert(2)</script>'], errors: ['=HYPERLINK("http://x")'],
      unparsed: [{ pattern: 'imap: <#> ${7*7}', count: 3, samples: ['imap: <img src=x onerror=alert(1)> ${7*7}'] }],
    };
    const info: CaseInfo = { path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources: [source], unread: [], geo: [], startYear: null };
    const { container } = render(SourcesTable, { props: { host, info, selection: ALL } });
    expectLiteral(container);
    expect(screen.getByTestId('unparsed-sample').textContent).toBe('imap: <img src=x onerror=alert(1)> ${7*7}');
  });

  it('with characters that would not show, or would reorder the text, shown by their code points', async () => {
    // A zero-width space makes a second `admin` that looks like the first; a right-to-left override turns
    // `admin‮txt.exe` around on screen; a tab and an escape character would not show either.
    const tricky = ['adm\u200bin', 'admin\u202etxt.exe', 'pass\tword\u001b[2J'];
    const host = new FakeHost(tricky.map((text, i) => ({ ts: `2023-11-10 0${i}:00:00`, ip: '45.83.64.7', country: 'RU', user: text, password: text })));
    const { container } = render(TopUsers, { props: { host, rows: await host.users(ALL, 500), selection: ALL, totalAttempts: tricky.length, onPick: () => {} } });
    const cells = [...container.querySelectorAll('[data-testid="value-row"] td.value')].map((td) => td.textContent);
    expect(cells.sort()).toEqual(['admU+200Bin', 'adminU+202Etxt.exe', 'passU+0009wordU+001B[2J']);
    expect(container.textContent).not.toMatch(/[\u200b\u202e\u0009\u001b]/);
    const marks = [...container.querySelectorAll('[data-testid="invisible-char"]')];
    expect(marks.map((m) => m.getAttribute('title')).sort()).toEqual([
      'control character in the log', 'right-to-left override in the log', 'tab in the log', 'zero-width space in the log',
    ]);
    // The row still stands for the value as the log has it (a click searches for that).
    expect([...container.querySelectorAll('[data-testid="value-row"]')].map((r) => r.getAttribute('data-value')).sort()).toEqual([...tricky].sort());

    const detail = render(IpDetailPanel, { props: { host, ip: '45.83.64.7', selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getAllByTestId('detail-attempt')).toHaveLength(tricky.length));
    expect(detail.container.textContent).toContain('admU+200Bin');
    expect(detail.container.textContent).not.toMatch(/[\u200b\u202e\u001b]/);
  });

  it('with a space that ends or starts a value marked, so that `admin ` is not taken for `admin`', async () => {
    const alike = ['admin', 'admin ', ' admin', 'ad min'];
    const host = new FakeHost(alike.map((text, i) => ({ ts: `2023-11-10 0${i}:00:00`, ip: '45.83.64.7', country: 'RU', user: text, password: text })));
    const { container } = render(TopUsers, { props: { host, rows: await host.users(ALL, 500), selection: ALL, totalAttempts: alike.length, onPick: () => {} } });
    const cells = [...container.querySelectorAll('[data-testid="value-row"] td.value')].map((td) => td.textContent);
    expect(cells.sort()).toEqual(['U+0020admin', 'ad min', 'admin', 'adminU+0020']);
    // In the IP detail, where values wrap after their spaces, only the value's own ends are marked.
    const detail = render(IpDetailPanel, { props: { host, ip: '45.83.64.7', selection: ALL, onClose: () => {} } });
    await waitFor(() => expect(screen.getAllByTestId('detail-attempt')).toHaveLength(alike.length));
    const users = screen.getAllByTestId('detail-attempt').map((row) => row.querySelectorAll('td')[2].textContent);
    expect(users.sort()).toEqual(['U+0020admin', 'ad min', 'admin', 'adminU+0020']);
    detail.unmount();
  });

  it('in the selection bar search chip', () => {
    const { container } = render(SelectionBarHarness, { props: { search: '<img src=x onerror=alert(1)>' } });
    expect(screen.getByTestId('selection-search').textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
  });
});
