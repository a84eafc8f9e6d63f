import { describe, expect, it } from 'vitest';
import { YearChain, firstYearLessDay } from '../../../src-main/engine/ingest/year-chain';
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

describe('YearChain', () => {
  it('keeps a weekly rotated chain in time order across New Year', () => {
    const chain = new YearChain(2023);
    const files: [string, number, number][] = [
      ['/logs/mail.log.3.gz', 12, 17], ['/logs/mail.log.2.gz', 12, 24], ['/logs/mail.log.1', 12, 31], ['/logs/mail.log', 1, 7],
    ];
    expect(files.map(([f, month, day]) => chain.yearOf(f, { month, day }).year)).toEqual([2023, 2023, 2023, 2024]);
  });

  it('crosses several New Years in a long chain', () => {
    const chain = new YearChain(2021);
    const days = [[11, 1], [3, 1], [12, 1], [6, 1], [1, 5]];
    expect(days.map(([month, day], i) => chain.yearOf(`/l/mail.log.${9 - i}.gz`, { month, day }).year)).toEqual([2021, 2022, 2022, 2023, 2024]);
  });

  it('starts every chain (another folder, another log name) at the year given', () => {
    const chain = new YearChain(2023);
    expect(chain.yearOf('/a/mail.log.1', { month: 12, day: 30 }).year).toBe(2023);
    expect(chain.yearOf('/a/mail.log', { month: 1, day: 2 }).year).toBe(2024);
    expect(chain.yearOf('/b/mail.log.1', { month: 12, day: 30 }).year).toBe(2023);
    expect(chain.yearOf('/a/mail.err', { month: 1, day: 2 }).year).toBe(2023);
    // Files rotated by size within a day start on the same day: the same year.
    expect(chain.yearOf('/b/mail.log', { month: 12, day: 30 }).year).toBe(2023);
  });

  it('gives a file whose head shows no day the year its chain has reached, with no day to anchor it', () => {
    const chain = new YearChain(2023);
    chain.yearOf('/a/mail.log.2.gz', { month: 12, day: 28 });
    chain.yearOf('/a/mail.log.1', { month: 1, day: 4 });
    expect(chain.yearOf('/a/mail.log', null)).toEqual({ year: 2024 });
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
