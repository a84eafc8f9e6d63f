// Reads one log file into the case: recognises content already ingested (a rotated or compressed copy, or a
// file that grew), parses every line, joins the two lines dovecot writes per try, and accounts for every line.
import type { SourceReport, UnparsedPattern } from '../../shared/api';
import type { AttemptRecord, LoginRecord } from '../parse/types';
import { DovecotLineParser } from '../parse/line-parser';
import { dovecotFormats } from '../formats/index';
import { SessionJoiner } from '../parse/session-join';
import { unparsedPattern } from '../parse/unparsed-pattern';
import type { CaseStore } from '../store/case-store';
import { ContentHasher, MAX_LINE_BYTES, TruncatedGzipError, readHead, readLineBlocks, readLines, sniffEncoding, type Encoding } from './line-reader';
import { CandidateScanner } from './candidate-lines';
import { formatTs } from '../wall-clock';

const BATCH = 16_384;
const MAX_PATTERNS = 50;
const SAMPLES_PER_PATTERN = 3;

export interface FileIngestProgress {
  fileBytes: number;
  lines: number;
  attempts: number;
}

export interface FileIngestOptions {
  year?: number;
  signal?: AbortSignal;
  onProgress?: (p: FileIngestProgress) => void;
}

export interface FileIngestOutcome {
  report: SourceReport;
  state: 'done' | 'skipped' | 'failed' | 'cancelled';
  attemptsAdded: number;
  loginsAdded: number;
}

/** Groups unparsed lines by shape and keeps a few samples of each, so the user sees what was not understood. */
class UnparsedSamples {
  private readonly byPattern = new Map<string, UnparsedPattern>();
  private others = 0;

  add(line: string): void {
    const pattern = unparsedPattern(line);
    let entry = this.byPattern.get(pattern);
    if (!entry) {
      if (this.byPattern.size >= MAX_PATTERNS) {
        this.others++;
        return;
      }
      entry = { pattern, count: 0, samples: [] };
      this.byPattern.set(pattern, entry);
    }
    entry.count++;
    if (entry.samples.length < SAMPLES_PER_PATTERN) entry.samples.push(line.slice(0, 2000));
  }

  list(): UnparsedPattern[] {
    const out = [...this.byPattern.values()].sort((a, b) => b.count - a.count);
    if (this.others) out.push({ pattern: '(other patterns)', count: this.others, samples: [] });
    return out;
  }
}

function emptyReport(path: string, encoding: Encoding, bytes: number): SourceReport {
  return {
    path, encoding, bytes, lines: 0, attemptLines: 0, loginLines: 0, ignoredLines: 0, unparsedLines: 0,
    attempts: 0, logins: 0, firstTs: null, lastTs: null, notes: [], warnings: [], errors: [], unparsed: [],
  };
}

export async function ingestFile(store: CaseStore, file: { path: string; size: number; mtimeMs: number }, options: FileIngestOptions = {}): Promise<FileIngestOutcome> {
  let encoding: Encoding;
  try {
    encoding = await sniffEncoding(file.path);
  } catch (e) {
    const report = emptyReport(file.path, 'plain', file.size);
    report.errors.push(`cannot read: ${(e as Error).message}`);
    return { report, state: 'failed', attemptsAdded: 0, loginsAdded: 0 };
  }
  const head = await readHead(file.path, encoding);
  if (head.binary) {
    const report = emptyReport(file.path, encoding, file.size);
    report.errors.push('not a text log: the file holds binary data');
    return { report, state: 'failed', attemptsAdded: 0, loginsAdded: 0 };
  }

  // Same first bytes as a file ingested before: it is that file again, maybe grown or rotated.
  const lineage = store.findSourcesByHeadHash(head.hash).sort((a, b) => b.contentBytes - a.contentBytes)[0];
  if (lineage) {
    const resumed = await tryResume(store, file, encoding, head.hash, lineage, options);
    if (resumed) return resumed;
  }
  return readFrom(store, file, encoding, head.hash, null, options);
}

type Lineage = ReturnType<CaseStore['findSourcesByHeadHash']>[number];

async function tryResume(store: CaseStore, file: { path: string; size: number; mtimeMs: number }, encoding: Encoding, headHash: string,
  lineage: Lineage, options: FileIngestOptions): Promise<FileIngestOutcome | null> {
  // Hash the first contentBytes of this file; if they match what was ingested, only the tail is new.
  let matched = false;
  let more = false;
  try {
    for await (const _ of readLines(file.path, encoding, {
      skipBytes: lineage.contentBytes, signal: options.signal,
      onSkipped: (prefixHash) => (matched = prefixHash === lineage.contentHash),
    })) {
      more = true;
      break;
    }
  } catch {
    return null;
  }
  if (!matched) return null;
  if (!more) {
    const report = emptyReport(file.path, encoding, file.size);
    report.notes.push(`same content as ${lineage.path}, already in the case (${lineage.lines} lines)`);
    return { report, state: 'skipped', attemptsAdded: 0, loginsAdded: 0 };
  }
  return readFrom(store, file, encoding, headHash, lineage, options);
}

