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
    const sources = new Map<number, ReadContent>();
    const byId = (id: number): ReadContent | undefined => {
      const content = sources.get(id) ?? store.readContentOf(id);
      if (content) sources.set(id, content);
      return content;
    };
    const sourceOf: (ReadContent | undefined)[] = [];
    for (const ref of wanted) {
      if (ref.sourceId !== undefined) {
        sourceOf.push(byId(ref.sourceId));
        continue;
      }
      const atPath = store.readContentsAt(ref.source);
      let current = atPath[0];
      for (const content of atPath) {
        if ((await check(content)) === 'holds') {
          current = content;
          break;
        }
      }
      sourceOf.push(current);
    }
    for (const content of sourceOf) if (content) sources.set(content.id, content);
    const linesOf = new Map<number, Set<number>>();
    wanted.forEach((ref, i) => {
      const id = sourceOf[i]?.id;
      if (id === undefined) return;
      if (!linesOf.has(id)) linesOf.set(id, new Set());
      linesOf.get(id)!.add(ref.line);
    });
    const found = new Map<string, string>();
    for (const [id, lines] of linesOf) {
      const content = sources.get(id)!;
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
