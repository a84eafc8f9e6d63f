// Finds the lines of a block worth parsing without decoding the others. A mail log is mostly deliveries
// and other programs' lines; decoding and splitting all of them costs more than parsing the few that mention
// authentication. The block is viewed as latin1 (one char per byte, so string offsets are byte offsets and
// ASCII keywords match exactly even inside UTF-8 text), searched with one regex, and only the lines that
// contain a keyword are decoded as UTF-8.
import type { CompiledFormatSet } from '../formats/index';
import { MAX_LINE_BYTES, decodeLine } from './line-reader';

export interface ScanResult {
  /** Lines in the block. */
  lines: number;
  /** Lines handed to the callback. */
  candidates: number;
  /** Candidate lines cut at MAX_LINE_BYTES. */
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

export class CandidateScanner {
  private readonly keywords: RegExp;

  constructor(formats: CompiledFormatSet) {
    // The parser ignores any line without a prefilter word (suspicious lines are judged only among those),
    // so exactly these lines can change a verdict.
    this.keywords = new RegExp(formats.prefilter.source, 'g');
  }

  /** Calls `onLine(text, lineNumber)` for each candidate; `firstLine` is the number of lines before the block. */
  scan(buf: Buffer, linesBefore: number, onLine: (text: string, lineNumber: number) => void): ScanResult {
    const text = buf.toString('latin1');
    const re = this.keywords;
    re.lastIndex = 0;
    let lineNo = linesBefore;
    let counted = 0; // offset up to which newlines have been counted
    let candidates = 0;
    let cut = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = text.lastIndexOf('\n', m.index) + 1;
      const end = text.indexOf('\n', m.index);
      lineNo += countNewlines(text, counted, start) + 1;
      let stop = end;
      if (stop - start > MAX_LINE_BYTES) {
        stop = start + MAX_LINE_BYTES;
        cut++;
      }
      candidates++;
      onLine(decodeLine(buf, start, stop), lineNo);
      counted = end + 1;
      re.lastIndex = end + 1;
    }
    lineNo += countNewlines(text, counted, text.length);
    return { lines: lineNo - linesBefore, candidates, cut };
  }
}
