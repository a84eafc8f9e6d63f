// Batches of records cross from the parse worker to the case's owner as columns, and the store reads them as
// columns. Texts (addresses, user names, passwords, services) repeat a lot within a batch, so each distinct
// text is sent once and the columns hold its index: cloning a few typed arrays and the distinct texts costs
// a fraction of cloning thousands of objects or strings, and the owner resolves each distinct text once.
import type { AttemptRecord, LoginRecord } from './types';

/** Index of "the log did not say" in a text column. */
export const NO_TEXT = -1;

export interface AttemptColumns {
  ts: Float64Array;
  line: Float64Array;
  /** Indexes into `texts`, or NO_TEXT. */
  ip: Int32Array;
  user: Int32Array;
  password: Int32Array;
  service: Int32Array;
  /** The batch's distinct texts. */
  texts: string[];
}

export type LoginColumns = Omit<AttemptColumns, 'password'>;

/** Gives each distinct text of a batch one index. */
class TextIndex {
  private readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(text: string | null): number {
    if (text === null) return NO_TEXT;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /** The texts so far, in index order; the index starts again empty. */
  take(): string[] {
    this.index.clear();
    return this.list.splice(0);
  }

  /** The texts so far (owned by the index: it goes on adding to them). */
  peek(): string[] {
    return this.list;
  }
}

/**
 * Builds the columns of one batch record by record, as records come: a record is copied into the columns
 * at once and is garbage right away, instead of living (with the line it came from) until the batch is full.
 */
export class ColumnBuilder {
  // Emptied in place by take(), never replaced: V8 treats a field written only once as a constant, and the
  // parser's optimised code that relied on that would be thrown away at the first batch.
  private readonly texts = new TextIndex();
  private readonly ts: number[] = [];
  private readonly line: number[] = [];
  private readonly ip: number[] = [];
  private readonly user: number[] = [];
  private readonly password: number[] = [];
  private readonly service: number[] = [];

  get size(): number {
    return this.ts.length;
  }

  add(r: AttemptRecord | LoginRecord): void {
    const texts = this.texts;
    this.ts.push(r.ts);
    this.line.push(r.line);
    this.ip.push(texts.of(r.ip));
    this.user.push(texts.of(r.user));
    this.password.push('password' in r ? texts.of(r.password) : NO_TEXT);
    this.service.push(texts.of(r.service));
  }

  /** The batch so far as columns; the builder starts a new batch. */
  take(): AttemptColumns {
    const cols: AttemptColumns = {
      ts: Float64Array.from(this.ts), line: Float64Array.from(this.line),
      ip: Int32Array.from(this.ip), user: Int32Array.from(this.user), password: Int32Array.from(this.password),
      service: Int32Array.from(this.service), texts: this.texts.take(),
    };
    for (const column of [this.ts, this.line, this.ip, this.user, this.password, this.service]) column.length = 0;
    return cols;
  }
}

export function attemptsToColumns(records: readonly (AttemptRecord | LoginRecord)[]): AttemptColumns {
  const n = records.length;
  const texts = new TextIndex();
  const cols: AttemptColumns = {
    ts: new Float64Array(n), line: new Float64Array(n),
    ip: new Int32Array(n), user: new Int32Array(n), password: new Int32Array(n), service: new Int32Array(n),
    texts: texts.peek(),
  };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    cols.ts[i] = r.ts;
    cols.line[i] = r.line;
    cols.ip[i] = texts.of(r.ip);
    cols.user[i] = texts.of(r.user);
    cols.password[i] = 'password' in r ? texts.of(r.password) : NO_TEXT;
    cols.service[i] = texts.of(r.service);
  }
  return cols;
}

export function loginsToColumns(records: readonly LoginRecord[]): LoginColumns {
  return withoutPasswords(attemptsToColumns(records));
}

/** Login columns from columns built like attempts' (logins have no password). */
export function withoutPasswords(cols: AttemptColumns): LoginColumns {
  const { password: _none, ...logins } = cols;
  return logins;
}

/** The typed arrays of a batch, to move rather than copy them to another thread. */
export function columnBuffers(cols: AttemptColumns | LoginColumns): ArrayBuffer[] {
  const buffers = [cols.ts, cols.line, cols.ip, cols.user, cols.service].map((a) => a.buffer as ArrayBuffer);
  if ('password' in cols) buffers.push(cols.password.buffer as ArrayBuffer);
  return buffers;
}
