import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseInfo, Selection, SourceReport, UnreadPath } from '../../../src-main/shared/api';
import SourcesTable from '../../../src-renderer/src/views/tables/SourcesTable.svelte';
import { FakeHost } from '../fakes';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };

function source(path: string, problems: { warnings?: string[]; errors?: string[] } = {}): SourceReport {
  return {
    path, encoding: 'plain', bytes: 100, lines: 10, attemptLines: 2, loginLines: 1, ignoredLines: 7, unparsedLines: 0,
    attempts: 2, logins: 1, firstTs: null, lastTs: null, notes: [], warnings: problems.warnings ?? [], errors: problems.errors ?? [], unparsed: [],
  };
}

function show(sources: SourceReport[]): string {
  const info: CaseInfo = { path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources, unread: [], geo: [], startYear: null };
  render(SourcesTable, { props: { host: new FakeHost(), info, selection: ALL } });
  return screen.getByTestId('sources-problems').textContent ?? '';
}

describe('the sources summary', () => {
  it('names the file with a warning, which a long list would hide', () => {
    const files = Array.from({ length: 47 }, (_, i) => source(`/logs/mail.log.${47 - i}.gz`));
    files.push(source('/logs/mail.log', { warnings: ['the files of its rotation set were all last written within an hour'] }));
    expect(show(files)).toBe('1 warning or error (in mail.log).');
  });

  it('names the first three files with problems and counts the rest', () => {
    const files = ['a.log', 'b.log', 'c.log', 'd.log', 'e.log'].map((name) => source(`/x/${name}`, { errors: ['cannot read'], warnings: ['cut'] }));
    expect(show([source('/x/ok.log'), ...files])).toBe('10 warnings or errors (in a.log, b.log, c.log and 2 more files).');
  });

  it('says there are none', () => {
    expect(show([source('/x/ok.log')])).toBe('0 warnings or errors.');
  });
});

describe('a source\'s line under its name', () => {
  it('says its span is that of its attempts and logins, and says when it has none', () => {
    const info: CaseInfo = {
      path: null, attempts: 2, logins: 1, ips: 1, firstDay: null, lastDay: null, unread: [], geo: [], startYear: null,
      sources: [{ ...source('/x/mail.log'), firstTs: '2023-11-12 10:00:01', lastTs: '2023-11-13 09:00:00' }, { ...source('/x/truth.json'), attempts: 0, logins: 0 }],
    };
    render(SourcesTable, { props: { host: new FakeHost(), info, selection: ALL } });
    const metas = screen.getAllByTestId('source-meta').map((m) => (m.textContent ?? '').replace(/\s+/g, ' ').trim());
    // The span given, first to last, as the log wrote it (not any text around a dash).
    expect(metas[0]).toBe('plain · 100 B · attempts and logins 2023-11-12 10:00:01 – 2023-11-13 09:00:00');
    expect(metas[1]).toBe('plain · 100 B · no attempts or logins');
  });
});

describe('the sources list', () => {
  it('lists the first 200 files of a case of thousands, and all of them on request', async () => {
    const files = Array.from({ length: 250 }, (_, i) => source(`/logs/part-${i}`));
    const info: CaseInfo = { path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources: files, unread: [], geo: [], startYear: null };
    render(SourcesTable, { props: { host: new FakeHost(), info, selection: ALL } });
    expect(screen.getAllByTestId('source-report')).toHaveLength(200);
    expect(screen.getByTestId('sources-more').textContent).toContain('50 more files.');
    await fireEvent.click(screen.getByTestId('sources-list-all'));
    expect(screen.getAllByTestId('source-report')).toHaveLength(250);
    expect(screen.queryByTestId('sources-more')).toBeNull();
  });

  it('counts one line and one more file in the singular', () => {
    const files = Array.from({ length: 201 }, (_, i) => ({ ...source(`/logs/part-${i}`), lines: i === 0 ? 1 : 0 }));
    const info: CaseInfo = { path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources: files, unread: [], geo: [], startYear: null };
    render(SourcesTable, { props: { host: new FakeHost(), info, selection: ALL } });
    expect(screen.getByTestId('sources-more').textContent).toContain('1 more file.');
    expect(screen.getByTestId('sources').textContent).toContain('1 line read,');
  });
});

describe('same-named files', () => {
  it('are told apart by their folder, as text, in the list and in the problems summary', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const files = [
      source('/cases/serverA/mail.log', { warnings: ['cut short'] }),
      source('/cases/serverB/mail.log', { errors: ['cannot read'] }),
      source(`/cases/${hostile}/mail.log`),
      source('/cases/serverA/other.log'),
    ];
    expect(show(files)).toBe('2 warnings or errors (in mail.log — serverA, mail.log — serverB).');
    const names = screen.getAllByTestId('source-name').map((n) => n.textContent);
    expect(names).toEqual(['mail.log — serverA', 'mail.log — serverB', `mail.log — ${hostile}`, 'other.log']);
    expect(screen.getByTestId('sources').querySelector('img')).toBeNull();
    // the full path stays beside the name, and in the hover title
    const first = screen.getAllByTestId('source-report')[0];
    expect(first.querySelector('h3')!.getAttribute('title')).toBe('/cases/serverA/mail.log');
    expect(first.querySelector('h3')!.textContent).toContain('/cases/serverA/mail.log');
  });

  it('says a dropped file\'s name once when its path is no more than that name', () => {
    show([source('/tmp/swarmscope-serve-Ab12Cd/uploads/upload-Ef34Gh/binary.bin', { errors: ['not a text log'] }), source('/logs/mail.log')]);
    const [dropped, local] = screen.getAllByTestId('source-report').map((r) => r.querySelector('h3')!);
    expect(dropped.textContent!.trim()).toBe('binary.bin');
    expect(dropped.querySelector('.path')).toBeNull();
    expect(local.textContent!.replace(/\s+/g, ' ').trim()).toBe('mail.log /logs/mail.log');
  });
});

