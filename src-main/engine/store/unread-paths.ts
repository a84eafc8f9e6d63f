// The paths given to an ingest that the case holds no lines of, and why (table `unread_path`, step 14): so that
// the case accounts for every file the analyst gave it, also after a save.
import type { UnreadPath } from '../../shared/api';
import { SERVE_FOLDER_PREFIX, withoutUploadFolders } from '../../shared/upload-folders';
import { allRows, type SqlValue, type Statement } from './sqlite';

export type UnreadPathMet = Omit<UnreadPath, 'metAt'>;

const KIND_ORDER = `CASE kind WHEN 'error' THEN 0 WHEN 'passed-over' THEN 1 ELSE 2 END`;

export class UnreadPathTable {
  constructor(private readonly prepared: (sql: string) => Statement) {}

  /**
   * Records paths met and not read. A path already listed gets what was met now; met again as it was (the same
   * kind, reason, size and time), its row is left alone: reading the same folder again changes nothing to save.
   */
  record(paths: readonly UnreadPathMet[], metAt = new Date().toISOString()): void {
    const insert = this.prepared(
      `INSERT INTO unread_path (path, kind, reason, bytes, mtime, met_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, bytes = excluded.bytes, mtime = excluded.mtime,
         met_at = excluded.met_at
       WHERE kind IS NOT excluded.kind OR reason IS NOT excluded.reason OR bytes IS NOT excluded.bytes OR mtime IS NOT excluded.mtime`,
    );
    for (const p of paths) {
      this.forgetEarlierUploads(p.path);
      insert.run([p.path, p.kind, p.reason, p.bytes, p.mtimeMs, metAt] as SqlValue[]);
    }
  }

  /** A path read into a source: it is no longer unread. */
  forget(path: string): void {
    this.forgetEarlierUploads(path);
    this.prepared('DELETE FROM unread_path WHERE path = ?').run([path]);
  }

  /**
   * The web host keeps each drop in a folder of its own (shared/upload-folders.ts): the same file dropped again
   * comes at another path, which the user knows by the same name. The row of an earlier drop of it gives way, so
   * that it is listed once, as it is now (or not at all, once read).
   */
  private forgetEarlierUploads(path: string): void {
    const shown = withoutUploadFolders(path);
    if (shown === path) return;
    const earlier = allRows(this.prepared('SELECT path FROM unread_path WHERE instr(path, ?) > 0 AND path <> ?'), [SERVE_FOLDER_PREFIX, path])
      .map(([p]) => String(p))
      .filter((p) => withoutUploadFolders(p) === shown);
    for (const p of earlier) this.prepared('DELETE FROM unread_path WHERE path = ?').run([p]);
  }

  list(): UnreadPath[] {
    return allRows(this.prepared(`SELECT path, kind, reason, bytes, mtime, met_at FROM unread_path ORDER BY ${KIND_ORDER}, path`), [])
      .map(([path, kind, reason, bytes, mtime, metAt]) => ({
        path: path as string,
        kind: kind as UnreadPath['kind'],
        reason: reason as string,
        bytes: bytes === null ? null : Number(bytes),
        mtimeMs: mtime === null ? null : Number(mtime),
        metAt: metAt as string,
      }));
  }
}
