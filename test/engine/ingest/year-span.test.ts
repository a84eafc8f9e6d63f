import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datedAfterYearLess, yearCountedBack } from '../../../src-main/engine/ingest/year-span';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'year-span-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A syslog line for a UTC date, as dovecot writes it through syslog (no year). */
function line(at: Date, n: number, filler = ''): string {
  const stamp = `${MONTHS[at.getUTCMonth()]} ${String(at.getUTCDate()).padStart(2, ' ')} ${at.toISOString().slice(11, 19)}`;
  return `${stamp} mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u${n}>, rip=198.51.100.${n % 250 + 1}${filler}\n`;
}

/**
 * A log with `perDay` lines a day from `from` to `to` (UTC days), last written an hour after its last line.
 * `filler` makes lines longer, so that a file is large enough to be read at spread-out places.
 */
function writeLog(name: string, from: string, to: string, perDay = 1, filler = ''): { path: string; size: number; mtimeMs: number } {
  const file = path.join(dir, name);
  const out: string[] = [];
  let last = new Date(from);
  let n = 0;
  for (let t = new Date(`${from}T10:00:00Z`); t <= new Date(`${to}T23:59:59Z`); t = new Date(t.getTime() + 86_400_000)) {
    for (let k = 0; k < perDay; k++) {
      last = new Date(t.getTime() + k * 60_000);
      out.push(line(last, n++, filler));
    }
  }
  fs.writeFileSync(file, out.join(''));
  const mtime = new Date(last.getTime() + 3_600_000);
  fs.utimesSync(file, mtime, mtime);
  return { path: file, size: fs.statSync(file).size, mtimeMs: mtime.getTime() };
}

describe('yearCountedBack', () => {
  it('counts a two-year file back from its last line, read whole when small', () => {
    const file = writeLog('two-years-small.log', '2023-03-01', '2025-01-14', 1, '').path;
    // Every third line kept: under 64 KB, read whole.
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l, i, all) => i % 3 === 0 || i === all.length - 2);
    fs.writeFileSync(file, lines.join('\n'));
    const mtime = new Date('2025-01-15T00:00:00Z');
    fs.utimesSync(file, mtime, mtime);
    const size = fs.statSync(file).size;
    expect(size).toBeLessThan(64 * 1024);
    expect(yearCountedBack({ path: file, size, mtimeMs: mtime.getTime() }))
      .toEqual({ year: 2023, firstDay: { month: 3, day: 1 }, yearsBack: 1, from: '2023-03-01', to: '2025-01-14', sameAsLookAhead: false });
  });

  it('counts a two-year file back from places, where places a window apart overlap', () => {
    const file = writeLog('two-years.log', '2023-03-01', '2025-01-14');
    expect(file.size).toBeGreaterThan(64 * 1024);
    expect(file.size).toBeLessThan(2 * 1024 * 1024);
    expect(yearCountedBack(file)).toEqual({ year: 2023, firstDay: { month: 3, day: 1 }, yearsBack: 1, from: '2023-03-01', to: '2025-01-14', sameAsLookAhead: false });
  });

  it('counts a large file of several years back from places spread over it', () => {
    // About 13 MB: read at 512 places, a few lines at each.
    const file = writeLog('years.log', '2020-12-20', '2024-02-29', 60, ', method=PLAIN, lip=10.0.0.1, TLS, session=<AbCdEfGhIjKlMnOp>');
    expect(file.size).toBeGreaterThan(4 * 1024 * 1024);
    expect(yearCountedBack(file)).toEqual({ year: 2020, firstDay: { month: 12, day: 20 }, yearsBack: 3, from: '2020-12-20', to: '2024-02-29', sameAsLookAhead: false });
  });

  it('says when the parser would read the same year ahead: a calendar year last written on Dec 31', () => {
    // `Jan  1` fits Jan 1 of the next year through the day of slack past an mtime of Dec 31 (rule 4).
    const file = writeLog('calendar.log', '2023-01-01', '2023-12-31');
    expect(yearCountedBack(file)).toEqual({ year: 2023, firstDay: { month: 1, day: 1 }, yearsBack: 1, from: '2023-01-01', to: '2023-12-31', sameAsLookAhead: true });
  });

  it('leaves a file of less than a year, crossing New Year, to the forward reading', () => {
    expect(yearCountedBack(writeLog('winter.log', '2023-10-01', '2024-03-15'))).toBeNull();
    expect(yearCountedBack(writeLog('week.log', '2024-02-25', '2024-03-02', 500))).toBeNull();
  });

  it('leaves a file with a few lines stamped ahead by a wrong clock to the forward reading', () => {
    const file = writeLog('glitch.log', '2024-03-01', '2024-03-07', 200);
    const lines = fs.readFileSync(file.path, 'utf8').split('\n');
    lines.splice(300, 0, line(new Date('2024-03-20T10:00:00Z'), 9999).trimEnd());
    fs.writeFileSync(file.path, lines.join('\n'));
    fs.utimesSync(file.path, new Date(file.mtimeMs), new Date(file.mtimeMs));
    expect(yearCountedBack({ ...file, size: fs.statSync(file.path).size })).toBeNull();
  });

  it('leaves files without year-less stamps, and files it cannot read, alone', () => {
    const iso = path.join(dir, 'iso.log');
    fs.writeFileSync(iso, '2021-03-01 10:00:00 auth: Info: passwd-file(a,192.0.2.1): unknown user\n2024-03-01 10:00:00 auth: Info: x\n');
    fs.utimesSync(iso, new Date('2022-01-01'), new Date('2022-01-01'));
    expect(yearCountedBack({ path: iso, size: fs.statSync(iso).size, mtimeMs: Date.parse('2022-01-01') })).toBeNull();
    expect(yearCountedBack({ path: path.join(dir, 'gone.log'), size: 100, mtimeMs: Date.now() })).toBeNull();
  });
});

