// Each compression logs are rotated into, read back as a stream: whole content, several streams one after
// another, and damage, on a log of many compression blocks.
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DamagedCompressionError, asDamage, decompressed, encodingOf, loadDecoder, type Compression } from '../../../src-main/engine/ingest/decompress';

// 3 MB of log lines, different enough that they do not shrink to nothing: many bzip2 blocks at -1 (100 kB
// each), several zstd blocks (128 kB each).
const content = Buffer.from(Array.from({ length: 22_000 }, (_, i) =>
  `Nov 12 ${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')} mail dovecot: `
  + `imap-login: Disconnected (auth failed, ${1 + (i % 3)} attempts in ${i % 17} secs): user=<u${(i * 2654435761) % 100_003}>, `
  + `method=PLAIN, rip=203.0.${i % 256}.${(i * 31) % 256}, lip=192.0.2.10, TLS, session=<${(i * 40503).toString(36)}>`).join('\n') + '\n');

/** The compressions (the other encodings, UTF-16, are in utf16.test.ts). */
type Packing = Exclude<Compression, 'utf-16le' | 'utf-16be'>;

function compress(compression: Packing, data: Buffer): Buffer {
  if (compression === 'gzip') return zlib.gzipSync(data);
  const [tool, level] = { bzip2: ['bzip2', '-1'], xz: ['xz', '-1'], zstd: ['zstd', '-1'] }[compression];
  const run = spawnSync(tool, ['-c', level], { input: data, maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${tool} failed (install bzip2, xz-utils and zstd): ${run.stderr}`);
  return run.stdout;
}

/** The content of `bytes`, given to the decoder in pieces of `piece` bytes as a file stream gives them. */
async function decode(compression: Compression, bytes: Buffer, piece = 65_536): Promise<Buffer> {
  const pieces = Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece));
  const out: Buffer[] = [];
  try {
    for await (const chunk of decompressed(Readable.from(pieces, { objectMode: false }), compression, 1 << 20)) out.push(chunk as Buffer);
  } catch (e) {
    throw asDamage(e);
  }
  return Buffer.concat(out);
}

const COMPRESSIONS: Packing[] = ['gzip', 'bzip2', 'xz', 'zstd'];

describe.each(COMPRESSIONS)('%s', (compression) => {
  const packed = compress(compression, content);
  beforeAll(() => loadDecoder(compression));

  it('is found by its magic bytes, whatever the name', () => {
    expect(encodingOf(packed)).toBe(compression);
  });

  it('gives back the content byte for byte, in whatever pieces the file comes', async () => {
    expect((await decode(compression, packed)).equals(content)).toBe(true);
    expect((await decode(compression, packed, 997)).equals(content)).toBe(true);
  });

  it('gives back one content for streams one after another (pbzip2, pigz, or files put together with cat)', async () => {
    const half = content.subarray(0, 1_000_000);
    const rest = content.subarray(1_000_000);
    expect((await decode(compression, Buffer.concat([compress(compression, half), compress(compression, rest)]))).equals(content)).toBe(true);
  });

  it('says the stream is damaged when it ends early, after giving what came before', async () => {
    const out: Buffer[] = [];
    const cut = packed.subarray(0, Math.floor(packed.length * 0.7));
    await expect((async () => {
      try {
        for await (const chunk of decompressed(Readable.from([cut], { objectMode: false }), compression, 1 << 20)) out.push(chunk as Buffer);
      } catch (e) {
        throw asDamage(e);
      }
    })()).rejects.toBeInstanceOf(DamagedCompressionError);
    const got = Buffer.concat(out);
    expect(got.length).toBeGreaterThan(0);
    expect(got.equals(content.subarray(0, got.length))).toBe(true);
  });

  it('says the stream is damaged when bytes in it were changed, in words rather than a decoder\'s code', async () => {
    const changed = Buffer.from(packed);
    for (let i = Math.floor(changed.length / 2); i < changed.length / 2 + 64; i++) changed[i] ^= 0x5a;
    const error = await decode(compression, changed).then(() => null, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DamagedCompressionError);
    expect(error?.message).not.toMatch(/code \d/);
  });
});

it('takes no other file for a compressed one: plain text, and bzip2\'s magic without a block size', () => {
  expect(encodingOf(Buffer.from('Nov 12 10:00:01 mail dovecot: x'))).toBe('plain');
  expect(encodingOf(Buffer.from('BZh Nov 12'))).toBe('plain');
  expect(encodingOf(Buffer.alloc(0))).toBe('plain');
});

it('keeps a file\'s own error (a disk error, the file gone) apart from damage to its content', () => {
  const disk = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' });
  expect(asDamage(disk)).toBe(disk);
  expect(asDamage(new Error('unexpected end of file'))).toBeInstanceOf(DamagedCompressionError);
});
