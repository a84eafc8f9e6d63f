// Streams a log file as batches of lines: plain or compressed (by magic bytes, not by name), with bounded memory
// whatever the file or line size, a fingerprint of its content, and byte offsets at line boundaries so a
// later ingest can resume where this one stopped.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DamagedCompressionError, MAGIC_BYTES, asDamage, decompressed, encodingOf, loadDecoder, type Encoding } from './decompress';
import { gzipMembers, isTrailingGarbageError } from './gzip-members';

export { DamagedCompressionError, type Encoding };

/** Lines longer than this are cut: attackers can send anything, and a log line this long is never a login. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Content bytes whose hash identifies a file's lineage (a rotated copy starts with the same bytes). */
export const HEAD_BYTES = 4096;
const CHUNK_BYTES = 1 << 20;

/** Up to `bytes` bytes of a file itself (not its content), from `offset` (its start unless given). */
export async function fileBytes(file: string, bytes: number, offset = 0): Promise<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fd.read(buf, 0, bytes, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

export async function sniffEncoding(file: string): Promise<Encoding> {
  return encodingOf(await fileBytes(file, MAGIC_BYTES));
}

/** A running hash of the content that can be read at any point without ending it. */
export class ContentHasher {
  private hash: Hash = createHash('sha1');
  bytes = 0;

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  current(): string {
    return this.hash.copy().digest('hex');
  }

  /** Where the hash stands now, to come back to with restore(). */
  checkpoint(): HashCheckpoint {
    return { hash: this.hash.copy(), bytes: this.bytes };
  }

  restore(point: HashCheckpoint): void {
    this.hash = point.hash.copy();
    this.bytes = point.bytes;
  }
}

export interface HashCheckpoint {
  readonly hash: Hash;
  readonly bytes: number;
}

/** The content hash of no content: where a source stands before its first byte is read. */
export const EMPTY_CONTENT_HASH = new ContentHasher().current();

/** The content hash of `bytes` read from a file's start: what a source stores, and what a head hash is. */
export function contentHashOf(bytes: Buffer): string {
  const hasher = new ContentHasher();
  hasher.update(bytes);
  return hasher.current();
}

/** What a file's first bytes say before it is read: its encoding, and the hash of its head. */
export interface FileHead {
  encoding: Encoding;
  /** Hash of `head`: a rotated or compressed copy of a file starts with the same bytes. */
  hash: string;
  /** The first HEAD_BYTES of content (fewer for a shorter file, or a gzip file damaged early). */
  head: Buffer;
  /** For a head that is one byte over and over, the (up to) HEAD_BYTES that follow that run, which identify the file. */
  afterRun?: Buffer;
  binary: boolean;
  /**
   * For a gzip file, the modification time its header kept of the file it compressed (ms), when it kept one:
   * gzip and logrotate's compression write it, and a copy of the .gz keeps it where the copy's own time is lost.
   */
  compressedFileMs?: number;
}

/** Raw bytes read for a head: gzip needs a few kB of them for HEAD_BYTES of content, even of random text. */
const RAW_HEAD_BYTES = 16 * 1024;
/** Bytes a head's raw bytes may inflate to: a log compresses about tenfold, a crafted file a thousandfold. */
const MAX_HEAD_INFLATED = 4 * 1024 * 1024;

/**
 * Sniffs the encoding (gzip by magic bytes) and hashes the first HEAD_BYTES of content, which finds the
 * lineage a file belongs to before reading it all. One read of the file's start: a drop can hold thousands
 * of small files, and each opened stream cost more than the file's own parse.
 */
export async function readHead(file: string): Promise<FileHead> {
  const raw = await fileBytes(file, RAW_HEAD_BYTES);
  const encoding = encodingOf(raw);
  let head: Buffer;
  if (encoding === 'plain') head = raw.subarray(0, HEAD_BYTES);
  else if (encoding === 'gzip') {
    // A sync flush decompresses what the bytes read hold, though the stream goes on past them. Bytes that
    // would inflate past the bound are tried again fewer; a damaged file still has a head (maybe empty),
    // and the full read reports the damage.
    head = inflatedHead(raw) ?? inflatedHead(raw.subarray(0, 1024)) ?? Buffer.alloc(0);
  } else {
    // Decoded as a stream: bzip2 gives nothing until a whole block (up to 900 kB of content) has come.
    head = await contentStart(file, encoding, HEAD_BYTES);
  }
  const compressedFileMs = encoding === 'gzip' ? gzipHeaderTime(raw) : undefined;
  const run = runByteOf(head);
  if (run !== null) return { encoding, ...(await runHead(file, encoding, run)), head, binary: looksBinary(head), compressedFileMs };
  return { encoding, hash: contentHashOf(head), head, binary: looksBinary(head), compressedFileMs };
}

/** A gzip header's time before this is no log's: a header's MTIME field some tool filled with something else. */
const EARLIEST_COMPRESSED_FILE_MS = Date.UTC(1990, 0, 1);
/** How far a gzip header's time may be after the .gz file's own (clocks of two machines, a copy's time set back). */
const COMPRESSED_FILE_SLACK_MS = 86_400_000;

/**
 * When the file a gzip file compressed was last written, as its header kept it (readHead's compressedFileMs), when
 * that time can be: not after the .gz itself was written (`gzipFileMtimeMs`), which came after it, nor before
 * 1990; else null. That is when the file's last line was written at the latest, as the file's own time is, and
 * closer to it: a copy of the .gz keeps it, where the copy's own time is the copy's.
 */
export function compressedFileTime(compressedFileMs: number | null | undefined, gzipFileMtimeMs: number): number | null {
  if (compressedFileMs == null || compressedFileMs < EARLIEST_COMPRESSED_FILE_MS || compressedFileMs > gzipFileMtimeMs + COMPRESSED_FILE_SLACK_MS) return null;
  return compressedFileMs;
}

/**
 * The MTIME of a gzip header (RFC 1952: seconds since 1970, little-endian at byte 4) in ms, or undefined when
 * it holds none (0: compressed from a pipe, or with gzip -n, or by zlib).
 */
export function gzipHeaderTime(raw: Buffer): number | undefined {
  const seconds = raw.length < 8 ? 0 : raw.readUInt32LE(4);
  return seconds === 0 ? undefined : seconds * 1000;
}

/** Marks a head hash made by runHead: `run:<byte>:<run length>:<bytes after it hashed>:<their hash>`. */
const RUN_HEAD = 'run:';

/** Content bytes read past at most for what follows a head made of one byte. */
const MAX_RUN_BYTES = 256 * 1024 * 1024;

/** The byte a whole head (HEAD_BYTES) is made of alone, or null. */
function runByteOf(head: Buffer): number | null {
  if (head.length < HEAD_BYTES) return null;
  const byte = head[0];
  for (let i = 1; i < head.length; i++) if (head[i] !== byte) return null;
  return byte;
}

/**
 * What identifies a file whose head is one byte over and over: the zeros of a log truncated in place while its
 * logger went on writing at its old offset (copytruncate), a preallocated file. Every such head has the same
 * hash, which would take any of them for a copy of any other (and leave a grown one among many such sources
 * unfound). The run's byte and length and the (up to) HEAD_BYTES after it are what such a file starts with
 * instead; a file whose run goes on past MAX_RUN_BYTES is known by that much of it.
 */
async function runHead(file: string, encoding: Encoding, byte: number): Promise<{ hash: string; afterRun: Buffer }> {
  let runBytes = 0;
  const after: Buffer[] = [];
  let afterBytes = 0;
  let stream: Readable | null = null;
  try {
    stream = await contentStream(file, encoding, () => {});
    for await (const piece of contentPieces(stream, file, encoding)) {
      let from = 0;
      if (!afterBytes) {
        while (from < piece.length && piece[from] === byte && runBytes < MAX_RUN_BYTES) {
          from++;
          runBytes++;
        }
        if (from === piece.length) continue;
      }
      const take = piece.subarray(from, from + HEAD_BYTES - afterBytes);
      after.push(Buffer.from(take));
      afterBytes += take.length;
      if (afterBytes >= HEAD_BYTES) break;
    }
  } catch {
    // Damage after the run: what came before it identifies the file (the full read reports the damage).
  } finally {
    stream?.destroy();
  }
  const afterRun = Buffer.concat(after, afterBytes);
  return { hash: `${RUN_HEAD}${byte}:${runBytes}:${afterBytes}:${contentHashOf(afterRun)}`, afterRun };
}

/**
 * For a head hash of a run (runHead), what every head hash of a run of the same byte and length starts with;
 * null for any other head hash.
 */
export function runOfHeadHash(headHash: string): string | null {
  if (!headHash.startsWith(RUN_HEAD)) return null;
  const parts = headHash.split(':');
  return `${parts.slice(0, 3).join(':')}:`;
}

/**
 * Whether `headHash`, of a run, is of a file that held less than HEAD_BYTES after the run, and all of them are
 * where `afterRun` (of a file with the same run) starts: that file is the same one, grown since.
 */
export function grownAfterRun(headHash: string, afterRun: Buffer): boolean {
  const [, , , bytes, hash] = headHash.split(':');
  const held = Number(bytes);
  return held < afterRun.length && contentHashOf(afterRun.subarray(0, held)) === hash;
}

/**
 * Up to `bytes` of a file's content from its start, decoded as a stream that stops once they have come (fewer
 * for a shorter file, or one damaged before them: the full read reports the damage).
 */
export async function contentStart(file: string, encoding: Encoding, bytes: number): Promise<Buffer> {
  if (encoding === 'plain') return fileBytes(file, bytes);
  const pieces: Buffer[] = [];
  let length = 0;
  const stream = await contentStream(file, encoding, () => {});
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      pieces.push(piece);
      length += piece.length;
      if (length >= bytes) break;
    }
  } catch {
    // What came before the damage is the start.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(pieces).subarray(0, bytes);
}

