import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesInTheWay, runGenerate, TRUTH_FILE } from '../../../src-main/engine/generate/command';
import { generateCase } from '../../../src-main/engine/generate/generator';
import type { GenerateOptions } from '../../../src-main/engine/generate/options';
import { writeRotatedLogs, writeSingleLog, type WrittenLogs } from '../../../src-main/engine/generate/write';
import { takeCensus } from './census';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-generate-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function readLines(file: string): string[] {
  let bytes = fs.readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
  const text = bytes.toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

/** The local wall-clock a syslog stamp reads, in the given year, as a real file's mtime would hold it. */
function syslogMoment(line: string, year: number): Date {
  const m = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) /.exec(line)!;
  return new Date(year, MONTHS.indexOf(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

describe('weekly rotation across New Year', () => {
  // 2023-12-01 is a Friday; 45 days run to 2024-01-14 (a Sunday).
  const options: GenerateOptions = { seed: 21, start: '2023-12-01', days: 45, attemptsPerDay: 80 };
  let written: WrittenLogs;
  let dir: string;

  beforeAll(async () => {
    dir = path.join(tmp, 'rotated');
    written = await writeRotatedLogs(dir, options);
  });

  it('names the files like logrotate with delaycompress: mail.log, mail.log.1, mail.log.2.gz ...', () => {
    const names = written.files.map((f) => f.name);
    // Rotations on the Sundays 12-03, 12-10, 12-17, 12-24, 12-31, 01-07 and 01-14 at 06:25: 8 files.
    expect(names).toEqual([
      'mail.log.7.gz', 'mail.log.6.gz', 'mail.log.5.gz', 'mail.log.4.gz', 'mail.log.3.gz', 'mail.log.2.gz', 'mail.log.1', 'mail.log',
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
    for (const f of written.files) {
      const head = fs.readFileSync(f.path).subarray(0, 2);
      expect(head[0] === 0x1f && head[1] === 0x8b, f.name).toBe(f.gzip);
    }
  });

  it('holds every line once, in order, split at Sunday 06:25', () => {
    const parts = written.files.map((f) => readLines(f.path));
    expect(parts.flat()).toEqual(generateCase(options).lines);
    parts.forEach((lines, i) => expect(lines.length, written.files[i].name).toBe(written.files[i].lines));
    // Each file but the newest ends before its Sunday 06:25 and the next starts at or after it.
    const sundays = ['Dec  3', 'Dec 10', 'Dec 17', 'Dec 24', 'Dec 31', 'Jan  7', 'Jan 14'];
    sundays.forEach((sunday, i) => {
      expect(parts[i].at(-1)! < `${sunday} 06:25:00` || !parts[i].at(-1)!.startsWith(sunday)).toBe(true);
      expect(parts[i + 1][0].startsWith(sunday) && parts[i + 1][0] >= `${sunday} 06:25:00`).toBe(true);
    });
  });

  it('sets each file\'s mtime to its last line, in the new year once the year has turned', () => {
    for (const f of written.files) {
      const last = readLines(f.path).at(-1)!;
      const year = last.startsWith('Dec') ? 2023 : 2024;
      expect(fs.statSync(f.path).mtime.getTime(), f.name).toBe(syslogMoment(last, year).getTime());
    }
    // The week of New Year: year-less stamps that wrap from Dec 31 to Jan 1, the mtime in 2024.
    const newYear = written.files.find((f) => f.name === 'mail.log.2.gz')!;
    const lines = readLines(newYear.path);
    expect(lines[0].startsWith('Dec 31 ')).toBe(true);
    expect(lines.some((l) => l.startsWith('Jan  1 '))).toBe(true);
    expect(fs.statSync(newYear.path).mtime.getFullYear()).toBe(2024);
    expect(newYear.firstLine?.startsWith('2023-12-31 ')).toBe(true);
    expect(newYear.lastLine?.startsWith('2024-01-07 ')).toBe(true);
  });

  it('has a truth that matches the files read back', () => {
    const census = takeCensus(written.files.flatMap((f) => readLines(f.path)), 2023);
    expect(census.attempts).toBe(written.truth.attempts);
    expect(census.lines.total).toBe(written.truth.lines.total);
    expect(census.perIp.size).toBe(written.truth.ips);
  });

  it('leaves rotated files plain without compress', async () => {
    const plain = await writeRotatedLogs(path.join(tmp, 'plain'), { ...options, days: 15 }, { compress: false });
    expect(plain.files.map((f) => f.name)).toEqual(['mail.log.2', 'mail.log.1', 'mail.log']);
    expect(plain.files.every((f) => !f.gzip)).toBe(true);
  });
});

describe('one file', () => {
  it('writes the case gzip-compressed with the mtime of its last line', async () => {
    const options: GenerateOptions = { seed: 8, start: '2024-03-01', days: 5, style: 'iso' };
    const file = path.join(tmp, 'single', 'dovecot.log.gz');
    const written = await writeSingleLog(file, options, { gzip: true });
    const lines = readLines(file);
    expect(lines).toEqual(generateCase(options).lines);
    const [, y, mo, d, h, mi, s] = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) /.exec(lines.at(-1)!)!.map(Number);
    expect(fs.statSync(file).mtime.getTime()).toBe(new Date(y, mo - 1, d, h, mi, s).getTime());
    expect(written.files).toHaveLength(1);
    expect(written.files[0].lines).toBe(lines.length);
  });
});

describe('the generate command', () => {
  it('writes rotated logs and a truth.json that agrees with them', async () => {
    const out = path.join(tmp, 'command');
    const truth = await runGenerate({ out, seed: 5, start: '2023-12-20', days: 21, gzip: true });
    const saved = JSON.parse(fs.readFileSync(path.join(out, TRUTH_FILE), 'utf8'));
    const { files, ...savedTruth } = saved;
    expect(savedTruth).toEqual(JSON.parse(JSON.stringify(truth)));
    expect(files.map((f: { name: string }) => f.name)).toEqual(['mail.log.3.gz', 'mail.log.2.gz', 'mail.log.1', 'mail.log']);
    expect(truth.countries).toBeGreaterThan(20);
    const census = takeCensus(files.flatMap((f: { name: string }) => readLines(path.join(out, f.name))), 2023);
    expect(census.attempts).toBe(truth.attempts);
    expect(Object.fromEntries(census.perDay)).toEqual(
      Object.fromEntries(truth.perDay.filter((d) => d.attempts > 0).map((d) => [d.day, d.attempts])),
    );
  });

  it('aims at a number of lines in one file, replacing an earlier run', async () => {
    const out = path.join(tmp, 'command-lines');
    await runGenerate({ out, seed: 2, start: '2024-01-01', days: 10, countries: false });
    fs.writeFileSync(path.join(out, 'notes.txt'), 'kept');
    const truth = await runGenerate({ out, seed: 2, start: '2024-01-01', days: 10, lines: 30_000, single: true, countries: false });
    expect(fs.readdirSync(out).sort()).toEqual(['mail.log', 'notes.txt', TRUTH_FILE]);
    expect(readLines(path.join(out, 'mail.log'))).toHaveLength(truth.lines.total);
    expect(truth.lines.total).toBeGreaterThan(27_000);
    expect(truth.lines.total).toBeLessThan(33_000);
    expect(truth.countries).toBeNull();
  });

  it('leaves a folder alone that holds log names it did not write, unless forced', async () => {
    const out = path.join(tmp, 'command-theirs');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'mail.log.99.gz'), 'theirs');
    fs.writeFileSync(path.join(out, 'syslog'), 'theirs');
    const args = { out, seed: 2, start: '2024-01-01', days: 10, countries: false };
    expect(filesInTheWay(out)).toEqual(['mail.log.99.gz']);
    await expect(runGenerate(args)).rejects.toThrow(/mail\.log\.99\.gz/);
    expect(fs.readdirSync(out).sort()).toEqual(['mail.log.99.gz', 'syslog']);
    await runGenerate({ ...args, force: true });
    expect(fs.readdirSync(out)).not.toContain('mail.log.99.gz');
    expect(fs.readdirSync(out)).toContain('syslog');
    // Its own run is recognised by its truth.json and the files' times, until a file is changed.
    expect(filesInTheWay(out)).toEqual([]);
    const now = new Date();
    fs.utimesSync(path.join(out, 'mail.log'), now, now);
    expect(filesInTheWay(out)).toEqual(['mail.log']);
    fs.writeFileSync(path.join(out, TRUTH_FILE), '{"not": "a truth"}');
    expect(filesInTheWay(out)).toEqual(['mail.log', 'mail.log.1', TRUTH_FILE]);
  });
});
