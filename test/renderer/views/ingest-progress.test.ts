import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { IngestProgress as Progress, IngestResult, SourceReport } from '../../../src-main/shared/api';
import IngestProgress from '../../../src-renderer/src/views/loading/IngestProgress.svelte';

const PROGRESS: Progress = {
  files: [
    { path: '/var/log/mail.log', bytesRead: 52_428_800, bytesTotal: 52_428_800, lines: 410_233, attempts: 21_877, state: 'done' },
    { path: '/var/log/mail.log.2.gz', bytesRead: 1_048_576, bytesTotal: 4_194_304, lines: 9_001, attempts: 312, state: 'reading' },
    { path: '/var/log/mail.log.3.gz', bytesRead: 0, bytesTotal: 2_000_000, lines: 0, attempts: 0, state: 'queued' },
  ],
  bytesRead: 53_477_376, bytesTotal: 58_623_104, lines: 419_234, attempts: 22_189, current: '/var/log/mail.log.2.gz',
};

function report(path: string, extra: Partial<SourceReport>): SourceReport {
  return {
    path, encoding: 'gzip', bytes: 4_194_304, lines: 1000, attemptLines: 900, loginLines: 10, ignoredLines: 80, unparsedLines: 10,
    attempts: 900, logins: 10, firstTs: '2023-11-01 00:00:01', lastTs: '2023-11-07 23:59:58', notes: [], warnings: [], errors: [], unparsed: [],
    ...extra,
  };
}

