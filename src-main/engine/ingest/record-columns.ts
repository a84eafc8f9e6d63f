// Batches of records cross from the parse worker to the case's owner as columns: cloning six arrays costs
// a fraction of cloning thousands of small objects, on both sides of the thread boundary.
import type { AttemptRecord, LoginRecord } from '../parse/types';

export interface AttemptColumns {
  ts: Float64Array;
  line: Float64Array;
  ip: string[];
  user: (string | null)[];
  password: (string | null)[];
  service: (string | null)[];
}

export type LoginColumns = Omit<AttemptColumns, 'password'>;

export function attemptsToColumns(records: readonly AttemptRecord[]): AttemptColumns {
  const n = records.length;
  const cols: AttemptColumns = { ts: new Float64Array(n), line: new Float64Array(n), ip: new Array(n), user: new Array(n), password: new Array(n), service: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    cols.ts[i] = r.ts;
    cols.line[i] = r.line;
    cols.ip[i] = r.ip;
    cols.user[i] = r.user;
    cols.password[i] = r.password;
    cols.service[i] = r.service;
  }
  return cols;
}

export function attemptsFromColumns(cols: AttemptColumns): AttemptRecord[] {
  const out: AttemptRecord[] = new Array(cols.ip.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = { ts: cols.ts[i], ip: cols.ip[i], user: cols.user[i], password: cols.password[i], service: cols.service[i], line: cols.line[i] };
  }
  return out;
}

export function loginsToColumns(records: readonly LoginRecord[]): LoginColumns {
  const n = records.length;
  const cols: LoginColumns = { ts: new Float64Array(n), line: new Float64Array(n), ip: new Array(n), user: new Array(n), service: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    cols.ts[i] = r.ts;
    cols.line[i] = r.line;
    cols.ip[i] = r.ip;
    cols.user[i] = r.user;
    cols.service[i] = r.service;
  }
  return cols;
}

export function loginsFromColumns(cols: LoginColumns): LoginRecord[] {
  const out: LoginRecord[] = new Array(cols.ip.length);
  for (let i = 0; i < out.length; i++) out[i] = { ts: cols.ts[i], ip: cols.ip[i], user: cols.user[i], service: cols.service[i], line: cols.line[i] };
  return out;
}
