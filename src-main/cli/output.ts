// Where a command's output goes: a file given with --out, or standard output. A failed write is an error
// the user is told of (exit 1), never a success with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../engine/fs/atomic-write';
import { fileBytes, readHead, type FileHead } from '../engine/ingest/line-reader';
import { SQLITE_HEADER } from '../engine/fs/sqlite-header';
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

/**
 * Refuses an --out that would write over what the output is made from: the case itself (under any name, a
 * link or another path to it), any other SQLite database, a log the case was read from (by path, or by its
 * first bytes: a copy or a rotation of one, such as mail.log.1 beside mail.log.2.gz), an archive it was read
 * from, or any compressed file. A typo there would destroy evidence; anything else is written over, as the
 * shell's `>` would.
 */
export async function checkNotEvidence(target: string, casePath: string, logPaths: readonly string[], logHeads: ReadonlySet<string>,
  name = '--out'): Promise<void> {
  const stat = statOrNothing(target);
  if (!stat?.isFile()) return;
  const caseStat = statOrNothing(casePath);
  const same = (a: fs.Stats, b: fs.Stats | undefined): boolean => b !== undefined && a.dev === b.dev && a.ino === b.ino;
  const refuse = (what: string): never => {
    throw new UsageError(`${name} ${terminalSafe(target)} is ${what}: it is not written over; give another file name`);
  };
  if (same(stat, caseStat)) refuse('the case being read');
  // A database (a case, most likely) is never written over by an export.
  if (await startsWith(target, SQLITE_HEADER)) refuse('a SQLite database (a case?)');
  // A log read from an archive is named by the archive's path and its path inside (logs.tgz/var/log/mail.log).
  const readFrom = logPaths.flatMap((p) => ancestors(p));
  if (readFrom.some((p) => same(stat, statOrNothing(p)))) refuse('a log file or archive read into this case');
  let head: FileHead;
  try {
    head = await readHead(target);
  } catch {
    return; // unreadable: writing it fails with its own message
  }
  if (head.encoding !== 'plain' || (await isTar(target))) refuse('a compressed file or an archive (of logs?)');
  if (logHeads.has(head.hash)) refuse('a log holding lines this case was read from (a copy or a rotation of one)');
}

/** A path and the paths it lies under, nearest first, up to its root. */
function ancestors(file: string): string[] {
  const out: string[] = [];
  for (let p = file; ; p = path.dirname(p)) {
    out.push(p);
    if (path.dirname(p) === p) return out;
  }
}

/** Whether a file is a tar archive: "ustar" at byte 257 of its first header. */
function isTar(file: string): Promise<boolean> {
  return startsWith(file, Buffer.from('ustar'), 257);
}

async function startsWith(file: string, prefix: Buffer, at = 0): Promise<boolean> {
  return (await fileBytes(file, prefix.length, at).catch(() => null))?.equals(prefix) ?? false;
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
