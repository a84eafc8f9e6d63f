// The `source` table: one row per log file read into the case, with the hashes that make re-ingest
// idempotent and the accounting of every line shown to the user.
import type { SourceEncoding, SourceReport, UnparsedPattern } from '../../shared/api';
import type { SessionMemory } from '../parse/session-join';
import { MAX_UNPARSED_PATTERNS, SAMPLES_PER_PATTERN } from '../parse/unparsed-pattern';
import type { OpenLine } from '../ingest/parse-file';
import { allRows, type Database, type SqlValue, type Statement } from './sqlite';
import { countOf } from '../../shared/count-of';

export interface SourceStart {
  path: string;
  encoding: SourceEncoding;
  /** Hash of the first bytes of the content: the same file, grown or rotated, keeps it. */
  headHash: string;
  /** Modification time of the file (ms since epoch, as fs.Stats.mtimeMs). */
  mtime: number;
  /** The server its syslog lines name (ingest/log-host.ts), null when they name none or several. */
  host?: string | null;
}

/** A source known by its head hash, for the ingest pipeline to recognise content read before. */
/**
 * What a file that starts like a source but does not go on as the case holds it is told (ingest-file.ts): if it
 * is an older copy, its tries count twice. Once the tries it shares with others are taken out as copies
 * (takeOff), that is no longer so, and the caveat goes.
 */
export const COUNTED_TWICE_CAVEAT = ' (if it is an older copy of that file, its attempts are now counted twice)';

/** The warnings without COUNTED_TWICE_CAVEAT. */
export function withoutTwiceCaveat(warnings: readonly string[]): string[] {
  return warnings.map((w) => (w.endsWith(COUNTED_TWICE_CAVEAT) ? w.slice(0, -COUNTED_TWICE_CAVEAT.length) : w));
}

/** A source shorter than a head, as the search for the file it grew into sees it. */
export interface ShortSource {
  id: number;
  path: string;
  contentBytes: number;
  contentHash: string;
}

export interface SourceLineage {
  id: number;
  path: string;
  contentHash: string;
  contentBytes: number;
  /** Lines of the content read so far (the line number the next line would get, minus one). */
  lines: number;
  /** What the join kept of the last sessions read, for the content that follows. */
  joinMemory: SessionMemory[];
  /** Wall-clock time of its earliest attempt or login (`YYYY-MM-DD HH:MM:SS`), null when it has none. */
  firstTs: string | null;
  /** Wall-clock time of its latest attempt (`YYYY-MM-DD HH:MM:SS`), null when it has none. */
  lastTs: string | null;
  /** Its content's last line when that has no newline: syslog may have been writing it. */
  openLine: OpenLine | null;
}

/**
 * What finishSource records. The counters (lines by kind, attempts, logins) are this run's and are added to
 * what the source had, so a resumed source adds up; hashes, byte counts and `totalLines` describe all the
 * content read so far.
 */
export type SourceFinish = Omit<SourceReport, 'path' | 'bytes' | 'encoding'> & Partial<Pick<SourceReport, 'bytes' | 'encoding'>> & {
  contentHash: string;
  contentBytes: number;
  /** Lines of the whole content read so far; defaults to the lines before this run plus `lines`. */
  totalLines?: number;
  /** Of the attempt lines read, those the system PAM module wrote. */
  systemPamLines?: number;
  /** Of the attempt lines read, those postfix wrote (a failed SMTP AUTH). */
  postfixSaslLines?: number;
  /** Of the attempt lines read, those sshd wrote. */
  sshdLines?: number;
  /** Of the attempt lines read, those dovecot's auth process wrote. */
  dovecotAuthLines?: number;
  joinMemory?: SessionMemory[];
  /** The content's last line when it has no newline (null: it ends with one). */
  openLine?: OpenLine | null;
  /** What the join knew of the file's start (session-join.ts: startMemory); kept from the source's first reading. */
  startMemory?: SessionMemory[];
  /** Lines without any stamp dated at the file's last change, and that time (migrations/015-undated-times.ts). */
  undatedAtFileTime?: { lines: number; ts: number };
};

