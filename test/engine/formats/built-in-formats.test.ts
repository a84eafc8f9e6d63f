// Every sample line in the built-in format files (dovecot.json, sshd.json) must be read by its own format, through
// all the formats together, and give the fields it promises.
import { describe, expect, it } from 'vitest';
import { builtInFormatFiles, builtInFormats, sshdFormatFile } from '../../../src-main/engine/formats/index';
import { SSH_SERVICE } from '../../../src-main/engine/parse/ssh-connections';
import { LogLineParser } from '../../../src-main/engine/parse/line-parser';

const reference = new Date('2024-06-30T12:00:00Z');
const freshParser = () => new LogLineParser({ reference });

const formats = builtInFormatFiles.flatMap((file) => file.formats);
const samples = formats.flatMap((format) =>
  format.samples.map((sample) => ({ format: format.name, line: sample.line, expect: sample.expect })),
);
const ignoredSamples = builtInFormatFiles.flatMap((file) => file.ignoredSamples);
const unparsedSamples = builtInFormatFiles.flatMap((file) => file.unparsedSamples);

describe('built-in format samples', () => {
  it('has samples for every format', () => {
    expect(builtInFormatFiles.map((file) => file.name)).toEqual(['sshd', 'dovecot', 'exim']);
    // The store tells sshd's rows apart by this service (store/repeated-streams.ts).
    for (const format of sshdFormatFile.formats.filter((f) => f.kind !== 'ignored' && f.kind !== 'unparsed')) expect(format.defaultService, format.name).toBe(SSH_SERVICE);
    for (const format of formats) expect(format.samples.length, format.name).toBeGreaterThan(0);
  });

  it.each(samples)('$format: $line', ({ format, line, expect: expected }) => {
    // A line whose keywords all lie in phrases of lines that are never attempts (prefilterIgnores) is ignored
    // unread; its format still decides it when another keyword (a user name, say) makes it a candidate.
    const candidate = builtInFormats.prefilter.test(line);
    if (!candidate) {
      expect(expected.kind, 'only lines that are never attempts may be passed over').toBe('ignored');
      expect(freshParser().explain(line)).toEqual({ verdict: { kind: 'ignored' }, format: null });
    }
    const { verdict, format: decidedBy } = freshParser().explain(line, true);
    expect(decidedBy).toBe(format);
    if (expected.kind === 'ignored' || expected.kind === 'unparsed') {
      // An unparsed line's reason (FormatSpec.reasons) goes with it, for the file's report to explain it.
      expect(verdict).toEqual(expected.reason === undefined ? { kind: expected.kind } : { kind: expected.kind, reason: expected.reason });
      return;
    }
    expect(verdict.kind).toBe('event');
    if (verdict.kind !== 'event') return;
    const { kind, ...fields } = expected;
    expect(verdict.event.kind).toBe(kind);
    expect(verdict.event).toMatchObject(fields);
  });

  it('reads every sample alike whether or not the prefilter is tested again (parseCandidate)', () => {
    const lines = [
      ...samples.map((s) => s.line),
      ...ignoredSamples,
      ...unparsedSamples.map((s) => s.line),
    ].filter((line) => builtInFormats.prefilter.test(line));
    expect(lines.length).toBeGreaterThan(samples.length);
    for (const line of lines) expect(freshParser().parseCandidate(line), line).toEqual(freshParser().parse(line));
  });

  it('reads each sshd sample alike without its host and tag, as an untagged file\'s line (journalctl -o cat, an sshd container)', () => {
    // A syslog line's stamp and message; sshd's process id and the host are what the untagged line lacks.
    const tagged = /^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) \S+ sshd(?:-session|-auth)?\[\d+\]: (.*)$/;
    const lines = [...sshdFormatFile.formats.flatMap((f) => f.samples.map((s) => s.line)), ...sshdFormatFile.ignoredSamples].filter((l) => tagged.test(l));
    expect(lines.length).toBeGreaterThan(40);
    const withoutConnection = (v: ReturnType<LogLineParser['parse']>) => (v.kind === 'event' ? { ...v, event: { ...v.event, session: null, host: null } } : v);
    for (const line of lines) {
      const [, stamp, message] = tagged.exec(line)!;
      const untagged = new LogLineParser({ reference, untagged: 'sshd' });
      expect(withoutConnection(untagged.parse(`${stamp} ${message}`)), line).toEqual(withoutConnection(freshParser().parse(line)));
      // Without the stamp too (journalctl -o cat): only the time differs, and says how it was found.
      const bare = untagged.parse(message);
      expect(bare.kind, message).toBe(freshParser().parse(line).kind);
    }
  });

  it('reads each sshd sample alike as Win32-OpenSSH writes it to sshd.log, the process id before the stamp', () => {
    const tagged = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) \S+ sshd(?:-session|-auth)?\[(\d+)\]: (.*)$/;
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const lines = [...sshdFormatFile.formats.flatMap((f) => f.samples.map((s) => s.line)), ...sshdFormatFile.ignoredSamples].filter((l) => tagged.test(l));
    const withoutHost = (v: ReturnType<LogLineParser['parse']>) => (v.kind === 'event' ? { ...v, event: { ...v.event, host: null } } : v);
    for (const line of lines) {
      const [, month, day, time, pid, message] = tagged.exec(line)!;
      // The year the reference gives the syslog stamp.
      const syslog = freshParser().parse(line);
      const year = syslog.kind === 'event' ? new Date(syslog.event.ts * 1000).getUTCFullYear() : 2024;
      const date = `${year}-${String(months.indexOf(month) + 1).padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
      const windows = new LogLineParser({ reference, untagged: 'sshd' }).parse(`${pid} ${date} ${time}.070 ${message}\r`);
      expect(withoutHost(windows), line).toEqual(withoutHost(syslog));
    }
  });

  it("passes over postfix's command counts and connections closed before auth unread, but not a try beside them", () => {
    // Postfix ends every SMTP session that used AUTH with `auth=N/M` among its command counts, and the login
    // processes log each client that left before auth was ready: in a real mail.log these were a tenth of
    // the lines the parser decoded (measured on the bench log), for no attempt.
    const passedOver = [
      'Nov 12 10:00:02 mx postfix/smtpd[93]: disconnect from unknown[203.0.113.8] ehlo=1 auth=0/1 quit=1 commands=2/3',
      'Nov 12 10:00:02 mx postfix/submission/smtpd[94]: disconnect from mail.example.org[198.51.100.7] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8',
      'Aug 29 16:06:58 edge dovecot: imap-login: Disconnected (disconnected before auth was ready, waited 0 secs): user=<>, rip=192.0.2.5, lip=192.168.1.2, TLS handshaking: SSL_accept() syscall failed: Connection reset by peer',
    ];
    for (const line of passedOver) expect(builtInFormats.prefilter.test(line), line).toBe(false);
    const tries = [
      'Nov 12 10:00:01 mx postfix/smtpd[93]: warning: unknown[203.0.113.8]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      'Nov 12 10:00:03 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=< auth=1>, method=PLAIN, rip=192.0.2.9, lip=192.0.2.1',
    ];
    for (const line of tries) {
      expect(builtInFormats.prefilter.test(line), line).toBe(true);
      expect(freshParser().parse(line).kind, line).toBe('event');
    }
  });

  it.each(ignoredSamples)('ignores %j', (line) => {
    expect(freshParser().parse(line)).toEqual({ kind: 'ignored' });
  });

  it.each(unparsedSamples)('reports $line as unparsed', ({ line, reason }) => {
    expect(freshParser().parse(line)).toEqual(reason === undefined ? { kind: 'unparsed' } : { kind: 'unparsed', reason });
  });
});

describe('built-in formats on crafted megabyte lines', () => {
  // Each regex runs directly (no needle shortcut) on lines built to provoke backtracking. They must all finish;
  // a quadratic pattern takes minutes on a megabyte and trips the test timeout.
  const size = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const hostile = [
    `imap-login: Disconnected: ${fill('a: ')}(tried to use disallowed test auth): user=<>, rip=192.0.2.1`,
    `imap-login: Disconnected: ${fill('a: ')}test no match`,
    `${fill('imap-login: ')}(auth failed, 1 attempts)`,
    `imap-login: x (auth failed, 1 attempts): ${fill('user=<x>, ')}`,
    `imap-login: x (auth failed, 1 attempts): user=<${fill('>, ')}rip=`,
    `imap-login: ${fill('(auth failed, 1 attempts): user=<')}`,
    `imap-login: ${fill('(authorization failed, 1 attempts in ')}`,
    `imap-login: ${fill('(user disabled')}) (password expired`,
    `imap-login: x (user disabled): ${fill('user=<x>, ')}`,
    `postfix/smtpd[1]: warning: a[192.0.2.1]: SASL LOGIN authentication failed${fill(' ')}x`,
    `${fill('postfix/smtpd[1]: warning: a[192.0.2.1]: SASL LOGIN authentication failed ')}x`,
    `auth: ${fill('sql(a,')} unknown user`,
    `auth: passwd-file(${fill('x,192.0.2.1,')}): unknown user`,
    `auth: sql(u,192.0.2.1): unknown user ${fill('(given password: ')}`,
    `${fill('auth(u,192.0.2.1,')} Password mismatch`,
    `${fill('pam_unix(x:auth): authentication failure; tty=dovecot ')}`,
    `auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${fill(' rhost=192.0.2.1')}x`,
    `auth: ${fill('unknown user - trying the next passdb x')}`,
    `host sshd[1]: Failed password for ${fill(' from 192.0.2.1 port 1 ssh2')}x`,
    `host sshd[1]: Failed password for invalid user ${fill('a')} from 192.0.2.1 port 1 ssh2`,
    `host sshd[1]: ${fill('Invalid user x from ')}`,
    `host sshd 1 - [${fill('[a] ')}`,
    `host sshd[1]: refused connect from ${fill('(192.0.2.1) ')}x`,
    `host sshd[1]: User ${fill('x from 192.0.2.1 ')}not allowed`,
    // The reasons of unparsed lines (a host name in place of an address).
    `host sshd[1]: Failed password for root${fill(' from a')}`,
    `host sshd[1]: User root${fill(' from a.b.c ')}not allowed because x`,
    `host sshd[1]: Failed password for root from ${fill('a.')}`,
    `host sshd[1]: Failed password for root${fill(' from ' + 'a'.repeat(70))}`,
    // Exim: a user name (set_id) that opens its field again and again and never closes it; hosts and fields without end.
    `dovecot_login authenticator failed for (x) [192.0.2.1]:1: 535 Incorrect authentication data${fill(' (set_id=')}x`,
    `dovecot_login authenticator failed for ${fill('a ')}`,
    `dovecot_login authenticator failed for ${fill('(x) ')}[192.0.2.1]: 535`,
    `${fill('exim[1]: ')}dovecot_login authenticator failed`,
    `1rABCD-000123-AB <= a@b H=(x) [192.0.2.1]:1 P=esmtpsa ${fill('X=y ')}`,
    `1rABCD-000123-AB <= a@b H=(x) [192.0.2.1]:1 P=esmtpsa ${fill('DN="a" ')}`,
  ];

  it.each(hostile.map((line) => [line.slice(0, 50), line]))('every regex finishes on %j…', (_, line) => {
    for (const format of builtInFormats.formats) {
      format.regex.exec(line);
      for (const { regex } of format.reasons) regex.exec(line);
    }
    expect(freshParser().parse(line).kind).toMatch(/^(ignored|unparsed|event)$/);
  });

  it('still reads the GHSA-33wh-ccjc-p397 positive case and refuses the negative one at 1 MB', () => {
    const stamp = 'Aug 31 16:06:05 host dovecot: ';
    const positive = freshParser().parse(`${stamp}${hostile[0]}`);
    expect(positive).toMatchObject({ kind: 'event', event: { kind: 'login-fail', ip: '192.0.2.1', user: null } });
    expect(freshParser().parse(`${stamp}${hostile[1]}`)).toEqual({ kind: 'ignored' });
  });
});
