// Messages between the case's owner and the parse worker, and between the parse worker and its scan worker.
import type { AttemptColumns, LoginColumns } from '../parse/record-columns';
import type { ParseFileInput, ParseFileResult } from './parse-file';
import type { ScanEnd, ScanFileInput, ScannedBlock } from './scan-file';

export type ParseWorkerRequest =
  | { type: 'parse'; input: ParseFileInput }
  | { type: 'ack' }
  | { type: 'cancel' };

export type ParseWorkerReply =
  | { type: 'records'; attempts: AttemptColumns; logins: LoginColumns }
  | { type: 'progress'; fileBytes: number; lines: number }
  | { type: 'done'; result: ParseFileResult }
  | { type: 'failed'; error: string };

/** `run` numbers each file, so that a late message of a stopped file is never taken for the next one's. */
export type ScanWorkerRequest =
  | { type: 'scan'; run: number; input: ScanFileInput }
  | { type: 'ack'; run: number }
  | { type: 'stop'; run: number };

export type ScanWorkerReply =
  | { type: 'block'; run: number; block: ScannedBlock }
  | { type: 'end'; run: number; end: ScanEnd }
  | { type: 'stopped'; run: number }
  | { type: 'failed'; run: number; error: string };