/**
 * What a source's file must still hold for a line number of it to be the line the case read there
 * (ingest/raw-lines.ts): a file at its path may be another one now (rotated away, truncated and written anew).
 */
export interface ReadContent {
  id: number;
  path: string;
  headHash: string;
  /** The hash and length of the content read; hash null while the source's first reading goes on. */
  contentHash: string | null;
  contentBytes: number;
  /** When the case last read it (ISO 8601, UTC): when it started to, while that reading goes on. */
  readAt: string;
}

export class SourceTable {
  /**
   * `prepared` is the store's statement cache: a statement is prepared once, as a drop of thousands of small
   * files runs these for every file.
   */
  constructor(private readonly db: Database, private readonly prepared: (sql: string) => Statement) {}

  begin(s: SourceStart): number {
    return this.select(
      `INSERT INTO source (path, encoding, head_hash, mtime, started_at, host, dovecot_auth_lines) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id`,
      [s.path, s.encoding, s.headHash, s.mtime, new Date().toISOString(), s.host ?? null],
    )[0][0] as number;
  }

  /**
   * Reopens a finished source to read the rest of its content from `path` (the file grew or was rotated).
   * `headHash` is the hash of that file's head: a source shorter than a head when it was read has the hash of
   * all it held, and the next file of its lineage is found by the head it has now.
   */
  resume(id: number, path: string, headHash?: string): number {
    this.run('UPDATE source SET path = ?, head_hash = coalesce(?, head_hash), finished_at = NULL WHERE id = ?', [path, headHash ?? null, id]);
    if (this.db.getRowsModified() !== 1) throw new Error(`no source with id ${id} in this case`);
    return id;
  }

  /** A finished source whose content is at another path now (rotated): the case names where its lines are. */
  move(id: number, path: string, encoding: SourceEncoding, bytes: number): void {
    this.run('UPDATE source SET path = ?, encoding = ?, bytes = ? WHERE id = ?', [path, encoding, bytes, id]);
  }

  /** The head hashes of every source: a file starting with one holds lines the case was read from. */
  headHashes(): string[] {
    return this.select('SELECT DISTINCT head_hash FROM source', []).map(([h]) => String(h));
  }

  byHeadHash(headHash: string): SourceLineage[] {
    return this.lineages('head_hash = ?', [headHash]);
  }

  /** Sources whose head hash starts with `prefix` (line-reader.ts: runOfHeadHash), with their head hashes. */
  byHeadHashPrefix(prefix: string): { source: SourceLineage; headHash: string }[] {
    return this.withHeadHashes('substr(head_hash, 1, ?) = ?', [prefix.length, prefix]);
  }

  /** Sources named by `path`, with their head hashes. */
  atPath(path: string): { source: SourceLineage; headHash: string }[] {
    return this.withHeadHashes('path = ?', [path]);
  }

  private withHeadHashes(where: string, params: SqlValue[]): { source: SourceLineage; headHash: string }[] {
    const hashes = new Map(this.select(`SELECT id, head_hash FROM source WHERE ${where}`, params).map(([id, headHash]) => [id as number, headHash as string]));
    if (!hashes.size) return [];
    return this.lineages(`id IN (${[...hashes.keys()].map(() => '?').join(', ')})`, [...hashes.keys()])
      .map((source) => ({ source, headHash: hashes.get(source.id)! }));
  }

  /** Finished sources that held fewer than `bytes` bytes (and some): their head hash is of all they held. */
  shorterThan(bytes: number): ShortSource[] {
    return this.select(
      `SELECT id, path, content_bytes, content_hash FROM source
       WHERE content_bytes > 0 AND content_bytes < ? AND finished_at IS NOT NULL AND content_hash IS NOT NULL ORDER BY id`,
      [bytes],
    ).map(([id, path, contentBytes, contentHash]) => ({ id: id as number, path: path as string, contentBytes: contentBytes as number, contentHash: contentHash as string }));
  }

