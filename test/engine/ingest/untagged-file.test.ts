import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { HEAD_BYTES } from '../../../src-main/engine/ingest/line-reader';
import { untaggedProgramOf, untaggedProgramOfFile } from '../../../src-main/engine/ingest/untagged-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'untagged-file-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mtime = Date.parse('2024-02-01T08:30:00Z');
const head = (...lines: string[]): Buffer => Buffer.from(`${lines.join('\n')}\n`);

describe('untaggedProgramOf', () => {
  it('knows sshd\'s messages without a tag: bare (journalctl -o cat), after a container\'s stamp, in docker\'s JSON', () => {
    const messages = [
      'Server listening on 0.0.0.0 port 22.',
      'Disconnecting authenticating user root 203.0.113.6 port 40022: Too many authentication failures [preauth]',
      'Failed password for root from 203.0.113.6 port 40022 ssh2',
    ];
    expect(untaggedProgramOf(head(...messages), 'plain', mtime)).toBe('sshd');
    expect(untaggedProgramOf(head(...messages.map((m) => `2024-01-31T10:00:01.123456789Z ${m}`)), 'gzip', mtime)).toBe('sshd');
    expect(untaggedProgramOf(head(...messages.map((m) => JSON.stringify({ log: `${m}\n`, stream: 'stderr', time: '2024-01-31T10:00:01Z' }))), 'plain', mtime)).toBe('sshd');
    // A probe of a name alone, and a login.
    expect(untaggedProgramOf(head('Invalid user oracle from 203.0.113.7 port 33001'), 'plain', mtime)).toBe('sshd');
    expect(untaggedProgramOf(head('Accepted publickey for alice from 198.51.100.6 port 40022 ssh2: ED25519 SHA256:abc'), 'plain', mtime)).toBe('sshd');
  });

  it('knows Win32-OpenSSH\'s sshd.log: the process id, the stamp, the message, lines ending with CR LF', () => {
    const lines = [
      '3716 2024-01-31 10:00:00.123 Server listening on :: port 22.',
      '5844 2024-01-31 10:05:01.000 Invalid user admin from 203.0.113.5 port 5555',
      '5844 2024-01-31 10:05:01.100 Failed password for invalid user admin from 203.0.113.5 port 5555 ssh2',
    ];
    expect(untaggedProgramOf(Buffer.from(lines.map((l) => `${l}\r\n`).join('')), 'plain', mtime)).toBe('sshd');
  });

  it('knows the log of an sshd container that opens with its image\'s banner by sshd\'s first words', () => {
    const banner = [
      '[migrations] started', '[migrations] no migrations found', 'usermod: no changes', '\u2500'.repeat(39),
      ...Array.from({ length: 6 }, () => '      \u2588\u2588\u2557     \u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2557'),
      'Brought to you by linuxserver.io', '\u2500'.repeat(39), 'User UID:    1000', 'User GID:    1000', '[custom-init] No custom files found, skipping...',
      'sshd is listening on port 2222', '[ls.io-init] done.',
    ];
    expect(untaggedProgramOf(head(...banner, 'Server listening on 0.0.0.0 port 2222.', 'Server listening on :: port 2222.'), 'plain', mtime)).toBe('sshd');
    expect(untaggedProgramOf(head(...banner.map((l) => `2024-01-31T10:00:00.000000001Z ${l}`), '2024-01-31T10:00:01.5Z Server listening on :: port 2222.'), 'plain', mtime)).toBe('sshd');
    // Another server's words alike are not sshd's.
    expect(untaggedProgramOf(head(...banner, 'Server listening on :8080'), 'plain', mtime)).toBeNull();
  });

  it('leaves logs of tagged lines as they are, and files of other words', () => {
    // Lines read as they are: sshd's with their tag (stamped or not), dovecot's journalctl -o cat, which keeps process names.
    expect(untaggedProgramOf(head('Jan 31 10:00:01 gate sshd[812]: Failed password for root from 203.0.113.6 port 40022 ssh2'), 'plain', mtime)).toBeNull();
    expect(untaggedProgramOf(head('gate sshd[812]: Failed password for root from 203.0.113.6 port 40022 ssh2'), 'plain', mtime)).toBeNull();
    expect(untaggedProgramOf(head(
      'imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<a>, method=PLAIN, rip=203.0.113.5, lip=192.0.2.1, session=<x>',
    ), 'plain', mtime)).toBeNull();
    // A syslog of other programs, with a line of sshd's words further on that a tagged line came before.
    expect(untaggedProgramOf(head(
      'Jan 31 10:00:00 gate sshd[812]: Accepted publickey for alice from 198.51.100.6 port 40022 ssh2: ED25519 SHA256:abc',
      'Failed password for root from 203.0.113.6 port 40022 ssh2',
    ), 'plain', mtime)).toBeNull();
    expect(untaggedProgramOf(head('Jan 31 10:00:00 mail postfix/smtpd[77]: connect from unknown[203.0.113.9]'), 'plain', mtime)).toBeNull();
    expect(untaggedProgramOf(head('# sshd_config', 'PasswordAuthentication no', 'Failed to start the backup job'), 'plain', mtime)).toBeNull();
    expect(untaggedProgramOf(head('Failed password for root from 203.0.113.6 port 40022 ssh2'), 'utf-16le', mtime)).toBeNull();
  });

  it('reads further into a file whose head settles nothing: a banner longer than the head, plain or compressed', async () => {
    const banner = Array.from({ length: 120 }, (_, i) => `[init] step ${i}: ${'\u2500'.repeat(30)}`);
    const lines = [...banner, 'Server listening on 0.0.0.0 port 2222.', 'Invalid user oracle from 203.0.113.7 port 33001'];
    const text = Buffer.from(`${lines.join('\n')}\n`);
    expect(banner.join('\n').length).toBeGreaterThan(HEAD_BYTES);
    const file = path.join(dir, 'container.log');
    fs.writeFileSync(file, text);
    const head = text.subarray(0, HEAD_BYTES);
    expect(untaggedProgramOf(head, 'plain', mtime)).toBeNull();
    expect(await untaggedProgramOfFile(file, text.length, head, 'plain', mtime)).toBe('sshd');
    // A mail log whose head holds no login is read further, and stays a log of tagged lines.
    const mail = path.join(dir, 'mail.log');
    const mailText = Buffer.from([
      ...Array.from({ length: 60 }, (_, i) => `Jan 31 10:00:${String(i % 60).padStart(2, '0')} mx postfix/smtp[7]: ABC${i}: to=<a@example.org>, relay=mx.example.org[192.0.2.1]:25, status=sent (250 ok)`),
      'Jan 31 10:01:00 mx dovecot: auth: passwd-file(admin,203.0.113.5): unknown user',
      'Jan 31 10:01:01 mx sshd[812]: Failed password for root from 203.0.113.6 port 40022 ssh2',
    ].join('\n') + '\n');
    fs.writeFileSync(mail, mailText);
    expect(await untaggedProgramOfFile(mail, mailText.length, mailText.subarray(0, HEAD_BYTES), 'plain', mtime)).toBeNull();
    // A rotated, compressed copy: its content is decompressed as far as it is read.
    const gzipped = path.join(dir, 'container.log.1.gz');
    fs.writeFileSync(gzipped, zlib.gzipSync(text));
    expect(await untaggedProgramOfFile(gzipped, fs.statSync(gzipped).size, head, 'gzip', mtime)).toBe('sshd');
    const mailGzipped = path.join(dir, 'mail.log.1.gz');
    fs.writeFileSync(mailGzipped, zlib.gzipSync(mailText));
    expect(await untaggedProgramOfFile(mailGzipped, fs.statSync(mailGzipped).size, mailText.subarray(0, HEAD_BYTES), 'gzip', mtime)).toBeNull();
    // A compressed file whose whole content is a head that settles nothing has nothing further to read.
    const bannerOnly = Buffer.from(`${banner.slice(0, 20).join('\n')}\n`);
    expect(bannerOnly.length).toBeLessThan(HEAD_BYTES);
    const shortGzipped = path.join(dir, 'banner.log.gz');
    fs.writeFileSync(shortGzipped, zlib.gzipSync(bannerOnly));
    expect(await untaggedProgramOfFile(shortGzipped, fs.statSync(shortGzipped).size, bannerOnly, 'gzip', mtime)).toBeNull();
  });
});
