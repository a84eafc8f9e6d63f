import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src-main/cli/args';
import { parseServeArgs } from '../../../src-main/serve/cli-serve';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'swarmscope-cli-serve-'));
  mkdirSync(join(cwd, 'logs'));
  writeFileSync(join(cwd, 'logs', 'dovecot.log'), '');
  writeFileSync(join(cwd, 'GeoLite2-City.mmdb'), '');
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

describe('swarmscope serve arguments', () => {
  it('resolves paths against the working folder and defaults to any free port', () => {
    expect(parseServeArgs(['logs', 'logs/dovecot.log'], cwd)).toEqual({
      port: 0, paths: [join(cwd, 'logs'), join(cwd, 'logs', 'dovecot.log')], casePath: null, geoip: [], year: undefined,
    });
  });

  it('takes a port, a case, geo databases and a year', () => {
    expect(parseServeArgs(['--port', '8377', '--case', 'march.swarmscope', '--geoip', 'GeoLite2-City.mmdb', '--year', '2024', 'logs'], cwd)).toEqual({
      port: 8377, paths: [join(cwd, 'logs')], casePath: join(cwd, 'march.swarmscope'), geoip: [join(cwd, 'GeoLite2-City.mmdb')], year: 2024,
    });
  });

  it('serves an empty case when given no logs', () => {
    expect(parseServeArgs([], cwd).paths).toEqual([]);
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port', 'http'], /--port/],
    [['missing.log'], /no such file or folder/],
    [['--geoip', 'nowhere.mmdb'], /--geoip .*: no such file/],
    [['--open'], /Unknown option/],
    [[''], /empty/],
    [['logs', '  '], /empty/],
    [['--case', ''], /--case .*empty/],
    [['--geoip', ''], /--geoip .*empty/],
  ])('refuses %j', (argv, reason) => {
    expect(() => parseServeArgs(argv, cwd)).toThrow(UsageError);
    expect(() => parseServeArgs(argv, cwd)).toThrow(reason);
  });
});