  /** The read content of the source `id`. */
  readContentOf(id: number): ReadContent | undefined {
    return this.readContents('id = ?', [id])[0];
  }

  /** The read contents of the sources named by `path`, the last begun first. */
  readContentsAt(path: string): ReadContent[] {
    return this.readContents('path = ?', [path]);
  }

  private readContents(where: string, params: SqlValue[]): ReadContent[] {
    return this.select(
      `SELECT id, path, head_hash, content_hash, content_bytes, coalesce(finished_at, started_at) FROM source WHERE ${where} ORDER BY id DESC`,
      params,
    ).map(([id, path, headHash, contentHash, contentBytes, readAt]) => ({
      id: id as number,
      path: path as string,
      headHash: headHash as string,
      contentHash: contentHash as string | null,
      contentBytes: contentBytes as number,
      readAt: readAt as string,
    }));
  }

  byId(id: number): SourceLineage | undefined {
    return this.lineages('id = ?', [id])[0];
  }

  private lineages(where: string, params: SqlValue[]): SourceLineage[] {
    return this.select(
      `SELECT id, path, content_hash, content_bytes, lines, join_memory, first_ts, last_ts, open_line FROM source
       WHERE ${where} AND finished_at IS NOT NULL AND content_hash IS NOT NULL ORDER BY id`,
      params,
    ).map(([id, path, contentHash, contentBytes, lines, joinMemory, firstTs, lastTs, openLine]) => ({
      id: id as number,
      path: path as string,
      contentHash: contentHash as string,
      contentBytes: contentBytes as number,
      lines: lines as number,
      joinMemory: parseList<SessionMemory>(joinMemory),
      firstTs: firstTs as string | null,
      lastTs: lastTs as string | null,
      openLine: parseOpenLine(openLine),
    }));
  }

  /**
   * The start memories of the finished sources whose paths start with `prefix` (a folder and a rotation's base
   * name, as mail.log.1 and mail.log-20231112.gz do /var/log/mail.log) and that `sameChain` takes.
   */
  startMemories(prefix: string, sameChain: (path: string) => boolean): SessionMemory[] {
    return this.memoriesOf('start_memory', prefix, sameChain);
  }

  /** The end (join) memories of those sources (see startMemories), the last read first. */
  endMemories(prefix: string, sameChain: (path: string) => boolean): SessionMemory[] {
    return this.memoriesOf('join_memory', prefix, sameChain);
  }

  private memoriesOf(column: 'start_memory' | 'join_memory', prefix: string, sameChain: (path: string) => boolean): SessionMemory[] {
    // Through the index on path, from the prefix to the prefix and the last character there is: a drop of
    // thousands of files of one folder asks this for each one.
    return this.select(
      `SELECT path, ${column} FROM source WHERE path >= ? AND path < ? AND finished_at IS NOT NULL AND ${column} IS NOT NULL AND ${column} <> '[]' ORDER BY id DESC`,
      [prefix, `${prefix}\u{10FFFF}`],
    )
      .filter(([path]) => sameChain(String(path)))
      .flatMap(([, memory]) => parseList<SessionMemory>(memory));
  }

  joinMemoryAt(path: string): SessionMemory[] | null {
    const row = this.select('SELECT join_memory FROM source WHERE path = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1', [path])[0];
    return row ? parseList<SessionMemory>(row[0]) : null;
  }

  /** Whether a source of the case was read from `path` (and is still named by it). */
  existsAt(path: string): boolean {
    return this.select('SELECT 1 FROM source WHERE path = ? LIMIT 1', [path]).length === 1;
  }

  exists(id: number): boolean {
    return this.select('SELECT 1 FROM source WHERE id = ?', [id]).length === 1;
  }

  addSkipped(id: number, count: number): void {
    this.run('UPDATE source SET skipped = skipped + ? WHERE id = ?', [count, id]);
  }

