// Messages between the case's owner and the parse worker.
import type { AttemptColumns, LoginColumns } from './record-columns';
import type { ParseFileInput, ParseFileResult } from './parse-file';

export type ParseWorkerRequest =
  | { type: 'parse'; input: ParseFileInput }
  | { type: 'ack' }
  | { type: 'cancel' };

export type ParseWorkerReply =
  | { type: 'records'; attempts: AttemptColumns; logins: LoginColumns }
  | { type: 'progress'; fileBytes: number; lines: number }
  | { type: 'done'; result: ParseFileResult }
  | { type: 'failed'; error: string };