describe('the paths given that were not read', () => {
  const unread: UnreadPath[] = [
    { path: '/drop/gone.log', kind: 'error', reason: 'no such file or folder', bytes: null, mtimeMs: null, metAt: '2026-11-30T09:00:00.000Z' },
    { path: '/drop/logs/binary.bin', kind: 'passed-over', reason: 'passed over: not a text log (the file holds binary data)', bytes: 2048, mtimeMs: Date.UTC(2026, 10, 29, 8, 30), metAt: '2026-11-30T09:00:00.000Z' },
    { path: '/drop/logs/case.sqlite.lock', kind: 'skipped', reason: 'a lock file, not a log', bytes: 5, mtimeMs: Date.UTC(2026, 10, 29, 8, 31), metAt: '2026-11-30T09:00:00.000Z' },
  ];

  function showAll(sources: SourceReport[], paths: UnreadPath[]): HTMLElement {
    const info: CaseInfo = { path: null, attempts: 2, logins: 1, ips: 1, firstDay: null, lastDay: null, sources, unread: paths, geo: [], startYear: null };
    return render(SourcesTable, { props: { host: new FakeHost(), info, selection: ALL } }).container;
  }

  it('are listed after the files read, each with what happened to it and why, and counted apart in the title and summary', () => {
    showAll([source('/drop/logs/mail.log')], unread);
    expect(screen.getByTestId('sources').querySelector('h2')!.textContent).toBe('Sources (1 file read, 3 not read)');
    expect(screen.getByTestId('sources-unread-summary').textContent).toBe('3 files given were not read (1 could not be): gone.log, binary.bin, case.sqlite.lock.');
    // After the files read, in the order of the document.
    const read = screen.getByTestId('source-report');
    const section = screen.getByTestId('unread-paths');
    expect(read.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const rows = screen.getAllByTestId('unread-path');
    expect(rows.map((r) => [r.dataset.kind, r.querySelector('[data-testid="unread-kind"]')!.textContent, r.querySelector('[data-testid="unread-reason"]')!.textContent])).toEqual([
      ['error', 'could not be read', 'no such file or folder'],
      ['passed-over', 'passed over', 'passed over: not a text log (the file holds binary data)'],
      ['skipped', 'skipped', 'a lock file, not a log'],
    ]);
    // Not drawn as a file read: no line accounting of their own.
    expect(section.querySelectorAll('[data-testid="source-report"], [data-testid="source-lines"]')).toHaveLength(0);
    expect(rows[1].textContent).toContain('2 KiB · modified 2026-11-29 08:30 UTC · met 2026-11-30 09:00 UTC');
    expect(rows[0].textContent).not.toContain('modified');
  });

  it('keep the title and summary as before when every path given was read', () => {
    showAll([source('/drop/logs/mail.log')], []);
    expect(screen.queryByTestId('unread-paths')).toBeNull();
    expect(screen.queryByTestId('sources-unread-summary')).toBeNull();
    expect(screen.getByTestId('sources').querySelector('h2')!.textContent).toBe('Sources (1 file)');
  });

  it('show hostile names and reasons as text, told apart from a file of the same name that was read', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const container = showAll([source('/a/mail.log')], [
      { ...unread[0], path: `/b/${hostile}/mail.log`, reason: `cannot read: ${hostile} {{7*7}}` },
    ]);
    expect(container.querySelector('img')).toBeNull();
    const row = screen.getByTestId('unread-path');
    expect(row.querySelector('[data-testid="unread-name"]')!.textContent).toBe(`mail.log — ${hostile}`);
    expect(row.querySelector('[data-testid="unread-reason"]')!.textContent).toBe(`cannot read: ${hostile} {{7*7}}`);
  });

  it('list the first 200 of thousands, and all of them on request', async () => {
    const many = Array.from({ length: 230 }, (_, i) => ({ ...unread[2], path: `/var/log/pipes/p${i}` }));
    showAll([], many);
    expect(screen.getAllByTestId('unread-path')).toHaveLength(200);
    expect(screen.getByTestId('unread-more').textContent).toContain('30 more paths not read.');
    await fireEvent.click(screen.getByTestId('unread-list-all'));
    expect(screen.getAllByTestId('unread-path')).toHaveLength(230);
  });
});

describe('the version line', () => {
  it('names the Swarmscope showing the case, which a forensic report must name and a browser has no About menu for', () => {
    const info: CaseInfo = { path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources: [source('/x/ok.log')], unread: [], geo: [], startYear: null };
    render(SourcesTable, { props: { host: new FakeHost(), info, selection: ALL } });
    // Vitest defines the build's version as 'test' (vitest.config.ts); the app's build, package.json's.
    expect(screen.getByTestId('app-version').textContent).toBe('Swarmscope test');
  });
});
