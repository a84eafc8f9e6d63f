import { describe, expect, it } from 'vitest';
import { formatSummary, type SummaryReport } from '../../src-main/cli/summary-command';
import type { UnreadPath } from '../../src-main/shared/api';

const report: SummaryReport = {
  from: null, to: null, hours: null, selectedServices: [], selectedCountries: [],
  summary: { attempts: 1_301, ips: 3, countries: 2, days: 2, firstDay: '2023-11-12', lastDay: '2023-11-13', peakDay: { day: '2023-11-13', attempts: 1_300 }, oneShotIps: 1, oneShotShare: 1 / 3, logins: 0 },
  services: [{ service: 'imap', attempts: 1_301, ips: 3 }],
  perDay: [{ day: '2023-11-12', attempts: 1, ips: 1, countries: 1 }, { day: '2023-11-13', attempts: 1_300, ips: 2, countries: 2 }],
  topDays: [{ day: '2023-11-13', attempts: 1_300, ips: 2, countries: 2 }, { day: '2023-11-12', attempts: 1, ips: 1, countries: 1 }],
  topCountries: [{ country: 'CN', attempts: 1_300, ips: 2, share: 1_300 / 1_301 }, { country: 'ZZ', attempts: 1, ips: 1, share: 1 / 1_301 }],
  countriesPerDay: { mean: 1.5, max: 2, maxDay: '2023-11-13' },
  histogram: Array.from({ length: 21 }, (_, i) => ({ times: i + 1, computers: 1, attempts: i + 1, shareOfComputers: 1 / 21 })),
  unread: [],
  filesWithErrorsOrWarnings: [],
};

describe('formatSummary', () => {
  const text = formatSummary(report);
  const lines = (heading: string) => text.split('\n\n').find((block) => block.startsWith(heading))!.split('\n').slice(1);

  it('says "1 attempt", "1 IP", "1 country" for one, in aligned columns, each country named after them', () => {
    expect(lines('Top days:')).toEqual([
      '  2023-11-13     1,300 attempts       2 IPs     2 countries',
      '  2023-11-12         1 attempt        1 IP      1 country',
    ]);
    expect(lines('Top countries:')).toEqual([
      '  CN     1,300 attempts       2 IPs   99.9%  China',
      '  ZZ         1 attempt        1 IP     0.1%  Unknown or private',
    ]);
  });

  it('names its columns in IPs, as the viewer does', () => {
    const heading = text.split('\n').find((line) => line.startsWith('Attempts per IP'));
    expect(heading).toContain('IPs');
    expect(heading).not.toContain('computers');
  });

  it('says which services the figures are of, when chosen', () => {
    expect(text.split('\n')[0]).toBe('Selection:       all days');
    const chosen = formatSummary({ ...report, from: '2023-11-12', to: '2023-11-13', selectedServices: ['ssh', ''] });
    expect(chosen.split('\n')[0]).toBe('Selection:       2023-11-12 – 2023-11-13, services ssh, not logged');
    expect(formatSummary({ ...report, selectedServices: ['ssh'] }).split('\n')[0]).toBe('Selection:       all days, service ssh');
  });

  it('says which countries the figures are of, when chosen, before the services', () => {
    expect(formatSummary({ ...report, selectedCountries: ['CN'] }).split('\n')[0]).toBe('Selection:       all days, country CN');
    expect(formatSummary({ ...report, from: '2023-11-12', selectedCountries: ['CN', 'ZZ'], selectedServices: ['imap'] }).split('\n')[0])
      .toBe('Selection:       from 2023-11-12 on, countries CN, ZZ, service imap');
  });

  it('counts the rows it leaves out', () => {
    expect(lines('Attempts per IP').at(-1)).toBe('  … 1 more row (--json for all)');
  });

  it('names the days that hold attempts without a time stamp, piled at their file\'s last change, after the peak day', () => {
    expect(text).not.toMatch(/No time stamp/);
    const piled = formatSummary({ ...report, perDay: [report.perDay[0], { ...report.perDay[1], undated: 1_200 }] }).split('\n');
    expect(piled[piled.findIndex((l) => l.startsWith('Peak day:')) + 1])
      .toBe("No time stamp:   1,200 attempts of the case, dated at their file's last change: 2023-11-13 (1,200)");
  });

  it('says nothing of paths not read when there are none', () => {
    expect(text).not.toMatch(/Not read/);
  });

  it('counts the paths not read, with their reasons, most frequent first, their names made safe for the terminal', () => {
    const unread = (path: string, kind: UnreadPath['kind'], reason: string): UnreadPath => ({ path, kind, reason, bytes: null, mtimeMs: null, metAt: '2023-11-14T10:00:00Z' });
    const withUnread = formatSummary({
      ...report,
      unread: [
        unread('/var/log/gone.log', 'error', 'no such file or folder'),
        unread('/var/log/old.log', 'error', 'no such file or folder'),
        unread('/var/log/wtmp', 'skipped', 'a binary file of login records (wtmp)'),
        unread('/var/log/x', 'error', 'cannot read \x1b]0;pwned\x07: EACCES'),
      ],
    });
    const line = withUnread.split('\n').find((l) => l.startsWith('Not read:'));
    expect(line).toBe('Not read:        4 paths (no such file or folder ×2; a binary file of login records (wtmp); cannot read \\x1b]0;pwned\\x07: EACCES)');
  });

  it('groups the files read with errors by error and counts those with warnings, their words made safe for the terminal', () => {
    expect(text).not.toMatch(/File (errors|warnings)/);
    const lines = formatSummary({
      ...report,
      filesWithErrorsOrWarnings: [
        { path: '/var/log/mail.log.3.gz', lines: 0, errors: ['not readable as gzip: the gzip stream ends early'], warnings: [] },
        { path: '/var/log/mail.log.4.gz', lines: 0, errors: ['not readable as gzip: the gzip stream ends early'], warnings: [] },
        { path: '/var/log/x', lines: 10, errors: ['cannot read \x1b]0;pwned\x07: EIO'], warnings: ['its last line has no newline'] },
        { path: '/var/log/mail.log.2.gz', lines: 900, errors: [], warnings: ['the gzip stream ends early; the 900 lines before the damage were read'] },
      ],
    }).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Countries/day:'));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      'File errors:     3 files (not readable as gzip: the gzip stream ends early ×2; cannot read \\x1b]0;pwned\\x07: EIO)',
      'File warnings:   2 files (--json lists the warnings)',
    ]);
  });

  it('says the files with warnings alone, without a line of errors, when none has an error', () => {
    const lines = formatSummary({
      ...report, filesWithErrorsOrWarnings: [{ path: '/var/log/a', lines: 5, errors: [], warnings: ['2 lines longer than 64 KiB were cut to that length'] }],
    }).split('\n');
    expect(lines.filter((l) => l.startsWith('File '))).toEqual(['File warnings:   1 file (--json lists the warnings)']);
  });

  it('names the files past the fifth error as files, not paths', () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ path: `/var/log/m${i}.gz`, lines: 0, errors: [`error ${i}`], warnings: [] }));
    const line = formatSummary({ ...report, filesWithErrorsOrWarnings: files }).split('\n').find((l) => l.startsWith('File errors:'));
    expect(line).toBe('File errors:     7 files (error 0; error 1; error 2; error 3; error 4; 2 other files (--json lists them))');
  });
});
