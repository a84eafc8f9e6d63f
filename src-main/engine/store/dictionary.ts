// A value table (user names, passwords, services): each distinct text gets an integer id once, and a JS
// Map answers for known values so that a repeated value costs no SQL. Ids are handed out here (max + 1)
// rather than read back with RETURNING, which costs SQLite several microseconds per row. The Map is a
// cache bounded in size, because a password spray can bring millions of distinct values; once it has been
// cleared, misses ask the table first.
import { RowBatcher } from './row-batcher';
import type { Database, Statement } from './sqlite';
import { storableText } from './text-value';

export type DictionaryTable = 'username' | 'password' | 'service';

const DEFAULT_LIMIT = 250_000;

export class Dictionary {
  private readonly ids = new Map<string, number>();
  /** True while the Map holds every row of the table, so a miss is a new value. */
  private complete = true;
  /** True when values queued for insert may be missing from the Map (it was cleared since they were queued). */
  private pendingUnmapped = false;
  private nextId = 1;
  /** New values, written many at a time (a spray brings thousands per batch). */
  private readonly insert: RowBatcher;
  private readonly select: Statement;

  constructor(private readonly db: Database, readonly table: DictionaryTable, private readonly limit = DEFAULT_LIMIT) {
    this.insert = new RowBatcher(db, `${table} (id, value)`, 2);
    this.select = db.prepare(`SELECT id FROM ${table} WHERE value = ?`);
    this.load();
  }

  private load(): void {
    this.ids.clear();
    const [count, maxId] = this.db.exec(`SELECT count(*), coalesce(max(id), 0) FROM ${this.table}`)[0].values[0] as number[];
    this.nextId = maxId + 1;
    this.complete = count <= this.limit;
    if (!this.complete) return;
    const all = this.db.prepare(`SELECT value, id FROM ${this.table}`);
    while (all.step()) {
      const [value, id] = all.get();
      this.ids.set(value as string, id as number);
    }
    all.free();
  }

  /** The id of `value`, adding it to the table when new; null stays null (unknown). */
  idOf(value: string | null): number | null {
    if (value === null) return null;
    const known = this.ids.get(value);
    return known !== undefined ? known : this.miss(value);
  }

  private miss(value: string): number {
    const stored = storableText(value);
    let id = stored === value ? undefined : this.ids.get(stored);
    if (id === undefined && !this.complete) id = this.lookup(stored);
    if (id === undefined) {
      id = this.nextId++;
      const { values, offset } = this.insert.next();
      values[offset] = id;
      values[offset + 1] = stored;
    }
    if (this.ids.size >= this.limit) {
      this.ids.clear();
      this.complete = false;
      this.pendingUnmapped = true;
    }
    this.ids.set(value, id);
    if (stored !== value) this.ids.set(stored, id);
    return id;
  }

  private lookup(stored: string): number | undefined {
    // Values still pending are not in the table yet; those queued since the Map was last cleared are in the
    // Map, so a miss cannot be one of them. Flushing at every miss wrote a spray's new values one by one.
    if (this.pendingUnmapped) this.flush();
    this.select.bind([stored]);
    const id = this.select.step() ? (this.select.get()[0] as number) : undefined;
    this.select.reset();
    return id;
  }

  /** Writes the new values still pending; call before the batch's transaction ends. */
  flush(): void {
    this.insert.flush();
    this.pendingUnmapped = false;
  }

  /** Reads the table again (after a rolled-back batch, whose new rows no longer exist). */
  reload(): void {
    this.insert.discard();
    this.pendingUnmapped = false;
    this.load();
  }

  free(): void {
    this.insert.free();
    this.select.free();
  }
}
