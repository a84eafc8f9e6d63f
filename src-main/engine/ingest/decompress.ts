// The compressions a rotated log may be kept in, told apart by their magic bytes (never by the file's name),
// and a stream that undoes each. gzip is logrotate's default; bzip2 is FreeBSD newsyslog's (`J`), and xz and
// zstd are what `compresscmd` and newsyslog's `X` and `Y` set.
import zlib from 'node:zlib';
import { PassThrough, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import unbzip2 from 'unbzip2-stream';
import xz from 'xz-decompress';
import { Decompress as ZstdDecompress } from 'fzstd';
import type { SourceEncoding } from '../../shared/api';

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
  return 'plain';
}

/** Raised for content that ends early or is damaged inside its compression: what came before it was read. */
export class DamagedCompressionError extends Error {}

/** The decompressed content of `raw` (a file's bytes as read). Errors of `raw` go through to the result. */
export function decompressed(raw: Readable, compression: Compression, chunkBytes: number): Readable {
  const decoder = decoderFor(raw, compression, chunkBytes);
  const out = new PassThrough({ highWaterMark: chunkBytes });
  // The file's own errors (it went away, a disk error) stay as they are; the decoder's say the content is
  // damaged, and the caller keeps what came before.
  raw.on('error', (e) => out.destroy(e));
  decoder.on('error', (e) => out.destroy(e instanceof DamagedCompressionError ? e : new DamagedCompressionError(e.message)));
  out.on('close', () => {
    raw.destroy();
    decoder.destroy();
  });
  return decoder.pipe(out);
}

function decoderFor(raw: Readable, compression: Compression, chunkBytes: number): Readable {
  // WebAssembly xz, for want of a maintained pure-JS one; it speaks web streams.
  if (compression === 'xz') return Readable.fromWeb(new xz.XzReadableStream(Readable.toWeb(raw) as unknown as ReadableStream<Uint8Array>) as unknown as WebReadableStream);
  const transform = compression === 'gzip' ? zlib.createGunzip({ chunkSize: chunkBytes })
    : compression === 'bzip2' ? (unbzip2() as unknown as Transform)
      : zstdTransform();
  return raw.pipe(transform);
}

/** fzstd's streaming decoder as a Transform. Its output may be a view of a window it reuses, hence the copy. */
function zstdTransform(): Transform {
  const out: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.push(chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        if (!ended) throw new Error('the zstd stream ends early');
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  let ended = false;
  const decoder = new ZstdDecompress((data, final) => {
    if (data.length) out.push(Buffer.from(data));
    if (final) ended = true;
  });
  return out;
}
