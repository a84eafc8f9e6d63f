import { describe, expect, it } from 'vitest';
import { compileFormatFiles, type FormatFile, type FormatSpec } from '../../../src-main/engine/formats/index';

const compileFormatFile = (f: FormatFile) => compileFormatFiles([f]);

function file(formats: FormatSpec[], defs: Record<string, string> = {}): FormatFile {
  return {
    name: 'test',
    description: '',
    prefilter: ['auth'],
    suspicious: ['auth failed'],
    defs,
    formats,
    ignoredSamples: [],
    unparsedSamples: [],
  };
}

function format(overrides: Partial<FormatSpec>): FormatSpec {
  return {
    name: 'f',
    description: '',
    kind: 'login-fail',
    needles: ['auth failed'],
    regex: 'rip=(?<ip>\\S+)',
    samples: [],
    ...overrides,
  };
}

describe('compileFormatFiles of one file', () => {
  it('expands defs, numbers named groups and keeps internal ones out of the field map', () => {
    const compiled = compileFormatFile(
      file(
        [format({ regex: ['(?=(?<_skip>[^(]*\\())\\k<_skip>', 'user=<(?<user>[^>]*)>, rip=(?<ip>{{ip}})'] })],
        { ip: '\\d+(?:\\.\\d+){3}' },
      ),
    ).formats[0];
    expect(compiled.groups).toEqual({ user: 2, ip: 3 });
    const m = compiled.regex.exec('x (user=<bob>, rip=192.0.2.1');
    expect(m?.[compiled.groups.user as number]).toBe('bob');
    expect(m?.[compiled.groups.ip as number]).toBe('192.0.2.1');
  });

  it('builds prefilter and needle tests from literals, regex characters included', () => {
    const set = compileFormatFile({ ...file([format({ needles: ['(auth failed, ', 'a.b'] })]), prefilter: ['x(y'] });
    expect(set.prefilter.test('x(y')).toBe(true);
    expect(set.prefilter.test('xy')).toBe(false);
    expect(set.formats[0].hasNeedle('... (auth failed, 2')).toBe(true);
    expect(set.formats[0].hasNeedle('axb')).toBe(false);
  });

  it('passes over keywords that lie inside phrases of lines that are never attempts, and only those', () => {
    const set = compileFormatFile({
      ...file([format({})]), prefilter: ['auth', 'Login'], prefilterIgnores: ['(no auth attempts', '(no_auth_attempts)', 'Login aborted'],
    });
    const candidate = (line: string): boolean => set.prefilter.test(line);
    expect(candidate('imap-login: Disconnected (no auth attempts in 2 secs): user=<>, rip=192.0.2.1')).toBe(false);
    expect(candidate('imap-login: Login aborted: Connection closed (no auth attempts in 1 secs) (no_auth_attempts): user=<>, rip=192.0.2.1')).toBe(false);
    expect(candidate('imap-login: Login aborted: Connection closed (auth failed, 1 attempts in 2 secs) (auth_failed): user=<x>, rip=192.0.2.1')).toBe(true);
    expect(candidate('imap-login: Login: user=<x>, rip=192.0.2.1')).toBe(true);
    // A user name (chosen by the attacker) that holds the phrase or a keyword keeps the line a candidate.
    expect(candidate('imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<(no auth attempts>, rip=192.0.2.1')).toBe(true);
    expect(candidate('imap-login: Disconnected (no auth attempts in 2 secs): user=<auth>, rip=192.0.2.1')).toBe(true);
    expect(candidate('(no auth attempts (no auth attempts auth')).toBe(true);
  });

  it.each([
    ['an unknown def', format({ regex: 'rip=(?<ip>{{nope}})' }), /unknown def/],
    ['an unknown capture', format({ regex: 'rip=(?<ip>\\S+) (?<secret>x)' }), /unknown capture secret/],
    ['an event format without ip', format({ regex: 'user=(?<user>\\S+)' }), /must capture ip/],
    ['an unknown kind', format({ kind: 'weird' as never }), /unknown kind/],
    ['no needle', format({ needles: [] }), /needle/],
    ['a broken regex', format({ regex: 'rip=(?<ip>\\S+' }), /Invalid regular expression/],
    ['a forward back-reference', format({ regex: '\\k<_x>(?<_x>a)rip=(?<ip>\\S+)' }), /unknown group/],
    ['a reason on an event format', format({ reasons: [{ reason: 'host-name', regex: 'x' }] }), /for an unparsed format only/],
    ['an unknown reason', format({ kind: 'unparsed', regex: 'x', reasons: [{ reason: 'weird' as never, regex: 'x' }] }), /a reason is one of host-name/],
    ['ownTry on an auth line', format({ kind: 'auth-fail', ownTry: true }), /ownTry is for a login-fail format only/],
    ['an empty literal it requires', format({ requires: '' }), /requires is a non-empty literal/],
    ['services by port without the port', format({ serviceByPort: { 587: 'submission' } }), /serviceByPort needs a local_port capture/],
  ])('rejects %s', (_, spec, message) => {
    expect(() => compileFormatFile(file([spec]))).toThrow(message);
  });

  it('rejects two formats with one name', () => {
    expect(() => compileFormatFile(file([format({}), format({})]))).toThrow(/defined twice/);
  });

  it('accepts an ignored format without ip', () => {
    expect(compileFormatFile(file([format({ kind: 'ignored', regex: 'no auth attempts' })])).formats[0].kind).toBe('ignored');
  });
  it('tests a list of needles that several formats share once, through one needle set', () => {
    const compiled = compileFormatFile(
      file([
        format({ name: 'a', needles: ['auth failed', 'mismatch'] }),
        format({ name: 'b', needles: ['Login: '] }),
        format({ name: 'c', needles: ['auth failed', 'mismatch'] }),
      ]),
    );
    const [a, b, c] = compiled.formats;
    expect(compiled.needleTests).toHaveLength(2);
    expect(a.needleSet).toBe(c.needleSet);
    expect(b.needleSet).not.toBe(a.needleSet);
    expect(compiled.needleTests[a.needleSet]('x Password mismatch')).toBe(true);
    expect(compiled.needleTests[b.needleSet]('x Password mismatch')).toBe(false);
  });

  it('gives the literal that formats require one needle set, shared with a format whose needle it is', () => {
    const compiled = compileFormatFile(
      file([
        format({ name: 'a', requires: '-login: ', needles: ['(auth failed'] }),
        format({ name: 'b', requires: '-login: ', needles: ['Login: '] }),
        format({ name: 'c', kind: 'ignored', needles: ['-login: '], regex: 'x' }),
        format({ name: 'd', needles: ['mismatch'] }),
      ]),
    );
    const [a, b, c, d] = compiled.formats;
    expect(a.requireSet).toBe(b.requireSet);
    expect(a.requireSet).toBe(c.needleSet);
    expect(d.requireSet).toBe(-1);
    expect(compiled.needleTests[a.requireSet]('imap-login: Login: user=<x>')).toBe(true);
    expect(compiled.needleTests[a.requireSet]('auth: passwd-file(x,192.0.2.1): Password mismatch')).toBe(false);
  });
});

