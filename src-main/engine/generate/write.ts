// Writes a generated case to disk the way a server leaves it: one file, or a week per file rotated by
// logrotate (mail.log, mail.log.1, mail.log.2.gz ...), each file's mtime at its last line.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import { DAY_SECONDS, dayStart, localDate, momentText } from './clock';
import { streamCase } from './generator';
import type { GenerateOptions } from './options';
import type { GeneratedTruth } from './truth';

export interface WrittenFile {
  /** File name inside the directory (`mail.log.3.gz`). */
  name: string;
  path: string;
  gzip: boolean;
  lines: number;
  /** Wall-clock `YYYY-MM-DD HH:MM:SS` of the first and last line, null for an empty file. */
  firstLine: string | null;
  lastLine: string | null;
}

export interface WrittenLogs {
  /** Oldest first. */
  files: WrittenFile[];
  truth: GeneratedTruth;
}

export interface RotationOptions {
  /** logrotate's `compress` (with `delaycompress`: mail.log.1 stays plain). Default true. */
  compress?: boolean;
  /** Default `mail.log`. */
  baseName?: string;
  /** zlib level; default 6, gzip's own default. */
  level?: number;
}

/** Lines are joined and written in chunks this big, so that writing costs little per line. */
const LINES_PER_CHUNK = 1024;
/** Uncompressed bytes gzip may have queued before the writer waits for it. */
const GZIP_BACKLOG = 32 * 1024 * 1024;
/** Debian runs cron.daily at 06:25; weekly rotation happens on the first run of the week (Sunday). */
const ROTATION_SECOND_OF_DAY = 6 * 3600 + 25 * 60;

/** One week per file, oldest first, named like logrotate does once the range has been written. */
export async function writeRotatedLogs(dir: string, options: GenerateOptions, rotation: RotationOptions = {}): Promise<WrittenLogs> {
  const baseName = rotation.baseName ?? 'mail.log';
  const compress = rotation.compress ?? true;
  const boundaries = weeklyRotations(dayStart(options.start), options.days);
  const parts = boundaries.length + 1;
  const targets = Array.from({ length: parts }, (_, i) => {
    const index = parts - 1 - i;
    const gzip = compress && index >= 2;
    const name = index === 0 ? baseName : `${baseName}.${index}${gzip ? '.gz' : ''}`;
    return { name, path: path.join(dir, name), gzip, endsAt: boundaries[i] ?? Infinity };
  });
  await fs.promises.mkdir(dir, { recursive: true });
  return writeParts(targets, options, rotation.level);
}

/** The whole case in one file (gzip-compressed when asked; the name is the caller's choice). */
export async function writeSingleLog(file: string, options: GenerateOptions, write: { gzip?: boolean; level?: number } = {}): Promise<WrittenLogs> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  return writeParts([{ name: path.basename(file), path: file, gzip: write.gzip ?? false, endsAt: Infinity }], options, write.level);
}

/** Sunday 06:25 of every week after the first line and before the end of the range. */
export function weeklyRotations(caseStart: number, days: number): number[] {
  const out: number[] = [];
  const caseEnd = caseStart + days * DAY_SECONDS;
  const weekday = new Date(caseStart * 1000).getUTCDay();
  let t = caseStart + ((7 - weekday) % 7) * DAY_SECONDS + ROTATION_SECOND_OF_DAY;
  if (t <= caseStart) t += 7 * DAY_SECONDS;
  for (; t < caseEnd; t += 7 * DAY_SECONDS) out.push(t);
  return out;
}

interface PartTarget {
  name: string;
  path: string;
  gzip: boolean;
  /** Lines at or after this time go to the next part. */
  endsAt: number;
}

/**
 * Plain files are written synchronously and gzip is fed without waiting for each chunk: every turn of the
 * event loop lets V8 scavenge mid-day, which keeps a day's lines alive longer and made writing GC-bound.
 */
class PartWriter {
  lines = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  private readonly fd: number | null = null;
  private readonly gzip: Gzip | null = null;
  private readonly file: fs.WriteStream | null = null;
  private pending: string[] = [];

  constructor(readonly target: PartTarget, level: number) {
    if (target.gzip) {
      this.file = fs.createWriteStream(target.path);
      this.gzip = createGzip({ level });
      this.gzip.pipe(this.file);
    } else {
      this.fd = fs.openSync(target.path, 'w');
    }
  }

  /** Returns true when a chunk is ready for `flush()` (kept synchronous: an await per line is slow). */
  add(ts: number, text: string): boolean {
    if (this.firstTs === null) this.firstTs = ts;
    this.lastTs = ts;
    this.lines++;
    this.pending.push(text);
    return this.pending.length >= LINES_PER_CHUNK;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('\n') + '\n';
    this.pending = [];
    if (this.fd !== null) {
      fs.writeSync(this.fd, chunk);
      return;
    }
    this.gzip!.write(chunk);
    if (this.gzip!.writableLength > GZIP_BACKLOG) await once(this.gzip!, 'drain');
  }

  /** Stops writing after a failure elsewhere. */
  abandon(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.gzip?.destroy();
    this.file?.destroy();
  }

  /** Ends the file; resolves once it is on disk with its mtime set (`emptyTime` if it has no line). */
  async close(emptyTime: number): Promise<WrittenFile> {
    await this.flush();
    if (this.fd !== null) {
      fs.closeSync(this.fd);
    } else {
      const closed = once(this.file!, 'close');
      this.gzip!.end();
      await closed;
    }
    const mtime = localDate(this.lastTs ?? emptyTime);
    await fs.promises.utimes(this.target.path, mtime, mtime);
    return {
      name: this.target.name,
      path: this.target.path,
      gzip: this.target.gzip,
      lines: this.lines,
      firstLine: this.firstTs === null ? null : momentText(this.firstTs),
      lastLine: this.lastTs === null ? null : momentText(this.lastTs),
    };
  }
}

async function writeParts(targets: PartTarget[], options: GenerateOptions, level = 6): Promise<WrittenLogs> {
  const stream = streamCase(options);
  const caseEnd = dayStart(options.start) + options.days * DAY_SECONDS;
  const emptyTime = (t: PartTarget) => Math.min(t.endsAt, caseEnd) - 1;
  const closing: Promise<WrittenFile>[] = [];
  let part = 0;
  let writer = new PartWriter(targets[0], level);
  try {
    for (const line of stream) {
      while (line.ts >= targets[part].endsAt) {
        // Earlier parts finish (and compress) in the background while the next week is generated.
        closing.push(writer.close(emptyTime(targets[part])));
        writer = new PartWriter(targets[++part], level);
      }
      if (writer.add(line.ts, line.text)) await writer.flush();
    }
  } catch (e) {
    writer.abandon();
    await Promise.allSettled(closing);
    throw e;
  }
  closing.push(writer.close(emptyTime(targets[part])));
  while (++part < targets.length) closing.push(new PartWriter(targets[part], level).close(emptyTime(targets[part])));
  return { files: await Promise.all(closing), truth: stream.truth() };
}
