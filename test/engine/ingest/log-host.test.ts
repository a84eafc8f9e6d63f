import { describe, expect, it } from 'vitest';
import { logHost } from '../../../src-main/engine/ingest/log-host';

const head = (...lines: string[]): Buffer => Buffer.from(lines.map((l) => `${l}\n`).join(''));

describe('logHost', () => {
  it('reads the host syslog writes after the stamp, in each syslog shape', () => {
    expect(logHost(head('Nov 12 10:00:01 mx1 dovecot: imap-login: Login: user=<a>'))).toBe('mx1');
    expect(logHost(head('Nov  2 10:00:01 mail.example.org dovecot[812]: auth: Info: x'))).toBe('mail.example.org');
    expect(logHost(head('2023-11-12T10:00:01.123456+01:00 mx2 dovecot[812]: imap-login: x'))).toBe('mx2');
    expect(logHost(head('2023-11-12T10:00:01+0100 mx3 dovecot[812]: imap-login: x'))).toBe('mx3'); // journalctl -o short-iso
    expect(logHost(head('2023-11-12T09:00:01Z mx4 postfix/smtpd[99]: warning: unknown[1.2.3.4]: SASL LOGIN authentication failed'))).toBe('mx4');
  });

  it('reads none from dovecot\'s own log file, whose stamp the process follows, nor from lines without a stamp', () => {
    expect(logHost(head('Nov 12 10:00:01 imap-login: Info: Login: user=<a>, rip=1.2.3.4'))).toBeNull();
    expect(logHost(head('2023-11-25 10:12:21 auth: Info: passwd-file(a,1.2.3.4): unknown user'))).toBeNull();
    expect(logHost(head('imap-login: Login: user=<a>', '-- Logs begin at Sat 2020-11-14 --'))).toBeNull();
  });

  it('reads none from a file whose lines name several servers (a central log host\'s), and passes lines of no stamp over', () => {
    expect(logHost(head('Nov 12 10:00:01 mx1 dovecot: a', 'Nov 12 10:00:02 mx2 dovecot: b'))).toBeNull();
    expect(logHost(head('garbage', 'Nov 12 10:00:01 mx1 dovecot: a', '', 'Nov 12 10:00:03 mx1 postfix/smtpd[3]: b'))).toBe('mx1');
  });
});
