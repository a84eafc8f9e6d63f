// Finds the lines of a block worth parsing without decoding the others. A mail log is mostly deliveries
// and other programs' lines; decoding and splitting all of them costs more than parsing the few that mention
// authentication. The block is viewed as latin1 (one char per byte, so string offsets are byte offsets and
// ASCII keywords match exactly even inside UTF-8 text) and searched with one regex; the parser decodes only
// the lines found, as UTF-8.
import type { CompiledFormatSet } from '../formats/index';
import { JOURNAL_BYTES_MESSAGE } from '../parse/structured-line';
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

/**
 * Where a line goes on after the zeros of a hole (line-reader.ts): a file system gives back zeros for what it
 * had not written out when the machine went down, from a page boundary (often within a line) to where the
 * logger had got to; the logger's next line starts right after them, with no newline between. What comes
 * before the zeros is a line cut short. Lines are asked about in order, so the block is searched once.
 */
class HoleFinder {
  /** The next NUL at or after where the last line asked about started, or -1 when there are no more. */
  private next: number;

  constructor(private readonly text: string) {
    this.next = text.indexOf('\0');
  }

  /**
   * Where the line from `start` to `end` goes on after its last hole (its start when it has none). Zeros
   * followed by what cannot start a log line (`dovecot: \0map-login:`) are a byte or two mangled within the
   * line, not a hole: the line is kept whole (the parser then shows it as it is, see parse-file.ts).
   */
  afterLastHole(start: number, end: number): number {
    const text = this.text;
    if (this.next !== -1 && this.next < start) this.next = text.indexOf('\0', start);
    let from = start;
    while (this.next !== -1 && this.next < end) {
      let after = this.next + 1;
      while (text.charCodeAt(after) === 0) after++;
      if (after < end && LINE_START.test(text[after])) from = after;
      this.next = text.indexOf('\0', after);
    }
    return from;
  }
}

export class CandidateScanner {
  private readonly keywords: RegExp;

  /** `everyLine`: each line that is not empty is a candidate (a file whose lines carry no tag, see line-parser.ts: untagged). */
  constructor(formats: CompiledFormatSet, everyLine = false) {
    // The parser ignores any line without a prefilter word (suspicious lines are judged only among those),
    // so exactly these lines can change a verdict; and a journal's JSON line whose message is bytes, whose
    // words only the parser sees, once it has decoded them (parse/structured-line.ts). The prefilter words
    // are tags, which an untagged file's lines lack; the parser reads each of those. A match ends after the
    // line's first character, as a keyword's match ends inside its line.
    this.keywords = everyLine ? /^[^\n]/gm : new RegExp(`${formats.prefilter.source}|${JOURNAL_BYTES_MESSAGE.source}`, 'g');
  }

  /** Finds the candidate lines of a block of whole lines (each ending with a newline). */
  scan(buf: Uint8Array): CandidateLines {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const found: Found = { starts: [], ends: [], numbers: [], lineNo: 0, cut: 0 };
    // Slices of whole lines (a line longer than a slice is a slice of its own).
    for (let from = 0; from < bytes.length;) {
      let to = bytes.length;
      if (from + SLICE_BYTES < bytes.length) {
        const lastNewline = bytes.lastIndexOf(10, from + SLICE_BYTES - 1);
        const nextNewline = lastNewline >= from ? lastNewline : bytes.indexOf(10, from + SLICE_BYTES);
        if (nextNewline !== -1) to = nextNewline + 1;
      }
      this.scanSlice(bytes.toString('latin1', from, to), from, found);
      from = to;
    }
    return {
      starts: Int32Array.from(found.starts), ends: Int32Array.from(found.ends), lineInBlock: Int32Array.from(found.numbers),
      lines: found.lineNo, cut: found.cut,
    };
  }

  /** Adds the candidate lines of `text`, whole lines that start at byte `offset` of their block, to `found`. */
  private scanSlice(text: string, offset: number, found: Found): void {
    const re = this.keywords;
    re.lastIndex = 0;
    const { starts, ends, numbers } = found;
    let lineNo = found.lineNo;
    let counted = 0; // offset up to which newlines have been counted
    const holes = new HoleFinder(text);
    // test() rather than exec(): no match array per line; lastIndex is the end of the keyword.
    while (re.test(text)) {
      const at = re.lastIndex - 1;
      const lineStart = text.lastIndexOf('\n', at) + 1;
      let end = text.indexOf('\n', at);
      if (end === -1) end = text.length;
      lineNo += countNewlines(text, counted, lineStart) + 1;
      const start = holes.afterLastHole(lineStart, end);
      let stop = end;
      if (stop - start > MAX_LINE_BYTES) {
        stop = start + MAX_LINE_BYTES;
        found.cut++;
      }
      starts.push(offset + start);
      ends.push(offset + stop);
      numbers.push(lineNo);
      counted = end + 1;
      re.lastIndex = end + 1;
    }
    found.lineNo = lineNo + countNewlines(text, counted, text.length);
  }
}