async function readFrom(store: CaseStore, file: { path: string; size: number; mtimeMs: number }, encoding: Encoding, headHash: string,
  lineage: Lineage | null, options: FileIngestOptions): Promise<FileIngestOutcome> {
  const report = emptyReport(file.path, encoding, file.size);
  const sourceId = lineage
    ? store.resumeSource(lineage.id, file.path)
    : store.beginSource({ path: file.path, encoding, headHash, mtime: file.mtimeMs });
  if (lineage) report.notes.push(`continues ${lineage.path}: its first ${lineage.lines} lines are already in the case`);

  const parser = new DovecotLineParser({ reference: new Date(file.mtimeMs), year: options.year });
  const attempts: AttemptRecord[] = [];
  const logins: LoginRecord[] = [];
  let firstTs = Infinity;
  let lastTs = -Infinity;
  const joiner = new SessionJoiner({
    attempt: (r) => { attempts.push(r); },
    login: (r) => { logins.push(r); },
  });
  const unparsed = new UnparsedSamples();
  const hasher = new ContentHasher();
  let lineNo = lineage ? lineage.lines : 0;
  let contentBytes = lineage ? lineage.contentBytes : 0;
  let fileBytes = 0;
  let cut = 0;
  let attemptsAdded = 0;
  let loginsAdded = 0;
  let state: FileIngestOutcome['state'] = 'done';

  const flush = (): void => {
    for (const r of attempts) { if (r.ts < firstTs) firstTs = r.ts; if (r.ts > lastTs) lastTs = r.ts; }
    if (attempts.length) attemptsAdded += store.addAttempts(sourceId, attempts);
    if (logins.length) loginsAdded += store.addLogins(sourceId, logins);
    attempts.length = 0;
    logins.length = 0;
  };

  const scanner = new CandidateScanner(dovecotFormats);
  const handle = (line: string, n: number): void => {
    const verdict = parser.parse(line);
    switch (verdict.kind) {
      case 'event':
        if (verdict.event.kind === 'login-ok') report.loginLines++;
        else report.attemptLines++;
        joiner.push(verdict.event, n);
        break;
      case 'ignored':
        report.ignoredLines++;
        break;
      default:
        report.unparsedLines++;
        unparsed.add(line);
    }
  };

  try {
    for await (const block of readLineBlocks(file.path, encoding, {
      skipBytes: lineage?.contentBytes, hasher, signal: options.signal,
      onSkipped: (h) => h === lineage?.contentHash,
    })) {
      // Only lines that mention authentication are decoded and parsed; the rest are counted as ignored.
      const scanned = scanner.scan(block.buf, lineNo, handle);
      report.ignoredLines += scanned.lines - scanned.candidates;
      lineNo += scanned.lines;
      cut += scanned.cut + (block.cut ? 1 : 0);
      contentBytes = block.contentBytes;
      fileBytes = block.fileBytes;
      if (attempts.length + logins.length >= BATCH) flush();
      options.onProgress?.({ fileBytes, lines: lineNo, attempts: attemptsAdded + attempts.length });
      if (options.signal?.aborted) {
        state = 'cancelled';
        break;
      }
    }
  } catch (e) {
    if (e instanceof TruncatedGzipError) {
      report.warnings.push(`the gzip stream ends early (${e.message}); the ${lineNo - (lineage?.lines ?? 0)} lines before the damage were read`);
    } else {
      report.errors.push(`reading stopped after line ${lineNo}: ${(e as Error).message}`);
      state = 'failed';
    }
  }
  if (options.signal?.aborted) state = 'cancelled';
  joiner.flush();
  flush();

  if (cut) report.warnings.push(`${cut} line(s) longer than ${MAX_LINE_BYTES / 1024} KiB were cut to that length`);
  if (state === 'cancelled') report.notes.push(`cancelled after line ${lineNo}; ingesting the file again continues from there`);
  report.lines = lineNo - (lineage?.lines ?? 0);
  report.attempts = attemptsAdded;
  report.logins = loginsAdded;
  report.firstTs = Number.isFinite(firstTs) ? formatTs(firstTs) : null;
  report.lastTs = Number.isFinite(lastTs) ? formatTs(lastTs) : null;
  report.unparsed = unparsed.list();
  store.finishSource(sourceId, {
    ...report,
    contentHash: hasher.current(),
    contentBytes,
    totalLines: lineNo,
  });
  return { report, state, attemptsAdded, loginsAdded };
}