/** Bytes of a file's start that show whether it is an archive: a tar's first header (and gzip's own), a zip's. */
const TAR_PROBE_BYTES = 1024;

/** The archives whose files are read (archives.ts). */
export type ArchiveKind = 'tar' | 'zip';

/**
 * Whether a file is an archive, with as little reading as that takes: the first 1 kB of a plain or gzip file
 * (a tar, possibly compressed, or a zip). A file in another compression has its head read (a bzip2 block
 * decoded whole): it is returned, for prepareFile to use rather than read again.
 */
export async function probeArchive(file: string): Promise<{ archive: ArchiveKind | null; head?: FileHead }> {
  const raw = await fileBytes(file, TAR_PROBE_BYTES);
  const encoding = encodingOf(raw);
  if (encoding === 'plain') return { archive: isTarArchive(raw) ? 'tar' : isZipArchive(raw) ? 'zip' : null };
  if (encoding === 'gzip') return { archive: isTarArchive(inflatedHead(raw) ?? Buffer.alloc(0)) ? 'tar' : null };
  const head = await readHead(file);
  return { archive: isTarArchive(head.head) ? 'tar' : null, head };
}

function inflatedHead(raw: Buffer): Buffer | null {
  try {
    return zlib.gunzipSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_HEAD_INFLATED }).subarray(0, HEAD_BYTES);
  } catch {
    return null;
  }
}

