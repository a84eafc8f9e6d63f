// Finds the lines of a block worth parsing without decoding the others. A mail log is mostly deliveries
// and other programs' lines; decoding and splitting all of them costs more than parsing the few that mention
// authentication. The block's bytes are searched for the keywords (ASCII, so they match exactly even inside
// UTF-8 text) by a SIMD kernel (keyword-scan/); the parser decodes only the lines found, as UTF-8. Where the
// kernel cannot run, or for a file whose every line is a candidate, the block is viewed as latin1 (one char
// per byte, so string offsets are byte offsets) and searched with one regex, with the same result.
import { keywordsOutside, type CompiledFormatSet } from '../formats/index';
import { JOURNAL_BYTES_MESSAGE_STARTS } from '../parse/structured-line';
import { TeddyKeywordScan, type KeywordSet } from './keyword-scan/keyword-scan';
import { MAX_LINE_BYTES } from './line-reader';

export interface CandidateLines {
  /** Byte offsets of each candidate line (end excluded, without its newline; cut at MAX_LINE_BYTES). */
  starts: Int32Array;
  ends: Int32Array;
  /** 1-based line number of each candidate within the block. */
  lineInBlock: Int32Array;
  /** Lines in the block. */
  lines: number;
  /** Candidate lines cut at MAX_LINE_BYTES. */
  cut: number;
}

/**
 * A block is searched a slice of about this many bytes at a time, each as a latin1 string of its own. Strings
 * this small are made in V8's young generation, whose memory is used again and again; a string of a whole block
 * (a MiB) gets memory of its own each time (Node makes it outside V8's heap), touched for the first time. A new
 * engine's first ingest of the bench's log took about a seventh less CPU so, a warm engine's the same
 * (docs/performance.md).
 */
const SLICE_BYTES = 64 * 1024;

/** The candidate lines found so far in a block, and its lines so far. */
interface Found {
  starts: number[];
  ends: number[];
  numbers: number[];
  lineNo: number;
  cut: number;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  let p = text.indexOf('\n', from);
  while (p !== -1 && p < to) {
    n++;
    p = text.indexOf('\n', p + 1);
  }
  return n;
}

/**
 * What a log line starts with: a stamp's digit (2023-11-12, 1699780800), a month's capital (Nov 12), TAI64N's @,
 * a syslog priority's <, a JSON line's {, a bracketed stamp's [.
 */