describe('compileFormatFiles of several files', () => {
  const sshish: FormatFile = {
    ...file([format({ name: 'ssh-fail', kind: 'auth-fail', needles: ['sshd'], regex: '{{tag}}Failed password from (?<ip>\\S+)' })], { tag: '^sshd: ' }),
    name: 'ssh', prefilter: ['sshd'], suspicious: [],
  };
  const mail = file([format({ name: 'mail-fail', regex: '{{tag}}rip=(?<ip>\\S+)' })], { tag: 'imap-login: .*' });

  it('tries the files\' formats in order, each with its own defs, under one prefilter', () => {
    const set = compileFormatFiles([sshish, mail]);
    expect(set.name).toBe('ssh+test');
    expect(set.formats.map((f) => f.name)).toEqual(['ssh-fail', 'mail-fail']);
    expect(set.formats[0].regex.test('sshd: Failed password from 192.0.2.1')).toBe(true);
    expect(set.formats[1].regex.test('imap-login: x rip=192.0.2.1')).toBe(true);
    expect(['sshd: x', 'auth: x', 'mail: x'].map((l) => set.prefilter.test(l))).toEqual([true, true, false]);
  });

  it('reads no line as suspicious for a file that lists no suspicious phrase', () => {
    expect(compileFormatFiles([sshish]).suspicious.test('anything at all')).toBe(false);
    expect(compileFormatFiles([sshish, mail]).suspicious.test('x auth failed')).toBe(true);
  });

  it('gives every file the shared syslog defs: RFC 5424 structured data as whole elements', () => {
    const regex = '^\\S+ mail (?:\\d+|-) \\S+ {{structuredData}} imap-login: .*rip=(?<ip>\\S+)';
    const [a, b] = compileFormatFiles([
      { ...sshish, formats: [format({ name: 'a', regex })] },
      file([format({ name: 'b', regex })]),
    ]).formats;
    const line = (data: string) => `2023-10-11T22:14:18Z mail 1234 - ${data} imap-login: x rip=192.0.2.1`;
    for (const f of [a, b]) {
      expect([
        '-', '[meta sequenceId="1"]', '[x y="a\\]b"][t q="[brackets]"]',
      ].map((data) => f.regex.test(line(data)))).toEqual([true, true, true]);
      // An element holds an ID and quoted values only: no bare value, no ']' after it, no element left open.
      expect(['[x=1]', '[meta x="1"] y]', '[meta x="1"'].map((data) => f.regex.test(line(data)))).toEqual([false, false, false]);
    }
  });

  it('rejects a file that redefines a shared syslog def', () => {
    expect(() => compileFormatFiles([file([format({})], { structuredData: '-' })])).toThrow(/structuredData.*shared syslog def/);
  });

  it('rejects a format name that two files share', () => {
    expect(() => compileFormatFiles([sshish, { ...mail, formats: [format({ name: 'ssh-fail' })] }])).toThrow(/defined twice/);
  });

  it('accepts an unparsed format without ip', () => {
    expect(compileFormatFile(file([format({ kind: 'unparsed', regex: 'Failed ' })])).formats[0].kind).toBe('unparsed');
  });
});
