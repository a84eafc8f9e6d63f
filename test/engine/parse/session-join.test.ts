import { describe, expect, it, vi } from 'vitest';
import { LogLineParser } from '../../../src-main/engine/parse/line-parser';
import { SessionJoiner, ownAloneRows, type ServiceFix, type SessionMemory } from '../../../src-main/engine/parse/session-join';
import type { AttemptRecord, AuthEvent, AuthFailure, LoginFailure, LoginSuccess } from '../../../src-main/engine/parse/types';
import { joinEvents } from './join-events';

const T0 = Date.UTC(2023, 10, 12, 10, 0, 0) / 1000;

function auth(at: number, ip: string, extra: Partial<AuthFailure> = {}): AuthFailure {
  return { kind: 'auth-fail', ts: T0 + at, ip, user: 'u', password: null, session: null, service: null, origin: 'auth', ...extra };
}
function loginFail(at: number, ip: string, attempts: number, extra: Partial<LoginFailure> = {}): LoginFailure {
  return { kind: 'login-fail', ts: T0 + at, ip, user: 'u', session: null, service: 'imap', attempts, secs: null, ...extra };
}
function loginOk(at: number, ip: string, extra: Partial<LoginSuccess> = {}): LoginSuccess {
  return { kind: 'login-ok', ts: T0 + at, ip, user: 'u', session: null, service: 'imap', ...extra };
}
/** Events numbered as consecutive lines from 1. */
function join(events: AuthEvent[]) {
  return joinEvents(events.map((event, i) => ({ event, line: i + 1 })));
}
const byLine = (a: AttemptRecord, b: AttemptRecord) => a.line - b.line;

/** Counts the join's reads of a field of the events it is given: the work it does per line, without timing it. */
function fieldReads(): { watch: <T extends AuthEvent>(event: T, field: 'ts' | 'origin' | 'ip') => T; count: () => number } {
  let reads = 0;
  return {
    watch: <T extends AuthEvent>(event: T, field: 'ts' | 'origin' | 'ip'): T => {
      const value = event[field as keyof T];
      return Object.defineProperty(event, field, { get: () => (reads++, value), enumerable: true });
    },
    count: () => reads,
  };
}

