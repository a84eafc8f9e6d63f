// Files a browser sends, written to a fresh temporary folder as they arrive (never held whole in memory),
// under the relative paths the browser gave once those are made safe: no absolute paths, no `..`, no
// characters some file system refuses.
import { createWriteStream, mkdirSync, mkdtempSync, statfsSync, type WriteStream } from 'node:fs';
import { rm, utimes } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { UPLOAD_BATCH_PREFIX } from '../shared/upload-folders';

export class UploadError extends Error {
  override name = 'UploadError';
}

export const UPLOAD_LIMITS = {
  pathLength: 1024,
  segments: 64,
  segmentBytes: 255,
  filesPerBatch: 100_000,
  fileBytes: 2 ** 40,
} as const;

/** Room an upload always leaves on the host's disk: the case, its saves and the rest of the system need it too. */
export const DISK_RESERVE_BYTES = 512 * 1024 * 1024;

/** Bytes free to this process on the disk that holds `dir`. */
export type FreeBytes = (dir: string) => number;
const diskFree: FreeBytes = (dir) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

const UNSAFE_CHARACTERS = /[<>:"|?*\u0000-\u001f\u007f]/g;
const ONLY_DOTS_AND_SPACES = /^[.\s]+$/;

/** Between 1970 and the year 5000: anything else is not a file's modification time. */
function isPlausibleTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 95_617_584_000_000;
}

/** The path's segments, made safe, or an UploadError for a path that tries to leave its folder. */
export function sanitizeRelativePath(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw.length === 0) throw new UploadError('a file needs a relative path');
  if (raw.length > UPLOAD_LIMITS.pathLength) throw new UploadError('the relative path is too long');
  const unified = raw.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) throw new UploadError(`not a relative path: ${raw.slice(0, 200)}`);
  const segments = unified.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.length > UPLOAD_LIMITS.segments) throw new UploadError('the relative path has no name or too many folders');
  return segments.map((segment) => {
    // Windows drops trailing dots and spaces, so `...` could become a step upwards there.
    if (ONLY_DOTS_AND_SPACES.test(segment)) throw new UploadError(`not allowed in a path: ${segment}`);
    const clean = segment.replace(UNSAFE_CHARACTERS, '_');
    if (Buffer.byteLength(clean) > UPLOAD_LIMITS.segmentBytes) throw new UploadError('a file or folder name is too long');
    return clean;
  });
}

interface OpenFile {
  relativePath: string;
  size: number;
  /** The sender's modification time, ms since 1970, or null to keep the time of writing. */
  lastModified: number | null;
  written: number;
  stream: WriteStream;
  error: Error | null;
  /** Called when the disk has caught up, or the file failed, to let the sender continue. */
  onDrain: (() => void) | null;
  closed: Promise<void>;
}

/** One drop's worth of files: begin a file, write its chunks, end it; then take the top-level paths. */
export class UploadBatch {
  private readonly files = new Set<string>();
  private readonly topLevel = new Set<string>();
  private current: OpenFile | null = null;

  private constructor(readonly dir: string, private readonly freeBytes: FreeBytes) {}

  /** Synchronous, so that a `begin` and the binary frames right behind it are handled in order. */
  static create(parentDir: string, freeBytes: FreeBytes = diskFree): UploadBatch {
    mkdirSync(parentDir, { recursive: true });
    return new UploadBatch(mkdtempSync(join(parentDir, UPLOAD_BATCH_PREFIX)), freeBytes);
  }

  get fileCount(): number {
    return this.files.size;
  }

  begin(relativePath: unknown, size: unknown, lastModified?: unknown): void {
    if (this.current) throw new UploadError(`${this.current.relativePath} is still open`);
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > UPLOAD_LIMITS.fileBytes) {
      throw new UploadError('a file needs its size in bytes');
    }
    if (this.files.size >= UPLOAD_LIMITS.filesPerBatch) throw new UploadError('too many files in one upload');
    if (lastModified !== undefined && lastModified !== null && !isPlausibleTime(lastModified)) {
      throw new UploadError('lastModified must be a time in milliseconds since 1970');
    }
    const segments = sanitizeRelativePath(relativePath);
    // One file is open at a time and may not exceed its announced size, so this bounds what a page can write.
    const free = this.freeBytes(this.dir) - DISK_RESERVE_BYTES;
    if (size > free) {
      throw new UploadError(`${segments.join('/')}: not enough room on the host's disk for ${size} bytes (${Math.max(0, free)} free beyond a reserve)`);
    }
    const key = segments.join('/');
    if (this.files.has(key)) throw new UploadError(`${key} was already uploaded`);
    const target = resolve(this.dir, ...segments);
    if (!target.startsWith(this.dir + sep)) throw new UploadError(`not inside the upload folder: ${key}`);
    mkdirSync(dirname(target), { recursive: true });

    const stream = createWriteStream(target, { flags: 'wx', highWaterMark: 1 << 20 });
    const file: OpenFile = {
      relativePath: key, size, lastModified: isPlausibleTime(lastModified) ? lastModified : null,
      written: 0, stream, error: null, onDrain: null,
      closed: new Promise((done) => stream.once('close', done)),
    };
    stream.on('error', (error) => {
      file.error ??= error;
      this.releaseSender(file);
    });
    stream.on('drain', () => this.releaseSender(file));
    // A stream that is ending emits no more 'drain'; once it is closed nothing holds the sender back.
    stream.once('close', () => this.releaseSender(file));
    this.current = file;
    this.files.add(key);
    this.topLevel.add(segments[0]);
  }

  /**
   * Writes a chunk of the open file. Returns false when the disk is behind: the caller should stop reading
   * until `onDrain` is called.
   */
  write(chunk: Uint8Array, onDrain: () => void): boolean {
    const file = this.current;
    if (!file) throw new UploadError('file data arrived outside a file');
    file.written += chunk.byteLength;
    if (file.written > file.size) file.error ??= new UploadError(`${file.relativePath}: more bytes than announced`);
    if (file.error) return true;
    if (file.stream.write(chunk)) return true;
    file.onDrain = onDrain;
    return false;
  }

  /** Closes the open file; fails when it could not be written or its size differs from the announced one. */
  async end(): Promise<string> {
    const file = this.current;
    if (!file) throw new UploadError('no file is open');
    this.current = null;
    if (file.error) file.stream.destroy();
    else file.stream.end();
    await file.closed;
    if (file.error) throw new UploadError(`${file.relativePath}: ${file.error.message}`);
    if (file.written !== file.size) {
      throw new UploadError(`${file.relativePath}: received ${file.written} of ${file.size} bytes`);
    }
    const path = join(this.dir, ...file.relativePath.split('/'));
    if (file.lastModified !== null) await utimes(path, new Date(), new Date(file.lastModified));
    return path;
  }

  /** The dropped items (files or folders) as absolute paths, in the order they were first seen. */
  entries(): string[] {
    if (this.current) throw new UploadError(`${this.current.relativePath} is still open`);
    if (this.files.size === 0) throw new UploadError('nothing was uploaded');
    return [...this.topLevel].map((name) => join(this.dir, name));
  }

  async discard(): Promise<void> {
    const file = this.current;
    this.current = null;
    if (file) {
      file.stream.destroy();
      await file.closed;
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private releaseSender(file: OpenFile): void {
    const resume = file.onDrain;
    file.onDrain = null;
    resume?.();
  }
}
