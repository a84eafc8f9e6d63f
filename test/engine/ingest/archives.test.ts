// Archives are evidence from elsewhere, and may be crafted: what is unpacked stays in its folder, and only
// files are read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { expandArchives, safeMemberPath } from '../../../src-main/engine/ingest/archives';
import { collectFiles } from '../../../src-main/engine/ingest/collect-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archives-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LINE = 'Nov 21 10:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, rip=198.51.100.8\n';

/** A tar archive of the given entries, as tar-stream packs it (any name, any type). */
async function packed(entries: { name: string; type?: 'file' | 'symlink' | 'directory' | 'link'; linkname?: string; content?: string; mtime?: Date }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const e of entries) {
    const { content, ...header } = e;
    if (content === undefined) pack.entry(header);
    else pack.entry(header, content);
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

describe('safeMemberPath', () => {
  it.each([
    ['var/log/mail.log', 'var/log/mail.log'],
    ['./var/log/mail.log', 'var/log/mail.log'],
    ['/var/log/mail.log', 'var/log/mail.log'],
    ['var//log/./mail.log', 'var/log/mail.log'],
    ['..\\..\\mail.log', null],
    ['../../etc/cron.d/x', null],
    ['var/../../x', null],
    ['./', null],
  ])('%s', (name, expected) => {
    expect(safeMemberPath(name)).toBe(expected);
  });
});

describe('expandArchives', () => {
  it('unpacks only files, inside its own folder, with the times the archive keeps, and says what it passed over', async () => {
    const mtime = new Date('2023-11-22T00:00:00Z');
    const archive = path.join(dir, 'crafted.tgz');
    fs.writeFileSync(archive, zlib.gzipSync(await packed([
      { name: 'logs', type: 'directory' },
      { name: 'logs/mail.log', content: LINE, mtime },
      { name: '/etc/mail.log.1', content: LINE, mtime },
      { name: '../../escaped.log', content: LINE },
      { name: 'logs/passwd.log', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'logs/hard.log', type: 'link', linkname: 'logs/mail.log' },
    ])));
    const expanded = await expandArchives(await collectFiles([archive]));
    expect(expanded.files.map((f) => f.shownAs)).toEqual([path.join(archive, 'etc/mail.log.1'), path.join(archive, 'logs/mail.log')]);
    for (const f of expanded.files) {
      expect(f.mtimeMs).toBe(mtime.getTime());
      expect(fs.readFileSync(f.path, 'utf8')).toBe(LINE);
      expect(path.relative(os.tmpdir(), f.path).startsWith('swarmscope-archive-')).toBe(true);
    }
    expect(expanded.skipped).toEqual([
      { path: `${archive}/../../escaped.log`, reason: 'a path that leaves the archive\'s folder, which is not unpacked' },
      { path: `${archive}/logs/passwd.log`, reason: 'a symlink in the archive, not a file' },
      { path: `${archive}/logs/hard.log`, reason: 'a link in the archive, not a file' },
    ]);
    expect(fs.existsSync(path.join(os.tmpdir(), '..', 'escaped.log'))).toBe(false);
    const unpackedTo = path.dirname(path.dirname(expanded.files[0].path));
    await expanded.cleanUp();
    expect(fs.existsSync(unpackedTo)).toBe(false);
  });

  it('says how far unpacking is, and stops when the ingest is cancelled', async () => {
    const archive = path.join(dir, 'many.tar');
    fs.writeFileSync(archive, await packed(Array.from({ length: 20 }, (_, i) => ({ name: `logs/mail.log.${i}`, content: LINE }))));
    const told: [string, number, number][] = [];
    const whole = await expandArchives(await collectFiles([archive]), { onUnpacking: (...args) => told.push(args) });
    expect(whole.files).toHaveLength(20);
    expect(told[0]).toEqual([archive, 0, fs.statSync(archive).size]);
    await whole.cleanUp();
    const cancelled = await expandArchives(await collectFiles([archive]), { signal: AbortSignal.abort() });
    expect(cancelled.files).toHaveLength(0);
    await cancelled.cleanUp();
  });

  it('reads the files before the damage of a cut archive, and says it was cut', async () => {
    const whole = await packed([{ name: 'a.log', content: LINE }, { name: 'b.log', content: LINE.repeat(5000) }]);
    const archive = path.join(dir, 'cut.tar');
    fs.writeFileSync(archive, whole.subarray(0, 4096));
    const expanded = await expandArchives(await collectFiles([archive]));
    expect(expanded.files.map((f) => path.basename(f.path))).toContain('a.log');
    expect(expanded.problems.map((p) => p.error).join()).toMatch(/could not be unpacked whole/);
    await expanded.cleanUp();
  });

  it('leaves other files as they are, with the head it had to decode for them', async () => {
    const log = path.join(dir, 'mail.log');
    fs.writeFileSync(log, LINE);
    const zstd = path.join(dir, 'mail.log.1.zst');
    fs.writeFileSync(zstd, spawnSync('zstd', ['-c'], { input: LINE }).stdout);
    const expanded = await expandArchives(await collectFiles([log, zstd]));
    expect(expanded.files.map((f) => [f.path, f.shownAs])).toEqual([[zstd, undefined], [log, undefined]]);
    // A plain file's first kilobyte tells; a zstd one's head is decoded, and kept for reading it.
    expect(expanded.heads.has(log)).toBe(false);
    expect(expanded.heads.get(zstd)?.head.toString()).toBe(LINE);
  });
});