  /** Takes attempts and logins off a finished source's counts, with a note that says why. */
  takeOff(id: number, attempts: number, logins: number, note: string): void {
    const [notes, warnings] = this.select('SELECT notes, warnings FROM source WHERE id = ?', [id])[0] ?? [];
    this.run('UPDATE source SET attempts = attempts - ?, logins = logins - ?, notes = ?, warnings = ? WHERE id = ?',
      [attempts, logins, JSON.stringify([...parseList<string>(notes as string | null), note]),
        JSON.stringify(withoutTwiceCaveat(parseList<string>(warnings as string | null))), id]);
  }

  /**
   * Takes back what a source's open last line added (its kind of line, the attempts and logins of its rows,
   * its unparsed sample), before the line is read again, whole: the rows themselves are the caller's to delete.
   */
  reopenLine(id: number, open: OpenLine, rows: { attempts: number; logins: number }): void {
    const [unparsed] = this.select('SELECT unparsed FROM source WHERE id = ?', [id])[0] ?? [];
    const c = open.counted;
    this.run(
      `UPDATE source SET lines = lines - 1, attempt_lines = attempt_lines - ?, login_lines = login_lines - ?, ignored_lines = ignored_lines - ?,
         unparsed_lines = unparsed_lines - ?, system_pam_lines = system_pam_lines - ?, postfix_sasl_lines = postfix_sasl_lines - ?,
         sshd_lines = sshd_lines - ?, dovecot_auth_lines = dovecot_auth_lines - ?, attempts = attempts - ?, logins = logins - ?, unparsed = ?,
         open_line = NULL
       WHERE id = ?`,
      [c.attemptLines, c.loginLines, c.ignoredLines, c.unparsedLines, c.systemPamLines, c.postfixSaslLines, c.sshdLines ?? 0, c.dovecotAuthLines ?? 0,
        rows.attempts, rows.logins,
        JSON.stringify(withoutOne(parseList<UnparsedPattern>(unparsed as string | null), open.unparsed)), id],
    );
  }

  finish(id: number, r: SourceFinish): void {
    const before = this.select('SELECT lines, first_ts, last_ts, notes, warnings, errors, unparsed FROM source WHERE id = ?', [id])[0];
    if (!before) throw new Error(`no source with id ${id} in this case`);
    const [lines, firstTs, lastTs, notes, warnings, errors, unparsed] = before;
    this.run(
      `UPDATE source SET finished_at = ?, content_hash = ?, content_bytes = ?, bytes = coalesce(?, bytes), encoding = coalesce(?, encoding),
         lines = ?, attempt_lines = attempt_lines + ?, login_lines = login_lines + ?, ignored_lines = ignored_lines + ?,
         unparsed_lines = unparsed_lines + ?, attempts = attempts + ?, logins = logins + ?, first_ts = ?, last_ts = ?,
         notes = ?, warnings = ?, errors = ?, unparsed = ?, join_memory = ?, system_pam_lines = system_pam_lines + ?,
         postfix_sasl_lines = postfix_sasl_lines + ?, sshd_lines = sshd_lines + ?, dovecot_auth_lines = dovecot_auth_lines + ?, open_line = ?,
         start_memory = coalesce(start_memory, ?)
       WHERE id = ?`,
      [
        new Date().toISOString(),
        r.contentHash,
        r.contentBytes,
        r.bytes ?? null,
        r.encoding ?? null,
        r.totalLines ?? Number(lines) + r.lines,
        r.attemptLines,
        r.loginLines,
        r.ignoredLines,
        r.unparsedLines,
        r.attempts,
        r.logins,
        earliest(firstTs as string | null, r.firstTs),
        latest(lastTs as string | null, r.lastTs),
        JSON.stringify([...parseList<string>(notes), ...r.notes]),
        JSON.stringify([...parseList<string>(warnings), ...r.warnings]),
        JSON.stringify([...parseList<string>(errors), ...r.errors]),
        JSON.stringify(mergePatterns(parseList<UnparsedPattern>(unparsed), r.unparsed)),
        JSON.stringify(r.joinMemory ?? []),
        r.systemPamLines ?? 0,
        r.postfixSaslLines ?? 0,
        r.sshdLines ?? 0,
        r.dovecotAuthLines ?? 0,
        r.openLine ? JSON.stringify(r.openLine) : null,
        r.startMemory ? JSON.stringify(r.startMemory) : null,
        id,
      ],
    );
    if (r.undatedAtFileTime?.lines) {
      this.run(
        `INSERT INTO undated_time (source_id, ts, lines) VALUES (?, ?, ?)
         ON CONFLICT (source_id, ts) DO UPDATE SET lines = lines + excluded.lines`,
        [id, r.undatedAtFileTime.ts, r.undatedAtFileTime.lines],
      );
    }
  }

