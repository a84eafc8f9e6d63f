// A file system error in the user's words, and a stat that says "nothing there" instead of throwing: one list
// of causes for every place that writes or checks a file the user named (the case, --out, a save).
import fs from 'node:fs';

const CAUSES: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large',
  EBADF: 'it is not open for writing',
  EISDIR: 'it is a folder',
  EIO: 'an input/output error',
};

/** Why a file operation failed, for the common causes (`own` words first), else the error's message. */
export function fileErrorCause(e: unknown, own: Record<string, string> = {}): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && (own[code] ?? CAUSES[code])) ?? (e as Error).message;
}

/**
 * What is at a path (`lstat`: not following a last symbolic link), or undefined when nothing is (nor can be,
 * under a file).
 */
export function statOrNothing(file: string, { lstat = false } = {}): fs.Stats | undefined {
  try {
    return lstat ? fs.lstatSync(file) : fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}
