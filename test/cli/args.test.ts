import { describe, expect, it } from 'vitest';
import { UsageError, pathArgument, selectionFrom } from '../../src-main/cli/args';

describe('selectionFrom --country', () => {
  const countries = (...values: string[]) => selectionFrom({ country: values }).countries;

  it('takes codes and English names, short forms too, once each', () => {
    expect(countries('cn', 'China', 'Syria', 'Laos', 'Moldova', 'Czech Republic', 'USA', 'UK')).toEqual(['CN', 'SY', 'LA', 'MD', 'CZ', 'US', 'GB']);
  });

  it('takes a name with a comma of its own, and a list, as the export dialog does', () => {
    expect(countries('Moldova, Republic of')).toEqual(['MD']);
    expect(countries('Korea, Republic of')).toEqual(['KR']);
    expect(countries('CN, Russia; Moldova, Republic of', 'zz')).toEqual(['CN', 'RU', 'MD', 'ZZ']);
  });

  it('refuses what is no country, naming it', () => {
    for (const [value, named] of [['Chna', '"Chna"'], ['China, Chna', '"Chna"'], ['Korea', '"Korea"'], ['', '""'], [' , ', '" , "']]) {
      expect(() => countries(value), value).toThrow(UsageError);
      expect(() => countries(value), value).toThrow(new RegExp(`^--country takes a country name or a two-letter ISO code .*, not ${named}$`));
    }
  });

  it('refuses a name two countries share, and names their codes', () => {
    expect(() => countries('China, Congo')).toThrow(/, not "Congo"; "Congo" is the name of 2 countries: give the code \(CD or CG\)$/);
  });
});

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
