// Turns one file's scanned blocks (scan-file.ts) into counted attempts and logins: the CPU-heavy part of an
// ingest. It knows nothing of the database, so it can run in its own thread while the case's owner inserts.
import type { UnparsedPattern } from '../../shared/api';
import { programOfFormat, type LogProgram } from '../formats/index';
import { LogLineParser, MAX_ATTEMPTS_PER_LINE, quotesMessageOf, type UntaggedProgram } from '../parse/line-parser';
import type { MonthDay, YearLessSpan } from '../parse/timestamp';
import { SessionJoiner, type JoinSink, type ServiceFix, type SessionMemory } from '../parse/session-join';
import { isSshdOrigin } from '../parse/ssh-connections';
import { isSmtpAuthOrigin, type AttemptRecord, type AuthEvent, type LoginRecord, type QuotedMessage } from '../parse/types';
import { MAX_UNPARSED_PATTERNS, SAMPLES_PER_PATTERN, unparsedPattern } from '../parse/unparsed-pattern';
import { ColumnBuilder, withoutPasswords, type AttemptColumns, type LoginColumns } from '../parse/record-columns';
import type { CompressionDamage } from './damage';
import { EMPTY_CONTENT_HASH, MAX_LINE_BYTES, decodeLine, type Encoding } from './line-reader';
import { isOneLineBlock, scanFile, type ScanEnd, type ScannedBlock } from './scan-file';
import { lookAheadForYear } from './year-lookahead';

const BATCH = 8192;
/**
 * A file's first batches are smaller, doubling up to BATCH: the case's owner starts inserting (and warming its
 * code) while the parser goes on, rather than after a small file's whole parse.
 */
const FIRST_BATCH = 1024;
const UNPARSED_SAMPLE_CHARS = 2000;

export interface ParseFileInput {
  path: string;
  encoding: Encoding;
  /** The file's modification time (ms), which anchors the year of year-less stamps. */
  mtimeMs: number;
  /** The year of the first year-less stamp; of the file's first line when `firstDay` (its month and day) is given. */
  year?: number;
  firstDay?: MonthDay;
  /** Resume: content bytes and lines already in the case, and the hash those bytes must have. */
  skipBytes: number;
  skipLines: number;
  skipHash: string | null;
  /** What the join kept of the sessions at the end of the part read before (resume only). */
  joinMemory?: SessionMemory[];
  /** Resume: the last lines of the content skipped, oldest first, which a repeat line after them repeats (resume-point.ts: linesBefore). */
  linesBefore?: string[];
  /** The content skipped ends in a line without a newline, read as whole (line-reader.ts: skippedOpenLine). */
  skippedOpenLine?: boolean;
  /** What the join knew of the starts of newer files of its rotation, read before (session-join.ts: startsOfLaterFiles). */
  laterStarts?: SessionMemory[];
  /** The program that wrote the file, whose lines carry no tag (untagged-file.ts). */
  untagged?: UntaggedProgram;
  /** Its head shows every line written twice (every-line-twice.ts): every event line that is the line before it again is a copy. */
  everyLineTwice?: boolean;
}

export interface ParseCounts {
  lines: number;
  attemptLines: number;
  loginLines: number;
  ignoredLines: number;
  unparsedLines: number;
  /** Of the unparsed lines, those a format read but whose stamp the reader does not know. */
  unstamped: number;
  /** Of the attempt and login lines, those without any stamp (line-parser.ts: Undated). */
  undated: number;
  /** Of those, the ones dated at the file's last change (no stamped line came before them). */
  undatedAtFileTime: number;
  /** Of the unparsed lines, failed logins whose client sshd names by host name (UseDNS yes), not by address. */
  hostNamed: number;
  cut: number;
  /** Lines holding NUL bytes (a file damaged on disk): read as they are. */
  nulLines: number;
  /** Lines read for logins that hold bytes that are not UTF-8 (a Latin-1 log): each such byte became U+FFFD. */
  notUtf8Lines: number;
  /** Of the attempt lines, those the system's PAM module wrote (origin system-pam), not dovecot. */
  systemPamLines: number;
  /** Attempt lines that were postfix's word on a failed SMTP AUTH. */
  postfixSaslLines: number;
  /** Of the attempt lines, those sshd wrote. */
  sshdLines: number;
  /** Of the attempt lines, those dovecot's auth process wrote. */
  dovecotAuthLines: number;
  /** Of the ignored lines, those that were the line before them again, word for word (sameLineAgain). */
  writtenTwice: number;
}

