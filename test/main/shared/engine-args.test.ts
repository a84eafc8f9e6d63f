import { describe, expect, it } from 'vitest';
import type { BlocklistOptions, Selection } from '../../../src-main/shared/api';
import { FAIL2BAN_DEFAULTS } from '../../../src-main/shared/api';
import { ENGINE_METHODS } from '../../../src-main/shared/channels';
import {
  InvalidArgumentsError, callEngine, isEngineMethod, validateEngineArgs, validateSelection,
} from '../../../src-main/shared/engine-args';
import { fakeEngine } from '../fake-engine';

const swarm: Selection = { from: '2024-03-11', to: '2024-03-13', countries: ['BR', 'VN', 'ZZ'], search: '' };

const blocklistOptions: BlocklistOptions = {
  selection: swarm, format: 'nftables', minAttempts: 1, excludePrivate: true,
  allowlist: ['192.0.2.0/24', '2001:db8::1'], setName: 'swarmscope_block',
};

describe('selection checks', () => {
  it('accepts a brushed swarm selection and returns a copy', () => {
    const checked = validateSelection(swarm);
    expect(checked).toEqual(swarm);
    expect(checked).not.toBe(swarm);
    expect(checked.countries).not.toBe(swarm.countries);
  });

  it('accepts the whole case', () => {
    expect(validateSelection({ from: null, to: null, countries: [], search: '185.220.101.0/24' }))
      .toEqual({ from: null, to: null, countries: [], search: '185.220.101.0/24' });
  });

  it('accepts services, "not logged" (the empty text) among them, and takes none for all', () => {
    const mailOnly = { ...swarm, services: ['imap', 'pop3', ''] };
    const checked = validateSelection(mailOnly);
    expect(checked).toEqual(mailOnly);
    expect(checked.services).not.toBe(mailOnly.services);
    // Absent, null and an empty list all mean every service: one shape, so equal selections are equal.
    expect(validateSelection({ ...swarm, services: [] })).toEqual(swarm);
    expect(validateSelection({ ...swarm, services: null })).toEqual(swarm);
    expect('services' in validateSelection({ ...swarm, services: [] })).toBe(false);
  });

  it('accepts an incident\'s hours, or one side of them, and takes null for whole days', () => {
    const incident = { ...swarm, hours: { start: '2024-03-11 03:00', end: '2024-03-13 17:00' } };
    const checked = validateSelection(incident);
    expect(checked).toEqual(incident);
    expect(checked.hours).not.toBe(incident.hours);
    expect(validateSelection({ ...swarm, hours: { start: null, end: '2024-03-12 00:00' } }).hours).toEqual({ start: null, end: '2024-03-12 00:00' });
    expect(validateSelection({ ...swarm, hours: null })).toEqual(swarm);
  });

  it('keeps the view a question is for, which lets the engine thread drop older questions of that view', () => {
    expect(validateSelection({ ...swarm, lane: 'summary' })).toEqual({ ...swarm, lane: 'summary' });
    expect(validateSelection({ ...swarm, lane: 'timeline-days' }).lane).toBe('timeline-days');
    expect('lane' in validateSelection(swarm)).toBe(false);
  });

  it.each([
    ['a view name that is not text', { ...swarm, lane: 7 }, /lane: expected a view name/],
    ['a view name with odd characters', { ...swarm, lane: 'Summary<script>' }, /lane: expected a view name/],
    ['an overlong view name', { ...swarm, lane: 'a'.repeat(41) }, /lane: expected a view name/],
    ['hours that are not an object', { ...swarm, hours: '2024-03-11 03:00' }, /hours: expected an object/],
    ['hours with neither side', { ...swarm, hours: { start: null, end: null } }, /hours: expected a start, an end or both/],
    ['hours with a side left out', { ...swarm, hours: { start: '2024-03-11 03:00' } }, /hours.end: expected null or a time/],
    ['an hour that is no hour', { ...swarm, hours: { start: '2024-03-11 24:00', end: null } }, /hours.start: expected null or a time/],
    ['hours with seconds', { ...swarm, hours: { start: '2024-03-11 03:00:00', end: null } }, /hours.start/],
    ['hours that end before they start', { ...swarm, hours: { start: '2024-03-11 03:00', end: '2024-03-11 03:00' } }, /not before the end/],
    ['hours with an extra field', { ...swarm, hours: { start: null, end: '2024-03-11 03:00', zone: 'UTC' } }, /unexpected field "zone"/],
    ['a missing field', { from: null, to: null, countries: [] }, /search/],
    ['services that are not a list', { ...swarm, services: 'ssh' }, /services: expected an array/],
    ['a service that is not text', { ...swarm, services: ['ssh', 22] }, /services\[1\]: expected a string/],
    ['a service longer than any the logs name', { ...swarm, services: ['s'.repeat(65)] }, /services\[0\]: longer than 64/],
    ['a service with a NUL', { ...swarm, services: ['ssh\0'] }, /services\[0\]: contains a NUL/],
    ['more services than a case holds', { ...swarm, services: Array.from({ length: 101 }, (_, i) => `s${i}`) }, /more than 100/],
    ['an extra field', { ...swarm, sql: '1=1' }, /unexpected field "sql"/],
    ['a day that is not a calendar day', { ...swarm, to: '2024-02-30' }, /calendar day/],
    ['a timestamp instead of a day', { ...swarm, from: '2024-03-11T00:00:00Z' }, /YYYY-MM-DD/],
    ['a lower-case country code', { ...swarm, countries: ['br'] }, /country code/],
    ['a country code that is a number', { ...swarm, countries: [76] }, /country code/],
    ['countries that are not a list', { ...swarm, countries: 'BR' }, /array/],
    ['a search of 5000 characters', { ...swarm, search: 'a'.repeat(5000) }, /longer than/],
    ['a search with a NUL', { ...swarm, search: 'admin\0' }, /NUL/],
    ['an array', [swarm], /expected an object/],
    ['a class instance', Object.assign(new (class Selection {})(), swarm), /plain object/],
  ])('refuses %s', (_what, selection, reason) => {
    expect(() => validateSelection(selection)).toThrow(reason);
  });
});

