import { describe, expect, it } from 'vitest';
import { loadSqlJs, memoryCopyOf, memoryDatabase, type Database } from '../../../src-main/engine/store/sqlite';

/** Where SQLite keeps the main database of a connection: '' for one in memory, else the file's path. */
function mainFile(db: Database): string {
  return String(db.exec("SELECT file FROM pragma_database_list WHERE name = 'main'")[0].values[0][0]);
}

const rowsOf = (db: Database): unknown[][] => db.exec('SELECT id, said FROM t ORDER BY id')[0]?.values ?? [];

/** A table of `n` rows whose texts fill several pages. */
function fill(db: Database, n: number): void {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, said TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  for (let i = 1; i <= n; i++) insert.run([i, `user${i} tried ${'x'.repeat(i % 50)}`]);
  insert.free();
}

describe('a database in memory', () => {
  it('is held by SQLite, not in a file, and saves as a SQLite file that opens with every row', async () => {
    const SQL = await loadSqlJs();
    const db = memoryDatabase(SQL);
    expect(mainFile(db)).toBe('');
    db.exec('PRAGMA page_size = 8192');
    fill(db, 5000);
    const saved = db.export();
    expect(Buffer.from(saved.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
    const reopened = new SQL.Database(saved);
    expect(rowsOf(reopened)).toEqual(rowsOf(db));
    expect(reopened.exec('PRAGMA page_size')[0].values[0][0]).toBe(8192);
    reopened.close();
    db.close();
  });

  it('is one of its own: two at once hold different tables', async () => {
    const SQL = await loadSqlJs();
    const one = memoryDatabase(SQL);
    const other = memoryDatabase(SQL);
    fill(one, 3);
    expect(() => other.exec('SELECT * FROM t')).toThrow(/no such table: t/);
    one.close();
    other.close();
  });

  it('closes once, and a second close does nothing', async () => {
    const SQL = await loadSqlJs();
    const db = memoryDatabase(SQL);
    fill(db, 2);
    db.close();
    expect(() => db.close()).not.toThrow();
    expect(() => db.exec('SELECT 1')).toThrow(/closed/);
  });
});

describe('a copy in memory of a database', () => {
  it('holds every row and the page size of a database read from a file\'s bytes', async () => {
    const SQL = await loadSqlJs();
    const original = memoryDatabase(SQL);
    // Cases written before the page size became 8 KiB have 4 KiB pages: a database in memory takes a
    // backup only of its own page size.
    original.exec('PRAGMA page_size = 4096');
    fill(original, 20_000);
    const file = new SQL.Database(original.export());
    expect(mainFile(file)).not.toBe('');
    const copy = memoryCopyOf(SQL, file);
    file.close();
    expect(mainFile(copy)).toBe('');
    expect(copy.exec('PRAGMA page_size')[0].values[0][0]).toBe(4096);
    expect(rowsOf(copy)).toEqual(rowsOf(original));
    // It goes on as a database of its own.
    copy.exec("INSERT INTO t VALUES (20001, 'after the copy')");
    expect(copy.exec('SELECT count(*) FROM t')[0].values[0][0]).toBe(20_001);
    original.close();
    copy.close();
  });

  it('is refused, in SQLite\'s words, for bytes that are no database', async () => {
    const SQL = await loadSqlJs();
    const file = new SQL.Database(new TextEncoder().encode('Nov 12 10:00:01 mx dovecot: imap-login: not a database at all\n'.repeat(200)));
    expect(() => memoryCopyOf(SQL, file)).toThrow(/not a database/);
    file.close();
  });
});