export interface ParseFileResult {
  /** False when the file does not start with the content to skip: nothing was read (see ingest-file.ts). */
  prefixMatched: boolean;
  counts: ParseCounts;
  unparsed: UnparsedPattern[];
  contentBytes: number;
  contentHash: string;
  /** Line number of the last line read (lines before the resume point included). */
  lastLine: number;
  damagedCompression: CompressionDamage | null;
  /** Bytes after a gzip file's last member that are not gzip (trailing garbage), not read. */
  trailingBytes: number;
  error: string | null;
  cancelled: boolean;
  /** What the join kept of the last sessions, for the part of the file a later ingest reads. */
  joinMemory: SessionMemory[];
  /** Lines whose stamp is on a day that does not exist (Feb 29 of a year without one), and the first such day. */
  impossibleDays: { count: number; example: string | null };
  /**
   * Stamps whose jump from the line before (a week and more, or a New Year) would have dated them after the file's
   * modification time, read in the year before (parse/timestamp.ts, rule 6): parts put together out of time order.
   */
  readBackBeforeFile: number;
  /** The content's last line when it has no newline, null when it ends with one. */
  openLine: OpenLine | null;
  /** The time the lines without a stamp before any stamped one were dated at (counts.undatedAtFileTime). */
  fileTime: number;
  /** The programs whose lines without any stamp were counted (counts.undated). */
  undatedPrograms: LogProgram[];
  /** What the join knew of the sessions of the file's first minutes (session-join.ts: startMemory). */
  startMemory: SessionMemory[];
}

/**
 * A last line without a newline, read as a whole line. If syslog was still writing it, the file grows on from
 * inside it, and a later ingest reads it again, whole (ingest-file.ts): that reading starts where the line
 * does, as the next part of the file, and takes back what this one added for it.
 */
export interface OpenLine {
  /** Content bytes before the line, and their hash. */
  bytes: number;
  hash: string;
  /** Its line number. */
  line: number;
  /** What the join knew before it (SessionJoiner.memoryIfFlushed). */
  memory: SessionMemory[];
  /** How it was counted: one of the kinds of line (and of the attempt lines, which). */
  counted: Pick<ParseCounts, 'attemptLines' | 'loginLines' | 'ignoredLines' | 'unparsedLines' | 'systemPamLines' | 'postfixSaslLines' | 'sshdLines'>
    & Partial<Pick<ParseCounts, 'dovecotAuthLines'>>;
  /** When it was an unparsed line: the shape it was kept under, and its sample. */
  unparsed: { pattern: string; sample: string } | null;
}

/**
 * Where parsed records go, as columns (the shape that crosses threads and that the store reads). `records`
 * may return a promise to hold the reader back (bounded memory).
 */
export interface ParseSink {
  /**
   * A batch: its attempts and logins, and the services found since the batch before for rows emitted before
   * (session-join.ts: ServiceFix), to give once the batch's rows are in.
   */
  records(attempts: AttemptColumns, logins: LoginColumns, fixes: ServiceFix[]): void | Promise<void>;
  progress(fileBytes: number, lines: number): void;
  cancelled(): boolean;
  /**
   * Every line is parsed, and the last records are about to be handed over: what the join knew at the end
   * can go to the next file of the rotation chain now, while those records go into the case.
   */
  joinEnded?(end: JoinEnd): void;
}

/** What the join knew at the end of a file, and whether that end is the file's. */
export interface JoinEnd {
  memory: SessionMemory[];
  /** False when the file did not start with the content to skip (see ParseFileResult). */
  prefixMatched: boolean;
  /** False when reading stopped early (an error, a damaged gzip stream, a cancel). */
  whole: boolean;
  /**
   * Where the year-less stamps of the lines parsed start and how far they reach, as dated: a file read forward
   * from its mtime that ends after it is read again, counted back (ingest-file.ts), and its memory is then that
   * reading's.
   */
  yearLessSpan: YearLessSpan | null;
}

