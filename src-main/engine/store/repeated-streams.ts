// The same dovecot lines written to several files of one server. rsyslog on Debian and Ubuntu writes mail.*
// to mail.log and to syslog (and on older Debian to mail.info as well), so a folder given whole (/var/log)
// holds every try two or three times. Each file is read and joined on its own (ingest-file.ts); afterwards a
// source whose rows are, for the most part, rows of another source over the time they share is such a copy,
// and its rows that the other holds too are taken out: the try counts once, in the file read first.
//
// Rows are the same when their time, address, user, password and service are (for logins: time, address,
// user, service), counted with their multiplicity: a brute force writes alike rows in one second, and each
// of them is a try. Two servers' logs of the same swarm share few such rows, far below the share that makes a
// copy, and keep them all.
import { allRows, type Database, type SqlValue } from './sqlite';

/** A source is a copy of another when at least this share of its rows in their shared time are the other's. */
export const COPY_SHARE = 0.5;

export interface RepeatedRows {
  attempts: number;
  logins: number;
  /** Ids of the sources whose rows these were already. */
  copyOf: number[];
}

interface RowTable {
  table: 'attempt_record' | 'login_record';
  /** The columns that make two rows the same try (or login), beside the time. */
  columns: string[];
}

const ATTEMPTS: RowTable = { table: 'attempt_record', columns: ['ip_id', 'user_id', 'password_id', 'service_id'] };
const LOGINS: RowTable = { table: 'login_record', columns: ['ip_id', 'user_id', 'service_id'] };

function all(db: Database, sql: string, params: SqlValue[]): SqlValue[][] {
  const stmt = db.prepare(sql);
  try {
    return allRows(stmt, params);
  } finally {
    stmt.free();
  }
}

/** `a.c IS b.c AND ...`: NULL (a user the log did not name) is the same as NULL. */
function sameKey(t: RowTable, a: string, b: string): string {
  return [`${a}.ts = ${b}.ts`, ...t.columns.map((c) => `${a}.${c} IS ${b}.${c}`)].join(' AND ');
}

/**
 * Sources read before `id` whose time span (of their attempts and logins, kept on the source) meets that of
 * `id`, with the span they share: the rows are compared there alone, through the tables' time keys. The file
 * read first keeps the rows.
 */
function overlapping(db: Database, id: number): { other: number; from: number; to: number }[] {
  const seconds = (column: string): string => `CAST(strftime('%s', ${column}) AS INTEGER)`;
  return all(db, `
    WITH mine AS (SELECT ${seconds('first_ts')} AS lo, ${seconds('last_ts')} AS hi FROM source WHERE id = ?),
         theirs AS (SELECT id, ${seconds('first_ts')} AS lo, ${seconds('last_ts')} AS hi FROM source WHERE id < ? AND first_ts IS NOT NULL)
    SELECT theirs.id, max(mine.lo, theirs.lo), min(mine.hi, theirs.hi)
    FROM mine, theirs WHERE mine.lo IS NOT NULL AND theirs.lo <= mine.hi AND theirs.hi >= mine.lo
    ORDER BY theirs.id`, [id, id]).map(([other, from, to]) => ({ other: Number(other), from: Number(from), to: Number(to) }));
}

/**
 * How many rows of `id` within [from, to] the other source holds too (with multiplicity), and how many
 * rows `id` has there.
 */
function shared(db: Database, t: RowTable, id: number, other: number, from: number, to: number): { same: number; rows: number } {
  const group = ['ts', ...t.columns].join(', ');
  const [same, rows] = all(db, `
    WITH mine AS (SELECT ${group}, count(*) AS n FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ? GROUP BY ${group}),
         theirs AS (SELECT ${group}, count(*) AS n FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ? GROUP BY ${group})
    SELECT (SELECT coalesce(sum(min(mine.n, theirs.n)), 0) FROM mine JOIN theirs ON ${sameKey(t, 'mine', 'theirs')}),
           (SELECT coalesce(sum(n), 0) FROM mine)`, [id, from, to, other, from, to])[0];
  return { same: Number(same), rows: Number(rows) };
}

/** Deletes the rows of `id` within [from, to] that the other source holds too, as many of each as it holds. */
function deleteShared(db: Database, t: RowTable, id: number, other: number, from: number, to: number): number {
  const group = ['ts', ...t.columns].join(', ');
  db.run(`
    WITH theirs AS (SELECT ${group}, count(*) AS n FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ? GROUP BY ${group}),
         mine AS (SELECT ts, id, ${t.columns.join(', ')}, row_number() OVER (PARTITION BY ${group} ORDER BY id) AS k
                  FROM ${t.table} WHERE source_id = ? AND ts BETWEEN ? AND ?)
    DELETE FROM ${t.table} WHERE source_id = ? AND (ts, id) IN (
      SELECT mine.ts, mine.id FROM mine JOIN theirs ON ${sameKey(t, 'mine', 'theirs')} WHERE mine.k <= theirs.n)`,
  [other, from, to, id, from, to, id]);
  return db.getRowsModified();
}

function removeFrom(db: Database, t: RowTable, id: number, spans: { other: number; from: number; to: number }[], copyOf: Set<number>): number {
  let removed = 0;
  for (const { other, from, to } of spans) {
    const { same, rows } = shared(db, t, id, other, from, to);
    if (same === 0 || same < COPY_SHARE * rows) continue;
    removed += deleteShared(db, t, id, other, from, to);
    copyOf.add(other);
  }
  return removed;
}

/**
 * Takes out of source `id` the attempts and logins that are another source's again (see the header). The
 * caller runs it in a transaction and recomputes the rollups when anything was taken out.
 */
export function removeRepeatedRows(db: Database, id: number): RepeatedRows {
  const copyOf = new Set<number>();
  const spans = overlapping(db, id);
  const attempts = removeFrom(db, ATTEMPTS, id, spans, copyOf);
  const logins = removeFrom(db, LOGINS, id, spans, copyOf);
  return { attempts, logins, copyOf: [...copyOf].sort((a, b) => a - b) };
}