describe('SessionJoiner', () => {
  it('joins auth lines and the login line of one session: each try once, with password and service', () => {
    const s = { session: 'SeSsIoN0123456AB' };
    const { attempts } = join([
      auth(0, '203.0.113.5', { ...s, user: 'adm', password: 'a1' }),
      auth(3, '203.0.113.5', { ...s, user: 'adm', password: 'a2' }),
      auth(6, '203.0.113.5', { ...s, user: 'root', password: 'a3' }),
      loginFail(8, '203.0.113.5', 3, { ...s, secs: 9, user: 'root' }),
    ]);
    expect(attempts.sort(byLine)).toEqual([
      { ts: T0, ip: '203.0.113.5', user: 'adm', password: 'a1', service: 'imap', line: 1 },
      { ts: T0 + 3, ip: '203.0.113.5', user: 'adm', password: 'a2', service: 'imap', line: 2 },
      { ts: T0 + 6, ip: '203.0.113.5', user: 'root', password: 'a3', service: 'imap', line: 3 },
    ]);
  });

  it('adds tries without password when the login line counts more than the auth lines (N > k)', () => {
    const s = { session: 'SeSsIoN0123456AB' };
    const { attempts } = join([auth(0, '203.0.113.5', { ...s, password: 'p' }), loginFail(5, '203.0.113.5', 3, { ...s, secs: 6, service: 'pop3' })]);
    expect(attempts.sort(byLine)).toEqual([
      { ts: T0, ip: '203.0.113.5', user: 'u', password: 'p', service: 'pop3', line: 1 },
      { ts: T0 + 5, ip: '203.0.113.5', user: 'u', password: null, service: 'pop3', line: 2 },
      { ts: T0 + 5, ip: '203.0.113.5', user: 'u', password: null, service: 'pop3', line: 2 },
    ]);
  });

  it('emits N rows per login line when only login processes log (auth_verbose=no)', () => {
    const { attempts } = join([loginFail(0, '198.51.100.1', 2, { secs: 4 }), loginFail(30, '198.51.100.2', 1, { secs: 1 })]);
    expect(attempts.map((a) => [a.ip, a.line, a.password])).toEqual([
      ['198.51.100.1', 1, null],
      ['198.51.100.1', 1, null],
      ['198.51.100.2', 2, null],
    ]);
  });

  it('lets a login line without a matching session claim session-less auth lines of its IP within its window', () => {
    const { attempts } = join([
      auth(0, '192.0.2.7', { password: 'too-early' }), // 100 s before the login line: outside `in 10 secs`
      auth(95, '192.0.2.8', { password: 'other-ip' }),
      auth(96, '192.0.2.7', { password: 'p1' }),
      auth(99, '192.0.2.7', { password: 'p2' }),
      loginFail(100, '192.0.2.7', 2, { secs: 10, service: 'imap' }),
    ]);
    const joined = attempts.filter((a) => a.service === 'imap').sort(byLine);
    expect(joined.map((a) => a.password)).toEqual(['p1', 'p2']);
    const alone = attempts.filter((a) => a.service === null).map((a) => a.password).sort();
    expect(alone).toEqual(['other-ip', 'too-early']);
    expect(attempts).toHaveLength(4);
  });

  it('claims at most N session-less auth lines, oldest first', () => {
    const { attempts } = join([
      auth(0, '192.0.2.7', { password: 'p1' }),
      auth(2, '192.0.2.7', { password: 'p2' }),
      loginFail(3, '192.0.2.7', 1, { secs: 5 }),
    ]);
    expect(attempts.map((a) => [a.password, a.service])).toEqual([
      ['p1', 'imap'],
      ['p2', null],
    ]);
  });

  it('takes auth lines logged just after their login line', () => {
    const s = { session: 'LaTeLiNe01234567' };
    const { attempts } = join([loginFail(0, '192.0.2.9', 1, { ...s, secs: 2 }), auth(1, '192.0.2.9', { ...s, password: 'late' })]);
    expect(attempts).toEqual([{ ts: T0 + 1, ip: '192.0.2.9', user: 'u', password: 'late', service: 'imap', line: 2 }]);
  });

  it('gives a session-less auth line logged just after login lines to the oldest waiting one of its IP', () => {
    const { attempts } = join([
      loginFail(0, '192.0.2.20', 1, { secs: 2, service: 'pop3' }),
      loginFail(0, '192.0.2.21', 1, { secs: 2, service: 'imap' }),
      loginFail(1, '192.0.2.21', 1, { secs: 2, service: 'submission' }),
      auth(1, '192.0.2.21', { password: 'first' }),
      auth(2, '192.0.2.21', { password: 'second' }),
      auth(2, '192.0.2.22', { password: 'stranger' }),
    ]);
    expect(attempts.map((a) => [a.ip, a.password, a.service, a.line]).sort((a, b) => Number(a[3]) - Number(b[3]))).toEqual([
      ['192.0.2.20', null, 'pop3', 1],
      ['192.0.2.21', 'first', 'imap', 4],
      ['192.0.2.21', 'second', 'submission', 5],
      ['192.0.2.22', 'stranger', null, 6],
    ]);
  });

  it('counts a try refused for the account (user disabled) on top of the session\'s failed tries, at once', () => {
    const s = { session: 'DiSaBlEd01234567' };
    const { attempts } = join([
      auth(0, '198.51.100.70', { ...s, user: 'olduser', password: 'guess1' }),
      auth(3, '198.51.100.70', { ...s, user: 'olduser', password: 'guess2' }),
      loginFail(6, '198.51.100.70', 1, { ...s, user: 'olduser', service: 'pop3', ownTry: true }),
      // The same session's refusal alone, and another address's with no auth line at all.
      loginFail(7, '198.51.100.71', 1, { session: 'DiSaBlEd76543210', user: 'intern', ownTry: true }),
      // An auth line of the first session logged after its login line is a try of its own, not the refused one.
      auth(7, '198.51.100.70', { ...s, user: 'olduser', password: 'late' }),
    ]);
    expect(attempts.map((a) => [a.ts - T0, a.ip, a.user, a.password, a.service, a.line]).sort((a, b) => Number(a[5]) - Number(b[5]))).toEqual([
      [0, '198.51.100.70', 'olduser', 'guess1', 'pop3', 1],
      [3, '198.51.100.70', 'olduser', 'guess2', 'pop3', 2],
      [6, '198.51.100.70', 'olduser', null, 'pop3', 3],
      [7, '198.51.100.71', 'intern', null, 'imap', 4],
      [7, '198.51.100.70', 'olduser', 'late', null, 5],
    ]);
  });

  it('does not give a session-less auth line to an open login line of its IP whose window is months from it (time went back)', () => {
    const MONTH = 30 * 86400;
    // Wazuh's dovecot test lines, one after another: a dovecot 1.x login line of May, then an auth line of March.
    const { attempts } = join([
      loginFail(3 * MONTH, '192.0.2.30', 1, { user: 'username', service: 'pop3' }),
      auth(0, '192.0.2.30', { user: 'user@example.com', password: 'march' }),
      auth(3 * MONTH + 1, '192.0.2.30', { user: 'username', password: 'may' }),
    ]);
    expect(attempts.map((a) => [a.ts - T0, a.user, a.password, a.service, a.line]).sort((a, b) => Number(a[4]) - Number(b[4]))).toEqual([
      [0, 'user@example.com', 'march', null, 2],
      [3 * MONTH + 1, 'username', 'may', 'pop3', 3],
    ]);
  });

  it('does not count an auth line that comes after its login line has given up waiting', () => {
    const s = { session: 'VeRyLaTe01234567' };
    const { attempts } = join([
      loginFail(0, '192.0.2.10', 1, { ...s, secs: 2 }),
      auth(30, '192.0.2.11'),
      auth(31, '192.0.2.10', { ...s, password: 'late' }),
    ]);
    expect(attempts.map((a) => [a.line, a.ip])).toEqual([
      [1, '192.0.2.10'],
      [2, '192.0.2.11'],
    ]);
  });

  it('keeps failures before a success as failed tries and records the login', () => {
    const s = { session: 'OkSeSsIoN0123456' };
    const { attempts, logins } = join([
      auth(0, '192.0.2.20', { ...s, user: 'carol', password: 'wrong' }),
      loginOk(4, '192.0.2.20', { ...s, user: 'carol', service: 'submission' }),
    ]);
    expect(attempts).toEqual([{ ts: T0, ip: '192.0.2.20', user: 'carol', password: 'wrong', service: 'submission', line: 1 }]);
    expect(logins).toEqual([{ ts: T0 + 4, ip: '192.0.2.20', user: 'carol', service: 'submission', line: 2 }]);
  });

  it('counts no try for a passdb of a chain that turned down the name the next one accepted, in the same second', () => {
    // Dovecot up to 2.3 with two passdbs (shadow, then sql): the first logs `unknown user` for every login of a
    // user only the second knows, with the user's own password when passwords are logged.
    const s = { session: 'ChAiNsEsSiOn0123' };
    const { attempts, logins } = join([
      auth(0, '192.0.2.21', { ...s, user: 'dave', password: 'his-real-one' }),
      loginOk(0, '192.0.2.21', { ...s, user: 'dave@example.org' }),
      // Without session ids (older lines): by address and name.
      auth(100, '192.0.2.22', { user: 'Erin@Example.org', password: 'hers' }),
      loginOk(101, '192.0.2.22', { user: 'erin@example.org' }),
    ]);
    expect(attempts).toEqual([]);
    expect(logins.map((l) => l.user)).toEqual(['dave@example.org', 'erin@example.org']);
  });

  it('still counts a failure before a success of another name, or a retry after the failure delay', () => {
    const { attempts } = join([
      auth(0, '192.0.2.23', { session: 'OtHeRnAmE0123456', user: 'admin' }),
      loginOk(0, '192.0.2.23', { session: 'OtHeRnAmE0123456', user: 'frank' }),
      auth(10, '192.0.2.24', { user: 'gina' }),
      loginOk(13, '192.0.2.24', { user: 'gina' }),
      auth(20, '192.0.2.25', { user: 'hal' }),
      loginOk(20, '192.0.2.26', { user: 'hal' }),
    ]);
    expect(attempts.map((a) => [a.line, a.user]).sort()).toEqual([[1, 'admin'], [3, 'gina'], [5, 'hal']]);
  });

  it('counts a system PAM line and the dovecot pam line of one try once, in either order', () => {
    const pam = (at: number, ip: string) => auth(at, ip, { origin: 'system-pam', user: 'web' });
    const dovecot = (at: number, ip: string) => auth(at, ip, { user: 'web', session: 'PaMsEsSiOn012345' });
    const first = join([pam(0, '192.0.2.30'), dovecot(1, '192.0.2.30')]).attempts;
    expect(first).toEqual([{ ts: T0 + 1, ip: '192.0.2.30', user: 'web', password: null, service: null, line: 2 }]);
    const reversed = join([pam(0, '192.0.2.99'), dovecot(10, '192.0.2.30'), pam(11, '192.0.2.30')]).attempts;
    expect(reversed.map((a) => [a.ip, a.line])).toEqual([
      ['192.0.2.99', 1],
      ['192.0.2.30', 2],
    ]);
    // Two tries of one IP four seconds apart, and another IP at the same moment, stay three tries.
    const apart = join([pam(0, '192.0.2.31'), dovecot(1, '192.0.2.31'), pam(5, '192.0.2.31'), dovecot(5, '192.0.2.31'), pam(5, '192.0.2.32')]);
    expect(apart.attempts).toHaveLength(3);
  });

  it('counts postfix\'s line on a SASL try once with dovecot\'s (or system PAM\'s) line of it, and on its own without one', () => {
    const postfix = (at: number, ip: string, extra: Partial<AuthFailure> = {}) =>
      auth(at, ip, { origin: 'postfix-sasl', user: null, service: 'submission', ...extra });
    // auth_verbose=yes: dovecot's line, then postfix's after auth_failure_delay. Two tries in parallel from one
    // IP pair oldest first; dovecot's rows keep name and password and take postfix's service.
    const paired = join([
      auth(0, '203.0.113.50', { user: 'info', password: 'Spring2024' }),
      auth(0, '203.0.113.50', { user: 'sales', password: 'sales123' }),
      postfix(2, '203.0.113.50'),
      postfix(2, '203.0.113.50'),
    ]).attempts;
    expect(paired.sort(byLine)).toEqual([
      { ts: T0, ip: '203.0.113.50', user: 'info', password: 'Spring2024', service: 'submission', line: 1 },
      { ts: T0, ip: '203.0.113.50', user: 'sales', password: 'sales123', service: 'submission', line: 2 },
    ]);
    // auth_verbose=no: postfix's lines are the tries, with the name when postfix gives it.
    const alone = join([postfix(0, '203.0.113.51', { service: 'smtp' }), postfix(3, '203.0.113.51', { user: 'admin', service: 'smtp' })]).attempts;
    expect(alone).toEqual([
      { ts: T0, ip: '203.0.113.51', user: null, password: null, service: 'smtp', line: 1 },
      { ts: T0 + 3, ip: '203.0.113.51', user: 'admin', password: null, service: 'smtp', line: 2 },
    ]);
    // Not echoes: another IP's line, a line too long before, one an IMAP login line claimed, and one already
    // echoed (a third postfix line is a third try).
    const apart = join([
      auth(0, '203.0.113.52'),
      auth(0, '203.0.113.53', { user: 'x' }),
      loginFail(1, '203.0.113.53', 1, { secs: 1 }),
      postfix(2, '203.0.113.53'),
      postfix(30, '203.0.113.52'),
      auth(40, '203.0.113.54', { origin: 'system-pam', user: 'web' }),
      postfix(42, '203.0.113.54'),
      postfix(42, '203.0.113.54'),
    ]).attempts;
    expect(apart.map((a) => [a.line, a.ip, a.service]).sort()).toEqual([
      [1, '203.0.113.52', null],
      [2, '203.0.113.53', 'imap'],
      [4, '203.0.113.53', 'submission'],
      [5, '203.0.113.52', 'submission'],
      [6, '203.0.113.54', 'submission'],
      [8, '203.0.113.54', 'submission'],
    ]);
  });

  it('leaves a try postfix echoed to postfix, not to a login line of the same address without session (older dovecot)', () => {
    const { attempts } = join([
      auth(0, '203.0.113.70', { user: 'smtpuser', password: 'a' }),
      auth(1, '203.0.113.70', { user: 'imapuser', password: 'b' }),
      auth(2, '203.0.113.70', { origin: 'postfix-sasl', user: null, service: 'smtp' }),
      loginFail(3, '203.0.113.70', 1, { user: 'imapuser', secs: 4 }),
    ]);
    expect(attempts.map((a) => [a.user, a.service]).sort()).toEqual([['imapuser', 'imap'], ['smtpuser', 'smtp']]);
  });

  it('keeps postfix\'s service on one try only when one event stands for several lines (rsyslog\'s message repeated)', () => {
    const repeated = auth(0, '203.0.113.60', { user: 'bob' });
    const joiner = new SessionJoiner({ attempt: (a) => rows.push(a), login: () => {} });
    const rows: AttemptRecord[] = [];
    joiner.push(repeated, 1);
    joiner.push(repeated, 1);
    joiner.push(auth(2, '203.0.113.60', { origin: 'postfix-sasl', user: null, service: 'smtp' }), 2);
    joiner.flush();
    expect(rows.map((r) => r.service).sort()).toEqual(['smtp', null].sort());
  });

  it('counts two passdbs failing one try in a chain as one try', () => {
    const s = { session: 'ChAiNsEsSiOn0123' };
    const { attempts } = join([
      auth(0, '192.0.2.40', { ...s, user: 'x' }),
      auth(0, '192.0.2.40', { ...s, user: 'x' }),
      auth(3, '192.0.2.40', { ...s, user: 'x' }), // a new try: after auth_failure_delay
      loginFail(4, '192.0.2.40', 2, { ...s, secs: 5 }),
    ]);
    expect(attempts.map((a) => a.line).sort()).toEqual([1, 3]);
  });

  it('applies no rule of "within a second" to lines without stamps, which are all dated at one time', () => {
    // journalctl -o cat: a bot's same name and password twice in one connection, and a user's mistyped login
    // before the right one, each a try of its own, as their stamps would have shown.
    const undated = { undated: 'file-time' } as const;
    const s = { session: 'UnDaTeDsEsSiOn01', ...undated };
    const { attempts, logins } = join([
      auth(0, '192.0.2.41', { ...s, user: 'x', password: 'p' }),
      auth(0, '192.0.2.41', { ...s, user: 'x', password: 'p' }),
      loginFail(0, '192.0.2.41', 2, { session: s.session, secs: 5 }),
      auth(0, '192.0.2.42', { ...undated, user: 'ivy', password: 'typo' }),
      loginOk(0, '192.0.2.42', { ...undated, user: 'ivy' }),
    ]);
    expect(attempts.map((a) => [a.line, a.user]).sort()).toEqual([[1, 'x'], [2, 'x'], [4, 'ivy']]);
    expect(logins.map((l) => l.user)).toEqual(['ivy']);
  });

  it('emits unclaimed auth lines alone once they are ten minutes old, and never counts them twice', () => {
    const attempts: AttemptRecord[] = [];
    const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: () => {} });
    const s = { session: 'OlDsEsSiOn012345' };
    joiner.push(auth(0, '192.0.2.50', { ...s, password: 'old' }), 1);
    joiner.push(auth(300, '192.0.2.51'), 2);
    expect(attempts).toHaveLength(0);
    joiner.push(auth(601, '192.0.2.52'), 3);
    expect(attempts.map((a) => a.line)).toEqual([1]);
    // The login line of the first session arrives much later: its one try is already counted.
    joiner.push(loginFail(700, '192.0.2.50', 1, { ...s, secs: 700 }), 4);
    joiner.flush();
    expect(attempts.map((a) => a.line).sort()).toEqual([1, 2, 3]);
  });

  it('keeps memory bounded: a flood of auth lines is emitted while reading, not held to the end', () => {
    const attempts: AttemptRecord[] = [];
    const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: () => {} }, { maxPending: 1000 });
    for (let i = 0; i < 50_000; i++) joiner.push(auth(0, `198.51.100.${i % 200}`, { session: `S${i}` }), i + 1);
    expect(50_000 - attempts.length).toBeLessThanOrEqual(1001); // held back: at most the cap, plus the newest
    joiner.flush();
    expect(attempts).toHaveLength(50_000);
    expect(new Set(attempts.map((a) => a.line)).size).toBe(50_000);
  });

  it('keeps memory bounded when log time stands still: login lines and sessions are capped too, and each try counts once', () => {
    const attempts: AttemptRecord[] = [];
    const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: () => {} }, { maxPending: 1000, maxSessions: 3000 });
    const held = () => (joiner as unknown as { sessions: Map<string, unknown> }).sessions.size;
    let line = 0;
    let mostHeld = 0;
    // A crafted log: 30,000 connections in one second, each a login line alone, or an auth line and its login line.
    for (let i = 0; i < 30_000; i++) {
      const session = { session: `S${i}` };
      if (i % 3 === 0) joiner.push(auth(0, '198.51.100.7', { ...session, password: `p${i}` }), ++line);
      joiner.push(loginFail(0, '198.51.100.7', 1, session), ++line);
      mostHeld = Math.max(mostHeld, held());
    }
    expect(mostHeld).toBeLessThanOrEqual(3000);
    expect(30_000 - attempts.length).toBeLessThanOrEqual(1001); // login lines still waiting: at most the cap, plus the newest
    joiner.flush();
    expect(attempts).toHaveLength(30_000);
    expect(attempts.filter((a) => a.password !== null)).toHaveLength(10_000);
  });

  it('stays bounded, and sweeps its sessions rarely, when most of them hold lines that are waiting', () => {
    const attempts: AttemptRecord[] = [];
    const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: () => {} }, { maxPending: 2000, maxSessions: 3000 });
    const held = () => (joiner as unknown as { sessions: Map<string, unknown> }).sessions.size;
    const sweeps = vi.spyOn(joiner as unknown as { forgetFirstSessions: () => void }, 'forgetFirstSessions');
    let line = 0;
    let mostHeld = 0;
    // Auth lines of some sessions and login lines of others, in one second: up to 4,000 sessions hold a waiting
    // line, more than the 1,500 a sweep would keep. Sweeping at each new session past the cap would walk the
    // whole Map 80,000 times.
    for (let i = 0; i < 40_000; i++) {
      joiner.push(auth(0, '198.51.100.8', { session: `A${i}` }), ++line);
      joiner.push(loginFail(0, '198.51.100.9', 1, { session: `B${i}` }), ++line);
      mostHeld = Math.max(mostHeld, held());
    }
    expect(mostHeld).toBeLessThanOrEqual(3000 + 2 * 2000);
    expect(sweeps.mock.calls.length).toBeLessThan(100);
    joiner.flush();
    expect(attempts).toHaveLength(80_000);
  });

  it('sweeps its sessions at a bounded cost per line when log time jumps back and forth (a host whose clock is a day off)', () => {
    const attempts: AttemptRecord[] = [];
    const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: () => {} });
    // Counts the session states the sweeps walk over (each sweep is one walk of the whole Map).
    let visited = 0;
    class CountedMap<K, V> extends Map<K, V> {
      override *[Symbol.iterator](): MapIterator<[K, V]> {
        for (const entry of super[Symbol.iterator]()) {
          visited++;
          yield entry;
        }
      }
    }
    (joiner as unknown as { sessions: Map<string, unknown> }).sessions = new CountedMap();
    // Two servers' logs merged line by line, the second's clock a day ahead: each line jumps a day forward or
    // back, and each asks for a sweep. Every session is an auth line and its login line.
    let line = 0;
    const sessions = 4000;
    for (let i = 0; i < sessions; i++) {
      const at = Math.floor(i / 2) * 5 + (i % 2) * 86_400;
      const ip = `198.51.100.${i % 250}`;
      joiner.push(auth(at, ip, { session: `S${i}`, password: `p${i}` }), ++line);
      joiner.push(loginFail(at + 1, ip, 1, { session: `S${i}`, secs: 2 }), ++line);
    }
    joiner.flush();
    // Each try once, joined with its login line.
    expect(attempts).toHaveLength(sessions);
    expect(attempts.every((a) => a.service === 'imap' && a.password !== null)).toBe(true);
    // A sweep waits for lines enough to pay for it: at most 16 states visited per line. Sweeping whenever
    // asked walked the sessions at nearly every line: 908,160 visits here.
    expect(visited).toBeLessThanOrEqual(16 * line);
  });

  it('looks at a few seconds of an address\'s session-less lines per login line, however many it has unclaimed', () => {
    // One address trying five times a second for ten minutes, its auth lines naming no session (dovecot before
    // 2.2), two auth lines to each login line that counts one try: the other stays unclaimed for a horizon.
    const reads = fieldReads();
    const events: AuthEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      events.push(reads.watch(auth(i / 5, '203.0.113.77', { password: `p${i}` }), 'ts'));
      if (i % 2 === 1) events.push(loginFail(i / 5, '203.0.113.77', 1, { secs: 1 }));
    }
    const { attempts } = join(events);
    // Each try once: 1,500 claimed by their login lines, 1,500 alone.
    expect(attempts).toHaveLength(3000);
    expect(attempts.filter((a) => a.service === 'imap')).toHaveLength(1500);
    expect(new Set(attempts.map((a) => a.password)).size).toBe(3000);
    // Walking every unclaimed line at each login line read their times over a million times here.
    expect(reads.count()).toBeLessThan(100 * events.length);
  });

  it('pairs PAM lines and finds open login lines by address, at a bounded cost per line when the clock stands still', () => {
    // Counts how often the join looks at a field of the events it holds.
    const reads = fieldReads();
    // A crafted log whose clock stands still: 3,000 system PAM lines of one address in one second (nothing
    // expires by time), then 3,000 login lines counting more tries than they have auth lines, and 3,000 auth
    // lines without a session from other addresses.
    const events: AuthEvent[] = [];
    for (let i = 0; i < 3000; i++) events.push(reads.watch(auth(0, '203.0.113.9', { origin: 'system-pam', user: `u${i}` }), 'origin'));
    for (let i = 0; i < 3000; i++) events.push(reads.watch(loginFail(0, `198.51.100.${i % 250}`, 2, { session: `S${i}`, user: `v${i}` }), 'ip'));
    for (let i = 0; i < 3000; i++) events.push(auth(0, `192.0.2.${i % 250}`, { user: `w${i}` }));
    const { attempts } = join(events);
    expect(attempts).toHaveLength(3000 + 6000 + 3000);
    // Each line looked at every PAM line of the same address, and each session-less auth line at every open
    // login line: 18,015,000 reads here.
    expect(reads.count()).toBeLessThan(20 * events.length);
  });

  it('passes the session-less lines postfix already echoed once, not at each of its lines, when the clock stands still', () => {
    const attempts: AttemptRecord[] = [];
    const joiner = new SessionJoiner({ attempt: (a) => attempts.push(a), login: () => {} });
    let line = 0;
    joiner.push(auth(0, '203.0.113.60', { user: 'first' }), ++line);
    const queue = (joiner as unknown as { sessionlessByIp: { get: (ip: string) => { at: (i: number) => unknown } | undefined } }).sessionlessByIp.get('203.0.113.60')!;
    const looks = vi.spyOn(queue, 'at');
    // One address in one second: two dovecot lines without a session, then postfix's line on one of them; the
    // echoed lines stay queued (they are SMTP AUTH tries, each counted once with postfix's service).
    for (let i = 0; i < 3000; i++) {
      joiner.push(auth(0, '203.0.113.60', { user: `u${i}` }), ++line);
      joiner.push(auth(0, '203.0.113.60', { origin: 'postfix-sasl', user: null, service: 'submission' }), ++line);
    }
    joiner.flush();
    expect(attempts).toHaveLength(3001);
    expect(attempts.filter((a) => a.service === 'submission')).toHaveLength(3000);
    // Walking the echoed lines at each postfix line looked at about 4.5 million of them here.
    expect(looks.mock.calls.length).toBeLessThan(50 * line);
  });

  it('looks at the second around a login for the same request, not at every line its address left unclaimed', () => {
    // A busy address (a NAT gateway): failures whose lines name no session, five a second for ten minutes,
    // and a success of another user after every second one.
    const reads = fieldReads();
    const events: AuthEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      events.push(reads.watch(auth(i / 5, '198.51.100.60', { user: `u${i}` }), 'ts'));
      if (i % 2 === 1) events.push(loginOk(i / 5, '198.51.100.60', { user: `ok${i}`, session: `S${i}` }));
    }
    const { attempts, logins } = join(events);
    expect(attempts).toHaveLength(3000);
    expect(logins).toHaveLength(1500);
    // Walking every queued failure at each success read their times 2,288,998 times here.
    expect(reads.count()).toBeLessThan(100 * events.length);
  });

  it('keeps interleaved sessions of many IPs apart', () => {
    // 300 connections from 100 IPs, 1-3 tries each, their lines interleaved the way a busy server writes them.
    type Line = { at: number; event: AuthEvent };
    const lines: Line[] = [];
    const expected = new Map<string, string>(); // password -> service
    let total = 0;
    for (let c = 0; c < 300; c++) {
      const ip = `203.0.113.${c % 100}`;
      const session = `sess${String(c).padStart(12, '0')}`;
      const service = ['imap', 'pop3', 'submission'][c % 3];
      const tries = 1 + (c % 3);
      const start = (c * 7) % 240;
      for (let t = 0; t < tries; t++) {
        const password = `pw-${c}-${t}`;
        expected.set(password, service);
        lines.push({ at: start + 3 * t, event: auth(start + 3 * t, ip, { session, password }) });
      }
      // Some connections say one more try than the auth process logged (a try that timed out, say).
      const counted = tries + (c % 5 === 0 ? 1 : 0);
      total += counted;
      lines.push({ at: start + 3 * tries, event: loginFail(start + 3 * tries, ip, counted, { session, service, secs: 3 * tries }) });
    }
    lines.sort((a, b) => a.at - b.at);
    const { attempts } = join(lines.map((l) => l.event));
    expect(attempts).toHaveLength(total);
    const withPassword = attempts.filter((a) => a.password !== null);
    expect(withPassword).toHaveLength(expected.size);
    for (const a of withPassword) expect(a.service).toBe(expected.get(a.password as string));
    expect(attempts.filter((a) => a.password === null)).toHaveLength(total - expected.size);
  });
});