const OTHER_PATTERNS = '(other patterns)';

/** Groups unparsed lines by shape and keeps a few samples of each, so the user sees what was not understood. */
class UnparsedSamples {
  private readonly byPattern = new Map<string, UnparsedPattern>();
  private others = 0;

  /** The shape of the last line added. */
  lastPattern: string | null = null;

  add(line: string): void {
    const pattern = unparsedPattern(line);
    this.lastPattern = pattern;
    let entry = this.byPattern.get(pattern);
    if (!entry) {
      if (this.byPattern.size >= MAX_UNPARSED_PATTERNS) {
        this.others++;
        this.lastPattern = OTHER_PATTERNS;
        return;
      }
      entry = { pattern, count: 0, samples: [] };
      this.byPattern.set(pattern, entry);
    }
    entry.count++;
    if (entry.samples.length < SAMPLES_PER_PATTERN) entry.samples.push(line.slice(0, UNPARSED_SAMPLE_CHARS));
  }

  list(): UnparsedPattern[] {
    const out = [...this.byPattern.values()].sort((a, b) => b.count - a.count);
    if (this.others) out.push({ pattern: OTHER_PATTERNS, count: this.others, samples: [] });
    return out;
  }
}

/** The scanned blocks of a file: scanFile in this thread, or blocks arriving from the scan worker. */
export type BlockSource = AsyncGenerator<ScannedBlock, ScanEnd>;

/**
 * Where a file's joined records go: the columns of the batch being built. A class rather than closures made
 * per file, so that every file's join calls the same two functions: V8 inlines a call target it has seen,
 * and a new target at each file threw the join's optimised code away (measured with --trace-deopt).
 */
class BatchColumns implements JoinSink {
  readonly attempts = new ColumnBuilder();
  readonly logins = new ColumnBuilder();
  private fixes: ServiceFix[] = [];

  get size(): number {
    return this.attempts.size + this.logins.size + this.fixes.length;
  }

  serviceOf(fix: ServiceFix): void {
    this.fixes.push(fix);
  }

  attempt(record: AttemptRecord): void {
    this.attempts.add(record);
  }

  login(record: LoginRecord): void {
    this.logins.add(record);
  }

  /** Hands the batch so far to `sink` (which may hold the reader back), and starts a new one. */
  async handTo(sink: ParseSink): Promise<void> {
    if (!this.size) return;
    const fixes = this.fixes;
    this.fixes = [];
    await sink.records(this.attempts.take(), withoutPasswords(this.logins.take()), fixes);
  }
}

/**
 * Whether a repeat line repeats `line`, the event line before it: syslogd's always does; syslog-ng's (quoted) only
 * when it names that line's program and message.
 */
function repeatsLine(repeat: { quoted?: QuotedMessage }, line: string): boolean {
  return !repeat.quoted || quotesMessageOf(line, repeat.quoted);
}

/**
 * Whether `line` (number `n`) is the line before it written a second time: word for word, stamp included, right
 * after it, and a line that is never written twice for one event: a successful login (one per connection, or per
 * message and queue id for postfix), or a dovecot line of a session (`session=<...>`, `<session>`), whose closing
 * line comes once and whose auth process fails a try at most once a second (auth_failure_delay). A logger that
 * writes one message twice (two rsyslog rules sending mail.* to one file) doubles every line. sshd's and
 * postfix's failures may be alike in one second and still be two tries (a client that sends the same password
 * again at once), and are not taken for copies.
 */
function sameLineAgain(previous: { line: number; text: string; own?: boolean }, line: string, n: number, event: AuthEvent, everyLineTwice: boolean): boolean {
  if (previous.line !== n - 1 || previous.own !== true || previous.text !== line) return false;
  if (event.kind === 'login-ok' || everyLineTwice) return true;
  return event.session !== null && (event.kind === 'login-fail' || event.origin === 'auth');
}

