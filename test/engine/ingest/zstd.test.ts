// zstd frames as the zstd tool and others write them, and the damage only a frame's checksum or declared
// size shows (fzstd alone would give wrong content without a word).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { DamagedCompressionError, asDamage, decompressed, loadDecoder } from '../../../src-main/engine/ingest/decompress';

const content = Buffer.from(Array.from({ length: 9_000 }, (_, i) =>
  `Nov 13 0${i % 10}:${String(i % 60).padStart(2, '0')}:07 mail dovecot: auth: passwd-file(u${(i * 7919) % 5003},198.51.100.${i % 250},<s${i.toString(36)}>): `
  + `Password mismatch (given password: p${(i * 104_729) % 99_991})`).join('\n') + '\n');

/** `data` packed by the zstd tool from a file, as logrotate has it do (a file's frame declares its size). */
function zstd(args: string[], data: Buffer): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zstd-test-'));
  const file = path.join(dir, 'mail.log');
  fs.writeFileSync(file, data);
  const run = spawnSync('zstd', ['-c', '-q', ...args, file], { maxBuffer: 1 << 28 });
  fs.rmSync(dir, { recursive: true });
  if (run.status !== 0) throw new Error(`zstd failed (install zstd): ${run.stderr}`);
  return run.stdout;
}

/** A skippable frame (magic 0x184D2A5?), as pzstd and some archivers put before or between frames. */
function skippable(payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(0x184d2a53, 0);
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

async function decode(bytes: Buffer, piece = 65_536): Promise<Buffer> {
  const pieces = Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece));
  const out: Buffer[] = [];
  try {
    for await (const chunk of decompressed(Readable.from(pieces, { objectMode: false }), 'zstd', 1 << 20)) out.push(chunk as Buffer);
  } catch (e) {
    throw asDamage(e);
  }
  return Buffer.concat(out);
}

/** The offset of the first byte of the frame's last 4 (its checksum). */
const checksumAt = (frame: Buffer): number => frame.length - 4;

beforeAll(() => loadDecoder('zstd'));

it('reads frames with and without a checksum, with and without a declared size, in any pieces', async () => {
  for (const args of [['-3'], ['--no-check'], ['--no-content-size'], ['-19', '--no-check', '--no-content-size']]) {
    const packed = zstd(args, content);
    expect((await decode(packed)).equals(content), args.join(' ')).toBe(true);
    expect((await decode(packed, 7)).equals(content), `${args.join(' ')} in 7-byte pieces`).toBe(true);
  }
});

it('reads frames one after another, skippable frames between them, and an empty frame', async () => {
  const a = content.subarray(0, 300_000);
  const b = content.subarray(300_000);
  const packed = Buffer.concat([skippable(Buffer.from('pzstd index')), zstd([], a), zstd([], Buffer.alloc(0)), skippable(Buffer.alloc(0)), zstd(['--no-check'], b)]);
  expect((await decode(packed)).equals(content)).toBe(true);
  expect((await decode(packed, 3)).equals(content)).toBe(true);
});

it('says the content is damaged when a byte inside a block was changed, which only the checksum shows', async () => {
  const packed = zstd(['-3'], content);
  // Changed bytes that fzstd decodes without an error (found by trying each offset): only the checksum tells.
  let silent = 0;
  for (let at = 100; at < packed.length - 8 && silent < 3; at += 997) {
    const changed = Buffer.from(packed);
    changed[at] ^= 0x01;
    const out = await decode(changed).then((c) => c, (e: unknown) => e);
    expect(out, `byte ${at} changed`).toBeInstanceOf(DamagedCompressionError);
    if ((out as Error).message.includes('checksum')) silent++;
  }
  expect(silent).toBeGreaterThan(0);
});

it('says the content is damaged when the stored checksum itself was changed', async () => {
  const packed = zstd(['-3'], content);
  const changed = Buffer.from(packed);
  changed[checksumAt(changed)] ^= 0xff;
  await expect(decode(changed)).rejects.toThrow(/checksum/);
  // Found by a check at the frame's end: the damage is somewhere in what was read (unlike a cut, found where it is).
  await expect(decode(changed)).rejects.toMatchObject({ foundAtEnd: true });
  await expect(decode(packed.subarray(0, packed.length - 100))).rejects.toMatchObject({ foundAtEnd: false });
});

it('says the content is damaged when a frame gives other than its declared size', async () => {
  // One frame without a checksum whose declared size is 1 more than its content: nothing else would tell.
  const packed = zstd(['--no-check'], Buffer.from('Nov 13 00:00:01 mail dovecot: imap-login: Login: user=<a>, method=PLAIN, rip=192.0.2.1\n'));
  expect(packed[4]).toBe(0x20); // single segment, its size in the next byte
  const changed = Buffer.from(packed);
  changed[5] += 1;
  await expect(decode(changed)).rejects.toThrow(/header says/);
});

it('says the stream is damaged when it ends inside a frame, or has bytes after its frames that are no frame', async () => {
  const packed = zstd(['-3'], content);
  for (const cut of [3, 5, 9, packed.length - 2, Math.floor(packed.length / 2)]) {
    await expect(decode(packed.subarray(0, cut)), `cut at ${cut}`).rejects.toBeInstanceOf(DamagedCompressionError);
  }
  await expect(decode(Buffer.concat([packed, Buffer.from('garbage after the frame\n')]))).rejects.toThrow(/no frame starts/);
});

it('reads a frame with a long window (zstd --long, as a compresscmd may give it), which zstd -d reads only when told', async () => {
  // From a pipe (size unknown), --long=28 asks for a window of 256 MiB: the decoder makes room for it as it fills.
  const run = spawnSync('zstd', ['-c', '-q', '--long=28'], { input: content, maxBuffer: 1 << 28 });
  expect(run.status).toBe(0);
  expect(run.stdout[5] >> 3).toBe(28 - 10);
  expect((await decode(run.stdout)).equals(content)).toBe(true);
});
