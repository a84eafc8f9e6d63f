// sshd's lines through the parser and the join, as an auth.log holds them: each `Failed` line is a try, and a
// connection's other signs of a failed login count once, only when it shows no `Failed` line.
import { describe, expect, it } from 'vitest';
import { LogLineParser } from '../../../src-main/engine/parse/line-parser';
import { SessionJoiner, type SessionMemory } from '../../../src-main/engine/parse/session-join';
import { SSH_CONNECTION_SECS } from '../../../src-main/engine/parse/ssh-connections';
import type { AuthEvent } from '../../../src-main/engine/parse/types';
import { joinEvents } from './join-events';

const reference = new Date('2024-03-31T12:00:00Z');

/** The events of the lines, numbered from 1. */
function eventsOf(text: string): { event: AuthEvent; line: number }[] {
  const parser = new LogLineParser({ reference });
  const events: { event: AuthEvent; line: number }[] = [];
  text.trim().split('\n').forEach((raw, i) => {
    const verdict = parser.parse(raw.trim());
    if (verdict.kind === 'event') for (let k = 0; k < (verdict.times ?? 1); k++) events.push({ event: verdict.event, line: i + 1 });
  });
  return events;
}

/** Parses the lines as one file and joins them; returns the rows as [line, ip, user, service]. */
function ingest(text: string) {
  const { attempts, logins } = joinEvents(eventsOf(text));
  const rows = (list: { line: number; ip: string; user: string | null; service: string | null }[]) =>
    list.map((r) => [r.line, r.ip, r.user, r.service]).sort((a, b) => Number(a[0]) - Number(b[0]));
  return { attempts: rows(attempts), logins: rows(logins) };
}

/**
 * Reads each text as a file of its own, in order, and returns the `ip user` rows of all after each file.
 * `carry` gives the next file's join what the last one's knew: its end (the next part of a rotation, read
 * after it) or its start (an older file read after it), as the ingest stores them with the source, as JSON.
 */
function readFiles(texts: string[], carry: (known: { end: SessionMemory[]; start: SessionMemory[] }, next: SessionJoiner) => void): string[][] {
  const rows: string[] = [];
  const after: string[][] = [];
  const sink = { attempt: (a: { ip: string; user: string | null }) => rows.push(`${a.ip} ${a.user}`), login: () => {} };
  let known: { end: SessionMemory[]; start: SessionMemory[] } | null = null;
  for (const text of texts) {
    const joiner = new SessionJoiner(sink);
    if (known) carry(known, joiner);
    for (const { event, line } of eventsOf(text)) joiner.push(event, line);
    const end = joiner.flush();
    known = JSON.parse(JSON.stringify({ end, start: joiner.startMemory })) as { end: SessionMemory[]; start: SessionMemory[] };
    after.push([...rows].sort());
  }
  return after;
}