/** Parses a file's candidate lines one by one: each event goes to the join, and each line is counted. */
class LineTally {
  readonly counts: ParseCounts = { lines: 0, attemptLines: 0, loginLines: 0, ignoredLines: 0, unparsedLines: 0, unstamped: 0, undated: 0, undatedAtFileTime: 0, hostNamed: 0, cut: 0, nulLines: 0, notUtf8Lines: 0, systemPamLines: 0, postfixSaslLines: 0, sshdLines: 0, dovecotAuthLines: 0, writtenTwice: 0 };
  readonly unparsed = new UnparsedSamples();
  /** The programs whose lines without any stamp were counted (for the advice on exporting them with stamps). */
  readonly undatedPrograms = new Set<LogProgram>();
  /**
   * The event of the last line parsed, when it gave one, that line's number and text (for a `repeat` line after
   * it); `own` when that line was the event's own, not a repeat line standing for it.
   */
  private previous: { event: AuthEvent; line: number; text: string; own?: boolean } | null = null;

  /** See ParseFileInput.everyLineTwice. */
  constructor(readonly parser: LogLineParser, private readonly joiner: SessionJoiner, private readonly everyLineTwice = false) {}

  /**
   * The scan found a prefilter keyword in each line it hands over (`whole`), so the parser need not look
   * again, except in a line cut at MAX_LINE_BYTES, whose keyword may lie in the part cut off. `suspect` when
   * the line's block holds NUL bytes or bytes that are not UTF-8 (rare): only then is the line looked at for
   * them, as the scan already looked at every block.
   */
  line(line: string, n: number, whole: boolean, suspect: boolean): void {
    if (suspect) {
      if (line.includes('\0')) {
        this.nulLine(line);
        return;
      }
      // A user name or password in Latin-1 (café) decodes with U+FFFD for its byte: it is kept so, and said.
      if (line.includes('\uFFFD')) this.counts.notUtf8Lines++;
    }
    this.parsed(line, n, whole);
  }

  /**
   * Takes the lines before the first one read (read by an earlier ingest, and not counted again) as the lines a
   * repeat line at the start repeats: a live log read between a line and syslogd's repeat of it. They are parsed
   * by a parser of their own, so that the stamps they hold are not taken for the file's.
   */
  follow(lines: readonly string[], lastLine: number, parser: LogLineParser): void {
    let previous: { event: AuthEvent; text: string } | null = null;
    for (const line of lines) {
      const verdict = line.includes('\0') ? null : parser.parse(line);
      if (verdict?.kind === 'event') previous = { event: verdict.event, text: line };
      else if (verdict?.kind !== 'repeat' || (previous && !repeatsLine(verdict, previous.text))) previous = null;
    }
    this.previous = previous && { ...previous, line: lastLine };
  }

  private nulLine(line: string): void {
    this.previous = null;
    // Damaged on disk (the file's report says so): whatever a format made of its broken words (a service
    // "map" from "\0map-login", a stamp it no longer reads) would be a guess, so it is shown as it is.
    this.counts.unparsedLines++;
    this.unparsed.add(line);
  }

