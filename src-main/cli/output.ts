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
