// Messages between the case's owner and the parse worker, and between the parse worker and its scan worker.
import type { AttemptColumns, LoginColumns } from '../parse/record-columns';
import type { ServiceFix } from '../parse/session-join';
import type { JoinEnd, ParseFileInput, ParseFileResult } from './parse-file';
import type { ScanEnd, ScanFileInput, ScannedBlock } from './scan-file';

/** `job` numbers each file given to the worker: two files may be parsed at once (see ingest.ts). */
export type ParseWorkerRequest =
  | { type: 'parse'; job: number; input: ParseFileInput }
  | { type: 'ack'; job: number }
  | { type: 'cancel'; job: number };

export type ParseWorkerReply =
  | { type: 'records'; job: number; attempts: AttemptColumns; logins: LoginColumns; fixes: ServiceFix[] }
  | { type: 'progress'; job: number; fileBytes: number; lines: number }
  | { type: 'join-end'; job: number; end: JoinEnd }
  | { type: 'done'; job: number; result: ParseFileResult }
  | { type: 'failed'; job: number; error: string };

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
