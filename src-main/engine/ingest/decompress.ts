// The compressions a rotated log may be kept in, told apart by their magic bytes (never by the file's name),
// and a stream that undoes each. gzip is logrotate's default; bzip2 is FreeBSD newsyslog's (`J`), and xz and
// zstd are what `compresscmd` and newsyslog's `X` and `Y` set. A log copied as UTF-16 is decoded the same way
// (utf16.ts): like a compression, its content is not its bytes.
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SourceEncoding } from '../../shared/api';
import { DamagedCompressionError } from './damage';
import { utf16Decoder, utf16Of } from './utf16';
import { zstdDecoder } from './zstd';

export { DamagedCompressionError };

export type Encoding = SourceEncoding;
export type Compression = Exclude<Encoding, 'plain'>;

const MAGIC: { compression: Compression; bytes: number[] }[] = [
  { compression: 'gzip', bytes: [0x1f, 0x8b] },
  // `BZh` and the block size, 1-9 (hundreds of kB).
  { compression: 'bzip2', bytes: [0x42, 0x5a, 0x68] },
  { compression: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { compression: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
];

/** Magic bytes needed to tell every compression apart. */
export const MAGIC_BYTES = 6;

/** The encoding a file's first bytes show. */
export function encodingOf(start: Uint8Array): Encoding {
  for (const { compression, bytes } of MAGIC) {
    if (bytes.every((b, i) => start[i] === b) && (compression !== 'bzip2' || (start[3] >= 0x31 && start[3] <= 0x39))) return compression;
  }
  return utf16Of(start) ?? 'plain';
}


/**
 * The error a decompressed stream ended with, as the reader should see it: the file's own errors (it went
 * away, a disk error) stay as they are; the decoder's say the content is damaged, and what came before stays.
 */
export function asDamage(e: unknown): unknown {
  if (!(e instanceof Error) || (e as NodeJS.ErrnoException).syscall || e instanceof DamagedCompressionError) return e;
  if (Object.hasOwn(ZLIB_MESSAGES, e.message)) return gzipDamage(e.message as ZlibDamage);
  const xz = /^get_next_output failed with error code (\d+)$/.exec(e.message);
  return new DamagedCompressionError(xz ? XZ_CODES[xz[1]] ?? e.message : e.message);
}

/** What xz-decompress's return codes (xz-embedded's `enum xz_ret`) mean, for a user to read instead of the code. */
const XZ_CODES: Record<string, string> = {
  2: 'the xz stream uses an integrity check the decoder does not know',
  3: 'the xz decoder ran out of memory',
  4: 'the xz stream needs more memory than the decoder allows',
  5: 'not xz data (its headers are wrong)',
  6: 'the xz stream uses options the decoder does not support',
  7: 'the xz data is damaged (its content, or a check of it, does not match)',
  8: 'the xz stream ends early',
};

/**
 * zlib's messages for the damage a gzip file shows most, in the words used for the other compressions; the CRC
 * and the length are checked at the end of the stream.
 */
const ZLIB_MESSAGES = {
  'unexpected end of file': { words: 'the gzip stream ends early', foundAtEnd: false },
  'incorrect data check': { words: 'the gzip content does not match its checksum (CRC-32)', foundAtEnd: true },
  'incorrect length check': { words: 'the gzip content is not as long as its trailer says', foundAtEnd: true },
} as const;

/** The gzip damage zlib names with one of these messages. */
export type ZlibDamage = keyof typeof ZLIB_MESSAGES;

/** gzip damage in the words used for every compression (for zlib's stream, and for gzip-members.ts alike). */
export function gzipDamage(zlibMessage: ZlibDamage): DamagedCompressionError {
  const { words, foundAtEnd } = ZLIB_MESSAGES[zlibMessage];
  return new DamagedCompressionError(words, foundAtEnd);
}

/**
 * The decoders other than gzip's, loaded when a file first needs one: most cases hold none of those files, and
 * loading them cost every process (the CLI, each worker thread) tens of milliseconds at its start.
 */
const decoders: {
  xz?: typeof import('xz-decompress');
  zstd?: { fzstd: typeof import('fzstd'); xxhash: import('xxhash-wasm').XXHashAPI };
  bzip2?: typeof import('./bunzip');
} = {};

/** Makes ready the decoder `decompressed` will use for `compression`. */
export async function loadDecoder(compression: Compression): Promise<void> {
  if (compression === 'xz') {
    // A UMD bundle: Node gives its exports as the default export, a bundler may give them as named ones.
    const xz = (await import('xz-decompress')) as typeof import('xz-decompress') & { default?: typeof import('xz-decompress') };
    decoders.xz ??= xz.default ?? xz;
  }
  else if (compression === 'zstd' && !decoders.zstd) {
    const [fzstd, xxhash] = await Promise.all([import('fzstd'), import('xxhash-wasm')]);
    decoders.zstd ??= { fzstd, xxhash: await xxhash.default() };
  }
  else if (compression === 'bzip2') decoders.bzip2 ??= await import('./bunzip');
}

/**
 * The decompressed content of `raw` (a file's bytes as read), once loadDecoder() has made its decoder ready.
 * The file's errors end it too; asDamage() tells them from the decoder's. (No stream between: one more per
 * chunk showed in gzip's read time.)
 */
export function decompressed(raw: Readable, compression: Compression, chunkBytes: number): Readable {
  const decoder = decoderFor(raw, compression, chunkBytes);
  raw.on('error', (e) => decoder.destroy(e));
  decoder.on('close', () => raw.destroy());
  return decoder;
}

function decoderFor(raw: Readable, compression: Compression, chunkBytes: number): Readable {
  if (compression === 'gzip') return raw.pipe(zlib.createGunzip({ chunkSize: chunkBytes }));
  if (compression === 'utf-16le' || compression === 'utf-16be') return raw.pipe(utf16Decoder(compression));
  const notLoaded = (): never => {
    throw new Error(`the ${compression} decoder is not loaded (loadDecoder first)`);
  };
  if (compression === 'xz') {
    // WebAssembly xz, for want of a maintained pure-JS one; it speaks web streams.
    const xz = decoders.xz ?? notLoaded();
    return Readable.fromWeb(new xz.XzReadableStream(Readable.toWeb(raw) as unknown as ReadableStream<Uint8Array>) as unknown as WebReadableStream);
  }
  if (compression === 'bzip2') return (decoders.bzip2 ?? notLoaded()).bunzipped(raw);
  const zstd = decoders.zstd ?? notLoaded();
  return raw.pipe(zstdDecoder(zstd.fzstd, zstd.xxhash));
}
