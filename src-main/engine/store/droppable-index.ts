// An index that ingest drops while it adds many rows and builds again, in one sorted pass, when a reader needs
// it: kept up to date row by row, in the random order rows come in, it costs more than the rebuild. Whether it
// exists is remembered, so dropping and ensuring cost nothing when there is nothing to do.
import type { Database } from './sqlite';

export class DroppableIndex {
  private present: boolean;

  /** `create` is the index's fixed SQL (`CREATE [UNIQUE] INDEX IF NOT EXISTS <name> ...`). */
  constructor(private readonly db: Database, readonly name: string, private readonly create: string) {
    this.present = this.exists();
  }

  get isPresent(): boolean {
    return this.present;
  }

  /** Reads again whether the index exists: a rolled-back transaction brings back one it dropped. */
  refresh(): void {
    this.present = this.exists();
  }

  ensure(): void {
    if (this.present) return;
    this.db.exec(this.create);
    this.present = true;
  }

  drop(): void {
    if (!this.present) return;
    this.db.exec(`DROP INDEX IF EXISTS ${this.name}`);
    this.present = false;
  }

  private exists(): boolean {
    return this.db.exec("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?", [this.name]).length > 0;
  }
}