describe('parser and joiner together', () => {
  it('turns a dovecot 2.4 log excerpt into tries and logins', () => {
    const log = [
      'Aug 30 00:10:51 auth(info@example.org,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnk>: Info: sql: Password mismatch (given password: first)',
      'Aug 30 00:10:55 auth(info@example.org,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnk>: Info: sql: Password mismatch (given password: second)',
      'Aug 30 00:10:57 auth(info@example.org,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnk>: Info: sql: unknown user (given password: third)',
      'Aug 30 00:10:58 lmtp(bob@example.org)<1><x>: msgid=<m@x>: saved mail to INBOX',
      'Aug 30 00:11:05 imap-login: Info: Login aborted: Connection closed (auth failed, 3 attempts in 16 secs) (auth_failed): user=<info@example.org>, method=PLAIN, rip=192.0.2.110, lip=192.0.2.1, TLS, session=<CvN+E95Uf4e7eEnk>',
      'Aug 30 00:12:00 imap-login: Info: Login: user=<bob@example.org>, method=PLAIN, rip=192.0.2.33, lip=192.0.2.1, mpid=9, TLS, session=<BoBsEsSiOn012345>',
      'Aug 30 00:13:00 pop3-login: Info: Disconnected (auth failed, 2 attempts in 9 secs): user=<x>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, session=<NoAuThLiNeS01234>',
    ];
    const parser = new LogLineParser({ reference: new Date('2024-09-01T00:00:00Z') });
    const events = log.flatMap((line, i) => {
      const v = parser.parse(line);
      return v.kind === 'event' ? [{ event: v.event, line: i + 1 }] : [];
    });
    const { attempts, logins } = joinEvents(events);
    expect(attempts.sort(byLine).map((a) => [a.line, a.ip, a.user, a.password, a.service])).toEqual([
      [1, '192.0.2.110', 'info@example.org', 'first', 'imap'],
      [2, '192.0.2.110', 'info@example.org', 'second', 'imap'],
      [3, '192.0.2.110', 'info@example.org', 'third', 'imap'],
      [7, '198.51.100.7', 'x', null, 'pop3'],
      [7, '198.51.100.7', 'x', null, 'pop3'],
    ]);
    expect(logins).toEqual([{ ts: Date.UTC(2024, 7, 30, 0, 12) / 1000, ip: '192.0.2.33', user: 'bob@example.org', service: 'imap', line: 6 }]);
  });
});

