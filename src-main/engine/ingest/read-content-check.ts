// Whether the file at a source's path still holds what the case read from it. The case names an attempt's
// evidence by path and line number only, and the file at that path may be another one now: logrotate made a new
// log there and the rotated one is gone (`rotate 1`, or the user reads only the new log), or copytruncate emptied
// it and syslog wrote on. Its line of that number is then another line, which must not be shown as the attempt's.
import fs from 'node:fs';
import type { ReadContent } from '../store/case-store';
import { HEAD_BYTES, contentHashesAt, grownAfterRun, readHead, runOfHeadHash, type FileHead } from './line-reader';

/** `holds`: the file starts with the content read (it may have grown since); `other`: it holds other content. */
export type ReadContentCheck = 'holds' | 'other' | 'unreadable';

/**
 * Checks `file` (the source's path, or its archive member unpacked) against what the case read into the source.
 * The head hash, as the ingest finds a file again: a file that grew keeps it, another file has its own (its first
 * lines' stamps and session ids differ). The whole content is not hashed again for a line to be shown: a year's
 * log would be read to its end for a line near its start.
 */
export async function checkReadContent(file: string, content: ReadContent): Promise<ReadContentCheck> {
  let head: FileHead;
  try {
    head = await readHead(file);
  } catch {
    return 'unreadable';
  }
  // A content shorter than a head was known by the hash of all of it, which the file has no more once grown: all
  // of it (less than a head) is hashed again instead.
  if (content.contentHash !== null && content.contentBytes < HEAD_BYTES) {
    const hashes = await contentHashesAt(file, [content.contentBytes]);
    return hashes !== null && hashes[0] === content.contentHash ? 'holds' : 'other';
  }
  if (!sameHead(head, content.headHash)) return 'other';
  // A plain file shorter than what was read from it was cut, whatever its head.
  if (head.encoding === 'plain' && (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) < content.contentBytes) return 'other';
  return 'holds';
}

function sameHead(head: FileHead, headHash: string): boolean {
  if (head.hash === headHash) return true;
  // A head of one byte over and over (copytruncate's zeros) read with less than a head after the run: the same
  // file, grown since, has more after it (line-reader.ts: runHead).
  const run = runOfHeadHash(headHash);
  return run !== null && head.afterRun !== undefined && runOfHeadHash(head.hash) === run && grownAfterRun(headHash, head.afterRun);
}