  reports(): SourceReport[] {
    return this.select(
      `SELECT path, encoding, bytes, lines, attempt_lines, login_lines, ignored_lines, unparsed_lines, attempts, logins,
              first_ts, last_ts, notes, warnings, errors, unparsed, finished_at, skipped
       FROM source ORDER BY id`,
      [],
    ).map((row) => {
      const report: SourceReport = {
        path: row[0] as string,
        encoding: row[1] as SourceEncoding,
        bytes: row[2] as number,
        lines: row[3] as number,
        attemptLines: row[4] as number,
        loginLines: row[5] as number,
        ignoredLines: row[6] as number,
        unparsedLines: row[7] as number,
        attempts: row[8] as number,
        logins: row[9] as number,
        firstTs: row[10] as string | null,
        lastTs: row[11] as string | null,
        notes: parseList<string>(row[12]),
        warnings: parseList<string>(row[13]),
        errors: parseList<string>(row[14]),
        unparsed: parseList<UnparsedPattern>(row[15]),
      };
      const notIp = Number(row[17]);
      if (notIp > 0) report.warnings.push(`${countOf(notIp, 'record')} whose address is not an IP ${notIp === 1 ? 'was' : 'were'} left out`);
      if (row[16] === null) report.warnings.push('reading this file did not finish: what it holds may be incomplete');
      return report;
    });
  }

  private select(sql: string, params: SqlValue[]): SqlValue[][] {
    return allRows(this.prepared(sql), params);
  }

  private run(sql: string, params: SqlValue[]): void {
    this.prepared(sql).run(params);
  }
}

function parseList<T>(json: SqlValue): T[] {
  try {
    const value = JSON.parse(String(json ?? '[]'));
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function parseOpenLine(json: SqlValue): OpenLine | null {
  if (json === null) return null;
  try {
    const value = JSON.parse(String(json)) as OpenLine | null;
    return value && typeof value === 'object' && Number.isInteger(value.bytes) && typeof value.hash === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The unparsed shapes without one line: its count, and its sample. */
function withoutOne(patterns: UnparsedPattern[], line: OpenLine['unparsed']): UnparsedPattern[] {
  if (line === null) return patterns;
  return patterns.flatMap((p) => {
    if (p.pattern !== line.pattern) return [p];
    if (p.count <= 1) return [];
    const at = p.samples.indexOf(line.sample);
    return [{ ...p, count: p.count - 1, samples: at === -1 ? p.samples : p.samples.filter((_, i) => i !== at) }];
  });
}

// `YYYY-MM-DD HH:MM:SS` strings order as text.
function earliest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}
function latest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

function mergePatterns(before: UnparsedPattern[], added: UnparsedPattern[]): UnparsedPattern[] {
  const byPattern = new Map(before.map((p) => [p.pattern, { ...p, samples: [...p.samples] }]));
  for (const p of added) {
    const known = byPattern.get(p.pattern);
    if (!known) byPattern.set(p.pattern, { ...p, samples: p.samples.slice(0, SAMPLES_PER_PATTERN) });
    else {
      known.count += p.count;
      for (const s of p.samples) if (known.samples.length < SAMPLES_PER_PATTERN && !known.samples.includes(s)) known.samples.push(s);
    }
  }
  return [...byPattern.values()].sort((a, b) => b.count - a.count).slice(0, MAX_UNPARSED_PATTERNS);
}