describe('IngestProgress', () => {
  it('shows each file and the overall figures while reading, with a working Cancel', async () => {
    const onCancel = vi.fn();
    render(IngestProgress, { props: { progress: PROGRESS, ingesting: true, result: null, onCancel, onDismiss: vi.fn() } });
    const files = screen.getAllByTestId('ingest-file');
    expect(files.map((f) => f.dataset.state)).toEqual(['done', 'reading', 'queued']);
    expect(files[1].textContent).toContain('mail.log.2.gz');
    expect(files[1].querySelector('progress')!.value).toBeCloseTo(0.25, 5);
    expect(screen.getByTestId('ingest-attempts').getAttribute('data-value')).toBe('22189');
    expect(screen.getByTestId('ingest-lines').getAttribute('data-value')).toBe('419234');
    await fireEvent.click(screen.getByTestId('ingest-cancel'));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('says what one file added in the singular', () => {
    const result: IngestResult = { skipped: [], readBefore: [], cancelled: false, attemptsAdded: 1, loginsAdded: 1, elapsedMs: 5, sources: [report('/var/log/mail.log', { unparsedLines: 0, attempts: 1, logins: 1 })] };
    render(IngestProgress, { props: { progress: null, ingesting: false, result, onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(screen.getByTestId('ingest-result').textContent?.replace(/\s+/g, ' ').trim()).toBe('Added 1 attempt and 1 login from 1 file.');
  });

  it('says which files of earlier drops gave up tries to the files just read, as text', () => {
    const note = '221 attempts of it are tries that /var/log/dovecot.log holds with their auth line (this file holds the login processes\' lines alone: an extract?): counted once, as that file holds them';
    const result: IngestResult = {
      skipped: [], cancelled: false, attemptsAdded: 0, loginsAdded: 2_628, elapsedMs: 5,
      sources: [report('/var/log/dovecot.log', { unparsedLines: 0, attempts: 221, logins: 2_628 })],
      readBefore: [{ path: '/home/admin/case/<i>failures</i>.txt', attempts: 221, logins: 0, note }],
    };
    render(IngestProgress, { props: { progress: null, ingesting: false, result, onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(screen.getByTestId('ingest-result').textContent?.replace(/\s+/g, ' ').trim()).toBe('Added 0 attempts and 2,628 logins from 1 file.');
    const said = screen.getAllByTestId('ingest-read-before');
    expect(said.map((p) => p.textContent?.replace(/\s+/g, ' ').trim())).toEqual([`/home/admin/case/<i>failures</i>.txt, read before: ${note}`]);
    expect(said[0].querySelector('i')).toBeNull();
  });

  it('closes on Escape from within once reading is over, as its × does, and keeps that Escape from the window', async () => {
    const onDismiss = vi.fn();
    const onCancel = vi.fn();
    const result: IngestResult = { skipped: [], readBefore: [], cancelled: false, attemptsAdded: 1, loginsAdded: 1, elapsedMs: 5, sources: [report('/var/log/auth.log', { unparsedLines: 0, attempts: 1, logins: 1 })] };
    const { rerender } = render(IngestProgress, { props: { progress: PROGRESS, ingesting: true, result: null, onCancel, onDismiss } });
    // While reading, Escape cancels nothing: the window's Escape (the day range) is left to it.
    expect(await fireEvent.keyDown(screen.getByTestId('ingest-cancel'), { key: 'Escape' })).toBe(true);
    expect(onCancel).not.toHaveBeenCalled();
    await rerender({ progress: PROGRESS, ingesting: false, result, onCancel, onDismiss });
    // fireEvent answers false when a handler prevented the default: App's Escape then leaves the day range alone.
    expect(await fireEvent.keyDown(screen.getByTestId('ingest-show-files'), { key: 'Escape' })).toBe(false);
    expect(onDismiss).toHaveBeenCalledOnce();
    expect(await fireEvent.keyDown(screen.getByTestId('ingest-show-files'), { key: 'Enter' })).toBe(true);
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('lists the files that matter now from a drop of thousands while reading, and all of them on request', async () => {
    const state = (i: number): Progress['files'][number]['state'] => (i < 2000 ? 'done' : i === 2000 || i === 2001 ? 'reading' : 'queued');
    const files: Progress['files'] = Array.from({ length: 3000 }, (_, i) => ({
      path: `/logs/part-${String(i).padStart(4, '0')}`, bytesRead: 0, bytesTotal: 1000, lines: 0, attempts: 0,
      state: i === 7 ? 'failed' : state(i), message: i === 7 ? 'cannot read: EACCES' : undefined,
    }));
    const progress: Progress = { files, bytesRead: 2_000_000, bytesTotal: 3_000_000, lines: 200_000, attempts: 30_000, current: files[2000].path };
    render(IngestProgress, { props: { progress, ingesting: true, result: null, onCancel: vi.fn(), onDismiss: vi.fn() } });
    const names = (): string[] => screen.getAllByTestId('ingest-file').map((f) => f.querySelector('.name')!.textContent!);
    // In file order: the failed one, the last three read, the two being read, the next three waiting.
    expect(names()).toEqual(['part-0007', 'part-1997', 'part-1998', 'part-1999', 'part-2000', 'part-2001', 'part-2002', 'part-2003', 'part-2004']);
    expect(screen.getByTestId('ingest-files-summary').textContent).toContain('2,000 of 3,000 files read. Below: the 9 being read, failed, just read or next; the other 2,991 are not listed.');
    await fireEvent.click(screen.getByTestId('ingest-show-all-files'));
    expect(screen.getAllByTestId('ingest-file')).toHaveLength(3000);
    expect(screen.queryByTestId('ingest-files-summary')).toBeNull();
  });

  it('lists errors, warnings and unparsed samples of the files that had them once done', async () => {
    const result: IngestResult = {
      skipped: [{ path: '/var/log/mail/fifo', reason: 'a named pipe, not a regular file' }],
      readBefore: [], cancelled: false, attemptsAdded: 900, loginsAdded: 10, elapsedMs: 1234,
      sources: [
        report('/var/log/mail.log', { unparsedLines: 0 }),
        report('/var/log/mail.log.2.gz', {
          errors: ['gzip: unexpected end of file after 3,145,728 bytes'],
          warnings: ['year inferred from the file date'],
          unparsed: [{ pattern: 'dovecot: imap(<*>): Disconnected', count: 10, samples: ['Nov  2 10:00:00 mx dovecot: imap(bob): Disconnected'] }],
        }),
      ],
    };
    const onDismiss = vi.fn();
    render(IngestProgress, { props: { progress: PROGRESS, ingesting: false, result, onCancel: vi.fn(), onDismiss } });
    expect(screen.queryByTestId('ingest-cancel')).toBeNull();
    expect(screen.getByTestId('ingest-result').getAttribute('data-attempts')).toBe('900');
    const reports = screen.getAllByTestId('source-report');
    expect(reports.map((r) => r.dataset.path)).toEqual(['/var/log/mail.log.2.gz']);
    expect(screen.getByTestId('source-error').textContent).toContain('gzip: unexpected end of file');
    expect(screen.getByTestId('source-warning').textContent).toContain('year inferred');
    expect(screen.getByTestId('unparsed-sample').textContent).toBe('Nov  2 10:00:00 mx dovecot: imap(bob): Disconnected');
    expect(screen.getByTestId('ingest-skipped').textContent).toMatch(/Passed over 1 entry .*\/var\/log\/mail\/fifo: a named pipe, not a regular file/s);
    await fireEvent.click(screen.getByTestId('ingest-dismiss'));
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});

describe('IngestProgress with same-named files', () => {
  it('names each by the folder that tells it apart, as text, while reading and in the result', () => {
    const hostile = '<b>x</b>';
    const files: Progress['files'] = ['/drop/serverA/mail.log', '/drop/serverB/mail.log', `/drop/${hostile.replace('/', '')}/mail.log`, '/drop/serverB/auth.log']
      .map((path) => ({ path, bytesRead: 10, bytesTotal: 10, lines: 1, attempts: 1, state: 'done' as const }));
    const progress: Progress = { files, bytesRead: 40, bytesTotal: 40, lines: 4, attempts: 4, current: null };
    const { rerender } = render(IngestProgress, { props: { progress, ingesting: true, result: null, onCancel: vi.fn(), onDismiss: vi.fn() } });
    const names = (): string[] => screen.getAllByTestId('ingest-file').map((f) => f.querySelector('.name')!.textContent!);
    expect(names()).toEqual(['mail.log — serverA', 'mail.log — serverB', 'mail.log — <b>x<b>', 'auth.log']);
    expect(screen.getAllByTestId('ingest-file')[0].querySelector('.name')!.getAttribute('title')).toBe('/drop/serverA/mail.log');
    expect(screen.getByTestId('ingest-progress').querySelector('b')).toBeNull();

    const result: IngestResult = {
      sources: [report('/drop/serverA/mail.log', { warnings: ['cut short'] }), report('/drop/serverB/mail.log', { warnings: ['cut short'] })],
      skipped: [], readBefore: [], cancelled: false, attemptsAdded: 2, loginsAdded: 0, elapsedMs: 1,
    };
    void rerender({ progress, ingesting: false, result, onCancel: vi.fn(), onDismiss: vi.fn() });
    flushSync();
    expect(screen.getAllByTestId('source-name').map((n) => n.textContent)).toEqual(['mail.log — serverA', 'mail.log — serverB']);
  });
});

describe('IngestProgress after a folder read before is dropped again', () => {
  const SAME = 'same content as logs/mail.log.2.gz, already in the case (9,929 lines)';
  const skippedFile = (path: string): Progress['files'][number] => ({ path, bytesRead: 1000, bytesTotal: 1000, lines: 0, attempts: 0, state: 'skipped', message: SAME });
  const resultOf = (paths: string[], attemptsAdded: number): IngestResult => ({
    sources: paths.map((path) => report(path, { lines: 0, attemptLines: 0, attempts: 0, logins: 0, unparsedLines: 0, notes: [SAME] })),
    skipped: [], readBefore: [], cancelled: false, attemptsAdded, loginsAdded: 0, elapsedMs: 3,
  });
  const said = (): string => screen.getByTestId('ingest-result').textContent!.replace(/\s+/g, ' ').trim();

  it('says nothing was added because every file was skipped, not that 0 attempts came from them', () => {
    const files = ['/up/logs/mail.log.2.gz', '/up/logs/mail.log.3.gz', '/up/logs/mail.log.4.gz'].map(skippedFile);
    const progress: Progress = { files, bytesRead: 3000, bytesTotal: 3000, lines: 0, attempts: 0, current: null };
    render(IngestProgress, { props: { progress, ingesting: false, result: resultOf(files.map((f) => f.path), 0), onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(said()).toBe('Nothing added: all 3 files were skipped (already in the case, or no log), each for the reason listed with it.');
  });

  it('counts the skipped files beside what the others added', () => {
    const files: Progress['files'] = [
      skippedFile('/up/logs/mail.log.2.gz'),
      { path: '/up/logs/mail.log', bytesRead: 1000, bytesTotal: 1000, lines: 1458, attempts: 115, state: 'done' },
    ];
    const progress: Progress = { files, bytesRead: 2000, bytesTotal: 2000, lines: 1458, attempts: 115, current: null };
    render(IngestProgress, { props: { progress, ingesting: false, result: resultOf(files.map((f) => f.path), 115), onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(said()).toBe('Added 115 attempts and 0 logins from 2 files; 1 was skipped, each for the reason listed with it.');
  });

  // A drop of logs beside a binary file and a case: those two fail, and say so in the sentence too.
  const failedFile = (path: string, message: string): Progress['files'][number] => ({ path, bytesRead: 0, bytesTotal: 20_000, lines: 0, attempts: 0, state: 'failed', message });
  const BINARY = 'not a text log: the file holds binary data';

  it('counts the files that could not be read beside the skipped ones', () => {
    const files: Progress['files'] = [
      failedFile('/up/logs/auth.log.3', BINARY),
      failedFile('/up/logs/old-case.sqlite', 'not a text log: an SQLite database, such as a case'),
      skippedFile('/up/logs/mail.log.2.gz'),
      { path: '/up/logs/mail.log', bytesRead: 1000, bytesTotal: 1000, lines: 1458, attempts: 115, state: 'done' },
    ];
    const progress: Progress = { files, bytesRead: 2000, bytesTotal: 2000, lines: 1458, attempts: 115, current: null };
    render(IngestProgress, { props: { progress, ingesting: false, result: resultOf(files.map((f) => f.path), 115), onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(said()).toBe('Added 115 attempts and 0 logins from 4 files; 1 was skipped and 2 could not be read, each for the reason listed with it.');
  });

  it('says nothing was added when every file was skipped or could not be read', () => {
    const files = [failedFile('/up/logs/auth.log.3', BINARY), skippedFile('/up/logs/mail.log.2.gz')];
    const progress: Progress = { files, bytesRead: 1000, bytesTotal: 21_000, lines: 0, attempts: 0, current: null };
    const { unmount } = render(IngestProgress, { props: { progress, ingesting: false, result: resultOf(files.map((f) => f.path), 0), onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(said()).toBe('Nothing added: of the 2 files, 1 was skipped and 1 could not be read, each for the reason listed with it.');
    unmount();
    const alone = { ...progress, files: [files[0]] };
    render(IngestProgress, { props: { progress: alone, ingesting: false, result: resultOf([files[0].path], 0), onCancel: vi.fn(), onDismiss: vi.fn() } });
    expect(said()).toBe('Nothing added: the file could not be read, for the reason listed with it.');
  });
});