/**
 * The content hashes of a file's first `offsets[i]` bytes (ascending), or null when it cannot be read or
 * holds fewer bytes than the last offset.
 */
export async function contentHashesAt(file: string, offsets: readonly number[]): Promise<string[] | null> {
  const hasher = new ContentHasher();
  const hashes: string[] = [];
  let stream: Readable | null = null;
  try {
    const encoding = await sniffEncoding(file);
    stream = await contentStream(file, encoding, () => {});
    for await (const piece of contentPieces(stream, file, encoding)) {
      let chunk = piece;
      while (hashes.length < offsets.length && hasher.bytes + chunk.length >= offsets[hashes.length]) {
        const take = offsets[hashes.length] - hasher.bytes;
        hasher.update(chunk.subarray(0, take));
        chunk = chunk.subarray(take);
        hashes.push(hasher.current());
      }
      if (hashes.length === offsets.length) return hashes;
      hasher.update(chunk);
    }
  } catch {
    return null;
  } finally {
    stream?.destroy();
  }
  return hashes.length === offsets.length ? hashes : null;
}

/** The content byte at `offset` (decompressed), or null when the content ends before it or cannot be read. */
export async function contentByteAt(file: string, offset: number): Promise<number | null> {
  const byte = await contentAt(file, offset, 1);
  return byte !== null && byte.length === 1 ? byte[0] : null;
}

