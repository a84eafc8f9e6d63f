// Fetches the original text of given lines from the evidence files, so an analyst can read exactly what
// the log said. The case stores only file and line number: the files stay the source of truth.
import fs from 'node:fs';
import type { RawLine } from '../../shared/api';
import { unpackMember } from './archives';
import { readLines, sniffEncoding } from './line-reader';

const MAX_REFS = 2000;

export async function readRawLines(refs: { source: string; line: number }[]): Promise<RawLine[]> {
  const wanted = refs.slice(0, MAX_REFS);
  const bySource = new Map<string, Set<number>>();
  for (const r of wanted) {
    if (!bySource.has(r.source)) bySource.set(r.source, new Set());
    bySource.get(r.source)!.add(r.line);
  }
  const found = new Map<string, string>();
  for (const [source, lines] of bySource) {
    const last = Math.max(...lines);
    // A file read from an archive is read there again (archives.ts).
    const member = fs.existsSync(source) ? null : await unpackMember(source);
    const file = member?.path ?? source;
    try {
      let n = 0;
      outer: for await (const batch of readLines(file, await sniffEncoding(file))) {
        for (const text of batch.lines) {
          n++;
          if (lines.has(n)) found.set(`${source}\n${n}`, text);
          if (n >= last) break outer;
        }
      }
    } catch {
      // The file moved or is damaged: those lines come back with text null.
    } finally {
      await member?.cleanUp();
    }
  }
  return wanted.map((r) => ({ source: r.source, line: r.line, text: found.get(`${r.source}\n${r.line}`) ?? null }));
}
