// Fetches the original text of given lines from the evidence files, so an analyst can read exactly what
// the log said. The case stores only file and line number: the files stay the source of truth, as long as the
// file at a source's path still holds what the case read there (read-content-check.ts); when it holds other
// content, its line of that number is another line, and the line is said to be gone instead.
import fs from 'node:fs';
import type { RawLine, RawLineRef } from '../../shared/api';
import type { CaseStore, ReadContent } from '../store/case-store';
import { unpackMember } from './archives';
import { checkReadContent, type ReadContentCheck } from './read-content-check';
import { readLines, sniffEncoding } from './line-reader';

const MAX_REFS = 2000;

/** A file to read lines from: the path itself, or its archive member unpacked (archives.ts). */
interface OpenedFile {
  file: string;
  cleanUp?: () => Promise<void>;
}

export async function readRawLines(store: CaseStore, refs: readonly RawLineRef[]): Promise<RawLine[]> {
  const wanted = refs.slice(0, MAX_REFS);
  const opened = new Map<string, Promise<OpenedFile>>();
  const open = (shown: string): Promise<OpenedFile> => {
    if (!opened.has(shown)) {
      opened.set(shown, fs.existsSync(shown)
        ? Promise.resolve({ file: shown })
        : unpackMember(shown).then((member) => (member ? { file: member.path, cleanUp: member.cleanUp } : { file: shown })));
    }
    return opened.get(shown)!;
  };
  const checks = new Map<number, ReadContentCheck>();
  const check = async (content: ReadContent): Promise<ReadContentCheck> => {
    if (!checks.has(content.id)) checks.set(content.id, await checkReadContent((await open(content.path)).file, content));
    return checks.get(content.id)!;
  };
  try {
    // Each line's source: the one its id names, else the last read from its path whose content the file there holds.
    const byId = new Map<number, ReadContent | undefined>();
    const byPath = new Map<string, ReadContent | undefined>();
    const sourceOf: (ReadContent | undefined)[] = [];
    for (const ref of wanted) {
      if (ref.sourceId !== undefined) {
        if (!byId.has(ref.sourceId)) byId.set(ref.sourceId, store.readContentOf(ref.sourceId));
        sourceOf.push(byId.get(ref.sourceId));
        continue;
      }
      if (!byPath.has(ref.source)) {
        const atPath = store.readContentsAt(ref.source);
        let current = atPath[0];
        for (const content of atPath) {
          if ((await check(content)) !== 'holds') continue;
          current = content;
          break;
        }
        byPath.set(ref.source, current);
      }
      sourceOf.push(byPath.get(ref.source));
    }
    const linesOf = new Map<number, { content: ReadContent; lines: Set<number> }>();
    sourceOf.forEach((content, i) => {
      if (!content) return;
      if (!linesOf.has(content.id)) linesOf.set(content.id, { content, lines: new Set() });
      linesOf.get(content.id)!.lines.add(wanted[i].line);
    });
    const found = new Map<string, string>();
    for (const [id, { content, lines }] of linesOf) {
      if ((await check(content)) !== 'holds') continue;
      const { file } = await open(content.path);
      const last = Math.max(...lines);
      try {
        let n = 0;
        outer: for await (const batch of readLines(file, await sniffEncoding(file))) {
          for (const text of batch.lines) {
            n++;
            if (lines.has(n)) found.set(`${id}\n${n}`, text);
            if (n >= last) break outer;
          }
        }
      } catch {
        // The file is damaged: those lines come back unreadable.
      }
    }
    return Promise.all(wanted.map(async (ref, i): Promise<RawLine> => {
      const content = sourceOf[i];
      // A source asked for by an id not of the case, or a path the case never read: nothing is read.
      if (!content) return { source: ref.source, line: ref.line, text: null, status: 'unreadable' };
      const source = content.path;
      if ((await check(content)) === 'other') return { source, line: ref.line, text: null, status: 'replaced', readAt: content.readAt };
      const text = found.get(`${content.id}\n${ref.line}`) ?? null;
      return { source, line: ref.line, text, status: text === null ? 'unreadable' : 'read' };
    }));
  } finally {
    for (const file of opened.values()) await (await file).cleanUp?.();
  }
}