/**
 * Up to `length` content bytes (decompressed) from `offset`: fewer where the content ends, null when the file
 * cannot be read. A plain file is read there; a compressed one from its start.
 */
export async function contentAt(file: string, offset: number, length: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let got = 0;
  const ok = await forEachContentPiece(file, offset, offset + length, (piece) => {
    parts.push(Buffer.from(piece));
    got += piece.length;
  });
  return ok ? Buffer.concat(parts, got) : null;
}

/** The hash of the content bytes [from, to), or null when the content ends before `to` or cannot be read. */
export async function contentRangeHash(file: string, from: number, to: number): Promise<string | null> {
  return (await contentRangeFacts(file, from, to))?.hash ?? null;
}

/** The hash of the content bytes [from, to), how many newlines they hold, and whether they end with one; null as contentRangeHash. */
export async function contentRangeFacts(file: string, from: number, to: number): Promise<{ hash: string; newlines: number; endsWithNewline: boolean } | null> {
  const hasher = new ContentHasher();
  let newlines = 0;
  let last = -1;
  const ok = await forEachContentPiece(file, from, to, (piece) => {
    hasher.update(piece);
    for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) newlines++;
    if (piece.length) last = piece[piece.length - 1];
  });
  return ok && hasher.bytes === to - from ? { hash: hasher.current(), newlines, endsWithNewline: last === 10 } : null;
}

/** Hands over the content bytes [from, to) in pieces, as far as the content goes; false when it cannot be read. */
async function forEachContentPiece(file: string, from: number, to: number, take: (piece: Buffer) => void): Promise<boolean> {
  if (to <= from) return true;
  let stream: Readable | null = null;
  try {
    const encoding = await sniffEncoding(file);
    // A plain file's content is its bytes: read where they are, not from the start.
    stream = encoding === 'plain' ? fs.createReadStream(file, { start: from, end: to - 1, highWaterMark: CHUNK_BYTES }) : await contentStream(file, encoding, () => {});
    let at = encoding === 'plain' ? from : 0;
    for await (const piece of encoding === 'plain' ? (stream as AsyncIterable<Buffer>) : contentPieces(stream, file, encoding)) {
      const start = Math.max(from - at, 0);
      const end = Math.min(to - at, piece.length);
      if (end > start) take(piece.subarray(start, end));
      at += piece.length;
      if (at >= to) break;
    }
    return true;
  } catch {
    return false;
  } finally {
    stream?.destroy();
  }
}

/** Whether a file's first bytes are a zip's (its first local file header). */
function isZipArchive(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

/** Whether content is a tar archive (POSIX and GNU tar write `ustar` at offset 257 of each header). */
function isTarArchive(head: Buffer): boolean {
  return head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar';
}

/**
 * NUL bytes in a row that make a hole in a text log rather than binary data: a file system gives back zeros
 * for the part of a log it had not written out when the machine went down (the logger then goes on after
 * them), by pages of 4 KiB. Binary files have shorter runs between their other bytes (wtmp pads its records
 * with a few hundred).
 */
const HOLE_BYTES = 1024;

/**
 * Shorter runs of NUL bytes a text log's head may hold: a stray byte a disk or a logger mangled, the end of a
 * page a crash left part written. A database, an image or wtmp has many more (each record, each header).
 */
const MAX_STRAY_NUL_RUNS = 4;

/**
 * Text logs have no NUL bytes, except in holes and a stray one or two, and few control characters; databases,
 * images and archives have many of both. Beside NUL bytes, what the head holds must be lines of text: a magic
 * number followed by zeros is not a log.
 */
export function looksBinary(head: Buffer): boolean {
  let odd = 0;
  let text = 0;
  let newlines = 0;
  let holes = 0;
  let strayRuns = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) {
      let end = i + 1;
      while (end < head.length && head[end] === 0) end++;
      // A run that reaches the head's end may go on past it: judged by what the head holds before it.
      if (end - i < HOLE_BYTES && end < head.length) {
        if (++strayRuns > MAX_STRAY_NUL_RUNS) return true;
      } else holes++;
      i = end - 1;
      continue;
    }
    text++;
    if (b === 10) newlines++;
    else if (b < 32 && b !== 9 && b !== 13 && b !== 27) odd++;
  }
  if (holes + strayRuns > 0 && text > 0 && newlines === 0) return true;
  return text > 0 && odd / text > 0.1;
}

