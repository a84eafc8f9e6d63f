import { describe, expect, it } from 'vitest';
import { LogLineParser, MAX_ATTEMPTS_PER_LINE, quotesMessageOf } from '../../../src-main/engine/parse/line-parser';
import type { AuthEvent, LineVerdict, QuotedMessage } from '../../../src-main/engine/parse/types';
import { compileFormatFiles, type FormatSpec } from '../../../src-main/engine/formats/index';

const reference = new Date('2024-01-06T09:00:00Z');

function eventOf(verdict: LineVerdict): AuthEvent {
  if (verdict.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(verdict)}`);
  return verdict.event;
}

const iso = (ts: number) => new Date(ts * 1000).toISOString().slice(0, 19);

describe('LogLineParser', () => {
  it('reads a small mixed file line by line, with year inference across New Year', () => {
    const parser = new LogLineParser({ reference });
    const lines = [
      'Dec 20 10:00:00 mail dovecot: master: Dovecot v2.3.21 starting up for imap, pop3',
      'Dec 20 10:00:01 mail dovecot: auth: Info: sql(adm,203.0.113.5,<AaBbCcDdEeFfGgHh>): Password mismatch (given password: qwerty)',
      'Dec 20 10:00:03 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<adm>, method=PLAIN, rip=203.0.113.5, lip=192.0.2.1, TLS, session=<AaBbCcDdEeFfGgHh>',
      'Dec 31 23:59:59 mail dovecot: lmtp(bob@example.org)<22><x1y2z3>: msgid=<a@b>: saved mail to INBOX',
      'Jan  5 08:00:00 mail dovecot: pop3-login: Login: user=<bob>, method=PLAIN, rip=192.0.2.40, lip=192.0.2.1, mpid=77, TLS, session=<QqRrSsTtUuVvWwXx>',
    ];
    const verdicts = lines.map((l) => parser.parse(l));
    expect(verdicts.map((v) => v.kind)).toEqual(['ignored', 'event', 'event', 'ignored', 'event']);
    expect(eventOf(verdicts[1])).toEqual({
      kind: 'auth-fail',
      ts: Date.UTC(2023, 11, 20, 10, 0, 1) / 1000,
      ip: '203.0.113.5',
      user: 'adm',
      password: 'qwerty',
      session: 'AaBbCcDdEeFfGgHh',
      service: null,
      origin: 'auth',
    });
    expect(eventOf(verdicts[2])).toEqual({
      kind: 'login-fail',
      ts: Date.UTC(2023, 11, 20, 10, 0, 3) / 1000,
      ip: '203.0.113.5',
      user: 'adm',
      session: 'AaBbCcDdEeFfGgHh',
      service: 'imap',
      attempts: 1,
      secs: 2,
      ownTry: false,
    });
    expect(eventOf(verdicts[4])).toMatchObject({ kind: 'login-ok', service: 'pop3', user: 'bob', ip: '192.0.2.40' });
    expect(iso(eventOf(verdicts[4]).ts)).toBe('2024-01-05T08:00:00');
  });

  it('uses a given year instead of the mtime', () => {
    const event = eventOf(
      new LogLineParser({ reference, year: 2015 }).parse('Mar  3 04:11:52 mx dovecot: auth: passwd-file(x,192.0.2.9): unknown user'),
    );
    expect(iso(event.ts)).toBe('2015-03-03T04:11:52');
  });

  it('reports an auth failure whose stamp it does not read as unparsed/no-timestamp, not dated by a guess', () => {
    const parser = new LogLineParser({ reference });
    expect(parser.parse('13/11/2023 10:01:03 auth: passwd-file(x,192.0.2.9): unknown user')).toEqual({ kind: 'unparsed', reason: 'no-timestamp' });
    expect(parser.parse('2023.11.13 10:01:03 imap-login: Login: user=<a>, method=PLAIN, rip=192.0.2.9, lip=192.0.2.1')).toEqual({
      kind: 'unparsed',
      reason: 'no-timestamp',
    });
    expect(parser.parse('lmtp(a)<1><x>: saved mail to INBOX')).toEqual({ kind: 'ignored' });
  });

  it('dates a login line without any stamp at the file\'s last change until a stamped line comes, then at the stamped line before it', () => {
    const parser = new LogLineParser({ reference });
    const fileTime = Math.floor(reference.getTime() / 1000);
    const first = parser.parse('auth: passwd-file(x,192.0.2.9): unknown user');
    expect(first).toMatchObject({ kind: 'event', event: { kind: 'auth-fail', ip: '192.0.2.9', user: 'x', ts: fileTime, undated: 'file-time' } });
    // -o short-monotonic's seconds since boot are no time of day.
    expect(parser.parse('[ 1234.567890] srv sshd[7]: Failed password for root from 192.0.2.10 port 22 ssh2'))
      .toMatchObject({ kind: 'event', event: { ip: '192.0.2.10', user: 'root', ts: fileTime, undated: 'file-time' } });
    const stamped = parser.parse('Mar  3 04:11:52 mx dovecot: imap-login: Login: user=<a>, method=PLAIN, rip=192.0.2.1, lip=192.0.2.2');
    expect(eventOf(stamped)).not.toHaveProperty('undated');
    const after = parser.parse('imap-login: Login: user=<a>, method=PLAIN, rip=192.0.2.9, lip=192.0.2.1');
    expect(after).toMatchObject({ kind: 'event', event: { kind: 'login-ok', ip: '192.0.2.9', user: 'a', undated: 'line-before' } });
    expect(iso(eventOf(after).ts)).toBe(iso(eventOf(stamped).ts));
    expect(iso(eventOf(after).ts)).toBe('2023-03-03T04:11:52');
  });

  it('reports auth-failure-looking lines that no format reads as unparsed, and the rest as ignored', () => {
    const parser = new LogLineParser({ reference });
    expect(parser.parse('Jan  5 08:00:00 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts): user=<x>')).toEqual({
      kind: 'unparsed',
    });
    expect(parser.parse('Jan  5 08:00:00 mail dovecot: auth: Error: passwd-file /etc/dovecot/users: No such file')).toEqual({
      kind: 'ignored',
    });
  });

  it('strips a CR left by CRLF files', () => {
    const event = eventOf(
      new LogLineParser({ reference }).parse('Jan  5 08:00:00 mail dovecot: auth: Info: sql(u,192.0.2.3): Password mismatch (given password: p)\r'),
    );
    expect(event).toMatchObject({ password: 'p' });
  });

  it('writes IPs canonically and refuses text that only looks like one', () => {
    const parser = new LogLineParser({ reference });
    const at = (rip: string) =>
      parser.parse(`Jan  5 08:00:00 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u>, method=PLAIN, rip=${rip}, lip=192.0.2.1`);
    expect(eventOf(at('::ffff:198.51.100.4'))).toMatchObject({ ip: '198.51.100.4' });
    expect(eventOf(at('2001:DB8:0:0::25'))).toMatchObject({ ip: '2001:db8::25' });
    expect(at('999.1.1.1')).toEqual({ kind: 'unparsed' });
  });

  it('keeps hostile user names and passwords verbatim', () => {
    const parser = new LogLineParser({ reference });
    const login = eventOf(
      parser.parse(
        'Jan  5 08:00:00 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<<img src=x onerror=alert(1)>>, method=PLAIN, rip=203.0.113.10, lip=192.0.2.1, TLS',
      ),
    );
    expect(login.user).toBe('<img src=x onerror=alert(1)>');
    const auth = eventOf(
      parser.parse(`Jan  5 08:00:01 mail dovecot: auth: Info: sql(=cmd|' /C calc'!A0,203.0.113.11): Password mismatch (given password: "; DROP TABLE x;--)`),
    );
    expect(auth).toMatchObject({ user: "=cmd|' /C calc'!A0", password: '"; DROP TABLE x;--' });
  });

  it('cannot be made to blame another IP from inside the user name', () => {
    const event = eventOf(
      new LogLineParser({ reference }).parse(
        'Jan  5 08:00:00 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<x>, method=PLAIN, rip=192.0.2.66>, method=PLAIN, rip=203.0.113.9, lip=192.0.2.1, session=<AbAbAbAbAbAbAbAb>',
      ),
    );
    expect(event).toMatchObject({ ip: '203.0.113.9', user: 'x>, method=PLAIN, rip=192.0.2.66' });
  });

  it("reads BusyBox syslogd's lines, whose priority stands between the host and the tag, as the same lines without it", () => {
    const parser = new LogLineParser({ reference });
    const lines = [
      'gw sshd-session[25293]: Failed password for invalid user admin from 203.0.113.47 port 34292 ssh2',
      'mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<info>, method=PLAIN, rip=203.0.113.48, lip=192.0.2.1',
      'mx postfix/smtpd[812]: warning: unknown[203.0.113.49]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    ];
    for (const [line, priority] of lines.map((l, i) => [l, ['authpriv.notice', 'mail.info', 'mail.warn'][i]])) {
      const [host, rest] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
      const plain = parser.parse(`Jan  5 08:00:00 ${line}`);
      expect(plain).toMatchObject({ kind: 'event' });
      // The host stays the host (sshd's lines of one connection are joined by host and process id).
      expect(parser.parse(`Jan  5 08:00:00 ${host} ${priority} ${rest}`)).toEqual(plain);
    }
    // logread (BusyBox, OpenWrt) writes no host, and the priority first.
    expect(parser.parse('Thu May 29 15:23:53 2025 authpriv.notice sshd[2345]: Failed password for root from 203.0.113.51 port 5555 ssh2')).toMatchObject({
      kind: 'event', event: { ip: '203.0.113.51', user: 'root', service: 'ssh' },
    });
    // A second word with a dot that is no priority is left alone: this sshd line is not read as gw's.
    expect(parser.parse('Jan  5 08:00:00 gw kernel.x sshd[1]: Failed password for root from 203.0.113.50 port 1 ssh2')).not.toMatchObject({ kind: 'event' });
  });

  it("reads socklog's lines (runit's syslog, Void Linux's): svlogd's stamp, the priority with a colon, the message as sent", () => {
    const parser = new LogLineParser({ reference });
    // The message as sshd or dovecot sent it has no host, and their own stamp or none.
    for (const stamp of ['2025-05-29T15:23:53.46667', '2025-05-29_15:23:53.46667']) {
      for (const own of ['', 'May 29 15:23:53 ']) {
        expect(parser.parse(`${stamp} auth.info: ${own}sshd[2345]: Failed password for invalid user admin from 203.0.113.52 port 5555 ssh2`)).toMatchObject({
          kind: 'event', event: { ts: Date.UTC(2025, 4, 29, 15, 23, 53) / 1000, ip: '203.0.113.52', user: 'admin', service: 'ssh' },
        });
        expect(parser.parse(`${stamp} mail.info: ${own}dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<info>, method=PLAIN, rip=203.0.113.53, lip=192.0.2.1`)).toMatchObject({
          kind: 'event', event: { ip: '203.0.113.53', user: 'info', service: 'imap' },
        });
      }
    }
    // A first word that ends with a colon and is no priority stays (a host written so is still the host).
    expect(parser.parse('2025-05-29T15:23:53 gw.x: sshd[1]: Failed password for root from 203.0.113.54 port 1 ssh2')).toMatchObject({ kind: 'event' });
  });

  it('reads a message rsyslog folded as repeated, as that many lines alike', () => {
    const parser = new LogLineParser({ reference });
    const auth = 'auth: Info: passwd-file(root,203.0.113.12): Password mismatch (given password: toor)';
    const login = 'imap-login: Disconnected (auth failed, 2 attempts in 5 secs): user=<root>, method=PLAIN, rip=203.0.113.12, lip=192.0.2.1';
    const pam = 'pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=root rhost=203.0.113.12  user=root';
    for (const [message, host] of [[auth, 'mail dovecot'], [login, 'mail dovecot'], [pam, 'mail auth']]) {
      const once = parser.parse(`Jan  5 08:00:00 ${host}: ${message}`);
      expect(once).toMatchObject({ kind: 'event' });
      expect(once).not.toHaveProperty('times');
      const repeated = parser.parse(`Jan  5 08:00:00 ${host}: message repeated 6 times: [ ${message}]`);
      expect(repeated).toEqual({ ...once, times: 6 });
    }
    // A crafted count: at most MAX_ATTEMPTS_PER_LINE rows, the login line's own attempts included.
    expect(parser.parse(`Jan  5 08:00:00 mail dovecot: message repeated 999999999 times: [ ${auth}]`)).toMatchObject({ times: MAX_ATTEMPTS_PER_LINE });
    expect(parser.parse(`Jan  5 08:00:00 mail dovecot: message repeated 999999999 times: [ ${login}]`)).toMatchObject({ times: MAX_ATTEMPTS_PER_LINE / 2 });
    // Not the wrapper: a user name that holds one, at the end of a PAM line (where names may hold spaces).
    const named = 'message repeated 999 times: [ x]';
    expect(parser.parse(`Jan  5 08:00:00 mail auth: ${pam.replaceAll('root', named)}`)).toEqual({ kind: 'event', event: expect.objectContaining({ user: named }) });
    // Nor a password that ends with ']'.
    expect(eventOf(parser.parse(`Jan  5 08:00:00 mail dovecot: ${auth.replace('toor', 'message repeated 6 times: [ x]')}`))).toMatchObject({ password: 'message repeated 6 times: [ x]' });
  });

  it('reads BSD syslogd\'s `last message repeated N times` as a repeat of the line before, at its own stamp', () => {
    const parser = new LogLineParser({ reference, year: 2024 });
    const at = Date.UTC(2024, 0, 5, 8, 0, 9) / 1000;
    expect(parser.parse('Jan  5 08:00:09 mail last message repeated 4 times')).toEqual({ kind: 'repeat', times: 4, ts: at });
    expect(parser.parse('Jan  5 08:00:09 mail --- last message repeated 2 times ---')).toEqual({ kind: 'repeat', times: 2, ts: at });
    expect(parser.parse('Jan  5 08:00:09 <mail.info> mail last message repeated 3 times')).toEqual({ kind: 'repeat', times: 3, ts: at });
    expect(parser.parse('Jan  5 08:00:09 2001:db8::10 last message repeated 3 times')).toEqual({ kind: 'repeat', times: 3, ts: at });
    expect(parser.parse('Jan  5 08:00:09 mail last message repeated 999999999 times')).toEqual({ kind: 'repeat', times: MAX_ATTEMPTS_PER_LINE, ts: at });
    // A program's message that says so is not syslogd's line.
    expect(parser.parse('Jan  5 08:00:09 mail dovecot: last message repeated 4 times')).toEqual({ kind: 'ignored' });
    expect(parser.parse('Jan  5 08:00:09 dovecot: last message repeated 4 times')).toEqual({ kind: 'ignored' });
    // Nor is a user name that ends so.
    const login = 'Jan  5 08:00:09 mail dovecot: imap-login: Login: user=<last message repeated 4 times>, method=PLAIN, rip=203.0.113.9, lip=192.0.2.1';
    expect(eventOf(parser.parse(login))).toMatchObject({ kind: 'login-ok', user: 'last message repeated 4 times' });
  });

  it('reads syslog-ng\'s `Last message \'...\' repeated N times, suppressed by syslog-ng` as a repeat of the message it quotes', () => {
    const parser = new LogLineParser({ reference, year: 2024 });
    const at = Date.UTC(2024, 0, 5, 8, 0, 9) / 1000;
    const summary = (tag: string, head: string, n: number): string => `Jan  5 08:00:09 mail ${tag}Last message '${head}' repeated ${n} times, suppressed by syslog-ng on mail.example.org`;
    const verdict = parser.parse(summary('sshd: ', 'Failed password for ', 3));
    expect(verdict).toEqual({ kind: 'repeat', times: 3, ts: at, quoted: { head: 'Failed password for ', program: 'sshd' } });
    expect(parser.parse(summary('sshd: ', 'Failed password for ', 999999999))).toMatchObject({ times: MAX_ATTEMPTS_PER_LINE });
    const failed = 'Jan  5 08:00:00 mail sshd[4711]: Failed password for root from 203.0.113.21 port 40022 ssh2';
    const quoted = (verdict as { quoted: QuotedMessage }).quoted;
    expect(quotesMessageOf(failed, quoted)).toBe(true);
    expect(quotesMessageOf(failed.replace('sshd[4711]', 'sshd-session[4711]'), quoted)).toBe(false);
    expect(quotesMessageOf(failed.replace('Failed password', 'Accepted password'), quoted)).toBe(false);
    // A head that holds a quote, and one whose last character the 20 bytes cut in two (é is two bytes in UTF-8).
    const quote = parser.parse(summary('dovecot: ', "auth: pam(o'neil,203", 2));
    expect(quote).toMatchObject({ quoted: { head: "auth: pam(o'neil,203", program: 'dovecot' } });
    expect(quotesMessageOf("Jan  5 08:00:00 mail dovecot: auth: pam(o'neil,203.0.113.9): unknown user", (quote as { quoted: QuotedMessage }).quoted)).toBe(true);
    expect(quotesMessageOf('Jan  5 08:00:00 mail dovecot: auth: pam(josé,203.0.113.9): unknown user', { head: 'auth: pam(jos\uFFFD', program: 'dovecot' })).toBe(true);
    // A message syslog-ng knew no program of quotes its tag.
    const untagged = parser.parse(summary('', 'sshd[4711]: Failed p', 2));
    expect(untagged).toMatchObject({ kind: 'repeat', quoted: { head: 'sshd[4711]: Failed p', program: null } });
    expect(quotesMessageOf(failed, (untagged as { quoted: QuotedMessage }).quoted)).toBe(true);
    // A user name or a password that says so is not syslog-ng's line.
    const auth = "Jan  5 08:00:09 mail dovecot: auth: passwd-file(Last message 'x' repeated 3 times, suppressed by syslog-ng on h,203.0.113.9): unknown user";
    expect(eventOf(parser.parse(auth))).toMatchObject({ kind: 'auth-fail', user: "Last message 'x' repeated 3 times, suppressed by syslog-ng on h" });
  });

  it('caps an absurd attempt count', () => {
    const event = eventOf(
      new LogLineParser({ reference }).parse(
        'Jan  5 08:00:00 mail dovecot: imap-login: Disconnected (auth failed, 999999999 attempts in 2 secs): user=<u>, method=PLAIN, rip=203.0.113.10, lip=192.0.2.1',
      ),
    );
    expect(event).toMatchObject({ attempts: MAX_ATTEMPTS_PER_LINE });
  });

  it('survives binary garbage and megabyte lines', () => {
    const parser = new LogLineParser({ reference });
    const garbage = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    expect(['ignored', 'unparsed']).toContain(parser.parse(garbage).kind);
    expect(parser.parse(`Jan  5 08:00:00 ${'x'.repeat(1 << 20)}`)).toEqual({ kind: 'ignored' });
    const longAuth = `Jan  5 08:00:00 mail dovecot: auth: Info: sql(u,192.0.2.3): Password mismatch (given password: ${'p'.repeat(1 << 20)})`;
    expect(eventOf(parser.parse(longAuth))).toMatchObject({ ip: '192.0.2.3' });
  });

  it('names the deciding format', () => {
    const parser = new LogLineParser({ reference });
    expect(parser.explain('Jan  5 08:00:00 host su[1]: pam_unix(su:auth): authentication failure; logname=ops uid=1000 euid=0 tty=pts/1 ruser=ops rhost=').format).toBe(
      'system-pam-other',
    );
    expect(parser.explain('Jan  5 08:00:00 host sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.5').format).toBe(
      'sshd-other',
    );
    expect(parser.explain('Jan  5 08:00:00 x lmtp: saved').format).toBeNull();
  });

  it('tries a format only on lines that hold the literal it requires, searched once for all formats that name it', () => {
    const searched: string[] = [];
    const spec = (name: string, needles: string[], regex: string): FormatSpec => ({ name, description: '', kind: 'login-fail', requires: 'x-login: ', needles, regex, samples: [] });
    const set = compileFormatFiles([{
      name: 'test', description: '', prefilter: ['auth failed'], suspicious: [], defs: {}, ignoredSamples: [], unparsedSamples: [],
      formats: [spec('a', ['(auth failed, 2'], 'auth failed, 2.*rip=(?<ip>\\S+)'), spec('b', ['(auth failed, 1'], 'auth failed, 1.*rip=(?<ip>\\S+)')],
    }]);
    // Counts the searches of each needle set, as the parser calls them.
    const formats = { ...set, needleTests: set.needleTests.map((test, k) => (text: string) => (searched.push(String(k)), test(text))) };
    const parser = new LogLineParser({ reference, formats });
    const required = String(set.formats[0].requireSet);
    expect(parser.explain('Jan  5 08:00:00 host dovecot: imap-login: Disconnected (auth failed, 1 attempts): rip=192.0.2.7').verdict.kind).toBe('ignored');
    expect(searched).toEqual([required]);
    searched.length = 0;
    expect(parser.explain('Jan  5 08:00:00 host dovecot: x-login: Disconnected (auth failed, 1 attempts): rip=192.0.2.7').format).toBe('b');
    expect(searched.filter((k) => k === required)).toHaveLength(1);
  });
});
