import { describe, expect, it } from 'vitest';
import { alignToLatest, chainYears, datedByKeptTimes, datedByNames, datedByStamps, firstYearLessDay, headDays, lostTimes, outOfOrder, type ChainFile } from '../../../src-main/engine/ingest/year-chain';
import { StampReader } from '../../../src-main/engine/parse/timestamp';

describe('firstYearLessDay', () => {
  it('finds the first syslog stamp of a head, past lines without one', () => {
    const head = Buffer.from('\n-- garbage --\nDec 31 23:59:58 mail dovecot: x\nJan  1 00:00:01 mail dovecot: y\n');
    expect(firstYearLessDay(head)).toEqual({ month: 12, day: 31 });
    expect(firstYearLessDay(Buffer.from('Feb 29 10:00:00 mail dovecot: leap day\n'))).toEqual({ month: 2, day: 29 });
  });

  it('finds none in a head whose stamps carry their year, or that has no stamp', () => {
    expect(firstYearLessDay(Buffer.from('2023-11-25 10:12:21 auth: Info: x\n'))).toBeNull();
    expect(firstYearLessDay(Buffer.from('@400000004c91b044077a9e94 imap-login: x\n'))).toBeNull();
    expect(firstYearLessDay(Buffer.from('no stamp here\n'))).toBeNull();
  });
});

describe('headDays', () => {
  it('tells a head of stamps with a year from one where they follow year-less ones', () => {
    expect(headDays(Buffer.from('2024-01-16T10:00:01.000000+01:00 mail dovecot: x\nJan 17 10:00:01 mail dovecot: y\n')))
      .toEqual({ firstDay: { month: 1, day: 17 }, datedStart: { year: 2024, month: 1, day: 16 }, datedAfter: null });
    expect(headDays(Buffer.from('Dec 31 23:59:58 mail dovecot: x\n2024-01-01T00:00:02.5+01:00 mail dovecot: y\n')))
      .toEqual({ firstDay: { month: 12, day: 31 }, datedStart: null, datedAfter: { year: 2024, month: 1, day: 1 } });
    expect(headDays(Buffer.from('no stamp\n'))).toEqual({ firstDay: null, datedStart: null, datedAfter: null });
  });
});

/** A chain file with its first line's day; every file last written at `mtime` unless given. */
function file(p: string, month: number | null, day = 1, mtime = '2026-11-29T10:00:00Z'): ChainFile {
  return { path: p, mtimeMs: Date.parse(mtime), firstDay: month === null ? null : { month, day } };
}

const yearsOf = (files: ChainFile[], start?: number): (number | undefined)[] | null => chainYears(files, start)?.map((y) => y.year) ?? null;

describe('chainYears with the year the logs begin', () => {
  it('keeps a weekly rotated chain in time order across New Year', () => {
    const files = [file('/logs/mail.log.3.gz', 12, 17), file('/logs/mail.log.2.gz', 12, 24), file('/logs/mail.log.1', 12, 31), file('/logs/mail.log', 1, 7)];
    expect(yearsOf(files, 2023)).toEqual([2023, 2023, 2023, 2024]);
    expect(chainYears(files, 2023)![3]).toEqual({ year: 2024, firstDay: { month: 1, day: 7 } });
  });

  it('takes the files in rotation order whatever order they came in', () => {
    const files = [file('/logs/mail.log', 1, 7), file('/logs/mail.log.2.gz', 12, 24), file('/logs/mail.log.1', 12, 31)];
    expect(yearsOf(files, 2023)).toEqual([2024, 2023, 2023]);
  });

  it('crosses several New Years in a long chain', () => {
    const days = [[11, 1], [3, 1], [12, 1], [6, 1], [1, 5]];
    expect(yearsOf(days.map(([m, d], i) => file(`/l/mail.log.${9 - i}.gz`, m, d)), 2021)).toEqual([2021, 2022, 2022, 2023, 2024]);
  });

  it('gives files rotated by size on one day the same year, and a lone file the year given', () => {
    expect(yearsOf([file('/b/mail.log.1', 12, 30), file('/b/mail.log', 12, 30)], 2023)).toEqual([2023, 2023]);
    expect(yearsOf([file('/a/mail.err', 1, 2)], 2023)).toEqual([2023]);
  });

  it('gives a file whose head shows no day the year its chain has reached, with no day to anchor it', () => {
    const years = chainYears([file('/a/mail.log.2.gz', 12, 28), file('/a/mail.log.1', 1, 4), file('/a/mail.log', null)], 2023)!;
    expect(years[2]).toEqual({ year: 2024 });
  });
});

