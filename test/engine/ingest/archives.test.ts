// Archives are evidence from elsewhere, and may be crafted: what is unpacked stays in its folder, and only
// files are read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import tar from 'tar-stream';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { expandArchives, safeMemberPath, unpackMember } from '../../../src-main/engine/ingest/archives';
import { collectFiles } from '../../../src-main/engine/ingest/collect-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archives-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LINE = 'Nov 21 10:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, rip=198.51.100.8\n';

/** A tar archive of the given entries, as tar-stream packs it (any name, any type). */
async function packed(entries: { name: string; type?: 'file' | 'symlink' | 'directory' | 'link'; linkname?: string; content?: string | Buffer; mtime?: Date }[]): Promise<Buffer> {
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

/**
 * A zip of the given entries, as yazl writes it; a name yazl refuses (`..`, absolute) is written as a
 * placeholder of the same length and put in afterwards (a zip's checksums do not cover names).
 */
async function zipped(entries: { name: string; content: string | Buffer; mtime?: Date; mode?: number }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const swaps: [string, string][] = [];
  entries.forEach((e, i) => {
    const unsafe = e.name.startsWith('/') || e.name.split('/').includes('..');
    const name = unsafe ? `z${String(i).padStart(e.name.length - 1, '0')}` : e.name;
    if (unsafe) swaps.push([name, e.name]);
    zip.addBuffer(Buffer.from(e.content), name, { mtime: e.mtime ?? new Date(), mode: e.mode ?? 0o100644 });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  let bytes = Buffer.concat(chunks);
  for (const [placeholder, name] of swaps) bytes = Buffer.from(bytes.toString('latin1').replaceAll(placeholder, name), 'latin1');
  return bytes;
}

/** Each unpacked file holds LINE, with the time the archive kept, in a folder of its own under the temporary folder. */
function expectUnpackedAsPacked(files: { path: string; mtimeMs: number }[], mtime: Date): void {
  for (const f of files) {
    expect(f.mtimeMs).toBe(mtime.getTime());
    expect(fs.readFileSync(f.path, 'utf8')).toBe(LINE);
    expect(path.relative(os.tmpdir(), f.path).startsWith('swarmscope-archive-')).toBe(true);
  }
}

/**
 * What a crafted archive gives: its two files (logs/mail.log, and /etc/mail.log.1 kept inside), unpacked as
 * packed, and the members passed over: one that leaves the folder, a symlink, then `moreSkipped`.
 */
function expectCraftedArchiveRead(
  expanded: { files: { path: string; mtimeMs: number; shownAs?: string }[]; skipped: { path: string; reason: string }[] },
  archive: string, mtime: Date, moreSkipped: { path: string; reason: string }[],
): void {
  expect(expanded.files.map((f) => f.shownAs)).toEqual([path.join(archive, 'etc/mail.log.1'), path.join(archive, 'logs/mail.log')]);
  expectUnpackedAsPacked(expanded.files, mtime);
  expect(expanded.skipped).toEqual([
    { path: `${archive}/../../escaped.log`, reason: 'a path that leaves the archive\'s folder, which is not unpacked' },
    { path: `${archive}/logs/passwd.log`, reason: 'a symlink in the archive, not a file' },
    ...moreSkipped,
  ]);
}

/** The file shown as `shown` is found again inside its archive(s), for its raw lines, and holds LINE. */
async function expectFoundAgain(shown: string): Promise<void> {
  const member = await unpackMember(shown);
  expect(member && fs.readFileSync(member.path, 'utf8')).toBe(LINE);
  await member?.cleanUp();
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
    expectCraftedArchiveRead(expanded, archive, mtime, [{ path: `${archive}/logs/hard.log`, reason: 'a link in the archive, not a file' }]);
    expect(fs.existsSync(path.join(os.tmpdir(), '..', 'escaped.log'))).toBe(false);
    const unpackedTo = path.dirname(path.dirname(expanded.files[0].path));
    await expanded.cleanUp();
    expect(fs.existsSync(unpackedTo)).toBe(false);
  });

  it('unpacks a zip the same way: files only, inside its folder, with their times', async () => {
    const mtime = new Date('2023-11-22T10:00:00');
    const archive = path.join(dir, 'crafted.zip');
    fs.writeFileSync(archive, await zipped([
      { name: 'logs/mail.log', content: LINE, mtime },
      { name: '../../escaped.log', content: LINE },
      { name: '/etc/mail.log.1', content: LINE, mtime },
      { name: 'logs/passwd.log', content: '/etc/passwd', mode: 0o120777 },
    ]));
    const expanded = await expandArchives(await collectFiles([archive]));
    expectCraftedArchiveRead(expanded, archive, mtime, []);
    await expanded.cleanUp();
    // A file from it is found again by its shown path, for its raw lines.
    await expectFoundAgain(path.join(archive, 'logs/mail.log'));
    expect(await unpackMember(path.join(archive, 'logs/passwd.log'))).toBeNull();
  });

  it('unpacks archives inside archives (a zip of a tgz of the rotated logs), shown by their path in each', async () => {
    const mtime = new Date('2023-11-22T10:00:00');
    const inner = zlib.gzipSync(await packed([
      { name: 'var/log/mail.log.1', content: LINE, mtime },
      { name: 'var/log/link.log', type: 'symlink', linkname: '/etc/passwd' },
    ]));
    const archive = path.join(dir, 'nested.zip');
    fs.writeFileSync(archive, await zipped([{ name: 'backup/old.tgz', content: inner, mtime }, { name: 'mail.log', content: LINE, mtime }]));
    const expanded = await expandArchives(await collectFiles([archive]));
    expect(expanded.files.map((f) => f.shownAs)).toEqual([path.join(archive, 'backup/old.tgz/var/log/mail.log.1'), path.join(archive, 'mail.log')]);
    expectUnpackedAsPacked(expanded.files, mtime);
    expect(expanded.skipped).toEqual([{ path: path.join(archive, 'backup/old.tgz/var/log/link.log'), reason: 'a symlink in the archive, not a file' }]);
    await expanded.cleanUp();
    // Its raw lines are found again through both archives.
    await expectFoundAgain(path.join(archive, 'backup/old.tgz/var/log/mail.log.1'));
    expect(await unpackMember(path.join(archive, 'backup/old.tgz/var/log/none.log'))).toBeNull();
  });

  it('stops unpacking archives inside archives a few levels down (an archive that holds itself)', async () => {
    let bytes = await packed([{ name: 'mail.log', content: LINE }]);
    for (let level = 0; level < 6; level++) bytes = await packed([{ name: `level${level}.tar`, content: bytes }]);
    const archive = path.join(dir, 'deep.tar');
    fs.writeFileSync(archive, bytes);
    const expanded = await expandArchives(await collectFiles([archive]));
    expect(expanded.files).toEqual([]);
    expect(expanded.skipped).toEqual([{ path: path.join(archive, 'level5.tar/level4.tar/level3.tar/level2.tar'), reason: 'a tar archive inside 4 others, which is not unpacked',
      bytes: expect.any(Number), mtimeMs: expect.any(Number) }]);
    await expanded.cleanUp();
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
    const unpacked = expanded.files.length;
    expect(expanded.problems.map((p) => p.error)).toEqual([expect.stringMatching(
      new RegExp(`^a tar archive that could not be unpacked whole \\(.+\\): the ${unpacked === 1 ? 'file' : `${unpacked} files`} before the damage (is|are) read$`))]);
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
