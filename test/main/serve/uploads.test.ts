import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISK_RESERVE_BYTES, UploadBatch, UploadError, sanitizeRelativePath } from '../../../src-main/serve/uploads';

let parent: string;
beforeEach(() => { parent = mkdtempSync(join(tmpdir(), 'swarmscope-uploads-')); });
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const line = 'Mar 11 10:00:01 mx dovecot: imap-login: Disconnected: auth failed, 1 attempts in 2 secs: user=<info>, rip=198.51.100.23\n';

describe('sanitizeRelativePath', () => {
  it('keeps ordinary relative paths, with either slash', () => {
    expect(sanitizeRelativePath('logs/2024/dovecot.log.1.gz')).toEqual(['logs', '2024', 'dovecot.log.1.gz']);
    expect(sanitizeRelativePath('logs\\mail\\maillog-20240311')).toEqual(['logs', 'mail', 'maillog-20240311']);
    expect(sanitizeRelativePath('logs//dovecot.log')).toEqual(['logs', 'dovecot.log']);
  });

  it('replaces characters other file systems refuse', () => {
    expect(sanitizeRelativePath('logs/mail:2024?.log')).toEqual(['logs', 'mail_2024_.log']);
    expect(sanitizeRelativePath('a\u0001b.log')).toEqual(['a_b.log']);
  });

  it.each([
    ['../../.ssh/authorized_keys'],
    ['logs/../../etc/cron.d/x'],
    ['/etc/passwd'],
    ['\\\\server\\share\\x'],
    ['C:\\Windows\\win.ini'],
    ['c:relative'],
    ['logs/.../x'],
    ['logs/. /x'],
    ['.'],
    [''],
    ['a/'.repeat(70) + 'x'],
    [`${'x'.repeat(300)}.log`],
  ])('refuses %j', (path) => {
    expect(() => sanitizeRelativePath(path)).toThrow(UploadError);
  });

  it('refuses what is not a string', () => {
    expect(() => sanitizeRelativePath(['logs', 'x'])).toThrow(UploadError);
  });
});

describe('UploadBatch', () => {
  it('writes files under their relative paths and lists the dropped items', async () => {
    const batch = UploadBatch.create(parent);
    const first = Buffer.from(line.repeat(3));
    batch.begin('logs/2024/dovecot.log', first.length);
    expect(batch.write(first.subarray(0, 100), () => undefined)).toBe(true);
    batch.write(first.subarray(100), () => undefined);
    await batch.end();
    batch.begin('logs/dovecot.log.1', 0);
    await batch.end();
    batch.begin('loose.log', line.length);
    batch.write(Buffer.from(line), () => undefined);
    await batch.end();

    expect(batch.entries()).toEqual([join(batch.dir, 'logs'), join(batch.dir, 'loose.log')]);
    expect(readFileSync(join(batch.dir, 'logs', '2024', 'dovecot.log'), 'utf8')).toBe(line.repeat(3));
    expect(readFileSync(join(batch.dir, 'logs', 'dovecot.log.1'), 'utf8')).toBe('');
    expect(batch.fileCount).toBe(3);
  });

  it('gives each file the modification time the browser reported, which dates year-less syslog stamps', async () => {
    const batch = UploadBatch.create(parent);
    const rotatedIn2023 = Date.UTC(2023, 10, 26, 6, 25, 0);
    batch.begin('mail.log.1', line.length, rotatedIn2023);
    batch.write(Buffer.from(line), () => undefined);
    const written = await batch.end();
    expect(statSync(written).mtimeMs).toBe(rotatedIn2023);
    batch.begin('mail.log', 0);
    const unknown = await batch.end();
    expect(statSync(unknown).mtimeMs).toBeGreaterThan(rotatedIn2023);
  });

  it('refuses a modification time that is not one', () => {
    const batch = UploadBatch.create(parent);
    for (const time of [-1, Number.NaN, '2023-11-26', 1e20]) expect(() => batch.begin('a.log', 0, time)).toThrow(/lastModified/);
  });

  it('fails a file that is shorter or longer than announced', async () => {
    const batch = UploadBatch.create(parent);
    batch.begin('short.log', 1000);
    batch.write(Buffer.from(line), () => undefined);
    await expect(batch.end()).rejects.toThrow(`short.log: received ${line.length} of 1000 bytes`);
    batch.begin('long.log', 10);
    batch.write(Buffer.from(line), () => undefined);
    await expect(batch.end()).rejects.toThrow('more bytes than announced');
  });

  it('refuses the same path twice, a second open file, and data outside a file', () => {
    const batch = UploadBatch.create(parent);
    expect(() => batch.write(Buffer.from('x'), () => undefined)).toThrow(/outside a file/);
    batch.begin('a.log', 1);
    expect(() => batch.begin('b.log', 1)).toThrow(/still open/);
    expect(() => batch.entries()).toThrow(/still open/);
  });

  it('refuses a duplicate path', async () => {
    const batch = UploadBatch.create(parent);
    batch.begin('logs/a.log', 0);
    await batch.end();
    expect(() => batch.begin('logs//a.log', 0)).toThrow(/already uploaded/);
    expect(() => batch.begin('logs\\a.log', 0)).toThrow(/already uploaded/);
  });

  it('refuses sizes that are not whole, non-negative numbers', () => {
    const batch = UploadBatch.create(parent);
    for (const size of [-1, 1.5, Number.NaN, '12', null, 2 ** 41]) expect(() => batch.begin('a.log', size)).toThrow(/size/);
  });

  it('refuses a file the host\'s disk has no room for, keeping a reserve free', async () => {
    const free = DISK_RESERVE_BYTES + 1000;
    const batch = UploadBatch.create(parent, () => free);
    expect(() => batch.begin('huge.log', 1001)).toThrow(/not enough room on the host's disk/);
    expect(batch.fileCount).toBe(0);
    batch.begin('fits.log', 1000);
    batch.write(Buffer.alloc(1000, 0x61), () => undefined);
    await batch.end();
    expect(() => UploadBatch.create(parent).begin('a.log', 2 ** 40)).toThrow(UploadError);
  });

  it('leaves nothing behind when discarded, even mid-file', async () => {
    const batch = UploadBatch.create(parent);
    batch.begin('logs/dovecot.log', 5000);
    batch.write(Buffer.from(line), () => undefined);
    await batch.discard();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('asks the sender to wait while the disk is behind, and to go on once it caught up', async () => {
    const batch = UploadBatch.create(parent);
    const chunk = Buffer.alloc(4 << 20, 'a');
    batch.begin('big.log', chunk.length * 2);
    let resumed = 0;
    const first = batch.write(chunk, () => { resumed += 1; });
    expect(first).toBe(false);
    await new Promise<void>((done) => { const wait = () => (resumed ? done() : setTimeout(wait, 5)); wait(); });
    batch.write(chunk, () => { resumed += 1; });
    await batch.end();
    expect(resumed).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(batch.dir, 'big.log')).length).toBe(chunk.length * 2);
  });
});
