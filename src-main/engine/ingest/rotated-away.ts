// Where the lines the case read from a path went once that path holds a new file: logrotate renamed the file the
// case read (mail.log) to mail.log.1 (or mail.log-20231112, compressed or not), and a new mail.log began. The case
// names sources by path and attempts by line number, so the raw-line viewer would show the new file's lines for
// the old attempts; the source is moved to the rotated file that holds its content.
import fs from 'node:fs';
import path from 'node:path';
import type { CaseStore } from '../store/case-store';
import { rotationBase } from './collect-files';
import { contentHashesAt, sniffEncoding } from './line-reader';
import { movedAway } from './resume-point';

/** Rotated files beside a path compared with a source, at most: the newest first (the rotation just made). */
const MAX_ROTATIONS_TRIED = 3;

export interface RotatedAway {
  /** The path the case named for the lines. */
  from: string;
  /** Where they are now, or null when no rotated file beside the path holds them. */
  to: string | null;
  lines: number;
  /** The file they are in holds more after them (written before the rotation, after the case read it). */
  grownSince: boolean;
}

/**
 * Moves the sources read from `shown` whose content that path no longer starts with to the rotated file beside
 * it that starts with all of it. A file of an archive, or a folder that cannot be listed, is left as it is.
 */
export async function followRotatedAway(store: CaseStore, shown: string, followed = new Set<string>()): Promise<RotatedAway[]> {
  followed.add(shown);
  const sources = store.findSourcesAt(shown);
  if (!sources.length) return [];
  const folder = path.dirname(shown);
  const base = rotationBase(path.basename(shown));
  let rotations: { file: string; mtimeMs: number; size: number }[];
  try {
    rotations = fs.readdirSync(folder)
      .filter((name) => name !== path.basename(shown) && rotationBase(name) === base)
      .map((name) => path.join(folder, name))
      .flatMap((file) => {
        const st = fs.statSync(file, { throwIfNoEntry: false });
        return st?.isFile() ? [{ file, mtimeMs: st.mtimeMs, size: st.size }] : [];
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs)
      .slice(0, MAX_ROTATIONS_TRIED);
  } catch {
    return [];
  }
  const moved: RotatedAway[] = [];
  for (const { source, headHash } of sources) {
    if (!(await movedAway(shown, headHash))) continue;
    let to: string | null = null;
    let grownSince = false;
    for (const rotation of rotations) {
      const hashes = await contentHashesAt(rotation.file, [source.contentBytes]);
      if (hashes === null || hashes[0] !== source.contentHash) continue;
      // The rotated file's own lines went a rotation further first (mail.log.1 to mail.log.2.gz), or are gone.
      if (!followed.has(rotation.file)) moved.push(...(await followRotatedAway(store, rotation.file, followed)));
      const encoding = await sniffEncoding(rotation.file);
      store.moveSource(source.id, rotation.file, encoding, rotation.size);
      to = rotation.file;
      grownSince = encoding === 'plain' ? rotation.size > source.contentBytes : (await contentHashesAt(rotation.file, [source.contentBytes + 1])) !== null;
      break;
    }
    moved.push({ from: shown, to, lines: source.lines, grownSince });
  }
  return moved;
}
