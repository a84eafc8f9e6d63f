// Reads one file's lines and turns them into counted attempts and logins: the CPU-heavy half of an ingest.
// It knows nothing of the database, so it can run in its own thread while the case's owner inserts.
import type { UnparsedPattern } from '../../shared/api';
import { dovecotFormats } from '../formats/index';
import { DovecotLineParser } from '../parse/line-parser';
import { SessionJoiner } from '../parse/session-join';
import type { AttemptRecord, LoginRecord } from '../parse/types';
import { unparsedPattern } from '../parse/unparsed-pattern';
import { CandidateScanner } from './candidate-lines';
import { ContentHasher, TruncatedGzipError, readLineBlocks, type Encoding } from './line-reader';

const BATCH = 16_384;
const MAX_PATTERNS = 50;
const SAMPLES_PER_PATTERN = 3;

export interface ParseFileInput {
  path: string;
  encoding: Encoding;
  /** The file's modification time (ms), which anchors the year of year-less stamps. */
  mtimeMs: number;
  year?: number;
  /** Resume: content bytes and lines already in the case, and the hash those bytes must have. */
  skipBytes: number;
  skipLines: number;
  skipHash: string | null;
}

export interface ParseCounts {
  lines: number;
  attemptLines: number;
  loginLines: number;
  ignoredLines: number;
  unparsedLines: number;
  cut: number;
}

export interface ParseFileResult {
  counts: ParseCounts;
  unparsed: UnparsedPattern[];
  contentBytes: number;
  contentHash: string;
  /** Line number of the last line read (lines before the resume point included). */
  lastLine: number;
  truncatedGzip: string | null;
  error: string | null;
  cancelled: boolean;
}

/** Where parsed records go. `records` may return a promise to hold the reader back (bounded memory). */
export interface ParseSink {
  records(attempts: AttemptRecord[], logins: LoginRecord[]): void | Promise<void>;
  progress(fileBytes: number, lines: number): void;
  cancelled(): boolean;
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

export async function parseFile(input: ParseFileInput, sink: ParseSink): Promise<ParseFileResult> {
  const parser = new DovecotLineParser({ reference: new Date(input.mtimeMs), year: input.year });
  let attempts: AttemptRecord[] = [];
  let logins: LoginRecord[] = [];
  const joiner = new SessionJoiner({ attempt: (r) => { attempts.push(r); }, login: (r) => { logins.push(r); } });
  const counts: ParseCounts = { lines: 0, attemptLines: 0, loginLines: 0, ignoredLines: 0, unparsedLines: 0, cut: 0 };
  const unparsed = new UnparsedSamples();
  const hasher = new ContentHasher();
  const scanner = new CandidateScanner(dovecotFormats);
  let lineNo = input.skipLines;
  let contentBytes = input.skipBytes;
  let truncatedGzip: string | null = null;
  let error: string | null = null;
  let cancelled = false;

  const handle = (line: string, n: number): void => {
    const verdict = parser.parse(line);
    switch (verdict.kind) {
      case 'event':
        if (verdict.event.kind === 'login-ok') counts.loginLines++;
        else counts.attemptLines++;
        joiner.push(verdict.event, n);
        break;
      case 'ignored':
        counts.ignoredLines++;
        break;
      default:
        counts.unparsedLines++;
        unparsed.add(line);
    }
  };
  const hand = async (): Promise<void> => {
    if (!attempts.length && !logins.length) return;
    const a = attempts;
    const l = logins;
    attempts = [];
    logins = [];
    await sink.records(a, l);
  };

  try {
    for await (const block of readLineBlocks(input.path, input.encoding, {
      skipBytes: input.skipBytes, hasher,
      onSkipped: (h) => h === input.skipHash,
    })) {
      // Only lines that mention authentication are decoded and parsed; the rest are counted as ignored.
      const scanned = scanner.scan(block.buf, lineNo, handle);
      counts.ignoredLines += scanned.lines - scanned.candidates;
      lineNo += scanned.lines;
      counts.cut += scanned.cut + (block.cut ? 1 : 0);
      contentBytes = block.contentBytes;
      if (attempts.length + logins.length >= BATCH) await hand();
      sink.progress(block.fileBytes, lineNo);
      if (sink.cancelled()) {
        cancelled = true;
        break;
      }
    }
  } catch (e) {
    if (e instanceof TruncatedGzipError) truncatedGzip = e.message;
    else error = (e as Error).message;
  }
  joiner.flush();
  await hand();
  counts.lines = lineNo - input.skipLines;
  return {
    counts, unparsed: unparsed.list(), contentBytes, contentHash: hasher.current(), lastLine: lineNo,
    truncatedGzip, error, cancelled,
  };
}
