import { describe, expect, it } from 'vitest';
import { StampReader, daysFromCivil, yearLessDay } from '../../../src-main/engine/parse/timestamp';

/** Wall clock of a reading as `YYYY-MM-DDTHH:MM:SS`. */
function wall(ts: number | undefined): string | undefined {
  return ts === undefined ? undefined : new Date(ts * 1000).toISOString().slice(0, 19);
}

function readAll(lines: string[], reference: string, year?: number): (string | undefined)[] {
  const reader = new StampReader({ reference: new Date(reference), year });
  return lines.map((line) => wall(reader.read(line)?.ts));
}

describe('daysFromCivil', () => {
  it('agrees with Date.UTC across centuries and leap days', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [1900, 3, 1], [2024, 12, 31], [1969, 12, 31], [2100, 2, 28]]) {
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });
});

describe('StampReader shapes', () => {
  const reference = '2023-12-01T00:00:00Z';
  it.each([
    ['dovecot default log_timestamp', 'Nov 12 10:00:01 auth: Info: x', '2023-11-12T10:00:01', 'auth: Info: x'],
    ['syslog with host and tag', 'Nov 12 10:00:01 mail dovecot[123]: imap-login: x', '2023-11-12T10:00:01', 'mail dovecot[123]: imap-login: x'],
    ['space-padded day', 'Nov  2 09:08:07 host dovecot: x', '2023-11-02T09:08:07', 'host dovecot: x'],
    ['unpadded day', 'Nov 2 09:08:07 host dovecot: x', '2023-11-02T09:08:07', 'host dovecot: x'],
    ['zero-padded day', 'Jul 02 13:49:31 hostname dovecot[442]: x', '2023-07-02T13:49:31', 'hostname dovecot[442]: x'],
    ['fraction of a second', 'Nov 12 10:00:01.250 host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['dovecot %Y-%m-%d %H:%M:%S', '2023-11-25 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    ['RFC 3339 keeps the wall clock and ignores +01:00', '2023-11-12T10:00:01.123456+01:00 host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['RFC 3339 with a negative offset', '2023-11-12T23:30:00-05:00 host dovecot: x', '2023-11-12T23:30:00', 'host dovecot: x'],
    ['RFC 3339 in UTC', '2023-11-12T10:00:01Z host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['journalctl -o short-iso', '2023-11-12T10:00:01+0100 host dovecot[1]: x', '2023-11-12T10:00:01', 'host dovecot[1]: x'],
    ['ISO without offset', '2023-11-12T10:00:01 host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['macOS log show --style syslog: an offset without a colon, and two spaces', '2020-03-23 06:47:42.801612-0700  localhost sshd[3186]: x', '2020-03-23T06:47:42', 'localhost sshd[3186]: x'],
    ['runit\'s svlogd -tt (socklog on Void Linux)', '2023-11-12_10:00:01.46667 auth.info: sshd[1]: x', '2023-11-12T10:00:01', 'auth.info: sshd[1]: x'],
    // 0x4c91b044 = 1284616260 = 2010-09-16 05:51:00 as a label; multilog labels are 2^62 + 10 + unix seconds.
    ['TAI64N (multilog), absolute', '@400000004c91b044077a9e94 imap-login: x', '2010-09-16T05:50:50', 'imap-login: x'],
    ['leap second', '2016-12-31T23:59:60Z host x', '2017-01-01T00:00:00', 'host x'],
    ['journalctl -o short-full', 'Sun 2023-11-12 10:00:01 CET host dovecot[1]: x', '2023-11-12T10:00:01', 'host dovecot[1]: x'],
    ['journalctl -o short-full, a zone without a name', 'Tue 2023-11-14 10:12:21 +03 host dovecot[1]: x', '2023-11-14T10:12:21', 'host dovecot[1]: x'],
    ['BusyBox\'s and OpenWrt\'s logread: ctime\'s order, the year after the clock', 'Thu May 29 15:23:53 2025 authpriv.notice sshd[1]: x', '2025-05-29T15:23:53', 'authpriv.notice sshd[1]: x'],
    ['logread, a space-padded day', 'Fri May  9 07:08:09 2025 mail.info dovecot: x', '2025-05-09T07:08:09', 'mail.info dovecot: x'],
    ['journalctl -o short-unix, absolute', '1699783201.123456 host dovecot[1]: x', '2023-11-12T10:00:01', 'host dovecot[1]: x'],
    ['a syslog priority before a syslog stamp', '<30>Nov 12 10:00:01 host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['RFC 5424: a priority, version 1 and RFC 3339', '<30>1 2023-11-12T10:00:01.123456+01:00 host dovecot 1234 - - x', '2023-11-12T10:00:01', 'host dovecot 1234 - - x'],
    ['the lowest priority', '<0>Nov 12 10:00:01 host x', '2023-11-12T10:00:01', 'host x'],
    ['the highest priority', '<191>1 2023-11-12T10:00:01Z host x', '2023-11-12T10:00:01', 'host x'],
    ['a byte-order mark (a file saved by a Windows editor)', '\ufeffNov 12 10:00:01 host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['a byte-order mark and a priority', '\ufeff<30>2023-11-12T10:00:01Z host x', '2023-11-12T10:00:01', 'host x'],
    ['NUL bytes before the stamp (a hole the file system left after a crash)', '\0\0\0\0Nov 12 10:00:01 host dovecot: x', '2023-11-12T10:00:01', 'host dovecot: x'],
    ['a container\'s name (docker compose logs)', 'mailserver  | Nov 12 10:00:01 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['a compose v2 container\'s name before an ISO stamp', 'mailcowdockerized-dovecot-mailcow-1  | 2023-11-12T10:00:01.123456+01:00 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['grep over several files: the path', '/var/log/mail.log.1:Nov  7 09:01:08 latonia dovecot: x', '2023-11-07T09:01:08', 'latonia dovecot: x'],
    ['grep -n over several files: the path and the line number', '/var/log/mail.log:1234:Nov 12 10:00:01 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['grep -n over one file: the line number', '98:2023-11-12T10:00:01.123456+01:00 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['zgrep over rotations, a relative path', 'mail.log.2.gz:<30>Nov 12 10:00:01 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['grep over dovecot\'s own log', 'log/dovecot.log:2023-11-25 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    ['grep -A/-B/-C over several files: a context line\'s path', '/var/log/mail.log.1-Nov  7 09:01:08 latonia dovecot: x', '2023-11-07T09:01:08', 'latonia dovecot: x'],
    ['a context line with -n', '/var/log/mail.log-1234-Nov 12 10:00:01 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['a context line of a dated rotation', '/var/log/mail.log-20231112-Nov 12 10:00:01 mail dovecot: x', '2023-11-12T10:00:01', 'mail dovecot: x'],
    ['a context line before an ISO stamp, with -n', 'log/dovecot.log-98-2023-11-25 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    ['a context line before an ISO stamp', 'log/dovecot.log-2023-11-25 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    // Other log_timestamp settings (dovecot writes it with strftime): each carries its year.
    ['log_timestamp %Y/%m/%d %H:%M:%S', '2023/11/25 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    ['log_timestamp %d.%m.%Y %H:%M:%S', '25.11.2023 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    ['log_timestamp %b %d %Y %H:%M:%S', 'Nov 25 2023 10:12:21 auth: Info: x', '2023-11-25T10:12:21', 'auth: Info: x'],
    ['a year after the day, earlier than the reference allows for a year-less stamp', 'Dec 25 2019 10:12:21 host dovecot: x', '2019-12-25T10:12:21', 'host dovecot: x'],
    ['a year after a space-padded day, with a fraction', 'Nov  5 2023 10:12:21.5 host dovecot: x', '2023-11-05T10:12:21', 'host dovecot: x'],
    ['a dotted date after grep\'s path', 'mail.log:05.11.2023 10:12:21 auth: Info: x', '2023-11-05T10:12:21', 'auth: Info: x'],
  ])('%s', (_, line, expectedWall, expectedRest) => {
    const got = new StampReader({ reference: new Date(reference) }).read(line);
    expect(wall(got?.ts)).toBe(expectedWall);
    expect(got?.rest).toBe(expectedRest);
  });

  it('reads every English month abbreviation', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const reader = new StampReader({ reference: new Date(reference), year: 2023 });
    expect(months.map((m) => wall(reader.read(`${m} 15 12:00:00 host x`)?.ts)?.slice(0, 10))).toEqual(
      months.map((_, i) => `2023-${String(i + 1).padStart(2, '0')}-15`),
    );
  });

  it.each([
    ['French', 'févr. 25 08:43:16 hera dovecot[942]: x', '2024-02-25T08:43:16'],
    ['French, a month without a dot', 'juin 27 08:43:16 hera dovecot[942]: x', '2024-06-27T08:43:16'],
    ['German', 'Mär 05 08:43:16 mx dovecot[942]: x', '2024-03-05T08:43:16'],
    ['Spanish', 'dic 31 23:59:59 mx dovecot[942]: x', '2023-12-31T23:59:59'],
    ['Russian', 'окт 02 10:00:01 mx dovecot[942]: x', '2024-10-02T10:00:01'],
    ['Polish', 'paź 02 10:00:01 mx dovecot[942]: x', '2024-10-02T10:00:01'],
    ['Japanese', '11月 02 10:00:01 mx dovecot[942]: x', '2024-11-02T10:00:01'],
    ['after a container name', 'mailserver  | sept. 30 10:00:01 mx dovecot: x', '2024-09-30T10:00:01'],
  ])('reads a month journalctl wrote in the server\'s language: %s', (_, line, expectedWall) => {
    const reader = new StampReader({ reference: new Date('2024-12-01T00:00:00Z') });
    const got = reader.read(line);
    expect(wall(got?.ts)).toBe(expectedWall);
    expect(got?.rest).toBe(line.slice(line.indexOf(':') + 7));
  });

  it.each([
    ['no stamp', 'imap-login: Disconnected'],
    ['empty line', ''],
    ['unknown month', 'Foo 12 10:00:01 host x'],
    ['a lower-case word that names no month', 'foo 12 10:00:01 host x'],
    ['a month name with no day after it', 'févr. host x'],
    // Read as packed character codes, 'L' + 'š' (U+0161) + 'r' would equal 'Mar'.
    ['a month look-alike outside ASCII', 'L\u0161r 12 10:00:01 host x'],
    ['day 32', 'Nov 32 10:00:01 host x'],
    ['day 0', 'Nov 0 10:00:01 host x'],
    ['hour 24', 'Nov 12 24:00:01 host x'],
    ['minute 60', '2023-11-12 10:60:01 host x'],
    ['month 13', '2023-13-12T10:00:01Z host x'],
    ['stamp not followed by a space', 'Nov 12 10:00:01host x'],
    ['truncated stamp', 'Nov 12 10:0'],
    ['broken offset', '2023-11-12T10:00:01+1 host x'],
    ['TAI64N with a non-hex digit', '@400000004c91b044077a9e9z x'],
    ['TAI64N before 1970', '@3fffffff4c91b044077a9e94 x'],
    // Rule 5: a year no log is in, as a digit a damaged disk flipped writes it, would stretch every by-hour view of the case over millennia.
    ['TAI64N after 2100', '@4000000100000000077a9e94 x'],
    ['an ISO year after 2100', '9025-03-01T10:00:06.000000+00:00 host x'],
    ['an ISO year before 1970', '0025-03-01 10:00:06 host x'],
    ['a year after the day, before 1970', 'Nov 12 1969 10:00:01 host x'],
    ['a dotted date after 2100', '12.11.2101 10:00:01 host x'],
    ['journalctl\'s seconds after 2100', '4200000000.123456 host x'],
    ['a date with slashes and the day first (or the month: a line alone cannot tell)', '13/11/2023 10:01:03 auth: x'],
    ['the same, day and month both 12 or less', '12/11/2023 10:01:03 auth: x'],
    ['a year with a slash, then a dash', '2023/11-12 10:00:01 host x'],
    ['a dotted date with a two-digit year', '12.11.23 10:00:01 host x'],
    ['a dotted date, month 13', '12.13.2023 10:00:01 host x'],
    ['a dotted date without a time', '12.11.2023 host x'],
    ['a three-digit year after the day', 'Nov 12 202 10:00:01 host x'],
    ['a year after the day and no time', 'Nov 12 2023 host x'],
    ['a weekday before a syslog stamp', 'Sun Nov 12 10:00:01 host x'],
    ['ctime\'s order with a three-digit year', 'Thu May 29 15:23:53 202 host x'],
    ['ctime\'s order without the space after the year', 'Thu May 29 15:23:53 2025host x'],
    ['a weekday and ISO date without a zone', 'Sun 2023-11-12 10:00:01 host: x'],
    ['seconds without microseconds', '1699783201 host x'],
    ['a number with a fraction, too short for seconds', '12345.123456 host x'],
    ['binary', '\u0000\u0001\ufffd\u00ff'],
    ['two priorities', '<30><30>Nov 12 10:00:01 host x'],
    ['a priority past 191', '<192>Nov 12 10:00:01 host x'],
    ['a priority with a leading zero', '<030>Nov 12 10:00:01 host x'],
    ['an unclosed priority', '<30 Nov 12 10:00:01 host x'],
    ['a bar with no name before it', ' | Nov 12 10:00:01 host x'],
    ['a name and a bar before no stamp', 'mailserver  | dovecot: x'],
    ['a path with a space before its colon', '/var/log/mail log:Nov 12 10:00:01 host x'],
    ['a path and no stamp', '/var/log/mail.log:dovecot: x'],
    ['a context line\'s path and no stamp', '/var/log/mail.log-dovecot: x'],
    ['a dash after a word that is no path', 'imap-Nov 12 10:00:01 host x'],
    ['grep\'s separator between groups of lines', '--'],
    ['a time without a date', '10:00:01 host dovecot: x'],
    ['a number past grep -n\'s ten digits', '12345678901:Nov 12 10:00:01 host x'],
    ['RFC 5424 without a stamp (its NILVALUE)', '<30>1 - host dovecot - - - x'],
    ['two byte-order marks', '\ufeff\ufeffNov 12 10:00:01 host x'],
    ['a byte-order mark alone', '\ufeff'],
    ['a priority before a byte-order mark', '<30>\ufeffNov 12 10:00:01 host x'],
    ['NUL bytes after a priority', '<30>\0Nov 12 10:00:01 host x'],
    ['NUL bytes alone', '\0\0\0'],
  ])('refuses %s', (_, line) => {
    expect(new StampReader({ reference: new Date(reference) }).read(line)).toBeNull();
  });
});

describe('StampReader days that do not exist', () => {
  it('counts a Feb 29 read in a year without one, and days past their month\'s end, never real ones', () => {
    const reader = new StampReader({ reference: new Date('2025-04-05T00:00:00Z') });
    for (const line of ['Feb 28 10:00:00 x', 'Feb 29 10:00:00 x', 'Mar 31 10:00:00 x', 'Jan 30 10:00:00 x', 'Feb 29 11:00:00 x']) reader.read(line);
    expect(reader.impossibleDays()).toEqual({ count: 2, example: 'Feb 29 in 2025' });
    const leap = new StampReader({ reference: new Date('2024-03-05T00:00:00Z') });
    leap.read('Feb 29 10:00:00 x');
    expect(leap.impossibleDays()).toEqual({ count: 0, example: null });
    const iso = new StampReader({ reference: new Date('2024-03-05T00:00:00Z') });
    for (const line of ['2023-04-31T10:00:00Z x', '2023-05-31T10:00:00Z x', '2024-02-29 10:00:00 x']) iso.read(line);
    expect(iso.impossibleDays()).toEqual({ count: 1, example: '2023-04-31' });
  });
});

describe('StampReader year inference', () => {
  it('gives the first stamp the reference year when it is not later in the year than the mtime', () => {
    expect(readAll(['Jun 30 23:00:00 x'], '2024-06-30T12:00:00Z')).toEqual(['2024-06-30T23:00:00']);
    expect(readAll(['Jan  1 00:00:00 x'], '2024-06-30T12:00:00Z')).toEqual(['2024-01-01T00:00:00']);
  });

  it('gives the first stamp the year before when it is later in the year than the mtime', () => {
    expect(readAll(['Aug 28 06:38:51 x'], '2005-08-14T10:00:00Z')).toEqual(['2004-08-28T06:38:51']);
    expect(readAll(['Dec 12 11:19:11 x'], '2005-08-14T10:00:00Z')).toEqual(['2004-12-12T11:19:11']);
  });

  it('allows a day of time-zone slack past the mtime', () => {
    expect(readAll(['Jan  1 00:30:00 x'], '2023-12-31T23:45:00Z')).toEqual(['2024-01-01T00:30:00']);
    expect(readAll(['Jan  2 00:30:00 x'], '2023-12-31T23:45:00Z')).toEqual(['2023-01-02T00:30:00']);
  });

  it('crosses New Year: Dec 20 -> Jan 5 with mtime Jan 6 2024', () => {
    const lines = ['Dec 20 10:00:00 a', 'Dec 31 23:59:59 b', 'Jan  1 00:00:00 c', 'Jan  5 08:00:00 d'];
    expect(readAll(lines, '2024-01-06T09:00:00Z')).toEqual([
      '2023-12-20T10:00:00',
      '2023-12-31T23:59:59',
      '2024-01-01T00:00:00',
      '2024-01-05T08:00:00',
    ]);
  });

  it('crosses several New Years in one long file', () => {
    const lines = ['Nov 30 10:00:00 a', 'Mar  1 10:00:00 b', 'Dec 24 10:00:00 c', 'Feb  1 10:00:00 d'];
    expect(readAll(lines, '2024-02-02T00:00:00Z', 2022)).toEqual([
      '2022-11-30T10:00:00',
      '2023-03-01T10:00:00',
      '2023-12-24T10:00:00',
      '2024-02-01T10:00:00',
    ]);
  });

  it('does not advance the year for lines a little out of order', () => {
    const lines = ['Mar 10 10:00:05 a', 'Mar 10 10:00:01 b', 'Mar  9 23:59:59 c', 'Feb 20 00:00:00 d', 'Mar 11 00:00:00 e'];
    expect(readAll(lines, '2024-06-01T00:00:00Z')).toEqual([
      '2024-03-10T10:00:05',
      '2024-03-10T10:00:01',
      '2024-03-09T23:59:59',
      '2024-02-20T00:00:00',
      '2024-03-11T00:00:00',
    ]);
  });

  it('reads a late December line after New Year as last year, without advancing twice', () => {
    const lines = ['Dec 31 23:59:58 a', 'Jan  1 00:00:01 b', 'Dec 31 23:59:59 c', 'Jan  1 00:00:02 d'];
    expect(readAll(lines, '2024-01-01T01:00:00Z')).toEqual([
      '2023-12-31T23:59:58',
      '2024-01-01T00:00:01',
      '2023-12-31T23:59:59',
      '2024-01-01T00:00:02',
    ]);
  });

  it('keeps the year over a long silent gap forward', () => {
    expect(readAll(['Mar  1 10:00:00 a', 'Nov 20 10:00:00 b'], '2023-12-01T00:00:00Z')).toEqual([
      '2023-03-01T10:00:00',
      '2023-11-20T10:00:00',
    ]);
  });

  it('reads rotated files appended newest first (cat mail.log mail.log.1 ...) back in time, across New Year and past months', () => {
    // Weekly files, each a first and a last line, newest first as `zcat -f mail.log*` gives them: from Jan 13, 2024
    // back to Sep 30, 2023, 105 days before it.
    const weeks: [string, string][] = [['Jan  7', 'Jan 13'], ['Dec 31', 'Jan  6'], ['Dec 24', 'Dec 30'], ['Nov 26', 'Dec  2'], ['Oct 29', 'Nov  4'], ['Sep 30', 'Oct  6']];
    const lines = weeks.flatMap(([first, last]) => [`${first} 00:10:00 a`, `${last} 23:50:00 b`]);
    expect(readAll(lines, '2024-01-14T06:25:00Z')).toEqual([
      '2024-01-07T00:10:00', '2024-01-13T23:50:00',
      '2023-12-31T00:10:00', '2024-01-06T23:50:00',
      '2023-12-24T00:10:00', '2023-12-30T23:50:00',
      '2023-11-26T00:10:00', '2023-12-02T23:50:00',
      '2023-10-29T00:10:00', '2023-11-04T23:50:00',
      '2023-09-30T00:10:00', '2023-10-06T23:50:00',
    ]);
  });

  describe('files put together out of time order, the file last written after their newest line (rule 6)', () => {
    /** A week's file as its first and last line: `Dec 25` to `Dec 31`. */
    const week = (first: string, last: string): string[] => [`${first} 00:10:00 a`, `${last} 23:50:00 b`];

    it('reads `zcat -f mail.log*` of more than ten weekly files, whose names sort mail.log.10 before mail.log.2, in the year before the file', () => {
      // mail.log, .1, .10, .11, .2, .20, .21, .3: the glob's order. mail.log.N holds the week N weeks before mail.log.
      const lines = [
        ...week('Jan  8', 'Jan 14'), ...week('Jan  1', 'Jan  7'), // mail.log, mail.log.1
        ...week('Oct 30', 'Nov  5'), ...week('Oct 23', 'Oct 29'), // .10, .11: back over two months, past rule 3's reach
        ...week('Dec 25', 'Dec 31'), // .2: forward, the same year
        ...week('Aug 21', 'Aug 27'), ...week('Aug 14', 'Aug 20'), // .20, .21: back four months, which rule 2 took for a New Year
        ...week('Dec 18', 'Dec 24'), // .3
      ];
      const reader = new StampReader({ reference: new Date('2024-01-14T23:56:00Z') });
      expect(lines.map((line) => wall(reader.read(line)?.ts)?.slice(0, 10))).toEqual([
        '2024-01-08', '2024-01-14', '2024-01-01', '2024-01-07',
        '2023-10-30', '2023-11-05', '2023-10-23', '2023-10-29',
        '2023-12-25', '2023-12-31',
        '2023-08-21', '2023-08-27', '2023-08-14', '2023-08-20',
        '2023-12-18', '2023-12-24',
      ]);
      // mail.log.10's first line and mail.log.20's: the lines after them follow in their year.
      expect(reader.readBackBeforeReference()).toBe(2);
      expect(reader.pastReference()).toBe(false);
    });

    it('reads the second server\'s log of the same months (`cat mx1.log mx2.log`) in the year it was written', () => {
      const mx1 = ['Mar  1 10:00:00 mx1 a', 'Jul  1 10:00:00 mx1 b', 'Dec 31 23:00:00 mx1 c', 'Jan 14 20:00:00 mx1 d'];
      const mx2 = ['Feb  1 09:00:00 mx2 a', 'Jul  1 09:00:00 mx2 b', 'Jan 14 21:00:00 mx2 c'];
      expect(readAll([...mx1, ...mx2], '2024-01-14T23:56:00Z').map((d) => d?.slice(0, 10))).toEqual([
        '2023-03-01', '2023-07-01', '2023-12-31', '2024-01-14',
        '2023-02-01', '2023-07-01', '2024-01-14',
      ]);
    });

    it('still reads a jump past the file\'s time forward when a line before it was past that time already, or the year was given', () => {
      // A log of two years in time order, from Mar 2022, dated forward from its first line: it passes the mtime a day at a
      // time, and the count back (ingest/year-span.ts) dates it as a whole.
      expect(readAll(['Jan 14 10:00:00 a', 'Jan 16 10:00:00 b', 'Mar  1 10:00:00 c'], '2024-01-14T23:56:00Z').map((d) => d?.slice(0, 10)))
        .toEqual(['2024-01-14', '2024-01-16', '2024-03-01']);
      // The user's year: the file's time may be a copy's, or no time of the log at all.
      expect(readAll(['Jan  8 10:00:00 a', 'Aug 21 10:00:00 b'], '2024-01-14T23:56:00Z', 2024).map((d) => d?.slice(0, 10)))
        .toEqual(['2024-01-08', '2024-08-21']);
    });

    it('keeps a week\'s step past the file\'s time: a clock a little ahead, not an older part of the file', () => {
      expect(readAll(['Jan 10 10:00:00 a', 'Jan 17 09:00:00 b'], '2024-01-14T23:56:00Z').map((d) => d?.slice(0, 10)))
        .toEqual(['2024-01-10', '2024-01-17']);
    });
  });

  it('uses a given year for the first stamp, rollovers still advancing', () => {
    expect(readAll(['Dec 30 10:00:00 a', 'Jan  2 10:00:00 b'], '2024-06-01T00:00:00Z', 2019)).toEqual([
      '2019-12-30T10:00:00',
      '2020-01-02T10:00:00',
    ]);
  });

  it('reads the first and last years a log may be in (LOG_YEARS)', () => {
    const reader = new StampReader({ reference: new Date('2024-06-01T00:00:00Z') });
    expect(wall(reader.read('1970-01-01T00:00:12Z x')?.ts)).toBe('1970-01-01T00:00:12');
    expect(wall(reader.read('2100-12-31 23:59:59 x')?.ts)).toBe('2100-12-31T23:59:59');
  });

  it('stops counting New Years at the last year a log may be in: a file whose lines are not in time order climbs no further', () => {
    // Lines sorted by something other than time step back past "New Year" every few lines.
    const lines = ['Aug  1 10:00:00 a', 'Mar  1 10:00:00 b', 'Aug  2 10:00:00 c', 'Mar  2 10:00:00 d', 'Aug  3 10:00:00 e', 'Mar  3 10:00:00 f'];
    expect(readAll(lines, '2024-06-01T00:00:00Z', 2099)).toEqual([
      '2099-08-01T10:00:00',
      '2100-03-01T10:00:00',
      '2100-08-02T10:00:00',
      '2100-03-02T10:00:00',
      '2100-08-03T10:00:00',
      '2100-03-03T10:00:00',
    ]);
  });

  it('places Feb 29 in leap years and lets it roll to Mar 1 otherwise', () => {
    expect(readAll(['Feb 29 12:00:00 a'], '2024-03-01T00:00:00Z')).toEqual(['2024-02-29T12:00:00']);
    expect(readAll(['Feb 29 12:00:00 a'], '2023-03-05T00:00:00Z')).toEqual(['2023-03-01T12:00:00']);
  });

  it('leaves year inference alone when a stamp carries its own year', () => {
    const reader = new StampReader({ reference: new Date('2024-06-01T00:00:00Z') });
    expect(wall(reader.read('2019-05-05T05:05:05Z x')?.ts)).toBe('2019-05-05T05:05:05');
    expect(wall(reader.read('May  6 06:06:06 x')?.ts)).toBe('2024-05-06T06:06:06');
  });
});

describe('StampReader on grep output of several files', () => {
  // zgrep over /var/log/mail.log*: the newest file first, then the older ones, the week before New Year last.
  const lines = [
    '/var/log/mail.log:Jan  3 10:00:01 mx dovecot: x',
    '/var/log/mail.log:Jan  5 10:00:01 mx dovecot: x',
    '/var/log/mail.log.1:Dec 27 10:00:01 mx dovecot: x',
    '/var/log/mail.log.1:Dec 31 23:59:59 mx dovecot: x',
    '/var/log/mail.log.1:Jan  1 00:00:05 mx dovecot: x',
    '/var/log/mail.log.2.gz:Dec 20 10:00:01 mx dovecot: x',
    '/var/log/mail.log:Jan  6 10:00:01 mx dovecot: x',
  ];

  it('reckons each file\'s year on its own, as if it were read alone', () => {
    const reader = new StampReader({ reference: new Date('2024-01-06T12:00:00Z') });
    expect(lines.map((l) => wall(reader.read(l)?.ts)?.slice(0, 10))).toEqual([
      '2024-01-03', '2024-01-05', '2023-12-27', '2023-12-31', '2024-01-01', '2023-12-20', '2024-01-06',
    ]);
    // No count back spans files each dated alone.
    expect(reader.yearLessSpan()).toBeNull();
  });

  it('keeps one reckoning, and its span, for grep output of one file', () => {
    const reader = new StampReader({ reference: new Date('2024-01-06T12:00:00Z') });
    for (const l of ['/var/log/mail.log.1:Dec 31 23:59:59 mx x', '/var/log/mail.log.1:Jan  1 00:00:05 mx x']) reader.read(l);
    expect(reader.yearLessSpan()).toMatchObject({ firstYear: 2023, first: { month: 12, day: 31 }, latest: { month: 1, day: 1 } });
  });
});

it('reads a context line in the year reckoning of the file grep named for the found lines around it', () => {
  // A dated rotation's path has a '-' and digits, like a line number: the path found lines named wins.
  const reader = new StampReader({ reference: new Date('2024-01-06T12:00:00Z') });
  const lines = [
    '/var/log/mail.log-20240105:Jan  2 10:00:01 mx dovecot: x',
    '/var/log/mail.log-20240105-Jan  2 10:00:02 mx dovecot: x',
    '/var/log/mail.log-20231231:Dec 30 10:00:01 mx dovecot: x',
    '/var/log/mail.log-20231231-Dec 30 10:00:02 mx dovecot: x',
    '/var/log/mail.log-20240105-Jan  3 10:00:02 mx dovecot: x',
  ];
  expect(lines.map((l) => wall(reader.read(l)?.ts))).toEqual([
    '2024-01-02T10:00:01', '2024-01-02T10:00:02', '2023-12-30T10:00:01', '2023-12-30T10:00:02', '2024-01-03T10:00:02',
  ]);
  expect((reader as unknown as { reckonings: Map<string, unknown> }).reckonings.size).toBe(2);
});

it.each([
  ['with -n', (n: number) => `/var/log/mail.log-${n}-Nov 12 10:00:0${n % 10} mx dovecot: x`, '/var/log/mail.log'],
  ['with -n before ISO stamps', (n: number) => `log/dovecot.log-${n}-2023-11-25 10:12:2${n % 10} auth: x`, 'log/dovecot.log'],
  ['of a dated rotation', (n: number) => `/var/log/mail.log-20231112-Nov 12 10:00:0${n % 10} mx dovecot: x`, '/var/log/mail.log-20231112'],
  ['of a dated rotation, with -n', (n: number) => `/var/log/mail.log-20231112-${n}-Nov 12 10:00:0${n % 10} mx dovecot: x`, '/var/log/mail.log-20231112'],
  ['in a folder with a dash', (n: number) => `/srv/mail-archive/mail.log-${n}-Nov 12 10:00:0${n % 10} mx dovecot: x`, '/srv/mail-archive/mail.log'],
])('reads context lines %s, found lines not seen yet (-B), as lines of one file', (_, line, path) => {
  const reader = new StampReader({ reference: new Date('2023-12-01T00:00:00Z') });
  for (let n = 1; n <= 30; n++) expect(reader.read(line(n)), line(n)).not.toBeNull();
  const state = reader as unknown as { reckoningPath: string; reckonings: Map<string, unknown> | null };
  expect([state.reckoningPath, state.reckonings]).toEqual([path, null]);
});

describe('yearLessDay', () => {
  it.each([
    ['syslog', 'Nov 12 10:00:01 host dovecot: x', { month: 11, day: 12 }],
    ['a leap day', 'Feb 29 10:00:01 host dovecot: x', { month: 2, day: 29 }],
    ['syslog after a priority', '<30>Nov 12 10:00:01 host dovecot: x', { month: 11, day: 12 }],
    ['syslog after a byte-order mark', '\ufeffNov 12 10:00:01 host dovecot: x', { month: 11, day: 12 }],
    ['RFC 3339, which has a year', '2023-11-12T10:00:01Z host x', null],
    ['RFC 5424, which has a year', '<30>1 2023-11-12T10:00:01Z host x', null],
    ['a month name and a year', 'Nov 12 2023 10:00:01 host x', null],
    ['no stamp', 'imap-login: x', null],
    ['a month in French', 'févr. 25 08:43:16 hera dovecot[942]: x', { month: 2, day: 25 }],
    ['a month in French, read as latin1 (year-span.ts)', Buffer.from('févr. 25 08:43:16 hera dovecot[942]: x').toString('latin1'), { month: 2, day: 25 }],
    ['a month in Turkish, read as latin1', Buffer.from('Şub 25 08:43:16 hera dovecot[942]: x').toString('latin1'), { month: 2, day: 25 }],
  ])('%s', (_, line, expected) => {
    expect(yearLessDay(line)).toEqual(expected);
  });
});

it('keeps a bounded number of year reckonings when a crafted grep output names a new path on every line', () => {
  const reader = new StampReader({ reference: new Date('2024-01-06T12:00:00Z') });
  for (let i = 0; i < 20_000; i++) expect(reader.read(`/p/${i}.log:Jan  3 10:00:01 mx dovecot: x`)).not.toBeNull();
  const reckonings = (reader as unknown as { reckonings: Map<string, unknown> }).reckonings;
  expect(reckonings.size).toBeLessThanOrEqual(4096);
  // Lines past the limit go on in the reckoning of the last file it took.
  expect(wall(reader.read('/p/19999.log:Jan  4 10:00:01 mx dovecot: x')?.ts)).toBe('2024-01-04T10:00:01');
});
