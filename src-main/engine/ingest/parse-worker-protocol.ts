// Messages between the case's owner and the parse worker, and between the parse worker and its scan worker.
import type { MessagePort } from 'node:worker_threads';
import type { AttemptColumns, LoginColumns } from '../parse/record-columns';
import type { ServiceFix, SessionMemory } from '../parse/session-join';
import type { JoinEnd, ParseFileInput, ParseFileResult } from './parse-file';
import type { ScanEnd, ScanFileInput, ScannedBlock } from './scan-file';

/**
 * What the owner gives each of the two threads it starts: its end of the channel between them. The parse
 * worker's is null when there is no scan worker (it then scans in its own thread).
 */
export interface ScanChannelData {
  scanPort: MessagePort | null;
}

/**
 * `job` numbers each file given to the worker: two files may be parsed at once (see ingest.ts). A file whose
 * join starts with what the join knew at the end of the file before it in its chain is given before that one
 * has ended (`joinMemoryFollows`), so that its scan reads ahead meanwhile; the memory follows as `join-memory`.
 */
export type ParseWorkerRequest =
  | { type: 'parse'; job: number; input: ParseFileInput; joinMemoryFollows?: boolean }
  | { type: 'join-memory'; job: number; memory: SessionMemory[] | null }
  | { type: 'ack'; job: number }
  | { type: 'cancel'; job: number };

export type ParseWorkerReply =
  | { type: 'records'; job: number; attempts: AttemptColumns; logins: LoginColumns; fixes: ServiceFix[] }
  | { type: 'progress'; job: number; fileBytes: number; lines: number }
  | { type: 'join-end'; job: number; end: JoinEnd }
  | { type: 'done'; job: number; result: ParseFileResult }
  | { type: 'failed'; job: number; error: string };

/** Blocks the scan worker sends ahead of the parser before it waits for acknowledgements. */
export const SCAN_BLOCKS_IN_FLIGHT = 8;
/**
 * The parser acknowledges blocks this many at a time: a message between threads costs about a tenth of a
 * millisecond, and one per block was 60 ms of the parse thread's time on a 250 MB log. Half the window, so
 * the scan worker always has room to read ahead.
 */
export const SCAN_BLOCKS_PER_ACK = SCAN_BLOCKS_IN_FLIGHT / 2;

/** `run` numbers each file, so that a late message of a stopped file is never taken for the next one's. */
export type ScanWorkerRequest =
  | { type: 'scan'; run: number; input: ScanFileInput }
  /** The parser took `blocks` more blocks. */
  | { type: 'ack'; run: number; blocks: number }
  | { type: 'stop'; run: number };

export type ScanWorkerReply =
  | { type: 'block'; run: number; block: ScannedBlock }
  | { type: 'end'; run: number; end: ScanEnd }
  | { type: 'stopped'; run: number }
  | { type: 'failed'; run: number; error: string };
