import { describe, expect, it } from 'vitest';
import { unparsedPattern } from '../../../src-main/engine/parse/unparsed-pattern';

describe('unparsedPattern', () => {
  it('groups alike lines whatever their time, addresses, users, methods, sessions and numbers', () => {
    const a = unparsedPattern(
      'Nov 12 10:01:00 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<x>, method=PLAIN, lip=192.0.2.1, TLS, session=<AbCdEfGh12345678>',
    );
    const b = unparsedPattern(
      '2023-12-01T00:01:00+01:00 mail dovecot: imap-login: Disconnected (auth failed, 3 attempts in 14 secs): user=<yy@example.org>, method=LOGIN, lip=2001:db8::1, TLS, session=<ZzYyXxWw98765432>',
    );
    expect(a).toBe(b);
    expect(a).toBe('mail dovecot: imap-login: Disconnected (auth failed, N attempts in N secs): user=<*>, method=*, lip=IP, TLS, session=<*>');
  });

  it('masks auth-process prefixes and given passwords', () => {
    const a = unparsedPattern(
      'Nov 12 10:01:02 mail dovecot: auth-worker(12): pam(x,192.0.2.1,<AbCdEfGh12345678>): pam_authenticate() failed: Conversation error (given password: secret)',
    );
    const b = unparsedPattern(
      'Nov 13 11:01:02 mail dovecot: auth-worker(9912): pam(other@example.org,2001:db8::5): pam_authenticate() failed: Conversation error (given password: hunter2)',
    );
    expect(a).toBe(b);
    expect(a).toBe('mail dovecot: auth-worker(N): pam(*): pam_authenticate() failed: Conversation error (given password: *)');
  });

  it('keeps different messages apart', () => {
    const base = 'Nov 12 10:01:02 mail dovecot: auth: passwd-file(x,192.0.2.1): ';
    expect(unparsedPattern(`${base}unknown user`)).not.toBe(unparsedPattern(`${base}Password mismatch`));
  });

  it('does not take OpenSSL double colons for IPv6', () => {
    expect(unparsedPattern('x: SSL routines::no shared cipher (auth failed)')).toBe('x: SSL routines::no shared cipher (auth failed)');
  });

  it('stays short on megabyte lines', () => {
    expect(unparsedPattern(`Nov 12 10:01:02 ${'auth failed '.repeat(100_000)}`).length).toBeLessThanOrEqual(301);
  });
});