describe('chainYears for a chain that lost its modification times', () => {
  it('walks back from the newest file\'s time, the weeks before New Year in the year before', () => {
    // Copied on Nov 29 2026: the newest file starts on Jan 7, so 2026; the December files are 2025's.
    const files = [file('/c/mail.log.3.gz', 12, 17), file('/c/mail.log.2.gz', 12, 24), file('/c/mail.log.1', 12, 31), file('/c/mail.log', 1, 7)];
    expect(yearsOf(files)).toEqual([2025, 2025, 2025, 2026]);
  });

  it('leaves a chain with its rotation times, and a lone file, to their own times', () => {
    const rotated = [file('/r/mail.log.1', 12, 24, '2023-12-31T06:25:00Z'), file('/r/mail.log', 12, 31, '2024-01-07T06:25:00Z')];
    expect(lostTimes(rotated)).toBe(false);
    expect(chainYears(rotated)).toBeNull();
    expect(chainYears([file('/r/mail.log', 1, 7)])).toBeNull();
  });

  it('dates a file whose name carries its rotation date (dateext) from that date, and the live file after it', () => {
    // Copied on Nov 29 2026, rotated weekly by logrotate with dateext in the winter of 2023.
    const files = [file('/d/mail.log-20231227.gz', 12, 20), file('/d/mail.log-20240103.gz', 12, 27), file('/d/mail.log', 1, 3)];
    expect(yearsOf(files)).toEqual([2023, 2023, 2024]);
    expect(datedByNames(files)).toBe(true);
    // The hour too; and a name's date that is no day is no anchor.
    expect(yearsOf([file('/d/mail.log-2021123123.gz', 12, 31), file('/d/mail.log', 1, 1)])).toEqual([2021, 2022]);
    expect(yearsOf([file('/d/mail.log-20230231.gz', 12, 24), file('/d/mail.log', 1, 7)])).toEqual([2025, 2026]);
    expect(datedByNames([file('/c/mail.log.1', 12, 24), file('/c/mail.log', 1, 7)])).toBe(false);
  });

  it('dates the files before stamps with a year from them, not from the copy\'s time (rsyslog\'s format changed)', () => {
    // Copied on Nov 29 2026; rsyslog wrote RFC 3339 stamps from Jan 10 2024 on, in the middle of mail.log.1.
    const mixed = [file('/s/mail.log.3.gz', 12, 17), file('/s/mail.log.2.gz', 12, 24), { ...file('/s/mail.log.1', 1, 3), datedAfter: { year: 2024, month: 1, day: 10 } },
      { ...file('/s/mail.log', null), datedStart: { year: 2024, month: 1, day: 10 } }];
    expect(yearsOf(mixed)).toEqual([2023, 2023, 2024, 2024]);
    expect(datedByStamps(mixed)).toBe(true);
    // Where only the newest file begins with them, they date the files before it.
    const after = [file('/s/mail.log.2.gz', 12, 24), file('/s/mail.log.1', 12, 31), { ...file('/s/mail.log', null), datedStart: { year: 2021, month: 1, day: 7 } }];
    expect(yearsOf(after)).toEqual([2020, 2020, 2021]);
    // Without them, the copy's time it is.
    expect(datedByStamps([file('/c/mail.log.1', 12, 24), file('/c/mail.log', 1, 7)])).toBe(false);
  });

  it('dates a file touched after a newer rotation of it by the order of the set, not by its own time', () => {
    // Rotated weekly in the winter of 2023; mail.log.3.gz recompressed on 2025-06-01, which would put its Dec 17 in 2024.
    const files = [file('/t/mail.log.3.gz', 12, 17, '2025-06-01T10:00:00Z'), file('/t/mail.log.2.gz', 12, 24, '2023-12-31T06:25:00Z'),
      file('/t/mail.log.1', 12, 31, '2024-01-07T06:25:00Z'), file('/t/mail.log', 1, 7, '2024-01-10T09:00:00Z')];
    expect(lostTimes(files)).toBe(false);
    expect(outOfOrder(files)?.older.path).toBe('/t/mail.log.3.gz');
    expect(yearsOf(files)).toEqual([2023, 2023, 2023, 2024]);
    // Rotations in order, a few minutes apart at most against it, are their own times.
    const rotated = [file('/t/mail.log.1', 12, 31, '2024-01-07T06:25:30Z'), file('/t/mail.log', 1, 7, '2024-01-07T06:25:00Z')];
    expect(outOfOrder(rotated)).toBeNull();
  });

  it('dates a gzip file from the time its header kept of the file it compressed (logrotate), and the live files after it', () => {
    // Copied on Nov 29 2026 without times; logrotate compressed mail.log.3 and .2 in the winter of 2023, through gzip,
    // which kept each one's last write: Dec 24 and Dec 31 2023.
    const kept = (p: string, month: number, day: number, at: string): ChainFile => ({ ...file(p, month, day), compressedFileMs: Date.parse(at) });
    const files = [kept('/g/mail.log.3.gz', 12, 17, '2023-12-24T06:25:00Z'), kept('/g/mail.log.2.gz', 12, 24, '2023-12-31T06:25:00Z'),
      file('/g/mail.log.1', 12, 31), file('/g/mail.log', 1, 7)];
    expect(yearsOf(files)).toEqual([2023, 2023, 2023, 2024]);
    expect(datedByKeptTimes(files)).toBe(true);
    // Without those times (gzip -n, a pipe, zlib: 0, read as none), the copy's time it is.
    const none = files.map((f) => ({ ...f, compressedFileMs: null }));
    expect(yearsOf(none)).toEqual([2025, 2025, 2025, 2026]);
    expect(datedByKeptTimes(none)).toBe(false);
  });

  it('takes no gzip header time that cannot be: after the copy was made, or before 1990', () => {
    const at = (ms: number): ChainFile[] => [{ ...file('/g/mail.log.1.gz', 12, 24), compressedFileMs: ms }, file('/g/mail.log', 1, 7)];
    expect(yearsOf(at(Date.parse('2029-12-31T06:25:00Z')))).toEqual([2025, 2026]);
    expect(yearsOf(at(Date.parse('1989-12-31T06:25:00Z')))).toEqual([2025, 2026]);
    expect(datedByKeptTimes(at(1000))).toBe(false);
    // A day after the copy is two machines' clocks, and stands.
    expect(datedByKeptTimes(at(Date.parse('2026-11-30T06:25:00Z')))).toBe(true);
    expect(datedByKeptTimes(at(Date.parse('2026-12-01T06:25:00Z')))).toBe(false);
  });

  it('prefers the date in a file\'s name to its gzip header\'s time', () => {
    const files = [{ ...file('/d/mail.log-20231227.gz', 12, 20), compressedFileMs: Date.parse('2021-12-27T06:25:00Z') }, file('/d/mail.log', 12, 27)];
    expect(yearsOf(files)).toEqual([2023, 2023]);
  });

  it('takes files last written within the hour as copied', () => {
    expect(lostTimes([file('/c/mail.log.1', 12, 24, '2026-11-29T10:00:00Z'), file('/c/mail.log', 1, 7, '2026-11-29T10:40:00Z')])).toBe(true);
  });
});

