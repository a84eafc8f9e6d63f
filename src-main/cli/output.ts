// Where a command's output goes: a file given with --out, or standard output. A failed write is an error
// the user is told of (exit 1), never a success with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../engine/fs/atomic-write';
import { fileErrorCause, statOrNothing } from '../engine/fs/file-errors';
import { UsageError } from './args';
import { terminalSafe } from './terminal-text';

/** Checks an --out path before any work: not a folder, and in a folder that exists. */
export function checkOutputPath(target: string, name = '--out'): void {
  if (statOrNothing(target)?.isDirectory()) {
    throw new UsageError(`${name} ${terminalSafe(target)} is a folder; give a file name`);
  }
  const dir = path.dirname(path.resolve(target));
  if (!statOrNothing(dir)?.isDirectory()) {
    throw new UsageError(`${name} ${terminalSafe(target)}: the folder ${terminalSafe(dir)} does not exist`);
  }
}

/** SQLite's first bytes: a database (a case, most likely) is never written over by an export. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0');

/**
 * Refuses an --out that would write over what the output is made from: the case itself (under any name, a
 * link or another path to it), any other SQLite database, or a log file read into the case. A typo there
 * would destroy evidence; anything else is written over, as the shell's `>` would.
 */
export function checkNotEvidence(target: string, casePath: string, logPaths: readonly string[], name = '--out'): void {
  const stat = statOrNothing(target);
  if (!stat?.isFile()) return;
  const caseStat = statOrNothing(casePath);
  const same = (a: fs.Stats, b: fs.Stats | undefined): boolean => b !== undefined && a.dev === b.dev && a.ino === b.ino;
  if (same(stat, caseStat)) throw new UsageError(`${name} ${terminalSafe(target)} is the case being read; give another file name`);
  if (startsWith(target, SQLITE_HEADER)) throw new UsageError(`${name} ${terminalSafe(target)} is a SQLite database (a case?): it is not written over; give another file name`);
  if (logPaths.some((p) => same(stat, statOrNothing(p)))) {
    throw new UsageError(`${name} ${terminalSafe(target)} is a log file read into this case: it is not written over; give another file name`);
  }
}

function startsWith(file: string, prefix: Buffer): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(prefix.length);
      return fs.readSync(fd, buf, 0, prefix.length, 0) === prefix.length && buf.equals(prefix);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `target`. A new file or a regular one is written atomically (a temporary file renamed over
 * it, so that a failure leaves the old file whole). Anything else (a device such as /dev/stdout, a named pipe,
 * a symbolic link) is written in place: a rename would replace the device node or the link, not write to it.
 */
export function writeOutputFile(target: string, text: string): void {
  // Not following a last symbolic link: a link is written through, not replaced.
  const stat = statOrNothing(target, { lstat: true });
  if (!stat || stat.isFile()) {
    writeFileAtomic(target, text);
    return;
  }
  try {
    const fd = fs.openSync(target, 'w');
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new Error(`cannot write ${target}: ${fileErrorCause(e)}`, { cause: e });
  }
}
