// Messages between the case's owner and the parse worker.
import type { AttemptRecord, LoginRecord } from '../parse/types';
import type { ParseFileInput, ParseFileResult } from './parse-file';

export type ParseWorkerRequest =
  | { type: 'parse'; input: ParseFileInput }
  | { type: 'ack' }
  | { type: 'cancel' };

export type ParseWorkerReply =
  | { type: 'records'; attempts: AttemptRecord[]; logins: LoginRecord[] }
  | { type: 'progress'; fileBytes: number; lines: number }
  | { type: 'done'; result: ParseFileResult }
  | { type: 'failed'; error: string };
