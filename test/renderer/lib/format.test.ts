import { describe, expect, it } from 'vitest';
import {
  baseName, countryName, daysInclusive, formatBytes, formatCount, formatCountOf, formatDay, formatHours, formatPercent, formatRange, formatSelectionTime, formatTimestamp,
} from '../../../src-renderer/src/lib/format';

describe('formatCount', () => {
  it('groups digits the way the locale does', () => {
    expect(formatCount(30483, 'en-US')).toBe('30,483');
    expect(formatCount(30483, 'de-DE')).toBe('30.483');
    expect(formatCount(1234567, 'en-IN')).toBe('12,34,567');
    expect(formatCount(8858, 'fr-FR').replace(/\s/g, ' ')).toBe('8 858');
  });

  it('uses the system locale when none is given', () => {
    expect(formatCount(30483)).toBe(new Intl.NumberFormat().format(30483));
  });

  it('says one thing in the singular, and none or many in the plural', () => {
    expect([0, 1, 2, 30483].map((n) => formatCountOf(n, 'line', undefined, 'en-US'))).toEqual(['0 lines', '1 line', '2 lines', '30,483 lines']);
    expect(formatCountOf(1, 'IP address', 'IP addresses', 'en-US')).toBe('1 IP address');
  });
});

describe('formatPercent', () => {
  it('rounds large shares to whole percents and keeps a decimal for small ones', () => {
    expect(formatPercent(1243 / 1942, 'en-US')).toBe('64%');
    expect(formatPercent(0.004, 'en-US')).toBe('0.4%');
    expect(formatPercent(0, 'en-US')).toBe('0%');
    expect(formatPercent(1, 'en-US')).toBe('100%');
    // Under 10%, the one decimal always shows, so that a column's figures line up; 9.96% rounds to 10%.
    expect(formatPercent(0.09, 'en-US')).toBe('9.0%');
    expect(formatPercent(0.0900735, 'en-US')).toBe('9.0%');
    expect(formatPercent(0.0994, 'en-US')).toBe('9.9%');
    expect(formatPercent(0.0996, 'en-US')).toBe('10%');
    expect(formatPercent(0.02, 'en-US')).toBe('2.0%');
  });

  it('never shows a tiny non-zero share as zero', () => {
    expect(formatPercent(1 / 30483, 'en-US')).toBe('<0.1%');
  });

  it('never shows a share short of the whole as all of it', () => {
    // An incident whose attempts a threshold of 5 tries in 10 minutes would have missed all but 16.
    expect(formatPercent(3_570 / 3_586, 'en-US')).toBe('>99%');
    expect(formatPercent(0.9949, 'en-US')).toBe('99%');
    expect(formatPercent(1, 'en-US')).toBe('100%');
  });

  it('follows the locale', () => {
    expect(formatPercent(0.045, 'de-DE').replace(/\s/g, ' ')).toBe('4,5 %');
  });
});

describe('dates stay in the log\'s wall-clock time', () => {
  it('formats a day without shifting it across time zones', () => {
    expect(formatDay('2023-11-12', 'en-GB')).toBe('12 Nov 2023');
    expect(formatDay('2024-01-01', 'en-US')).toBe('Jan 1, 2024');
    expect(formatDay(null)).toBe('–');
    expect(formatDay('not a day')).toBe('not a day');
  });

  it('shows timestamps exactly as written, optionally without seconds', () => {
    expect(formatTimestamp('2023-11-10 02:14:59')).toBe('2023-11-10 02:14:59');
    expect(formatTimestamp('2023-11-10 02:14:59', false)).toBe('2023-11-10 02:14');
  });

  it('formats ranges and counts days inclusively', () => {
    expect(formatRange('2023-11-10', '2023-11-14', 'en-GB')).toBe('10 Nov 2023 – 14 Nov 2023');
    expect(formatRange('2023-11-10', '2023-11-10', 'en-GB')).toBe('10 Nov 2023');
    expect(daysInclusive('2023-11-10', '2023-11-12')).toBe(3);
    expect(daysInclusive('2024-02-28', '2024-03-01')).toBe(3); // leap year
    expect(daysInclusive('2023-12-31', '2024-01-01')).toBe(2);
  });

  it('says an incident\'s hours in the log\'s wall clock, the day once when they are within one, and a selection\'s time', () => {
    expect(formatHours({ start: '2023-10-11 03:00', end: '2023-10-13 17:00' }, 'en-GB')).toBe('11 Oct 2023 03:00 – 13 Oct 2023 17:00');
    expect(formatHours({ start: '2023-10-11 03:00', end: '2023-10-11 07:30' }, 'en-GB')).toBe('11 Oct 2023 03:00 – 07:30');
    expect(formatHours({ start: null, end: '2023-10-11 07:30' }, 'en-GB')).toBe('start – 11 Oct 2023 07:30');
    const days = { from: '2023-10-11', to: '2023-10-13' };
    expect(formatSelectionTime({ ...days, hours: { start: '2023-10-11 03:00', end: '2023-10-13 17:00' } }, 'en-GB')).toBe('11 Oct 2023 03:00 – 13 Oct 2023 17:00');
    expect(formatSelectionTime(days, 'en-GB')).toBe('11 Oct 2023 – 13 Oct 2023');
    expect(formatSelectionTime({ from: null, to: null }, 'en-GB')).toBe('all days');
  });
});

describe('other formatting', () => {
  it('formats byte sizes in binary units', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KiB');
    expect(formatBytes(12 * 1024 * 1024 * 1024, 'en-US')).toBe('12 GiB');
  });

  it('names countries and treats ZZ as private or unknown', () => {
    expect(countryName('CN')).toBe('China');
    expect(countryName('de')).toBe('Germany');
    expect(countryName(null)).toBe(countryName('ZZ'));
    expect(countryName('ZZ')).toMatch(/private/i);
  });

  it('takes the last path segment on either separator', () => {
    expect(baseName('/var/log/mail.log.2.gz')).toBe('mail.log.2.gz');
    expect(baseName('C:\\logs\\dovecot.log')).toBe('dovecot.log');
  });
});