describe('sshd lines, joined by connection', () => {
  it('counts each Failed line of an unknown user once, not the Invalid user line before them', () => {
    const { attempts } = ingest(`
      Mar 10 03:14:07 gate sshd[4410]: Invalid user admin from 203.0.113.9 port 50122
      Mar 10 03:14:07 gate sshd[4410]: pam_unix(sshd:auth): check pass; user unknown
      Mar 10 03:14:07 gate sshd[4410]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9
      Mar 10 03:14:09 gate sshd[4410]: Failed password for invalid user admin from 203.0.113.9 port 50122 ssh2
      Mar 10 03:14:13 gate sshd[4410]: Failed password for invalid user admin from 203.0.113.9 port 50122 ssh2
      Mar 10 03:14:14 gate sshd[4410]: Connection closed by invalid user admin 203.0.113.9 port 50122 [preauth]
    `);
    expect(attempts).toEqual([
      [4, '203.0.113.9', 'admin', 'ssh'],
      [5, '203.0.113.9', 'admin', 'ssh'],
    ]);
  });

  it('counts a connection that only probed a user name as one try, at its Invalid user line', () => {
    const { attempts } = ingest(`
      Mar 10 03:20:00 gate sshd[5001]: Invalid user oracle from 198.51.100.20 port 41000
      Mar 10 03:20:00 gate sshd[5001]: Received disconnect from 198.51.100.20 port 41000:11: Bye Bye [preauth]
      Mar 10 03:20:00 gate sshd[5001]: Disconnected from invalid user oracle 198.51.100.20 port 41000 [preauth]
      Mar 10 03:20:01 gate sshd[5002]: Invalid user oracle from 198.51.100.20 port 41002
      Mar 10 03:20:01 gate sshd[5002]: Failed none for invalid user oracle from 198.51.100.20 port 41002 ssh2
    `);
    expect(attempts).toEqual([
      [1, '198.51.100.20', 'oracle', 'ssh'],
      [4, '198.51.100.20', 'oracle', 'ssh'],
    ]);
  });

  it('counts MaxAuthTries password tries once each, not the lines that close the connection', () => {
    const tries = Array.from({ length: 6 }, (_, i) => `Mar 10 04:00:${String(10 + 2 * i)} gate sshd[6100]: Failed password for root from 192.0.2.44 port 33000 ssh2`);
    const { attempts } = ingest([
      'Mar 10 04:00:09 gate sshd[6100]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.44  user=root',
      ...tries,
      'Mar 10 04:00:21 gate sshd[6100]: error: maximum authentication attempts exceeded for root from 192.0.2.44 port 33000 ssh2 [preauth]',
      'Mar 10 04:00:21 gate sshd[6100]: Disconnecting authenticating user root 192.0.2.44 port 33000: Too many authentication failures [preauth]',
      'Mar 10 04:00:21 gate sshd[6100]: PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.44  user=root',
    ].join('\n'));
    expect(attempts.map((a) => a[0])).toEqual([2, 3, 4, 5, 6, 7]);
    expect(new Set(attempts.map((a) => `${a[1]} ${a[2]}`))).toEqual(new Set(['192.0.2.44 root']));
  });

  it('counts key tries that only the closing line shows (sshd logs them at VERBOSE) as one', () => {
    const { attempts } = ingest(`
      Mar 10 05:00:00 gate sshd[7000]: error: maximum authentication attempts exceeded for git from 192.0.2.50 port 40000 ssh2 [preauth]
      Mar 10 05:00:00 gate sshd[7000]: Disconnecting authenticating user git 192.0.2.50 port 40000: Too many authentication failures [preauth]
    `);
    expect(attempts).toEqual([[1, '192.0.2.50', 'git', 'ssh']]);
  });

  it("keeps connections apart by process and by address, and reads rsyslog's repeated tries as that many", () => {
    const { attempts } = ingest(`
      Mar 10 06:00:00 gate sshd[100]: Invalid user test from 198.51.100.1 port 1000
      Mar 10 06:00:00 gate sshd[101]: Invalid user test from 198.51.100.1 port 1001
      Mar 10 06:00:01 other sshd[100]: Invalid user test from 198.51.100.2 port 1002
      Mar 10 06:00:03 gate sshd[102]: Failed password for root from 198.51.100.3 port 1003 ssh2
      Mar 10 06:00:09 gate sshd[102]: message repeated 2 times: [ Failed password for root from 198.51.100.3 port 1003 ssh2]
    `);
    expect(attempts).toEqual([
      [1, '198.51.100.1', 'test', 'ssh'],
      [2, '198.51.100.1', 'test', 'ssh'],
      [3, '198.51.100.2', 'test', 'ssh'],
      [4, '198.51.100.3', 'root', 'ssh'],
      [5, '198.51.100.3', 'root', 'ssh'],
      [5, '198.51.100.3', 'root', 'ssh'],
    ]);
  });

  it('takes the same process id and address after LoginGraceTime for a new connection', () => {
    const late = 10 + SSH_CONNECTION_SECS + 5;
    const { attempts } = ingest(`
      Mar 10 07:00:10 gate sshd[300]: Invalid user pi from 203.0.113.30 port 5000
      Mar 10 07:0${Math.floor(late / 60)}:${String(late % 60).padStart(2, '0')} gate sshd[300]: Failed password for invalid user pi from 203.0.113.30 port 5001 ssh2
    `);
    expect(attempts.map((a) => a[0])).toEqual([1, 2]);
  });

  it('joins lines without a process id by address ([sshd]: ...)', () => {
    const { attempts } = ingest(`
      Mar 10 08:00:00 [sshd]: User root from 192.0.2.70 not allowed because not listed in AllowUsers
      Mar 10 08:00:02 [sshd]: Failed password for invalid user root from 192.0.2.70 port 22 ssh2
      Mar 10 08:00:05 [sshd]: User root from 192.0.2.71 not allowed because not listed in AllowUsers
    `);
    expect(attempts).toEqual([
      [2, '192.0.2.70', 'root', 'ssh'],
      [3, '192.0.2.71', 'root', 'ssh'],
    ]);
  });

  it('tells the connections of one address apart by the client\'s port when the lines have no process id', () => {
    // A bot's three connections within seconds: two probe a name alone, one tries a password.
    const { attempts } = ingest(`
      Mar 10 08:00:00 [sshd]: Invalid user a from 192.0.2.90 port 40001
      Mar 10 08:00:01 [sshd]: Invalid user b from 192.0.2.90 port 40002
      Mar 10 08:00:02 [sshd]: Failed password for invalid user b from 192.0.2.90 port 40002 ssh2
      Mar 10 08:00:03 [sshd]: Invalid user c from 192.0.2.90 port 40003
      Mar 10 08:10:00 [sshd]: Failed password for invalid user root from 192.0.2.91 port 40010 ssh2
      Mar 10 08:10:00 [sshd]: error: PAM: Authentication failure for root from 192.0.2.91
      Mar 10 08:20:00 [sshd]: error: PAM: Authentication failure for admin from 192.0.2.92
    `);
    // A sign that names no port, after a try of a port of its address, is that connection's; alone, it is a try.
    expect(attempts).toEqual([
      [1, '192.0.2.90', 'a', 'ssh'],
      [3, '192.0.2.90', 'b', 'ssh'],
      [4, '192.0.2.90', 'c', 'ssh'],
      [5, '192.0.2.91', 'root', 'ssh'],
      [7, '192.0.2.92', 'admin', 'ssh'],
    ]);
  });

  it('keeps successful logins as logins: a failed try before one still counts', () => {
    const { attempts, logins } = ingest(`
      Mar 10 09:00:00 gate sshd[800]: Failed password for alice from 192.0.2.80 port 6000 ssh2
      Mar 10 09:00:04 gate sshd[800]: Accepted password for alice from 192.0.2.80 port 6000 ssh2
      Mar 10 09:00:04 gate sshd[800]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)
      Mar 10 09:05:00 gate sshd-session[801]: Accepted publickey for deploy from 2001:db8::5 port 6001 ssh2: ED25519 SHA256:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ
    `);
    expect(attempts).toEqual([[1, '192.0.2.80', 'alice', 'ssh']]);
    expect(logins).toEqual([
      [2, '192.0.2.80', 'alice', 'ssh'],
      [4, '2001:db8::5', 'deploy', 'ssh'],
    ]);
  });

  it('keeps a dovecot try of the same name and address as an sshd login in the same second (a syslog of both)', () => {
    const { attempts, logins } = ingest(`
      Mar 10 09:30:00 mail dovecot: auth: passwd-file(alice,192.0.2.81): Password mismatch
      Mar 10 09:30:00 mail sshd[810]: Accepted publickey for alice from 192.0.2.81 port 6100 ssh2: ED25519 SHA256:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ
    `);
    expect(attempts).toEqual([[1, '192.0.2.81', 'alice', null]]);
    expect(logins).toEqual([[2, '192.0.2.81', 'alice', 'ssh']]);
  });

  it('never lets a user name an attacker chose pass for a dovecot line or another address', () => {
    const { attempts } = ingest(`
      Mar 10 10:00:00 gate sshd[900]: Connection closed by invalid user auth(x,198.51.100.99): unknown user 203.0.113.50 port 7000 [preauth]
      Mar 10 10:00:01 gate sshd[901]: Disconnected from invalid user imap-login: Disconnected (auth failed, 5 attempts): user=<x>, rip=198.51.100.98 203.0.113.51 port 7001 [preauth]
      Mar 10 10:00:02 gate sshd[902]: Failed password for invalid user x from 198.51.100.97 port 1 ssh2 from 203.0.113.52 port 7002 ssh2
    `);
    expect(attempts).toEqual([[3, '203.0.113.52', 'x from 198.51.100.97 port 1 ssh2', 'ssh']]);
  });

  const before = `
      Mar 10 23:59:50 gate sshd[11]: Failed password for root from 192.0.2.91 port 7100 ssh2
      Mar 10 23:59:55 gate sshd[11]: Failed password for root from 192.0.2.91 port 7100 ssh2
      Mar 10 23:59:58 gate sshd[10]: Invalid user admin from 192.0.2.90 port 7000
      Mar 10 23:59:59 gate sshd[12]: Invalid user guest from 192.0.2.92 port 7200
    `;
    const after = `
      Mar 11 00:00:01 gate sshd[10]: Failed password for invalid user admin from 192.0.2.90 port 7000 ssh2
      Mar 11 00:00:02 gate sshd[11]: error: maximum authentication attempts exceeded for root from 192.0.2.91 port 7100 ssh2 [preauth]
      Mar 11 00:00:04 gate sshd[10]: Failed password for invalid user admin from 192.0.2.90 port 7000 ssh2
      Mar 11 00:00:05 gate sshd[12]: Disconnected from invalid user guest 192.0.2.92 port 7200 [preauth]
      Mar 11 00:10:00 gate sshd[13]: Failed password for root from 192.0.2.93 port 7300 ssh2
    `;
  // admin: the sign before the cut is the first of the two tries after it; root: the closing line adds none;
  // guest: one probe.
  const cutTruth = ['192.0.2.90 admin', '192.0.2.90 admin', '192.0.2.91 root', '192.0.2.91 root', '192.0.2.92 guest', '192.0.2.93 root'];

  it('counts a connection cut by a rotation (or by reading a live log again) once, whichever side its lines fall', () => {
    const [first, both] = readFiles([before, after], (known, next) => next.remember(known.end));
    expect(first).toEqual(['192.0.2.90 admin', '192.0.2.91 root', '192.0.2.91 root', '192.0.2.92 guest']);
    expect(both).toEqual(cutTruth);
  });

  it('counts it once too when the newer file is read first, and the older one later by an ingest of its own', () => {
    const [, both] = readFiles([after, before], (known, next) => next.startsOfLaterFiles(known.start));
    expect(both).toEqual(cutTruth);
  });

  it('counts it once in rotated files put together newest first (zcat -f auth.log*), where time goes back', () => {
    const { attempts } = ingest(`${after}\n${before}`);
    expect(attempts.map((a) => `${a[1]} ${a[2]}`).sort()).toEqual(cutTruth);
  });

  it('counts each rotation cut once when three rotations are read newest first, one ingest each', () => {
    // A is the oldest. Connection 20 is cut at A|B, 30 at B|C. The ingest gives an older file both what the
    // newer ones read before knew of their starts and of their ends.
    const a = 'Mar 10 23:59:58 gate sshd[20]: Failed password for root from 192.0.2.20 port 7000 ssh2';
    const b = `
      Mar 11 00:00:02 gate sshd[20]: error: maximum authentication attempts exceeded for root from 192.0.2.20 port 7000 ssh2 [preauth]
      Mar 11 12:00:00 gate sshd[21]: Failed password for bob from 192.0.2.21 port 7001 ssh2
      Mar 11 23:59:58 gate sshd[30]: Invalid user admin from 192.0.2.30 port 7002
    `;
    const c = `
      Mar 12 00:00:02 gate sshd[30]: Failed password for invalid user admin from 192.0.2.30 port 7002 ssh2
      Mar 12 00:00:05 gate sshd[30]: Failed password for invalid user admin from 192.0.2.30 port 7002 ssh2
    `;
    const ends: SessionMemory[] = [];
    const starts: SessionMemory[] = [];
    const all = readFiles([c, b, a], (known, next) => {
      ends.unshift(...known.end);
      starts.unshift(...known.start);
      next.remember(ends);
      next.startsOfLaterFiles(starts);
    });
    expect(all.at(-1)).toEqual(['192.0.2.20 root', '192.0.2.21 bob', '192.0.2.30 admin', '192.0.2.30 admin']);
  });
});

