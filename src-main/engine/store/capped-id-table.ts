// A table whose rows are found by a text (a dictionary's values, the addresses): each distinct text gets an
// integer id once, and a JS Map answers for known texts so that a repeated one costs no SQL. Ids are handed out
// here (max + 1) rather than read back with RETURNING, which costs SQLite several microseconds per row. The Map
// is a cache bounded in size, because a password spray or a swarm can bring millions of distinct texts; once it
// has been cleared, misses ask the table first.
import type { RowBatcher } from './row-batcher';
import type { Database, Statement } from './sqlite';

export abstract class CappedIdTable {
  private readonly ids = new Map<string, number>();
  /** True while the Map holds every row of the table, so a miss is a new text. */
  protected complete = true;
  /** True when rows queued for insert may be missing from the Map (it was cleared since they were queued). */
  private pendingUnmapped = false;
  protected nextId = 1;

  /**
   * `insert` writes the new rows, `select` finds a row by its stored text; `limit` is how many texts the Map
   * holds at most. Each subclass calls load() once its own fields are set.
   */
  protected constructor(
    protected readonly db: Database,
    private readonly tableName: string,
    protected readonly insert: RowBatcher,
    protected readonly select: Statement,
    private readonly limit: number,
  ) {}

  /** The id of `text`, adding a row when it is new; null when it can have none. */
  idOf(text: string): number | null {
    const known = this.ids.get(text);
    return known !== undefined ? known : this.miss(text);
  }

  /** The form `text` is stored in, which may differ (an address's canonical form); null when it can have no row. */
  protected abstract storedForm(text: string): string | null;
  /** The id of the row that stores `stored`, read from the table; undefined when there is none. */
  protected abstract lookup(stored: string): number | undefined;
  /** Queues a new row for `stored` and returns its id (from nextId). */
  protected abstract add(stored: string): number;
  /** Reads the table again: begins with restart(), and maps each row while the Map is to hold them all. */
  protected abstract load(): void;

  /**
   * Empties the Map and reads where the table's ids stop, at the start of load(); returns whether the Map is to
   * hold every row (the table has no more than the limit).
   */
  protected restart(): boolean {
    this.ids.clear();
    const [count, maxId] = this.db.exec(`SELECT count(*), coalesce(max(id), 0) FROM ${this.tableName}`)[0].values[0] as number[];
    this.nextId = maxId + 1;
    this.complete = count <= this.limit;
    return this.complete;
  }

  /** Maps a row read by load(). */
  protected mapRow(stored: string, id: number): void {
    this.ids.set(stored, id);
  }

  private miss(text: string): number | null {
    const stored = this.storedForm(text);
    if (stored === null) return null;
    let id = stored === text ? undefined : this.ids.get(stored);
    if (id === undefined && !this.complete) {
      // Rows still pending are not in the table yet; those queued since the Map was last cleared are in the
      // Map, so a miss cannot be one of them. Flushing at every miss wrote a spray's new rows one by one.
      if (this.pendingUnmapped) this.flush();
      id = this.lookup(stored);
    }
    if (id === undefined) id = this.add(stored);
    if (this.ids.size >= this.limit) {
      this.ids.clear();
      this.complete = false;
      this.pendingUnmapped = true;
    }
    this.ids.set(text, id);
    this.ids.set(stored, id);
    return id;
  }

  /** Writes the new rows still pending; call before the batch's transaction ends. */
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