export interface ReadLinesOptions {
  /** Content bytes to hash but not split into lines (already ingested). */
  skipBytes?: number;
  /** Receives every content byte, so the caller can store the hash of what was ingested. */
  hasher?: ContentHasher;
  /** Called at exactly `skipBytes` with the hash of the skipped prefix; returning false stops reading. */
  onSkipped?: (prefixHash: string) => boolean;
  signal?: AbortSignal;
  /** Told of the bytes after a gzip file's last member that are not gzip (trailing garbage), which are not read. */
  onTrailingBytes?: (bytes: number) => void;
  /**
   * The skipped content ended in a line without a newline, read as a whole line: a newline right after it
   * ends that line, and is no empty line of its own.
   */
  skippedOpenLine?: boolean;
  /**
   * Told, when the content ends inside a line cut at MAX_LINE_BYTES (which then has no newline either), where
   * that line starts: it is the content's open last line, as LineBlock.openFrom says of a shorter one.
   */
  onEndInCutLine?: (start: OpenLineStart) => void;
}

async function contentStream(file: string, encoding: Encoding, onFileBytes: (n: number) => void): Promise<Readable> {
  // Before the file is opened: a stream with a 'data' listener flows at once, and would lose what came meanwhile.
  if (encoding !== 'plain') await loadDecoder(encoding);
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (b) => onFileBytes((b as Buffer).length));
  return encoding === 'plain' ? raw : decompressed(raw, encoding, CHUNK_BYTES);
}

/**
 * The content `stream` gives. A gzip file with bytes after its last member that are not gzip (trailing
 * garbage) makes zlib's stream fail there, losing the content it had decoded in that step: the content it had
 * not given is then read again member by member (gzip-members.ts), which finds where the gzip data ends.
 * `progress` counts the file's bytes: the second reading adds those it passes beyond what the first counted.
 */
async function* contentPieces(
  stream: Readable, file: string, encoding: Encoding, progress?: { fileBytes: number }, onTrailingBytes: (bytes: number) => void = () => {},
): AsyncGenerator<Buffer> {
  let given = 0;
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      given += piece.length;
      yield piece;
    }
    return;
  } catch (e) {
    if (encoding !== 'gzip' || !isTrailingGarbageError(e)) throw e;
  }
  stream.destroy();
  let skip = given;
  let passed = 0;
  for await (const piece of gzipMembers(file, (n) => {
    passed += n;
    if (progress) progress.fileBytes = Math.max(progress.fileBytes, passed);
  }, onTrailingBytes)) {
    if (skip >= piece.length) {
      skip -= piece.length;
      continue;
    }
    yield skip ? piece.subarray(skip) : piece;
    skip = 0;
  }
}

/** A file's content, decompressed when it is compressed; `onFileBytes` is told of the file's bytes as they are read. */
export async function openContent(file: string, onFileBytes: (n: number) => void = () => {}): Promise<Readable> {
  return contentStream(file, await sniffEncoding(file), onFileBytes);
}

/** Whole lines, each ending with `\n` (an unterminated last line gets one), as read from the file. */
export interface LineBlock {
  buf: Buffer;
  /** Content (decompressed) bytes consumed up to the end of this block. */
  contentBytes: number;
  /** Bytes of the file itself read so far (compressed bytes for gzip), for progress. */
  fileBytes: number;
  /** The block is one line that was cut at MAX_LINE_BYTES. */
  cut: boolean;
  /**
   * When the block is the content's last line, which has no newline: where that line starts in the content,
   * and the hash of the content before it. syslog may still be writing it (a live mail.log), or the file was
   * written without a final newline (ingest-file.ts tells the two apart later). Null for other blocks.
   */
  openFrom: OpenLineStart | null;
}

export interface OpenLineStart {
  bytes: number;
  hash: string;
}

const NEWLINE = Buffer.from('\n');

/** What a line holds after its last NUL: the line the logger wrote after a hole's zeros. */
function afterHole(line: Buffer): Buffer {
  const lastNul = line.lastIndexOf(0);
  return lastNul < 0 ? line : line.subarray(lastNul + 1);
}

