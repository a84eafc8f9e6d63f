// The year of a file's year-less stamps, when its first stamp cannot tell it alone. A first stamp that fits
// the mtime's year only through the time-zone slack (`Jan  1 00:05` in a file last written on Dec 31, 23:59
// UTC) is either a fresh file started a few hours before its mtime, in a zone ahead of UTC, or a file that
// spans the whole year before it (Jan 1 to Dec 31, 2023, as an archive or a copy keeps its mtime). Dated
// from the first stamp alone, the second would land a whole year late. The lines after it tell them apart: a
// stamp past the mtime cannot be in a file written before it. So the blocks are held, and their stamps read,
// until one tells or there is no more to read; the parser then gets the year (parse/timestamp.ts, rule 4).
// Every other file is decided by its first stamp and nothing is held.
import { STAMP_PREFIX_CHARS, StampReader } from '../parse/timestamp';
import { decodeLine } from './line-reader';
import type { BlockSource } from './parse-file';
import type { ScanEnd, ScannedBlock } from './scan-file';

/**
 * Held at most: a fresh file has only a day of lines in it, and a day past its start decides a year-long one.
 * Past this much, the file is taken as fresh (its lines are still that close to its mtime). It bounds memory:
 * blocks from the scan thread hold only their candidate lines (scan-worker.ts), so there it is reached further
 * into the file than when the parser scans in its own thread, which holds whole blocks.
 */
const MAX_HELD_BYTES = 32 * 1024 * 1024;

/** Reads the stamps of a file's first lines until the year of its first year-less stamp is known. */
export class FirstYearCheck {
  private readonly reader: StampReader;
  private decidedYear: number | undefined;
  private done = false;

  constructor(reference: Date) {
    this.reader = new StampReader({ reference });
  }

  /** Whether the lines read so far decide; year() is then the year to give the parser. */
  get decided(): boolean {
    return this.done;
  }

  /** The year of the first year-less stamp to impose, or undefined when the mtime's reading stands. */
  year(): number | undefined {
    return this.decidedYear;
  }

  /** Reads one line's stamp (only its start is needed). */
  see(line: string): void {
    if (this.done || this.reader.read(line) === null) return;
    const stamps = this.reader.yearLessSpan();
    if (stamps === null || !stamps.firstStretched) {
      // The first stamp carries its own year, or fits the mtime without the slack: nothing to doubt.
      this.done = true;
    } else if (this.reader.pastReference()) {
      this.decidedYear = stamps.firstYear - 1;
      this.done = true;
    }
  }
}

/** The stamp-bearing start of each candidate line of a block, as the parser would read it. */
function* candidateStarts(block: ScannedBlock): Generator<string> {
  const buf = Buffer.from(block.buf.buffer, block.buf.byteOffset, block.buf.byteLength);
  for (let i = 0; i < block.starts.length; i++) yield decodeLine(buf, block.starts[i], Math.min(block.ends[i], block.starts[i] + STAMP_PREFIX_CHARS));
}

/** Gives the held blocks again, then the rest of `source`; a return() stops `source` too. */
async function* replay(held: ScannedBlock[], source: BlockSource, end: ScanEnd | null): BlockSource {
  let finished = false;
  try {
    while (held.length) yield held.shift() as ScannedBlock;
    const result = end ?? (yield* source);
    finished = true;
    return result;
  } finally {
    if (!finished && end === null) await source.return(undefined as never);
  }
}

/**
 * The year to give the parser for `source` (undefined: infer it from `reference` as usual), and the blocks
 * to parse, the held ones first.
 */
export async function lookAheadForYear(source: BlockSource, reference: Date): Promise<{ year: number | undefined; blocks: BlockSource }> {
  const check = new FirstYearCheck(reference);
  const held: ScannedBlock[] = [];
  let heldBytes = 0;
  let end: ScanEnd | null = null;
  while (!check.decided && heldBytes < MAX_HELD_BYTES) {
    const next = await source.next();
    if (next.done) {
      end = next.value;
      break;
    }
    held.push(next.value);
    heldBytes += next.value.buf.byteLength;
    for (const start of candidateStarts(next.value)) {
      check.see(start);
      if (check.decided) break;
    }
  }
  return { year: check.year(), blocks: replay(held, source, end) };
}