describe('StampReader anchored at the file\'s first line', () => {
  it('dates the first stamp read after the first line: a file from Dec 31 whose first attempt is on Jan 1', () => {
    const reader = new StampReader({ reference: new Date('2026-11-29T00:00:00Z'), year: 2023, firstDay: { month: 12, day: 31 } });
    const ts = reader.read('Jan  1 00:10:00 mail dovecot: x')!.ts;
    expect(new Date(ts * 1000).toISOString().slice(0, 19)).toBe('2024-01-01T00:10:00');
    expect(new Date(reader.read('Jan  3 08:00:00 y')!.ts * 1000).toISOString().slice(0, 10)).toBe('2024-01-03');
  });

  it('without the anchor, the year given is the first stamp read', () => {
    const reader = new StampReader({ reference: new Date('2026-11-29T00:00:00Z'), year: 2023 });
    expect(new Date(reader.read('Jan  1 00:10:00 x')!.ts * 1000).toISOString().slice(0, 10)).toBe('2023-01-01');
  });
});

describe('alignToLatest', () => {
  const dated = (files: ChainFile[], start: number) => ({ files, years: chainYears(files, start)! });

  it('puts a week of daily syslog files that begins in January in the year after the mail.log set that began in November', () => {
    const mailLog = dated([file('/v/mail.log.2.gz', 11, 20), file('/v/mail.log.1', 12, 25), file('/v/mail.log', 1, 8)], 2023);
    const syslog = dated([file('/v/syslog.2.gz', 1, 12), file('/v/syslog.1', 1, 13), file('/v/syslog', 1, 14)], 2023);
    alignToLatest([mailLog, syslog]);
    expect(mailLog.years.map((y) => y.year)).toEqual([2023, 2023, 2024]);
    expect(syslog.years.map((y) => y.year)).toEqual([2024, 2024, 2024]);
  });

  it('leaves sets that end together as they are, also a year of mail.log beside syslog\'s last December week', () => {
    const mailLog = dated([file('/v/mail.log.3.gz', 1, 1), file('/v/mail.log.2.gz', 5, 1), file('/v/mail.log.1', 9, 1), file('/v/mail.log', 12, 20)], 2023);
    const syslog = dated([file('/v/syslog.1', 12, 24), file('/v/syslog', 12, 25)], 2023);
    const noDays = dated([file('/v/dovecot.log', null)], 2023);
    alignToLatest([mailLog, syslog, noDays]);
    expect([...mailLog.years, ...syslog.years, ...noDays.years].map((y) => y.year)).toEqual([2023, 2023, 2023, 2023, 2023, 2023, 2023]);
  });
});
