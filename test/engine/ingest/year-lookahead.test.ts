import { describe, expect, it } from 'vitest';
import { FirstYearCheck, lookAheadForYear } from '../../../src-main/engine/ingest/year-lookahead';
import type { BlockSource } from '../../../src-main/engine/ingest/parse-file';
import type { ScanEnd, ScannedBlock } from '../../../src-main/engine/ingest/scan-file';

/** The year FirstYearCheck imposes after `lines`, and whether they decided it. */
function check(lines: string[], mtime: string): { decided: boolean; year: number | undefined } {
  const c = new FirstYearCheck(new Date(mtime));
  for (const line of lines) c.see(line);
  return { decided: c.decided, year: c.year() };
}

describe('FirstYearCheck', () => {
  it('decides at the first stamp that fits the mtime without the slack, imposing nothing', () => {
    expect(check(['Mar  3 10:00:00 host dovecot: x'], '2024-06-30T12:00:00Z')).toEqual({ decided: true, year: undefined });
    // Later in the year than the mtime: the year before, as ever.
    expect(check(['Dec 12 11:19:11 x'], '2005-08-14T10:00:00Z')).toEqual({ decided: true, year: undefined });
  });

  it('decides at a first stamp that carries its year', () => {
    expect(check(['2023-11-25 10:12:21 auth: Info: x', 'Jan  1 00:00:01 x'], '2023-12-31T23:00:00Z')).toEqual({ decided: true, year: undefined });
  });

  it('waits past lines without a stamp', () => {
    expect(check(['garbage', ''], '2023-12-31T23:00:00Z')).toEqual({ decided: false, year: undefined });
  });

  it('keeps a fresh file started after local midnight, in a zone ahead of UTC, in the later year', () => {
    // Written from 00:00 to 00:40 local time (UTC+1), last written at 23:40 UTC on Dec 31.
    const lines = ['Jan  1 00:00:02 a', 'Jan  1 00:12:00 b', 'Jan  1 00:40:00 c'];
    expect(check(lines, '2023-12-31T23:40:00Z')).toEqual({ decided: false, year: undefined });
  });

  it('gives a file spanning the year before its mtime that year, at its first line past the mtime', () => {
    const lines = ['Jan  1 00:05:03 a', 'Jan  1 18:00:00 b', 'Jan  2 00:00:01 c', 'Dec 31 23:59:59 d'];
    const c = new FirstYearCheck(new Date('2023-12-31T23:59:59Z'));
    c.see(lines[0]);
    c.see(lines[1]);
    expect(c.decided).toBe(false);
    c.see(lines[2]);
    expect({ decided: c.decided, year: c.year() }).toEqual({ decided: true, year: 2023 });
  });

  it('does the same away from New Year: a year of logs from Nov 29 whose file was last written on Nov 28 UTC', () => {
    const lines = ['Nov 29 00:30:00 a', 'Nov 30 09:00:00 b'];
    expect(check(lines, '2026-11-28T23:45:00Z')).toEqual({ decided: true, year: 2025 });
  });
});

/** A block of whole lines, every one of them a candidate. */
function block(lines: string[]): ScannedBlock {
  const text = lines.map((l) => `${l}\n`).join('');
  const buf = new Uint8Array(Buffer.from(text, 'utf8'));
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    ends.push(at + Buffer.byteLength(line));
    at += Buffer.byteLength(line) + 1;
  }
  return {
    buf, starts: Int32Array.from(starts), ends: Int32Array.from(ends), lineInBlock: Int32Array.from(lines.map((_, i) => i + 1)),
    lines: lines.length, cut: 0, nulLines: 0, utf8: true, fileBytes: at, contentBytes: at, contentHash: 'h', openFrom: null,
  };
}

const END: ScanEnd = { prefixMatched: true, contentBytes: 0, contentHash: 'h', damagedCompression: null, trailingBytes: 0, error: null };

/** A block source over `blocks` that records how far it was read and whether it was stopped. */
function source(blocks: ScannedBlock[]): { gen: BlockSource; taken: () => number; stopped: () => boolean } {
  let taken = 0;
  let stopped = false;
  async function* gen(): BlockSource {
    let over = false;
    try {
      for (const b of blocks) {
        taken++;
        yield b;
      }
      over = true;
      return END;
    } finally {
      if (!over) stopped = true;
    }
  }
  return { gen: gen(), taken: () => taken, stopped: () => stopped };
}

async function drain(blocks: BlockSource): Promise<{ lines: number[]; end: ScanEnd }> {
  const lines: number[] = [];
  for (;;) {
    const next = await blocks.next();
    if (next.done) return { lines, end: next.value };
    lines.push(next.value.lines);
  }
}

describe('lookAheadForYear', () => {
  const yearLong = [block(['Jan  1 00:05:03 a']), block(['Jan  1 13:00:00 b', 'Jan  1 20:00:00 c']), block(['Jan  2 00:00:01 d']), block(['Dec 31 23:59:59 e', 'x', 'y', 'z'])];

  it('holds blocks only until they decide, then gives every block back in order', async () => {
    const s = source(yearLong);
    const { year, blocks } = await lookAheadForYear(s.gen, new Date('2023-12-31T23:59:59Z'));
    expect(year).toBe(2023);
    expect(s.taken()).toBe(3);
    const { lines, end } = await drain(blocks);
    expect(lines).toEqual([1, 2, 1, 4]);
    expect(end).toBe(END);
  });

  it('reads a file that never decides to its end, and gives its end back', async () => {
    const s = source([block(['Jan  1 00:00:02 a']), block(['Jan  1 00:40:00 b'])]);
    const { year, blocks } = await lookAheadForYear(s.gen, new Date('2023-12-31T23:40:00Z'));
    expect(year).toBeUndefined();
    expect(await drain(blocks)).toEqual({ lines: [1, 1], end: END });
  });

  it('holds nothing for an ordinary file', async () => {
    const s = source([block(['Mar  3 10:00:00 a']), block(['Mar  4 10:00:00 b'])]);
    const { year } = await lookAheadForYear(s.gen, new Date('2024-06-30T12:00:00Z'));
    expect(year).toBeUndefined();
    expect(s.taken()).toBe(1);
  });

  it('stops the scan when the parser stops early, whether among the held blocks or after them', async () => {
    for (const take of [1, 3]) {
      const s = source(yearLong);
      const { blocks } = await lookAheadForYear(s.gen, new Date('2023-12-31T23:59:59Z'));
      for (let i = 0; i < take; i++) await blocks.next();
      await blocks.return(undefined as never);
      expect(s.stopped()).toBe(true);
    }
  });
});