  private parsed(line: string, n: number, whole: boolean): void {
    const verdict = whole ? this.parser.parseCandidate(line) : this.parser.parse(line);
    const previous = this.previous;
    this.previous = null;
    switch (verdict.kind) {
      case 'event':
        if (previous !== null && sameLineAgain(previous, line, n, verdict.event, this.everyLineTwice)) {
          this.counts.ignoredLines++;
          this.counts.writtenTwice++;
          // In a file of pairs, the line after a copy starts a pair of its own: two alike tries of sshd's, written
          // twice each, are four alike lines. A line of a session is never a session's twice, as it was.
          this.previous = { ...previous, line: n, own: !this.everyLineTwice };
          break;
        }
        this.eventLine(verdict.event);
        if (verdict.event.undated !== undefined) {
          this.counts.undated++;
          if (verdict.event.undated === 'file-time') this.counts.undatedAtFileTime++;
          const format = this.parser.decidedBy();
          if (format !== null) this.undatedPrograms.add(programOfFormat(format));
        }
        // A line that stands for several alike (line-parser.ts: REPEATED) is each of them, as if logged again
        // (the join keeps no event by its identity).
        for (let k = 0; k < (verdict.times ?? 1); k++) this.joiner.push(verdict.event, n);
        this.previous = { event: verdict.event, line: n, text: line, own: true };
        break;
      case 'repeat': {
        // syslogd's `last message repeated N times` (line-parser.ts: LAST_REPEATED) right after an event's line is
        // that line N more times, the last at its own stamp; after any other line (a delivery, which the scan
        // passed over), it repeats nothing counted.
        if (previous === null || previous.line !== n - 1 || !repeatsLine(verdict, previous.text)) {
          this.counts.ignoredLines++;
          break;
        }
        this.eventLine(previous.event);
        const event = { ...previous.event, ts: verdict.ts };
        const perLine = event.kind === 'login-fail' ? event.attempts : 1;
        const times = Math.max(1, Math.min(verdict.times, Math.floor(MAX_ATTEMPTS_PER_LINE / perLine)));
        for (let k = 0; k < times; k++) this.joiner.push(event, n);
        // syslogd writes it again every while the message keeps coming: the next one repeats the same line. This
        // line is not that line's own: the line after it, alike, is the message come again (sameLineAgain).
        this.previous = { ...previous, line: n, own: false };
        break;
      }
      case 'ignored':
        this.counts.ignoredLines++;
        break;
      default:
        this.counts.unparsedLines++;
        if ('reason' in verdict) {
          if (verdict.reason === 'no-timestamp') this.counts.unstamped++;
          else if (verdict.reason === 'host-name') this.counts.hostNamed++;
        }
        this.unparsed.add(line);
    }
  }

  private eventLine(event: AuthEvent): void {
    if (event.kind === 'login-ok') this.counts.loginLines++;
    else {
      this.counts.attemptLines++;
      if (event.kind === 'auth-fail' && event.origin === 'system-pam') this.counts.systemPamLines++;
      else if (event.kind === 'auth-fail' && isSmtpAuthOrigin(event.origin)) this.counts.postfixSaslLines++;
      else if (event.kind === 'auth-fail' && isSshdOrigin(event.origin)) this.counts.sshdLines++;
      else if (event.kind === 'auth-fail' && event.origin === 'auth') this.counts.dovecotAuthLines++;
    }
  }
}

/**
 * Parses a file's lines (as `scanned` hands them over) and joins them into attempts for `sink`. The join starts
 * with `input.joinMemory`, or with `joinMemoryLater` once it comes: the memory of the file before this one in its
 * chain, which may still be being parsed while this one's blocks are read.
 */
