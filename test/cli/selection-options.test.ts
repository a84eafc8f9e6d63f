import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src-main/cli/args';
import { allowlistOption, selectionFrom } from '../../src-main/cli/selection-options';

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
    for (const [value, named] of [['Chna', '"Chna"'], ['China, Chna', '"Chna"'], ['', '""'], [' , ', '" , "']]) {
      expect(() => countries(value), value).toThrow(UsageError);
      expect(() => countries(value), value).toThrow(new RegExp(`^--country takes a country name or a two-letter ISO code .*, not ${named}$`));
    }
  });

  it('refuses a name two countries share, and names their codes', () => {
    expect(() => countries('China, Congo')).toThrow(/, not "Congo"; "Congo" is the name of 2 countries: give the code \(CD or CG\)$/);
    // So does a short form of two countries' names.
    expect(() => countries('Korea')).toThrow(/, not "Korea"; "Korea" is the name of 2 countries: give the code \(KP or KR\)$/);
  });
});

describe('selectionFrom --from and --to', () => {
  it('take days, both included, as whole days', () => {
    expect(selectionFrom({ from: '2023-10-11', to: '2023-10-13' })).toEqual({ from: '2023-10-11', to: '2023-10-13', countries: [], search: '' });
    expect(selectionFrom({ from: '2023-10-11', to: '2023-10-11' }).from).toBe('2023-10-11');
  });

  it('take times, as an incident prints its start and end: the hours within the days they touch, the end not included', () => {
    expect(selectionFrom({ from: '2023-10-11 03:00', to: '2023-10-13 17:00' })).toEqual({
      from: '2023-10-11', to: '2023-10-13', countries: [], search: '', hours: { start: '2023-10-11 03:00', end: '2023-10-13 17:00' },
    });
    // Ending at midnight ends on the day before; ISO's T is read too.
    expect(selectionFrom({ from: '2023-10-11T22:30', to: '2023-10-12T00:00' })).toMatchObject({
      from: '2023-10-11', to: '2023-10-11', hours: { start: '2023-10-11 22:30', end: '2023-10-12 00:00' },
    });
  });

  it('read a day beside a time as its whole day, and leave an open side open', () => {
    expect(selectionFrom({ from: '2023-10-11', to: '2023-10-11 06:00' })).toMatchObject({
      from: '2023-10-11', to: '2023-10-11', hours: { start: '2023-10-11 00:00', end: '2023-10-11 06:00' },
    });
    expect(selectionFrom({ from: '2023-10-11 06:00', to: '2023-10-12' })).toMatchObject({
      from: '2023-10-11', to: '2023-10-12', hours: { start: '2023-10-11 06:00', end: '2023-10-13 00:00' },
    });
    expect(selectionFrom({ from: '2023-10-11 06:00' })).toMatchObject({ from: '2023-10-11', to: null, hours: { start: '2023-10-11 06:00', end: null } });
    expect(selectionFrom({ to: '2023-10-11 06:00' })).toMatchObject({ from: null, to: '2023-10-11', hours: { start: null, end: '2023-10-11 06:00' } });
  });

  it.each([
    [{ from: '2023-10-11 24:00' }, /--from must be a date as YYYY-MM-DD, or a time as "YYYY-MM-DD HH:MM", not "2023-10-11 24:00"/],
    [{ to: '2023-02-30 10:00' }, /--to must be a date/],
    [{ from: '2023-10-11 03:00:00' }, /--from must be a date/],
    [{ from: '11/10/2023' }, /--from must be a date/],
    [{ from: '2023-10-12', to: '2023-10-11' }, /--from 2023-10-12 is not before --to 2023-10-11/],
    [{ from: '2023-10-11 03:00', to: '2023-10-11 03:00' }, /--from 2023-10-11 03:00 is not before --to 2023-10-11 03:00/],
    [{ from: '2023-10-12 00:00', to: '2023-10-11' }, /is not before/],
  ])('refuse %j', (values, reason) => {
    expect(() => selectionFrom(values)).toThrow(UsageError);
    expect(() => selectionFrom(values)).toThrow(reason);
  });
});

describe('selectionFrom --service', () => {
  const services = (...values: string[]) => selectionFrom({ service: values }).services;

  it('takes names as the log gives them, lists, and "not logged", once each; none means all', () => {
    expect(services('ssh')).toEqual(['ssh']);
    expect(services('imap, pop3', 'ssh', 'imap')).toEqual(['imap', 'pop3', 'ssh']);
    expect(services('not logged', 'Not-Logged', 'smtps')).toEqual(['', 'smtps']);
    expect(selectionFrom({})).not.toHaveProperty('services');
  });

  it('refuses what can be no service, naming it', () => {
    for (const [value, named] of [['', '""'], ['imap pop3', '"imap pop3"'], ['ssh,', '""'], ['s'.repeat(65), `"${'s'.repeat(65)}"`]]) {
      expect(() => services(value), value).toThrow(UsageError);
      expect(() => services(value), value).toThrow(new RegExp(`^--service takes a service as the log names it .*, not ${named}$`));
    }
  });
});

describe('allowlistOption', () => {
  it('takes addresses and networks, v4 and v6', () => {
    expect(allowlistOption(['192.0.2.1', '198.51.100.0/24', '2001:db8::/32'])).toEqual(['192.0.2.1', '198.51.100.0/24', '2001:db8::/32']);
    expect(allowlistOption(undefined)).toEqual([]);
  });

  it('refuses what is neither, naming it', () => {
    for (const value of ['999.1.1.1', '10.0.0.0/33', 'example.org']) {
      expect(() => allowlistOption(['192.0.2.1', value]), value).toThrow(UsageError);
      expect(() => allowlistOption([value])).toThrow(`--allow takes an IP address or a network (CIDR), not ${JSON.stringify(value)}`);
    }
  });
});
