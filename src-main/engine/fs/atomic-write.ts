// Writes a file so that a crash or a full disk never leaves half a file behind: write a temporary file in
// the same folder, flush it to disk, then rename it over the target (an atomic step on one file system).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileErrorCause } from './file-errors';

/** Writes `data` to `target` atomically; throws an error that names `target` (not the temporary file) and the cause. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  try {
    writeThroughTemporary(target, data);
  } catch (e) {
    // ENOENT for a folder that is there: a kernel file system (/proc, /sys) that takes no new files.
    const folderIsThere = fs.statSync(path.dirname(path.resolve(target)), { throwIfNoEntry: false })?.isDirectory();
    const cause = fileErrorCause(e, folderIsThere ? { ENOENT: 'its folder takes no new files' } : {});
    throw new Error(`cannot write ${target}: ${cause}`, { cause: e });
  }
}

function writeThroughTemporary(target: string, data: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