describe('per-method argument checks', () => {
  it('knows exactly the engine methods', () => {
    for (const method of ENGINE_METHODS) expect(isEngineMethod(method)).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'terminate', 'onEvent', 'eval']) expect(isEngineMethod(name)).toBe(false);
  });

  it('passes well-formed calls through as clean copies', () => {
    expect(validateEngineArgs('ips', [swarm, 'attempts', true, 200, 100])).toEqual([swarm, 'attempts', true, 200, 100]);
    expect(validateEngineArgs('ingest', [['/var/log/dovecot.log', '/var/log/dovecot.log.1.gz']]))
      .toEqual([['/var/log/dovecot.log', '/var/log/dovecot.log.1.gz']]);
    expect(validateEngineArgs('ingest', [['C:\\logs\\mail.log'], { year: 2024, geoip: ['/usr/share/GeoIP/GeoLite2-City.mmdb'] }]))
      .toEqual([['C:\\logs\\mail.log'], { year: 2024, geoip: ['/usr/share/GeoIP/GeoLite2-City.mmdb'] }]);
    // The longest set name the formats write as given.
    expect(validateEngineArgs('blocklist', [{ ...blocklistOptions, setName: `Ab-_${'9'.repeat(20)}` }])[0]).toMatchObject({ setName: `Ab-_${'9'.repeat(20)}` });
    expect(validateEngineArgs('openCase', [null])).toEqual([null]);
    expect(validateEngineArgs('incidents', [])).toEqual([]);
    expect(validateEngineArgs('incidents', [null])).toEqual([]);
    expect(validateEngineArgs('incidents', [{ maxretry: 3, findtime: 3600, bantime: 86_400 }])).toEqual([{ maxretry: 3, findtime: 3600, bantime: 86_400 }]);
    // The services chosen in the Services tab (NO_SERVICE, the empty text: not logged); the threshold left out comes as null.
    expect(validateEngineArgs('incidents', [null, ['ssh', '']])).toEqual([undefined, ['ssh', '']]);
    expect(validateEngineArgs('incidents', [FAIL2BAN_DEFAULTS, ['imap', 'pop3']])).toEqual([FAIL2BAN_DEFAULTS, ['imap', 'pop3']]);
    expect(validateEngineArgs('incidents', [FAIL2BAN_DEFAULTS, []])).toEqual([FAIL2BAN_DEFAULTS]);
    expect(validateEngineArgs('incidents', [FAIL2BAN_DEFAULTS, null])).toEqual([FAIL2BAN_DEFAULTS]);
    expect(validateEngineArgs('setGeoDatabases', [['/usr/share/GeoIP/GeoLite2-City.mmdb', 'D:\\GeoIP\\GeoLite2-ASN.mmdb']]))
      .toEqual([['/usr/share/GeoIP/GeoLite2-City.mmdb', 'D:\\GeoIP\\GeoLite2-ASN.mmdb']]);
    expect(validateEngineArgs('setGeoDatabases', [[]])).toEqual([[]]);
    expect(validateEngineArgs('setStartYear', [2021])).toEqual([2021]);
    expect(validateEngineArgs('setStartYear', [null])).toEqual([null]);
    expect(validateEngineArgs('blocklist', [blocklistOptions])).toEqual([blocklistOptions]);
    expect(validateEngineArgs('rawLines', [[{ source: '/var/log/dovecot.log', line: 30483 }]]))
      .toEqual([[{ source: '/var/log/dovecot.log', line: 30483 }]]);
    // With the id of the source the line was read into: two sources may share a path (a log rotated away and gone).
    expect(validateEngineArgs('rawLines', [[{ source: '/var/log/mail.log', line: 120, sourceId: 3 }, { source: '/var/log/mail.log', line: 120 }]]))
      .toEqual([[{ source: '/var/log/mail.log', line: 120, sourceId: 3 }, { source: '/var/log/mail.log', line: 120 }]]);
    expect(validateEngineArgs('ipDetail', ['2001:db8::5', swarm])).toEqual(['2001:db8::5', swarm]);
    expect(validateEngineArgs('services', [swarm])).toEqual([swarm]);
    expect(validateEngineArgs('services', [swarm])[0]).not.toBe(swarm);
    expect(validateEngineArgs('tableCsv', ['services', swarm])).toEqual(['services', swarm]);
    expect(validateEngineArgs('tableCsv', ['passwords', swarm])).toEqual(['passwords', swarm]);
    expect(validateEngineArgs('tableCsv', ['days', swarm, { daysOrder: 'busiest' }])).toEqual(['days', swarm, { daysOrder: 'busiest' }]);
    expect(validateEngineArgs('tableCsv', ['days', swarm, null])).toEqual(['days', swarm]);
    // The IP table's sort, so that its CSV lists the rows as the table shows them.
    const byDays = { ipsOrder: { sort: 'activeDays', descending: true } };
    expect(validateEngineArgs('tableCsv', ['ips', swarm, byDays])).toEqual(['ips', swarm, byDays]);
    expect(validateEngineArgs('tableCsv', ['ips', swarm, byDays])[2]!.ipsOrder).not.toBe(byDays.ipsOrder);
    const exactUser = { ...swarm, exact: { user: ' Admin\0 ' } };
    expect(validateEngineArgs('summary', [exactUser])).toEqual([exactUser]);
    expect(validateEngineArgs('summary', [{ ...swarm, exact: null }])).toEqual([swarm]);
    // A user name and a password together (AND); parts left out or null mean any, and none at all is no filter.
    const both = { ...swarm, exact: { user: 'admin', password: '123456' } };
    expect(validateEngineArgs('summary', [both])).toEqual([both]);
    expect(validateEngineArgs('summary', [{ ...swarm, exact: { user: null, password: '' } }])).toEqual([{ ...swarm, exact: { password: '' } }]);
    expect(validateEngineArgs('summary', [{ ...swarm, exact: {} }])).toEqual([swarm]);
    const sshOnly = { ...swarm, services: ['ssh'] };
    expect(validateEngineArgs('blocklist', [{ ...blocklistOptions, selection: sshOnly }])).toEqual([{ ...blocklistOptions, selection: sshOnly }]);
    expect(validateEngineArgs('ipDetail', ['2001:db8::5', sshOnly])).toEqual(['2001:db8::5', sshOnly]);
  });

  it('treats a null trailing option as absent, as JSON turns undefined into null', () => {
    expect(validateEngineArgs('ingest', [['/srv/logs'], null])).toEqual([['/srv/logs']]);
  });

  it.each([
    ['relative log paths', 'ingest', [['logs/dovecot.log']], /absolute path/],
    ['a path with a NUL', 'saveCase', ['/tmp/case.swarmscope\0.sh'], /NUL/],
    ['a non-finite offset', 'ips', [swarm, 'attempts', true, Number.NaN, 100], /finite/],
    ['an infinite limit', 'users', [swarm, Number.POSITIVE_INFINITY], /finite/],
    ['a fractional limit', 'passwords', [swarm, 2.5], /whole number/],
    ['a negative offset', 'ips', [swarm, 'attempts', true, -1, 100], /0\.\./],
    ['a sort key that is not a column', 'ips', [swarm, 'password; DROP TABLE attempts', true, 0, 100], /one of/],
    ['a string for descending', 'ips', [swarm, 'ip', 'yes', 0, 100], /true or false/],
    ['too many arguments', 'caseInfo', ['extra'], /expected 0/],
    ['too few arguments', 'summary', [], /expected 1/],
    ['services without a selection', 'services', [], /expected 1/],
    ['services with a limit it does not take', 'services', [swarm, 10], /expected 1/],
    ['services of a selection with an extra field', 'services', [{ ...swarm, sql: '1=1' }], /unexpected field "sql"/],
    ['services of a selection that is text', 'services', ['imap'], /expected an object/],
    ['arguments that are not a list', 'summary', swarm, /array/],
    ['an unknown table', 'tableCsv', ['sqlite_master', swarm], /one of/],
    ['a days order that is none', 'tableCsv', ['days', swarm, { daysOrder: 'random()' }], /daysOrder/],
    ['a CSV option that is not offered', 'tableCsv', ['days', swarm, { limit: 5 }], /unexpected field/],
    ['an IP order by a column that is none', 'tableCsv', ['ips', swarm, { ipsOrder: { sort: 'password; --', descending: true } }], /ipsOrder\.sort: expected one of/],
    ['an IP order without its direction', 'tableCsv', ['ips', swarm, { ipsOrder: { sort: 'country' } }], /ipsOrder\.descending: expected true or false/],
    ['an IP order with a field it does not take', 'tableCsv', ['ips', swarm, { ipsOrder: { sort: 'ip', descending: false, limit: 5 } }], /ipsOrder: unexpected field "limit"/],
    ['an IP order that is text', 'tableCsv', ['ips', swarm, { ipsOrder: 'attempts DESC' }], /ipsOrder: expected an object/],
    ['an exact value of another column', 'summary', [{ ...swarm, exact: { service: 'imap' } }], /exact/],
    ['an exact value that is not text', 'summary', [{ ...swarm, exact: { user: 7 } }], /exact\.user/],
    ['an exact password that is not text', 'summary', [{ ...swarm, exact: { user: 'admin', password: ['123456'] } }], /exact\.password/],
    ['an exact value longer than a log line', 'summary', [{ ...swarm, exact: { user: 'a'.repeat(70_000) } }], /longer than/],
    ['a blocklist format that is not offered', 'blocklist', [{ ...blocklistOptions, format: 'pf' }], /one of/],
    ['a set name that would inject a rule', 'blocklist', [{ ...blocklistOptions, setName: 'x; flush ruleset' }], /setName/],
    // The export dialog and the CLI refuse these too: the formats would write another name than the one given.
    ['a set name the formats would cut short', 'blocklist', [{ ...blocklistOptions, setName: 'a'.repeat(25) }], /setName: longer than 24/],
    ['a set name the formats would strip the start of', 'blocklist', [{ ...blocklistOptions, setName: '_swarm' }], /setName: .*starting with a letter/],
    ['an ip that is a sentence', 'ipDetail', ['not an address', swarm], /IPv4 or IPv6/],
    ['a raw-line reference at line 0', 'rawLines', [[{ source: '/var/log/dovecot.log', line: 0 }]], /1\.\./],
    ['a raw-line reference to source 0', 'rawLines', [[{ source: '/var/log/mail.log', line: 1, sourceId: 0 }]], /sourceId/],
    ['a raw-line reference whose source id is text', 'rawLines', [[{ source: '/var/log/mail.log', line: 1, sourceId: '1 OR 1=1' }]], /sourceId/],
    ['a raw-line reference whose source id is null', 'rawLines', [[{ source: '/var/log/mail.log', line: 1, sourceId: null }]], /sourceId/],
    ['a raw-line reference with a field of its own', 'rawLines', [[{ source: '/var/log/mail.log', line: 1, path: '/etc/passwd' }]], /unexpected field/],
    ['a year outside the calendar we read', 'ingest', [['/srv/logs'], { year: 1899 }], /1970\.\.2100/],
    ['a relative geo database', 'setGeoDatabases', [['GeoLite2-City.mmdb']], /absolute path/],
    ['more geo databases than a locator needs', 'setGeoDatabases', [Array.from({ length: 17 }, (_, i) => `/geo/${i}.mmdb`)], /more than 16/],
    ['a geo database path that is not text', 'setGeoDatabases', [[{ path: '/geo/a.mmdb' }]], /string/],
    ['geo databases that are not a list', 'setGeoDatabases', ['/geo/a.mmdb'], /array/],
    ['a start year before 1970', 'setStartYear', [1969], /year/],
    ['a start year that is text', 'setStartYear', ['2021'], /year/],
    ['a start year with a fraction', 'setStartYear', [2021.5], /year/],
    ['no start year at all', 'setStartYear', [], /arguments/],
    ['a threshold of no tries', 'incidents', [{ maxretry: 0, findtime: 600, bantime: 600 }], /threshold\.maxretry/],
    ['a threshold window with a fraction', 'incidents', [{ maxretry: 5, findtime: 600.5, bantime: 600 }], /threshold\.findtime: expected a whole number/],
    ['a ban given as text', 'incidents', [{ maxretry: 5, findtime: 600, bantime: '10m' }], /threshold\.bantime/],
    ['a threshold without its window', 'incidents', [{ maxretry: 5, bantime: 600 }], /threshold\.findtime/],
    ['a threshold setting fail2ban has not', 'incidents', [{ maxretry: 5, findtime: 600, bantime: 600, ignoreip: '1.2.3.4' }], /unexpected field/],
    ['a threshold that is a number', 'incidents', [5], /expected an object/],
    ['incidents of a service given as text, not a list', 'incidents', [null, 'ssh'], /services/],
    ['incidents of a service that is no text', 'incidents', [null, ['ssh', 22]], /services\[1\]/],
    ['incidents of a service name longer than any log writes', 'incidents', [null, ['x'.repeat(65)]], /services\[0\]/],
    ['incidents of more services than a case can hold', 'incidents', [null, Array.from({ length: 101 }, (_, i) => `s${i}`)], /services/],
    ['incidents with an argument after the services', 'incidents', [null, ['ssh'], true], /arguments/],
  ])('refuses %s', (_what, method, args, reason) => {
    expect(() => validateEngineArgs(method as never, args)).toThrow(InvalidArgumentsError);
    expect(() => validateEngineArgs(method as never, args)).toThrow(reason);
  });

  it('names the method and the field in the message', () => {
    expect(() => validateEngineArgs('summary', [{ ...swarm, from: 'yesterday' }])).toThrow('summary: selection.from: expected null or YYYY-MM-DD');
  });
});

describe('callEngine', () => {
  it('calls the engine with the checked copies', async () => {
    const engine = fakeEngine();
    const result = await callEngine(engine, 'summary', [swarm]);
    expect(result).toMatchObject({ attempts: 0 });
    expect(engine.calls).toEqual([{ method: 'summary', args: [swarm] }]);
    expect(engine.calls[0].args[0]).not.toBe(swarm);
  });

  it('refuses methods outside the engine API without calling anything', async () => {
    const engine = fakeEngine();
    await expect(callEngine(engine, 'terminate', [])).rejects.toThrow(/not an engine method/);
    await expect(callEngine(engine, 'constructor', [])).rejects.toThrow(/not an engine method/);
    expect(engine.terminated).toBe(false);
    expect(engine.calls).toEqual([]);
  });

  it('rejects bad arguments before the engine sees them', async () => {
    const engine = fakeEngine();
    await expect(callEngine(engine, 'saveCase', ['case.swarmscope'])).rejects.toThrow(/absolute path/);
    expect(engine.calls).toEqual([]);
  });
});
