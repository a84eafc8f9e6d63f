import { describe, expect, it } from 'vitest';
import { UsageError, intOption, parse, pathArgument } from '../../src-main/cli/args';

describe('pathArgument', () => {
  it('keeps a path as given', () => {
    expect(pathArgument('logs/mail.log', 'a log path')).toBe('logs/mail.log');
    expect(pathArgument(' mail.log', '--case')).toBe(' mail.log');
  });

  it('refuses an empty or blank path, which would otherwise be the current folder', () => {
    for (const value of ['', ' ', '\t\n']) {
      expect(() => pathArgument(value, '--case'), JSON.stringify(value)).toThrow(UsageError);
      expect(() => pathArgument(value, '--case')).toThrow(/^--case is empty/);
    }
  });
});

describe('intOption', () => {
  it('takes plain decimal digits in range', () => {
    expect(intOption('2024', 'year', 1970, 2100)).toBe(2024);
    expect(intOption('0', 'seed', 0, 10)).toBe(0);
    expect(intOption(undefined, 'seed', 0, 10)).toBeUndefined();
  });

  it('refuses what Number() would also read: hex, exponents, signs, decimals, blanks', () => {
    for (const value of ['0x7e8', ' 2024', '2024 ', '2.024e3', '+2024', '-0', '2024.0', '0b11111101000', '', ' ', '2_024']) {
      expect(() => intOption(value, 'year', 0, 3000), JSON.stringify(value)).toThrow(UsageError);
      expect(() => intOption(value, 'year', 0, 3000)).toThrow(`--year must be a whole number from 0 to 3000, not ${JSON.stringify(value)}`);
    }
    expect(() => intOption('2101', 'year', 1970, 2100)).toThrow(UsageError);
  });
});

describe('parse', () => {
  const options = { year: { type: 'string' }, geoip: { type: 'string', multiple: true } } as const;

  it('refuses an option given twice that takes one value, rather than keep the last', () => {
    expect(() => parse(['--year', '2023', '--year', '2024'], options)).toThrow(new UsageError('--year is given more than once'));
    expect(() => parse(['--year=2023', 'logs', '--year', '2023'], options)).toThrow(UsageError);
  });

  it('takes an option meant to be given several times, and each one once', () => {
    expect(parse(['--geoip', 'a.mmdb', 'logs', '--geoip', 'b.mmdb', '--year', '2023'], options)).toEqual({
      values: { geoip: ['a.mmdb', 'b.mmdb'], year: '2023' }, positionals: ['logs'],
    });
  });
});
