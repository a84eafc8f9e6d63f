// The first stage of parsing a file: read its content (plain or compressed), hash it, and find the lines worth
// parsing, without decoding any line. It runs in its own thread ahead of the parser (see scan-worker.ts),
// so reading, hashing and the keyword scan of one file overlap with parsing and inserting its lines.
import { isUtf8 } from 'node:buffer';
import { builtInFormats } from '../formats/index';
import type { UntaggedProgram } from '../parse/line-parser';
import { CandidateScanner } from './candidate-lines';
import type { CompressionDamage } from './damage';
import { ContentHasher, DamagedCompressionError, readLineBlocks, type Encoding, type OpenLineStart } from './line-reader';

export interface ScanFileInput {
  path: string;
  encoding: Encoding;
  /** Resume: content bytes already in the case, and the hash those bytes must have. */
  skipBytes: number;
  skipHash: string | null;
  /** The skipped content ends in a line without a newline (line-reader.ts: ReadLinesOptions.skippedOpenLine). */
  skippedOpenLine?: boolean;
  /** The program of a file whose lines carry no tag (untagged-file.ts): each of its lines is a candidate. */
  untagged?: UntaggedProgram;
}

/** A block of whole lines and where its candidate lines are; line numbers count from the block's start. */
export interface ScannedBlock {
  /**
   * The block's bytes. The scan thread hands over its candidate lines' alone, one after the other, unless the
   * block is one line (scan-worker.ts: candidateBytes): nothing else of a block is read after the scan.
   */
  buf: Uint8Array;
  /** Byte offsets in `buf` of each candidate line (end excluded, without the newline, cut when too long). */
  starts: Int32Array;
  ends: Int32Array;
  /** 1-based line number of each candidate within the block. */
  lineInBlock: Int32Array;
  /** Lines in the block. */
  lines: number;
  /** Lines cut at MAX_LINE_BYTES. */
  cut: number;
  /** Lines holding NUL bytes (stray ones: holes of zeros are dropped before a line, see line-reader.ts). */
  nulLines: number;
  /** Whether the block is all UTF-8 (as it nearly always is): its lines then need no look for U+FFFD. */
  utf8: boolean;
  /** File bytes read so far (compressed bytes for gzip), for progress. */
  fileBytes: number;
  /** Content bytes up to the end of this block, and their hash: where a later ingest resumes. */
  contentBytes: number;
  contentHash: string;
  /** Where the content's last line starts when the block is that line and it has no newline (line-reader.ts: LineBlock.openFrom). */
  openFrom: OpenLineStart | null;
}

/**
 * A block that is one line, open (the content's last, without a newline) or cut at MAX_LINE_BYTES: the parser
 * keeps that line's text for the line's report (parse-file.ts), candidate or not.
 */
export function isOneLineBlock(block: Pick<ScannedBlock, 'openFrom' | 'cut' | 'lines'>): boolean {
  return block.openFrom !== null || (block.cut > 0 && block.lines === 1);
}

/** How reading ended: the hash of every content byte read, and the damage met, if any. */
export interface ScanEnd {
  /** False when the file does not start with the content to skip (a different file): nothing was read. */
  prefixMatched: boolean;
  contentBytes: number;
  contentHash: string;
  damagedCompression: CompressionDamage | null;
  /** Bytes after a gzip file's last member that are not gzip (trailing garbage), not read. */
  trailingBytes: number;
  error: string | null;
  /** Where the content's last line starts when it ends inside a line cut at MAX_LINE_BYTES (line-reader.ts: onEndInCutLine). */
  endsInCutLine?: OpenLineStart | null;
}

/**
 * Yields the file's blocks with their candidate lines, and returns how reading ended. Never throws for a
 * bad file: damage ends the scan and is reported in the ScanEnd.
 */
export async function* scanFile(input: ScanFileInput): AsyncGenerator<ScannedBlock, ScanEnd> {
  const hasher = new ContentHasher();
  const scanner = new CandidateScanner(builtInFormats, input.untagged !== undefined);
  let damagedCompression: CompressionDamage | null = null;
  let error: string | null = null;
  let prefixMatched = input.skipBytes === 0;
  let trailingBytes = 0;
  let endsInCutLine: OpenLineStart | null = null;
  try {
    for await (const block of readLineBlocks(input.path, input.encoding, {
      skipBytes: input.skipBytes, skippedOpenLine: input.skippedOpenLine, hasher,
      onSkipped: (h) => (prefixMatched = h === input.skipHash),
      onTrailingBytes: (n) => (trailingBytes = n),
      onEndInCutLine: (start) => (endsInCutLine = start),
    })) {
      const found = scanner.scan(block.buf);
      yield {
        buf: block.buf, starts: found.starts, ends: found.ends, lineInBlock: found.lineInBlock,
        lines: found.lines, cut: found.cut + (block.cut ? 1 : 0), nulLines: linesWithNul(block.buf), utf8: isUtf8(block.buf),
        fileBytes: block.fileBytes, contentBytes: block.contentBytes, contentHash: hasher.current(),
        openFrom: block.openFrom,
      };
    }
  } catch (e) {
    if (e instanceof DamagedCompressionError) damagedCompression = { message: e.message, foundAtEnd: e.foundAtEnd, cutLineBytes: e.cutLineBytes };
    else error = (e as Error).message;
  }
  return { prefixMatched, contentBytes: hasher.bytes, contentHash: hasher.current(), damagedCompression, trailingBytes, error, endsInCutLine };
}

/** Lines of a block of whole lines that hold a NUL byte: one search of the block, as a log has none. */
function linesWithNul(block: Uint8Array): number {
  let lines = 0;
  for (let at = block.indexOf(0); at !== -1; at = block.indexOf(0, at)) {
    lines++;
    const end = block.indexOf(10, at);
    if (end === -1) break;
    at = end + 1;
  }
  return lines;
}
