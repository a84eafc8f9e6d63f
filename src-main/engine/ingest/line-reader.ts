// Streams a log file as batches of lines: plain or gzip (by magic bytes, not by name), with bounded memory
// whatever the file or line size, a fingerprint of its content, and byte offsets at line boundaries so a
// later ingest can resume where this one stopped.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Lines longer than this are cut: attackers can send anything, and a log line this long is never a login. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Content bytes whose hash identifies a file's lineage (a rotated copy starts with the same bytes). */
export const HEAD_BYTES = 4096;
const CHUNK_BYTES = 1 << 20;

export type Encoding = 'plain' | 'gzip';

export async function sniffEncoding(file: string): Promise<Encoding> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fd.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b ? 'gzip' : 'plain';
  } finally {
    await fd.close();
  }
}

export interface LineBatch {
  lines: string[];
  /** Content (decompressed) bytes consumed up to the end of the last line in this batch. */
  contentBytes: number;
  /** Bytes of the file itself read so far (compressed bytes for gzip), for progress. */
  fileBytes: number;
  /** 0-based indexes into `lines` of lines that were cut at MAX_LINE_BYTES. */
  cutLines: number[];
}

/** A running hash of the content that can be read at any point without ending it. */
export class ContentHasher {
  private readonly hash: Hash = createHash('sha1');
  bytes = 0;

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  current(): string {
    return this.hash.copy().digest('hex');
  }
}

/**
 * Hash of the first HEAD_BYTES of content (fewer for a shorter file): a rotated or compressed copy of a
 * file starts with the same bytes, so this finds the lineage a file belongs to before reading it all.
 */
export async function readHead(file: string, encoding: Encoding): Promise<{ hash: string; bytes: number; binary: boolean }> {
  const parts: Buffer[] = [];
  let length = 0;
  const stream = contentStream(file, encoding, () => {});
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      parts.push(piece.subarray(0, HEAD_BYTES - length));
      length += Math.min(piece.length, HEAD_BYTES - length);
      if (length >= HEAD_BYTES) break;
    }
  } catch {
    // A damaged file still has a head; the full read reports the damage.
  } finally {
    stream.destroy();
  }
  const head = Buffer.concat(parts);
  return { hash: createHash('sha1').update(head).digest('hex'), bytes: length, binary: looksBinary(head) };
}

/** Text logs have no NUL bytes and few control characters; databases, images and archives have many. */
export function looksBinary(head: Buffer): boolean {
  if (head.length === 0) return false;
  let odd = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 27) odd++;
  }
  return odd / head.length > 0.1;
}

export interface ReadLinesOptions {
  /** Content bytes to hash but not split into lines (already ingested). */
  skipBytes?: number;
  /** Receives every content byte, so the caller can store the hash of what was ingested. */
  hasher?: ContentHasher;
  /** Called at exactly `skipBytes` with the hash of the skipped prefix; returning false stops reading. */
  onSkipped?: (prefixHash: string) => boolean;
  signal?: AbortSignal;
}

export class TruncatedGzipError extends Error {}

function contentStream(file: string, encoding: Encoding, onFileBytes: (n: number) => void): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (b) => onFileBytes((b as Buffer).length));
  if (encoding === 'plain') return raw;
  const gunzip = zlib.createGunzip({ chunkSize: CHUNK_BYTES });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/**
 * Yields the file's lines in batches. Lines end at `\n`; a trailing `\r` is removed; invalid UTF-8 becomes
 * U+FFFD (never an exception); an unterminated last line is still a line.
 */
export async function* readLines(file: string, encoding: Encoding, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const hasher = options.hasher ?? new ContentHasher();
  let skip = options.skipBytes ?? 0;
  let fileBytes = 0;
  const stream = contentStream(file, encoding, (n) => (fileBytes += n));
  let carry: Buffer | null = null; // bytes of an unfinished line
  let cutting = false; // inside an overlong line: drop bytes until the next newline
  let consumed = 0; // content bytes up to the end of the last line handed out (or skipped)

  const decode = (buf: Buffer): string => {
    let s = buf.toString('utf8');
    if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
    return s;
  };

  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) return;
      let chunk = piece;
      if (skip > 0) {
        // Hash exactly the skipped prefix first, so its hash can be compared with the stored one.
        const skipped = Math.min(skip, chunk.length);
        hasher.update(chunk.subarray(0, skipped));
        skip -= skipped;
        chunk = chunk.subarray(skipped);
        if (skip === 0 && options.onSkipped && !options.onSkipped(hasher.current())) return;
        if (chunk.length === 0) continue;
      }
      hasher.update(chunk);
      const lines: string[] = [];
      const cutLines: number[] = [];
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl < 0) break;
        if (cutting) {
          cutting = false;
        } else if (carry) {
          const whole = Buffer.concat([carry, chunk.subarray(start, nl)]);
          carry = null;
          lines.push(decode(whole));
        } else {
          lines.push(decode(chunk.subarray(start, nl)));
        }
        start = nl + 1;
      }
      if (start < chunk.length && !cutting) {
        const rest = chunk.subarray(start);
        carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
        if (carry.length > MAX_LINE_BYTES) {
          cutLines.push(lines.length);
          lines.push(decode(carry.subarray(0, MAX_LINE_BYTES)));
          carry = null;
          cutting = true;
        }
      }
      consumed = hasher.bytes - (carry ? carry.length : 0);
      if (lines.length) yield { lines, contentBytes: consumed, fileBytes, cutLines };
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (encoding === 'gzip' && (err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR' || /unexpected end/i.test(err.message))) {
      const partial = carry && carry.length ? [decode(carry)] : [];
      if (partial.length) yield { lines: partial, contentBytes: hasher.bytes, fileBytes, cutLines: [] };
      throw new TruncatedGzipError(err.message);
    }
    throw e;
  } finally {
    stream.destroy();
  }
  if (carry && carry.length) {
    yield { lines: [decode(carry)], contentBytes: hasher.bytes, fileBytes, cutLines: [] };
  }
}