describe('sshd lines of several hosts in one central log', () => {
  it("orders each host's lines by its own clock: a host minutes behind closes no other host's connection", () => {
    const { attempts } = ingest(`
      Mar 10 10:05:00 a sshd[100]: Invalid user admin from 192.0.2.1 port 1000
      Mar 10 10:02:01 b sshd[200]: Failed password for root from 192.0.2.2 port 2000 ssh2
      Mar 10 10:05:02 a sshd[100]: Failed password for invalid user admin from 192.0.2.1 port 1000 ssh2
      Mar 10 07:05:03 c sshd[300]: Invalid user test from 192.0.2.3 port 3000
      Mar 10 10:05:04 a sshd[100]: Failed password for invalid user admin from 192.0.2.1 port 1000 ssh2
      Mar 10 07:05:06 c sshd[300]: Failed password for invalid user test from 192.0.2.3 port 3000 ssh2
    `);
    expect(attempts.map((r) => `${r[1]} ${r[2]}`)).toEqual(['192.0.2.2 root', '192.0.2.1 admin', '192.0.2.1 admin', '192.0.2.3 test']);
  });

  it('keeps the same process id of two hosts apart, and the process ids of RFC 5424 lines', () => {
    const { attempts } = ingest(`
      Mar 10 10:00:00 a sshd[100]: Invalid user pi from 192.0.2.9 port 1000
      Mar 10 10:00:01 b sshd[100]: Failed password for invalid user pi from 192.0.2.9 port 1001 ssh2
      <38>1 2024-03-10T10:00:02Z gate sshd 5000 - - Invalid user u1 from 192.0.2.10 port 40000
      <38>1 2024-03-10T10:00:32Z gate sshd 5001 - - Invalid user u2 from 192.0.2.10 port 40001
      <38>1 2024-03-10T10:01:02Z gate sshd 5002 - - Invalid user u3 from 192.0.2.10 port 40002
    `);
    expect(attempts.map((r) => `${r[1]} ${r[2]}`)).toEqual(['192.0.2.9 pi', '192.0.2.9 pi', '192.0.2.10 u1', '192.0.2.10 u2', '192.0.2.10 u3']);
  });

  it('takes a connection to last LoginGraceTime from its first line: an address without process ids that probes on and on counts again', () => {
    const probes = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(2024, 2, 10, 10, 0, 0) + i * 30_000);
      return `Mar 10 ${d.toISOString().slice(11, 19)} [sshd]: User root from 192.0.2.11 not allowed because not listed in AllowUsers`;
    });
    // 12 probes over 5.5 minutes: connections from 0 s, 150 s and 300 s.
    expect(ingest(probes.join('\n')).attempts.map((r) => r[0])).toEqual([1, 6, 11]);
  });

  it("keeps a host's lines that come a little out of order in their connection", () => {
    const { attempts } = ingest(`
      Mar 10 10:00:00 web1 sshd[900]: Invalid user a from 192.0.2.7 port 1000
      Mar 10 10:02:10 web1 sshd[901]: Failed password for root from 192.0.2.8 port 1 ssh2
      Mar 10 10:01:40 web1 sshd[900]: Failed password for invalid user a from 192.0.2.7 port 1000 ssh2
    `);
    expect(attempts.map((r) => r[0])).toEqual([2, 3]);
  });

  it('remembers across a cut the connections of a central log of thousands, a host behind the others included', () => {
    // 12,000 probes of host `fast` within a minute, and one connection of host `late`, whose clock is 3 minutes
    // behind, cut between its two lines.
    const probes = Array.from({ length: 12_000 }, (_, i) => `Nov 29 10:00:${String(Math.floor(i / 200)).padStart(2, '0')} fast sshd[${20_000 + i}]: `
      + `Invalid user x from 203.0.${Math.floor(i / 250)}.${i % 250} port ${10_000 + i}`);
    const before = ['Nov 29 09:57:00 late sshd[42]: Invalid user bob from 198.51.100.7 port 4000', ...probes].join('\n');
    const after = 'Nov 29 09:57:10 late sshd[42]: Failed password for invalid user bob from 198.51.100.7 port 4000 ssh2';
    const [, both] = readFiles([before, after], (known, next) => next.remember(known.end));
    expect(both).toHaveLength(12_001);
    expect(both.filter((row) => row === '198.51.100.7 bob')).toHaveLength(1);
  });
});