/**
 * Yields the file's content as blocks of whole lines, without decoding them: most lines of a mail log are
 * never looked at, so the caller decides which ones to decode. A line split across chunks is joined; one
 * that grows past MAX_LINE_BYTES before its end is cut there and the rest of it dropped.
 */
export async function* readLineBlocks(file: string, encoding: Encoding, options: ReadLinesOptions = {}): AsyncGenerator<LineBlock> {
  const hasher = options.hasher ?? new ContentHasher();
  let skip = options.skipBytes ?? 0;
  const progress = { fileBytes: 0 };
  const stream = await contentStream(file, encoding, (n) => (progress.fileBytes += n));
  let carry: Buffer[] = []; // pieces of an unfinished line
  let carryLength = 0;
  let cutting = false; // inside an overlong line: drop bytes until the next newline
  // The dropped rest of an overlong line is hashed as it comes rather than held until the next block (a
  // line can be gigabytes). Reading that stops inside it goes back to where the hash stood at its cut head,
  // so the hash still ends with a whole line (a later ingest resumes there).
  let cutFrom: HashCheckpoint | null = null;
  // Likewise a hole's zeros dropped before its line ends (a sparse file, such as lastlog, can be a hole of
  // gigabytes): hashed as they come, with the hash at the end of the last block to go back to.
  let holeFrom: HashCheckpoint | null = null;

  // Content is hashed only up to the end of each block handed out, so that after a cancel the stored hash
  // covers exactly the bytes whose lines were read, and a later ingest can resume there.
  let received = 0;
  const unhashed: Buffer[] = [];
  const hashUpTo = (offset: number): void => {
    while (hasher.bytes < offset && unhashed.length) {
      const need = offset - hasher.bytes;
      const head = unhashed[0];
      if (head.length <= need) {
        hasher.update(head);
        unhashed.shift();
      } else {
        hasher.update(head.subarray(0, need));
        unhashed[0] = head.subarray(need);
      }
    }
  };
  const block = (buf: Buffer, cut = false, unread = carryLength, openFrom: OpenLineStart | null = null): LineBlock => {
    const contentBytes = received - unread;
    hashUpTo(contentBytes);
    holeFrom = null;
    return { buf, contentBytes, fileBytes: progress.fileBytes, cut, openFrom };
  };
  let newlineEndsSkipped = false;
  // Where the line being cut at MAX_LINE_BYTES starts, and the content's hash there.
  let cutLineStart: OpenLineStart | null = null;
  // Where the line held in the carry starts, and the content's hash there (a cut line's, or the last line's).
  const lineStartOfCarry = (): OpenLineStart => {
    hashUpTo(received - carryLength);
    return { bytes: hasher.bytes, hash: hasher.current() };
  };
  // A line longer than MAX_LINE_BYTES may be a hole's zeros and the line the logger wrote after them: only
  // what follows the zeros counts (a hole can be megabytes; see candidate-lines.ts).
  const carryAfterHole = (): void => {
    const line = Buffer.concat(carry);
    const after = afterHole(line);
    carry = [after];
    carryLength = after.length;
    if (after.length === line.length) return;
    // The carry is the content's last bytes: all before it is dropped, so it is hashed now.
    holeFrom ??= hasher.checkpoint();
    hashUpTo(received - carryLength);
  };
  const takeCarry = (tail: Buffer): Buffer => {
    const whole = Buffer.concat([...carry, tail]);
    carry = [];
    carryLength = 0;
    return whole;
  };

  try {
    for await (const piece of contentPieces(stream, file, encoding, progress, options.onTrailingBytes)) {
      if (options.signal?.aborted) return;
      let chunk = piece;
      if (skip > 0) {
        // Hash exactly the skipped prefix first, so its hash can be compared with the stored one.
        const skipped = Math.min(skip, chunk.length);
        hasher.update(chunk.subarray(0, skipped));
        skip -= skipped;
        chunk = chunk.subarray(skipped);
        received += skipped;
        if (skip === 0 && options.onSkipped && !options.onSkipped(hasher.current())) return;
        if (skip === 0) newlineEndsSkipped = !!options.skippedOpenLine;
        if (chunk.length === 0) continue;
      }
      if (newlineEndsSkipped) {
        newlineEndsSkipped = false;
        if (chunk[0] === 10) {
          // Hashed as the skipped bytes are: it belongs to the line before them.
          hasher.update(chunk.subarray(0, 1));
          received++;
          chunk = chunk.subarray(1);
          if (chunk.length === 0) continue;
        }
      }
      unhashed.push(chunk);
      received += chunk.length;
      let start = 0;
      const first = chunk.indexOf(10);
      if (first < 0) {
        if (!cutting) {
          carry.push(Buffer.from(chunk));
          carryLength += chunk.length;
          if (carryLength > MAX_LINE_BYTES) carryAfterHole();
          if (carryLength > MAX_LINE_BYTES) {
            cutLineStart = lineStartOfCarry();
            const head = Buffer.concat(carry).subarray(0, MAX_LINE_BYTES);
            carry = [];
            carryLength = 0;
            cutting = true;
            yield block(Buffer.concat([head, NEWLINE]), true);
            cutFrom = hasher.checkpoint();
          }
        } else {
          hashUpTo(received);
        }
        continue;
      }
      if (cutting) {
        cutting = false;
        start = first + 1;
        hashUpTo(received - (chunk.length - start)); // through the overlong line's newline, before forgetting cutFrom
        cutFrom = null;
      } else if (carryLength > 0) {
        const whole = afterHole(takeCarry(chunk.subarray(0, first + 1)));
        start = first + 1;
        const unread = chunk.length - start;
        yield whole.length > MAX_LINE_BYTES + 1 ? block(Buffer.concat([whole.subarray(0, MAX_LINE_BYTES), NEWLINE]), true, unread) : block(whole, false, unread);
      }
      const last = chunk.lastIndexOf(10);
      const rest = chunk.subarray(last + 1);
      if (rest.length) {
        carry.push(Buffer.from(rest));
        carryLength = rest.length;
      }
      if (last + 1 > start) yield block(chunk.subarray(start, last + 1));
      if (carryLength > MAX_LINE_BYTES) carryAfterHole();
      if (carryLength > MAX_LINE_BYTES) {
        cutLineStart = lineStartOfCarry();
        const head = takeCarry(Buffer.alloc(0)).subarray(0, MAX_LINE_BYTES);
        cutting = true;
        yield block(Buffer.concat([head, NEWLINE]), true);
        cutFrom = hasher.checkpoint();
      }
    }
    if (cutting && cutLineStart) options.onEndInCutLine?.(cutLineStart);
    cutFrom = null; // the content ended inside the overlong line: that ends the line
    holeFrom = null; // or inside a hole, which then ends the content
  } catch (e) {
    const error = encoding === 'plain' ? e : asDamage(e);
    // The line the damage cut short is not read: what the content holds ends with the last whole line, so that a
    // whole copy of the file read later continues it with that line, not with the rest of it.
    if (error instanceof DamagedCompressionError) error.cutLineBytes = carryLength;
    throw error;
  } finally {
    stream.destroy();
    if (cutFrom) hasher.restore(cutFrom);
    else if (holeFrom) hasher.restore(holeFrom);
  }
  if (carryLength) {
    const openFrom = lineStartOfCarry();
    yield block(takeCarry(NEWLINE), false, 0, openFrom);
  }
  hashUpTo(received);
}

/** Decodes one line of a block: invalid UTF-8 becomes U+FFFD (never an exception), a trailing CR goes. */
export function decodeLine(buf: Buffer, start: number, end: number): string {
  if (end > start && buf[end - 1] === 13) end--;
  return buf.toString('utf8', start, end);
}

export interface LineBatch {
  lines: string[];
  contentBytes: number;
  fileBytes: number;
  /** 0-based indexes into `lines` of lines that were cut at MAX_LINE_BYTES. */
  cutLines: number[];
}

/** Every line as a string, for callers that want them all (raw-line lookup, tests). */
export async function* readLines(file: string, encoding: Encoding, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  for await (const b of readLineBlocks(file, encoding, options)) {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = b.buf.indexOf(10, start);
      if (nl < 0) break;
      lines.push(decodeLine(b.buf, start, nl));
      start = nl + 1;
    }
    yield { lines, contentBytes: b.contentBytes, fileBytes: b.fileBytes, cutLines: b.cut ? [0] : [] };
  }
}