describe('datedAfterYearLess', () => {
  /** `file`'s lines from `fromLine` on with RFC 3339 stamps of `year`, as rsyslog writes them since Debian 12. */
  function stampFrom(file: string, fromLine: number, year: number): void {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, lines.map((l, i) => {
      const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\S+) (.*)$/.exec(l);
      if (i < fromLine || !m) return l;
      return `${year}-${String(MONTHS.indexOf(m[1]) + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}T${m[3]}.000000+01:00 ${m[4]}`;
    }).join('\n'));
  }

  it('finds where stamps with a year take over from year-less ones, deep in a large file', () => {
    const log = writeLog('switched.log', '2023-01-01', '2023-12-31', 40, ' '.repeat(200));
    expect(log.size).toBeGreaterThan(4096 * 512);
    // From the line of Oct 1 on.
    stampFrom(log.path, 273 * 40, 2023);
    const found = datedAfterYearLess({ path: log.path, size: fs.statSync(log.path).size })!;
    expect(found.year).toBe(2023);
    // The first place read past the change: within a day and a half of it (512 places over a year).
    expect(Date.UTC(found.year, found.month - 1, found.day) - Date.UTC(2023, 9, 1)).toBeLessThanOrEqual(2 * 86_400_000);
  });

  it('dates the year-less stamps before them from them when the file\'s time is a copy\'s, years later', () => {
    const log = writeLog('switched-copied.log', '2023-12-01', '2024-01-20', 4);
    // From the line of Jan 10 on; its own time (an hour after its last line) agrees with them: nothing to change.
    stampFrom(log.path, 40 * 4, 2024);
    const copy = { path: log.path, size: fs.statSync(log.path).size, mtimeMs: log.mtimeMs };
    expect(yearCountedBack(copy)).toBeNull();
    // Copied without its time on 2026-06-01: the Dec 2023 lines would be Dec 2025 by the copy's time.
    const copied = { ...copy, mtimeMs: Date.parse('2026-06-01T12:00:00Z') };
    expect(yearCountedBack(copied)).toEqual({
      year: 2023, firstDay: { month: 12, day: 1 }, yearsBack: 2, from: '2023-12-01', to: '2024-01-09', sameAsLookAhead: false, datedFrom: '2024-01-10',
    });
  });

  it('finds none in a file of year-less stamps only, or whose stamps with a year come first', () => {
    const plain = writeLog('year-less.log', '2023-11-01', '2023-11-30');
    expect(datedAfterYearLess(plain)).toBeNull();
    const dated = writeLog('dated.log', '2023-11-01', '2023-11-30');
    stampFrom(dated.path, 0, 2023);
    expect(datedAfterYearLess({ path: dated.path, size: fs.statSync(dated.path).size })).toBeNull();
  });
});
