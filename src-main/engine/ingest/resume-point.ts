// Where reading goes on in a file that continues a source of the case (a log that grew, was rotated, or was put
// together with others): the part of it the case holds already is not read again, and a last line syslog was
// still writing when it was read is.
import type { CaseStore } from '../store/case-store';
import type { SourceLineage as Lineage } from '../store/sources';
import type { SessionMemory } from '../parse/session-join';
import { statOrNothing } from '../fs/file-errors';
import type { FileToRead } from './ingest-file';
import { HEAD_BYTES, contentAt, fileBytes, contentByteAt, contentHashOf, contentHashesAt, contentRangeFacts, contentRangeHash, readHead, type Encoding } from './line-reader';
import type { OpenLine } from './parse-file';

/** Where reading goes on in a file that continues `lineage`, and what the join knew there. */
export interface ResumePoint {
  bytes: number;
  hash: string;
  lines: number;
  joinMemory: SessionMemory[];
  /** The lineage's last line had no newline, and the file goes on with one: that line was whole. */
  skippedOpenLine: boolean;
  /** The lineage's last line, which syslog was still writing when it was read: read again, whole. */
  openLine: OpenLine | null;
  /** Sources whose whole content follows the lineage's in the file, in order (passed over as read). */
  passed: Lineage[];
  /** A source whose first lines end the file, after those (a rotation copied with the next one as far as it went). */
  startOf: { source: Lineage; lines: number } | null;
  /** Time of the latest attempt of the lineage and of those sources. */
  lastTs: string | null;
}

/**
 * Where to go on reading a file that continues `lineage`: after its content (and after the whole content of
 * other sources that follows it, see passKnownSources), unless that ended in a line without a newline. A file
 * that goes on from inside that line caught syslog writing it (a live mail.log read mid-line): it is read again
 * from its start, after what it added is taken back. One that goes on with a newline had it whole (a file
 * written without a last newline, appended to), and that newline is no line.
 */
export async function resumeAt(store: CaseStore, file: FileToRead, encoding: Encoding, lineage: Lineage): Promise<ResumePoint> {
  const after: ResumePoint = {
    bytes: lineage.contentBytes, hash: lineage.contentHash, lines: lineage.lines, joinMemory: lineage.joinMemory, skippedOpenLine: false, openLine: null,
    passed: [], startOf: null, lastTs: lineage.lastTs,
  };
  const open = lineage.openLine;
  if (!open || open.line !== lineage.lines) return (await mayHoldMore(file, encoding, after.bytes)) ? passKnownSources(store, file, encoding, lineage.id, after) : after;
  const next = await contentByteAt(file.path, lineage.contentBytes);
  if (next === null) return after; // the same content (or less: not a continuation, which the reading finds)
  if (next === 10) return { ...after, skippedOpenLine: true };
  return { ...after, bytes: open.bytes, hash: open.hash, lines: open.line - 1, joinMemory: open.memory, openLine: open };
}

/**
 * Whether a file may hold content after its first `bytes`, without reading it: a plain file's size says so. A
 * gzip file ends with the size of its last member's content (modulo 4 GiB): a rotation compressed as it was
 * read holds just as much, and is not read once more to look; rotations put together (cat a.gz b.gz, or zcat
 * a b | gzip) end otherwise. Other compressions are not looked into.
 */
async function mayHoldMore(file: FileToRead, encoding: Encoding, bytes: number): Promise<boolean> {
  if (encoding === 'plain') return file.size >= bytes + HEAD_BYTES;
  if (encoding !== 'gzip' || file.size < 18) return false;
  const trailer = await fileBytes(file.path, 4, file.size - 4).catch(() => null);
  return trailer !== null && trailer.length === 4 && trailer.readUInt32LE(0) !== bytes % 2 ** 32;
}

/**
 * Where to go on in a file that holds, after its lineage's content, the whole content of other sources of the
 * case, one after the other: rotated files put together (cat mail.log.5 mail.log.4 > dec.log; zcat mail.log
 * mail.log.1 > all.log while mail.log has not grown). Their lines are passed over rather than read as new tries.
 * Each source found starts at the next offset with a head (HEAD_BYTES) of its own; shorter ones are not looked for,
 * nor a source of which the file holds only a part.
 */