describe('SessionJoiner across the parts of a file read at different times', () => {
  /** Joins `events` as two parts cut before index `cut`, the second part told what the first one's flush kept. */
  function joinInParts(events: AuthEvent[], cut: number, carry = true): AttemptRecord[] {
    const attempts: AttemptRecord[] = [];
    const sink = { attempt: (a: AttemptRecord) => attempts.push(a), login: () => {} };
    const first = new SessionJoiner(sink);
    events.slice(0, cut).forEach((event, i) => first.push(event, i + 1));
    const memory = first.flush();
    const second = new SessionJoiner(sink);
    if (carry) second.remember(JSON.parse(JSON.stringify(memory))); // as stored in the case
    events.slice(cut).forEach((event, i) => second.push(event, cut + i + 1));
    second.flush();
    return attempts;
  }

  const s1 = { session: 'Sess1on0123456AB' };
  const s2 = { session: 'Sess1on0123456CD' };
  // Auth lines before their login line, and a login line before a late auth line of its session.
  const events: AuthEvent[] = [
    auth(0, '203.0.113.5', { ...s1, user: 'adm', password: 'a1' }),
    auth(3, '203.0.113.5', { ...s1, user: 'adm', password: 'a2' }),
    loginFail(5, '203.0.113.5', 3, { ...s1, secs: 6 }),
    loginFail(60, '198.51.100.9', 2, { ...s2, secs: 4 }),
    auth(65, '198.51.100.9', { ...s2, user: 'root', password: 'late' }),
    auth(70, '198.51.100.9', { ...s2, user: 'root', password: 'late2' }),
  ];

  it('counts each try once wherever the file was cut', () => {
    const whole = join(events).attempts.length;
    expect(whole).toBe(5);
    for (let cut = 1; cut < events.length; cut++) expect(joinInParts(events, cut).length, `cut before event ${cut + 1}`).toBe(whole);
  });

  it('knows, before each line, what a flush there would keep, and goes on as if it had not been asked', () => {
    for (let cut = 1; cut < events.length; cut++) {
      const attempts: AttemptRecord[] = [];
      const asked = new SessionJoiner({ attempt: (a: AttemptRecord) => attempts.push(a), login: () => {} });
      const flushed = new SessionJoiner({ attempt: () => {}, login: () => {} });
      events.slice(0, cut).forEach((event, i) => {
        asked.push(event, i + 1);
        flushed.push(event, i + 1);
      });
      const emitted = attempts.length;
      const memory = asked.memoryIfFlushed();
      const asGiven = JSON.stringify(memory);
      expect(memory, `before event ${cut + 1}`).toEqual(flushed.flush());
      expect(attempts, 'asking emits nothing').toHaveLength(emitted);
      // What follows is joined as without the question: the whole file's rows, line for line.
      events.slice(cut).forEach((event, i) => asked.push(event, cut + i + 1));
      asked.flush();
      expect(attempts.sort(byLine), `asked before event ${cut + 1}`).toEqual(join(events).attempts.sort(byLine));
      // The memory given is a copy: what the join noted after it is not in it.
      expect(JSON.stringify(memory)).toBe(asGiven);
    }
  });

  it('counts a try once when its auth line without session ends one part and the line that claims it starts the next', () => {
    // dovecot before 2.2 writes no session on auth lines; postfix names none for SMTP AUTH.
    const sessionless: AuthEvent[] = [
      auth(0, '192.0.2.7', { user: 'info', password: 'p1' }),
      loginFail(2, '192.0.2.7', 1, { secs: 3, service: 'pop3', user: 'info' }),
      auth(10, '198.51.100.4', { user: 'shop', password: 'p2' }),
      auth(12, '198.51.100.4', { user: 'shop', password: null, origin: 'postfix-sasl', service: 'smtp' }),
    ];
    const whole = join(sessionless).attempts;
    expect(whole.map((a) => [a.line, a.service])).toEqual([[1, 'pop3'], [3, 'smtp']]);
    for (const cut of [1, 3]) {
      const fixes: ServiceFix[] = [];
      const attempts: AttemptRecord[] = [];
      const sink = { attempt: (a: AttemptRecord) => attempts.push(a), login: () => {}, serviceOf: (f: ServiceFix) => fixes.push(f) };
      const first = new SessionJoiner(sink);
      sessionless.slice(0, cut).forEach((event, i) => first.push(event, i + 1));
      const memory = JSON.parse(JSON.stringify(ownAloneRows(first.flush(), 7))) as SessionMemory[];
      const second = new SessionJoiner(sink);
      second.remember(memory);
      sessionless.slice(cut).forEach((event, i) => second.push(event, cut + i + 1));
      second.flush();
      expect(attempts.map((a) => a.line), `cut before event ${cut + 1}`).toEqual(whole.map((a) => a.line));
      // The row counted before the cut gets the service the line after it names, in the source it is in.
      const row = whole.find((a) => a.line === cut)!;
      expect(fixes, `cut before event ${cut + 1}`).toEqual([{ source: 7, rows: [row.ts, cut], service: row.service }]);
    }
  });

  it('forgets an auth line without session of before the cut once it is older than the horizon', () => {
    const attempts: AttemptRecord[] = [];
    const sink = { attempt: (a: AttemptRecord) => attempts.push(a), login: () => {} };
    const first = new SessionJoiner(sink, { horizonSecs: 60 });
    first.push(auth(0, '192.0.2.7', { password: 'old' }), 1);
    const second = new SessionJoiner(sink, { horizonSecs: 60 });
    second.remember(first.flush());
    // An hour later the address tries again and its login line counts 1 attempt: its own auth line's.
    second.push(auth(3600, '192.0.2.7', { password: 'new' }), 2);
    second.push(loginFail(3602, '192.0.2.7', 1, { secs: 4000 }), 3);
    second.flush();
    expect(attempts.map((a) => [a.line, a.password, a.service])).toEqual([[1, 'old', null], [2, 'new', 'imap']]);
  });

  it('counts a try once when its login line starts a newer file put before the older one its auth line ends', () => {
    const s2 = { session: 'CutByRotation001' };
    const { attempts } = join([
      // mail.log: the login line of a connection the rotation cut, then an hour of other tries.
      loginFail(86_400 + 60, '192.0.2.50', 1, { ...s2, secs: 153, user: 'webmaster' }),
      auth(86_400 + 3_600, '198.51.100.1', { session: 'OtherSession0001', user: 'bob' }),
      loginFail(86_400 + 3_601, '198.51.100.1', 1, { session: 'OtherSession0001', secs: 2, user: 'bob' }),
      // mail.log.1, a day older, put after it: its last line is that connection's auth line.
      auth(0, '203.0.113.7', { session: 'OlderSession0001', user: 'alice' }),
      loginFail(1, '203.0.113.7', 1, { session: 'OlderSession0001', secs: 2, user: 'alice' }),
      auth(86_400 + 12, '192.0.2.50', { ...s2, user: 'webmaster', password: 'p' }),
    ]);
    expect(attempts.map((a) => [a.line, a.user]).sort()).toEqual([[1, 'webmaster'], [2, 'bob'], [4, 'alice']]);
  });

  it('counts a try once when the newer file, whose start holds its login line, was read first, by another ingest', () => {
    const s2 = { session: 'CutByRotation002' };
    const newer = [
      loginFail(3_600 + 60, '192.0.2.50', 2, { ...s2, secs: 153, user: 'webmaster' }), // its two tries are in the older file
      auth(3_600 + 4_000, '198.51.100.1', { session: 'OtherSession0002', user: 'bob' }),
      loginFail(3_600 + 4_001, '198.51.100.1', 1, { session: 'OtherSession0002', secs: 2, user: 'bob' }),
    ];
    const older = [
      auth(0, '203.0.113.7', { session: 'OlderSession0002', user: 'alice' }),
      loginFail(1, '203.0.113.7', 1, { session: 'OlderSession0002', secs: 2, user: 'alice' }),
      auth(3_600 + 10, '192.0.2.50', { ...s2, user: 'webmaster', password: 'p1' }),
      auth(3_600 + 13, '192.0.2.50', { ...s2, user: 'webmaster', password: 'p2' }),
    ];
    const rows: AttemptRecord[] = [];
    const sink = { attempt: (a: AttemptRecord) => rows.push(a), login: () => {} };
    const first = new SessionJoiner(sink);
    newer.forEach((event, i) => first.push(event, i + 1));
    first.flush();
    // What the newer file's start knew is stored with it; only the connection its login line counted alone.
    const start = JSON.parse(JSON.stringify(first.startMemory)) as SessionMemory[];
    expect(start.map((m) => [m.session, m.rowsWithoutAuthLine])).toEqual([['CutByRotation002', 2]]);
    const second = new SessionJoiner(sink);
    second.startsOfLaterFiles(start);
    older.forEach((event, i) => second.push(event, i + 1));
    second.flush();
    expect(rows.map((a) => a.user).sort()).toEqual(['alice', 'bob', 'webmaster', 'webmaster']);
    // Without it, the two auth lines would count the same two tries again.
    const alone = join(older).attempts;
    expect(alone.filter((a) => a.user === 'webmaster')).toHaveLength(2);
  });

  it('counted some twice without the memory (the case it fixes)', () => {
    expect(joinInParts(events, 2, false).length).toBeGreaterThan(5);
    expect(joinInParts(events, 4, false).length).toBeGreaterThan(5);
  });

  it('gives the rows of auth lines counted at the cut the service of their login line after it, naming their source', () => {
    const fixes: ServiceFix[] = [];
    const attempts: AttemptRecord[] = [];
    const sink = { attempt: (a: AttemptRecord) => attempts.push(a), login: () => {}, serviceOf: (f: ServiceFix) => fixes.push(f) };
    const first = new SessionJoiner(sink);
    events.slice(0, 2).forEach((event, i) => first.push(event, i + 1));
    // The engine names the source of the part read (ingest-file.ts), and stores the memory as JSON.
    const memory = JSON.parse(JSON.stringify(ownAloneRows(first.flush(), 7))) as SessionMemory[];
    expect(attempts.map((a) => [a.line, a.service])).toEqual([[1, null], [2, null]]);
    expect(fixes).toEqual([]);
    const second = new SessionJoiner(sink);
    second.remember(memory);
    events.slice(2).forEach((event, i) => second.push(event, i + 3));
    second.flush();
    expect(fixes).toEqual([{ source: 7, rows: [T0, 1, T0 + 3, 2], service: 'imap' }]);
    expect(attempts).toHaveLength(5);
  });

  it('gives the service of a login line past the horizon to its rows counted alone in the same file', () => {
    const fixes: ServiceFix[] = [];
    const joiner = new SessionJoiner({ attempt: () => {}, login: () => {}, serviceOf: (f) => fixes.push(f) }, { horizonSecs: 60 });
    joiner.push(auth(0, '203.0.113.9', { session: 'SlowSession00001', password: 'x' }), 1);
    joiner.push(auth(100, '192.0.2.1'), 2); // a line of another address moves the clock past the horizon
    joiner.push(loginFail(110, '203.0.113.9', 1, { session: 'SlowSession00001', secs: 112, service: 'pop3' }), 3);
    // Once: a second login line of the session (dovecot writes none, a crafted log may) gives nothing again.
    joiner.push(loginFail(111, '203.0.113.9', 1, { session: 'SlowSession00001', secs: 113, service: 'imap' }), 4);
    joiner.flush();
    expect(fixes).toEqual([{ source: null, rows: [T0, 1], service: 'pop3' }]);
  });

  it('keeps only the sessions of the last horizon of the part', () => {
    const joiner = new SessionJoiner({ attempt: () => {}, login: () => {} });
    joiner.push(auth(0, '192.0.2.1', { session: 'OldSession000001' }), 1);
    joiner.push(auth(5000, '192.0.2.2', { session: 'NewSession000002' }), 2);
    expect(joiner.flush().map((m) => m.session)).toEqual(['NewSession000002']);
  });
});