const LINE_START = /[0-9A-Z@<{[]/;
const STARTS_A_LINE = new Uint8Array(256).map((_, b) => (LINE_START.test(String.fromCharCode(b)) ? 1 : 0));

/**
 * Where a line goes on after the zeros of a hole (line-reader.ts): a file system gives back zeros for what it
 * had not written out when the machine went down, from a page boundary (often within a line) to where the
 * logger had got to; the logger's next line starts right after them, with no newline between. What comes
 * before the zeros is a line cut short. Lines are asked about in order, so the block is searched once.
 */
class HoleFinder {
  /** The next NUL at or after where the last line asked about started, or -1 when there are no more. */
  private next: number;

  constructor(private readonly bytes: Buffer) {
    this.next = bytes.indexOf(0);
  }

  /**
   * Where the line from `start` to `end` goes on after its last hole (its start when it has none). Zeros
   * followed by what cannot start a log line (`dovecot: \0map-login:`) are a byte or two mangled within the
   * line, not a hole: the line is kept whole (the parser then shows it as it is, see parse-file.ts).
   */
  afterLastHole(start: number, end: number): number {
    const bytes = this.bytes;
    if (this.next !== -1 && this.next < start) this.next = bytes.indexOf(0, start);
    let from = start;
    while (this.next !== -1 && this.next < end) {
      let after = this.next + 1;
      while (after < bytes.length && bytes[after] === 0) after++;
      if (after < end && STARTS_A_LINE[bytes[after]] === 1) from = after;
      this.next = after < bytes.length ? bytes.indexOf(0, after) : -1;
    }
    return from;
  }
}

export class CandidateScanner {
  private readonly keywords: KeywordSet;
  /** The regex the keyword scan stands for: the search where the kernel cannot run, and every line's test in an untagged file. */
  private readonly regex: RegExp;
  /** The SIMD scan, made at the first block (whose start chooses its fingerprints); null where it cannot run. */
  private teddy: TeddyKeywordScan | null | undefined;

  /**
   * `everyLine`: each line that is not empty is a candidate (a file whose lines carry no tag, see line-parser.ts:
   * untagged). `kernel: false` searches with the regex alone, as where the kernel cannot run: the reference the
   * kernel's results are tested against.
   */
  constructor(formats: CompiledFormatSet, everyLine = false, { kernel = true }: { kernel?: boolean } = {}) {
    // The parser ignores any line without a prefilter word (suspicious lines are judged only among those),
    // so exactly these lines can change a verdict; and a journal's JSON line whose message is bytes, whose
    // words only the parser sees, once it has decoded them (parse/structured-line.ts). The prefilter words
    // are tags, which an untagged file's lines lack; the parser reads each of those. A match ends after the
    // line's first character, as a keyword's match ends inside its line.
    this.keywords = { keywords: [...formats.prefilterWords.keywords, ...JOURNAL_BYTES_MESSAGE_STARTS], ignores: formats.prefilterWords.ignores };
    this.regex = everyLine ? /^[^\n]/gm : new RegExp(keywordsOutside(this.keywords.keywords, this.keywords.ignores).source, 'g');
    if (everyLine || !kernel) this.teddy = null;
  }

  /** Finds the candidate lines of a block of whole lines (each ending with a newline). */
  scan(buf: Uint8Array): CandidateLines {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const found: Found = { starts: [], ends: [], numbers: [], lineNo: 0, cut: 0 };
    if (this.teddy === undefined) this.teddy = TeddyKeywordScan.create(this.keywords, bytes);
    if (this.teddy) this.scanWithKernel(this.teddy, bytes, found);
    else this.scanWithRegex(bytes, found);
    return {
      starts: Int32Array.from(found.starts), ends: Int32Array.from(found.ends), lineInBlock: Int32Array.from(found.numbers),
      lines: found.lineNo, cut: found.cut,
    };
  }

  private scanWithKernel(teddy: TeddyKeywordScan, bytes: Buffer, found: Found): void {
    const holes = new HoleFinder(bytes);
    let openLine = 0; // 1 when the last candidate is a last line without a newline
    const newlines = teddy.forEach(bytes, (at, newlinesBefore) => {
      const lineStart = bytes.lastIndexOf(10, at) + 1;
      let end = bytes.indexOf(10, at);
      if (end === -1) {
        end = bytes.length;
        openLine = 1;
      }
      addLine(found, holes.afterLastHole(lineStart, end), end, newlinesBefore + 1, 0);
      return end + 1;
    });
    found.lineNo = newlines + openLine;
  }

  private scanWithRegex(bytes: Buffer, found: Found): void {
    // Slices of whole lines (a line longer than a slice is a slice of its own).
    for (let from = 0; from < bytes.length;) {
      let to = bytes.length;
      if (from + SLICE_BYTES < bytes.length) {
        const lastNewline = bytes.lastIndexOf(10, from + SLICE_BYTES - 1);
        const nextNewline = lastNewline >= from ? lastNewline : bytes.indexOf(10, from + SLICE_BYTES);
        if (nextNewline !== -1) to = nextNewline + 1;
      }
      this.scanSlice(bytes, bytes.toString('latin1', from, to), from, found);
      from = to;
    }
  }

  /** Adds the candidate lines of `text`, whole lines that start at byte `offset` of `bytes`, to `found`. */
  private scanSlice(bytes: Buffer, text: string, offset: number, found: Found): void {
    const re = this.regex;
    re.lastIndex = 0;
    let lineNo = found.lineNo;
    let counted = 0; // offset up to which newlines have been counted
    const holes = new HoleFinder(bytes.subarray(offset, offset + text.length));
    // test() rather than exec(): no match array per line; lastIndex is the end of the keyword.
    while (re.test(text)) {
      const at = re.lastIndex - 1;
      const lineStart = text.lastIndexOf('\n', at) + 1;
      let end = text.indexOf('\n', at);
      if (end === -1) end = text.length;
      lineNo += countNewlines(text, counted, lineStart) + 1;
      addLine(found, holes.afterLastHole(lineStart, end), end, lineNo, offset);
      counted = end + 1;
      re.lastIndex = end + 1;
    }
    found.lineNo = lineNo + countNewlines(text, counted, text.length);
  }
}

/** Adds the candidate line from `start` to `end` (byte offsets from `offset`), cut at MAX_LINE_BYTES. */
function addLine(found: Found, start: number, end: number, lineNo: number, offset: number): void {
  let stop = end;
  if (stop - start > MAX_LINE_BYTES) {
    stop = start + MAX_LINE_BYTES;
    found.cut++;
  }
  found.starts.push(offset + start);
  found.ends.push(offset + stop);
  found.numbers.push(lineNo);
}