async function passKnownSources(store: CaseStore, file: FileToRead, encoding: Encoding, lineageId: number, after: ResumePoint): Promise<ResumePoint> {
  const passed: Lineage[] = [];
  let at = after.bytes;
  let lines = after.lines;
  for (;;) {
    const head = await contentAt(file.path, at, HEAD_BYTES);
    if (head === null || head.length < HEAD_BYTES) break;
    const candidates = store.findSourcesByHeadHash(contentHashOf(head))
      .filter((s) => s.openLine === null && !passed.some((p) => p.id === s.id))
      .sort((a, b) => b.contentBytes - a.contentBytes);
    let found: Lineage | undefined;
    for (const s of candidates) if ((await contentRangeHash(file.path, at, at + s.contentBytes)) === s.contentHash) {
      found = s;
      break;
    }
    if (!found) break;
    passed.push(found);
    at += found.contentBytes;
    lines += found.lines;
  }
  const startOf = encoding === 'plain' ? await startOfSource(store, file, at, [lineageId, ...passed.map((s) => s.id)]) : null;
  if (!passed.length && !startOf) return after;
  const end = startOf ? file.size : at;
  // The file must start with the lineage's content too (its head alone found it).
  const [lineageHash, hash] = (await contentHashesAt(file.path, [after.bytes, end])) ?? [];
  if (lineageHash !== after.hash || hash === undefined) return after;
  const known = startOf ? [...passed, startOf.source] : passed;
  const lastTs = [after.lastTs, ...known.map((s) => s.lastTs)].reduce((a, b) => (a === null || (b !== null && b > a) ? b : a), null);
  const joinMemory = passed.length ? passed[passed.length - 1].joinMemory : after.joinMemory;
  return { ...after, bytes: end, hash, lines: lines + (startOf?.lines ?? 0), joinMemory, passed, startOf, lastTs };
}

/**
 * The source whose first lines the rest of a plain file, from `at` to its end, is, when there is one: the file
 * then holds nothing the case does not. That source's file must still hold its content, to be compared with.
 */
async function startOfSource(store: CaseStore, file: FileToRead, at: number, known: readonly number[]): Promise<{ source: Lineage; lines: number } | null> {
  const rest = file.size - at;
  if (rest < HEAD_BYTES) return null;
  const head = await contentAt(file.path, at, HEAD_BYTES);
  if (head === null || head.length < HEAD_BYTES) return null;
  const candidates = store.findSourcesByHeadHash(contentHashOf(head)).filter((s) => s.contentBytes > rest && !known.includes(s.id));
  if (!candidates.length) return null;
  const mine = await contentRangeFacts(file.path, at, file.size);
  // Whole lines only: a file ending inside one of that source's lines holds a line it does not.
  if (mine === null || !mine.endsWithNewline) return null;
  for (const s of candidates) {
    const theirs = await contentHashesAt(s.path, [rest, s.contentBytes]);
    if (theirs !== null && theirs[1] === s.contentHash && theirs[0] === mine.hash) return { source: s, lines: mine.newlines };
  }
  return null;
}

/** Whether a source's path no longer holds its content: gone, or starting with other bytes (rotated away). */
export async function movedAway(path: string, headHash: string): Promise<boolean> {
  try {
    return (await readHead(path)).hash !== headHash;
  } catch {
    return !statOrNothing(path);
  }
}

/** Content read back before where reading resumes, at most, for the lines a repeat line there may repeat. */
const LOOK_BACK_BYTES = 8 * 1024;
/** Lines handed over from there, at most: syslogd writes its repeat line again while the message keeps coming. */
const LINES_BEFORE = 8;

/**
 * The last lines of the content before `bytes` (read before, and not read again), oldest first: a file that goes on
 * with syslogd's `last message repeated N times` (or syslog-ng's) repeats the line before it, which a reading of the
 * rest alone does not know (a live log read between a line and its repeat). Empty at the start of the content,
 * when it cannot be read, and for a file that may hold nothing after them (see mayHoldMore: a bzip2, xz or zstd
 * file is not looked into); a line longer than LOOK_BACK_BYTES is not given.
 */
export async function linesBefore(file: FileToRead, encoding: Encoding, bytes: number): Promise<string[]> {
  // Only for a file that goes on after them: a compressed file read again with nothing new is not inflated twice.
  if (bytes <= 0 || !(encoding === 'plain' ? file.size > bytes : await mayHoldMore(file, encoding, bytes))) return [];
  const from = Math.max(0, bytes - LOOK_BACK_BYTES);
  const content = await contentAt(file.path, from, bytes - from);
  if (content === null || content.length !== bytes - from) return [];
  const lines = content.toString('utf8').split('\n');
  // The content ends with a newline (or in a line without one, read as whole: line-reader.ts skippedOpenLine).
  if (lines[lines.length - 1] === '') lines.pop();
  // The first piece is part of a line, unless the content starts there.
  if (from > 0) lines.shift();
  return lines.slice(-LINES_BEFORE);
}
