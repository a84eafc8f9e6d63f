// What a file was when the case read or wrote it, to tell whether something else wrote it since: saving over a
// case another Swarmscope (the CLI's ingest, another window) saved meanwhile would silently throw its work away.
import fs from 'node:fs';

export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** The file's stamp, or null when there is no file at `path`. */
export function fileStamp(path: string): FileStamp | null {
  const stat = fs.statSync(path, { throwIfNoEntry: false });
  return stat ? { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs } : null;
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
