// A gzip file read member by member, as `gzip -d` reads it, for the files zlib's stream gives up on. After a
// file's last member, bytes that do not start another one are trailing garbage (a copy padded by a transfer
// tool, a file appended to after it was compressed): gzip -d ignores them with a warning. zlib's stream calls
// them a bad header, and loses the content it had decoded in the same step, so its last lines went missing
// (all of them, for a small file). Here each member's deflate data is inflated on its own: where it ends,
// zlib says how many bytes it took, so where the next member (or the garbage) starts is known exactly.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { DamagedCompressionError } from './damage';
import { gzipDamage } from './decompress';

/** Compressed bytes given to zlib at a time: a deflate stream inflates at most about a thousandfold, so the content waiting to be taken stays bounded. */
const READ_BYTES = 64 * 1024;
const CONTENT_CHUNK_BYTES = 1 << 20;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
/** A member's header fields (a file name, a comment) are short; a longer one is taken for damage. */
const MAX_HEADER_BYTES = 64 * 1024;

/** zlib's message for bytes after a complete member that do not start another: where this reader takes over. */
export function isTrailingGarbageError(e: unknown): boolean {
  return e instanceof Error && e.message === 'incorrect header check';
}

/** The length of the gzip member header at the start of `bytes`, or null when it is not one (RFC 1952, 2.3). */
function headerLength(bytes: Buffer): number | null {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) return null;
  const flags = bytes[3];
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return null;
    at += 2 + bytes.readUInt16LE(at);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = bytes.indexOf(0, at);
    if (end < 0) return null;
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  return at <= bytes.length ? at : null;
}

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Inflates the deflate data from `start`, yielding the content; returns the bytes it took and the content's CRC-32 and length. */
async function* inflateMember(fd: fs.promises.FileHandle, start: number): AsyncGenerator<Buffer, { taken: number; crc: number; size: number }> {
  const inflate = zlib.createInflateRaw({ chunkSize: CONTENT_CHUNK_BYTES });
  const pieces: Buffer[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    wake?.();
    wake = null;
  };
  inflate.on('data', (d: Buffer) => {
    pieces.push(d);
    poke();
  });
  inflate.on('error', (e) => {
    failure = e;
    poke();
  });
  inflate.on('end', () => {
    ended = true;
    poke();
  });
  let crc = 0;
  let size = 0;
  let position = start;
  let fed = false; // the file's end was given to zlib
  let writing = false;
  const written = (): void => {
    writing = false;
    poke();
  };
  try {
    for (;;) {
      while (pieces.length) {
        const piece = pieces.shift()!;
        crc = zlib.crc32(piece, crc);
        size += piece.length;
        yield piece;
      }
      if (failure) throw failure;
      if (ended) return { taken: inflate.bytesWritten, crc, size };
      if (!fed && !writing) {
        // zlib ends its output where the deflate data ends, whatever follows: it is fed until it does.
        const bytes = await readAt(fd, position, READ_BYTES);
        position += bytes.length;
        if (bytes.length) {
          writing = true;
          inflate.write(bytes, written);
        } else {
          fed = true;
          inflate.end();
        }
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        // Between the checks above and here, zlib may have done what it had to do.
        if (pieces.length || failure || ended || (!fed && !writing)) poke();
      });
    }
  } finally {
    inflate.destroy();
  }
}

/**
 * The content of a gzip file, every member's in turn. Trailing zeros end it quietly (zlib and gzip take them
 * for padding, as zlib's stream does whatever follows them); other trailing bytes end it too, and
 * `onTrailingBytes` is told how many there are. Damage inside a member throws. `onFileBytes` is told of the
 * file's bytes as they are passed.
 */
export async function* gzipMembers(file: string, onFileBytes: (n: number) => void, onTrailingBytes: (n: number) => void): AsyncGenerator<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const fileSize = (await fd.stat()).size;
    let at = 0;
    let passed = 0;
    const pass = (to: number): void => {
      if (to > passed) onFileBytes(to - passed);
      passed = Math.max(passed, to);
    };
    for (let member = 0; ; member++) {
      const head = await readAt(fd, at, MAX_HEADER_BYTES);
      const length = headerLength(head);
      if (length === null) {
        if (member === 0) throw new DamagedCompressionError('the gzip header is damaged');
        // A zero where a member would start is padding, and ends the data quietly, as zlib's stream reads it.
        if (head.length === 0 || head[0] === 0) break;
        if (head.length < 10 && head[0] === 0x1f && (head.length < 2 || head[1] === 0x8b)) throw gzipDamage('unexpected end of file');
        onTrailingBytes(fileSize - at);
        break;
      }
      const inflated = inflateMember(fd, at + length);
      let step = await inflated.next();
      while (!step.done) {
        yield step.value;
        step = await inflated.next();
      }
      const { taken, crc, size } = step.value;
      const trailer = await readAt(fd, at + length + taken, 8);
      if (trailer.length < 8) throw gzipDamage('unexpected end of file');
      if (trailer.readUInt32LE(0) !== crc >>> 0) throw gzipDamage('incorrect data check');
      if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw gzipDamage('incorrect length check');
      at += length + taken + 8;
      pass(at);
      if (at >= fileSize) break;
    }
    pass(fileSize);
  } finally {
    await fd.close();
  }
}