export async function parseFile(
  input: ParseFileInput, sink: ParseSink, scanned: BlockSource = scanFile(input), joinMemoryLater?: Promise<SessionMemory[] | null>,
): Promise<ParseFileResult> {
  const reference = new Date(input.mtimeMs);
  let year = input.year;
  let source = scanned;
  if (year === undefined) ({ year, blocks: source } = await lookAheadForYear(scanned, reference));
  const batch = new BatchColumns();
  const joiner = new SessionJoiner(batch);
  const memory = joinMemoryLater ? await joinMemoryLater : input.joinMemory;
  if (memory) joiner.remember(memory);
  if (input.laterStarts) joiner.startsOfLaterFiles(input.laterStarts);
  const parserOptions = { reference, year, firstDay: input.firstDay, untagged: input.untagged };
  const tally = new LineTally(new LogLineParser(parserOptions), joiner, input.everyLineTwice);
  const { counts, unparsed } = tally;
  if (input.linesBefore?.length) tally.follow(input.linesBefore, input.skipLines, new LogLineParser(parserOptions));
  let lineNo = input.skipLines;
  let cancelled = false;
  // Where the parsed lines end: after a cancel, a later ingest resumes exactly there.
  let contentBytes = input.skipBytes;
  let contentHash = input.skipHash ?? EMPTY_CONTENT_HASH;
  let end: ScanEnd | null = null;
  let handAt = FIRST_BATCH;
  let openLine: OpenLine | null = null;
  // The last line cut at MAX_LINE_BYTES, as an open line would be kept: the content may end inside it.
  let lastCutLine: Omit<OpenLine, 'bytes' | 'hash'> | null = null;

  for (;;) {
    const next = await source.next();
    if (next.done) {
      end = next.value;
      break;
    }
    const block = next.value;
    // Only lines that mention authentication are decoded and parsed; the rest are counted as ignored.
    const buf = Buffer.from(block.buf.buffer, block.buf.byteOffset, block.buf.byteLength);
    const { starts, ends, lineInBlock } = block;
    const suspect = block.nulLines > 0 || !block.utf8;
    const openFrom = block.openFrom;
    // A block the reader cut is that one line (rare): what the join knew before it is kept, as for an open line.
    const lookBack = isOneLineBlock(block);
    const before = lookBack ? { ...counts } : null;
    const memoryBefore = lookBack ? joiner.memoryIfFlushed() : null;
    if (lookBack) unparsed.lastPattern = null;
    for (let i = 0; i < starts.length; i++) {
      tally.line(decodeLine(buf, starts[i], ends[i]), lineNo + lineInBlock[i], ends[i] - starts[i] < MAX_LINE_BYTES, suspect);
    }
    counts.ignoredLines += block.lines - starts.length;
    if (before && memoryBefore) {
      const counted = {
        attemptLines: counts.attemptLines - before.attemptLines, loginLines: counts.loginLines - before.loginLines,
        ignoredLines: counts.ignoredLines - before.ignoredLines, unparsedLines: counts.unparsedLines - before.unparsedLines,
        systemPamLines: counts.systemPamLines - before.systemPamLines, postfixSaslLines: counts.postfixSaslLines - before.postfixSaslLines,
        sshdLines: counts.sshdLines - before.sshdLines, dovecotAuthLines: counts.dovecotAuthLines - before.dovecotAuthLines,
      };
      const pattern = counted.unparsedLines ? unparsed.lastPattern : null;
      const line = {
        line: lineNo + 1, memory: memoryBefore, counted,
        unparsed: pattern === null ? null : { pattern, sample: decodeLine(buf, 0, buf.length - 1).slice(0, UNPARSED_SAMPLE_CHARS) },
      };
      if (openFrom) openLine = { bytes: openFrom.bytes, hash: openFrom.hash, ...line };
      else lastCutLine = line;
    }
    lineNo += block.lines;
    counts.cut += block.cut;
    counts.nulLines += block.nulLines;
    contentBytes = block.contentBytes;
    contentHash = block.contentHash;
    // The lines first, then the attempts found in them: told the other way round, a host showed a file's first
    // block as "0 lines · 937 attempts" (and every later one a block behind).
    sink.progress(block.fileBytes, lineNo);
    if (batch.size >= handAt) {
      await batch.handTo(sink);
      handAt = Math.min(BATCH, handAt * 2);
    }
    if (sink.cancelled()) {
      cancelled = true;
      await source.return(undefined as never);
      break;
    }
  }
  const joinMemory = joiner.flush();
  sink.joinEnded?.({
    memory: joinMemory, prefixMatched: end?.prefixMatched ?? true, whole: !cancelled && !end?.error && !end?.damagedCompression,
    yearLessSpan: tally.parser.yearLessSpan(),
  });
  await batch.handTo(sink);
  counts.lines = lineNo - input.skipLines;
  if (end) ({ contentBytes, contentHash } = end);
  // Content that ends inside a line cut at MAX_LINE_BYTES ends in an open line too: a later ingest reads it again.
  if (!openLine && end?.endsInCutLine && lastCutLine?.line === lineNo) openLine = { ...end.endsInCutLine, ...lastCutLine };
  return {
    prefixMatched: end?.prefixMatched ?? true,
    counts, unparsed: unparsed.list(), contentBytes, contentHash, lastLine: lineNo,
    damagedCompression: end?.damagedCompression ?? null, trailingBytes: end?.trailingBytes ?? 0, error: end?.error ?? null, cancelled, joinMemory,
    impossibleDays: tally.parser.impossibleDays(),
    readBackBeforeFile: tally.parser.readBackBeforeFile(),
    fileTime: tally.parser.fileTime(),
    undatedPrograms: [...tally.undatedPrograms],
    // A reading that stopped early ends with a whole line.
    openLine: cancelled || end?.error || end?.damagedCompression ? null : openLine,
    startMemory: joiner.startMemory,
  };
}
