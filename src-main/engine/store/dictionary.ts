// A value table (user names, passwords, services): each distinct text gets an integer id once, through a Map
// bounded in size (capped-id-table.ts), because a password spray can bring millions of distinct values.
import { CappedIdTable } from './capped-id-table';
import { RowBatcher } from './row-batcher';
import type { Database } from './sqlite';
import { storableText } from './text-value';

export type DictionaryTable = 'username' | 'password' | 'service';

const DEFAULT_LIMIT = 250_000;

export class Dictionary extends CappedIdTable {
  constructor(db: Database, readonly table: DictionaryTable, limit = DEFAULT_LIMIT) {
    // New values are written many at a time (a spray brings thousands per batch).
    super(db, table, new RowBatcher(db, `${table} (id, value)`, 2), db.prepare(`SELECT id FROM ${table} WHERE value = ?`), limit);
    this.load();
  }

  protected load(): void {
    if (!this.restart()) return;
    const all = this.db.prepare(`SELECT value, id FROM ${this.table}`);
    while (all.step()) {
      const [value, id] = all.get();
      this.mapRow(value as string, id as number);
    }
    all.free();
  }

  /** The id of `value`, adding it to the table when new; null stays null (unknown). */
  override idOf(value: string | null): number | null {
    return value === null ? null : super.idOf(value);
  }

  protected storedForm(value: string): string {
    return storableText(value);
  }

  protected lookup(stored: string): number | undefined {
    this.select.bind([stored]);
    const id = this.select.step() ? (this.select.get()[0] as number) : undefined;
    this.select.reset();
    return id;
  }

  protected add(stored: string): number {
    const id = this.nextId++;
    const { values, offset } = this.insert.next();
    values[offset] = id;
    values[offset + 1] = stored;
    return id;
  }
}
