import { describe, expect, it } from 'vitest';
import { Dictionary } from '../../../src-main/engine/store/dictionary';
import { migrate } from '../../../src-main/engine/store/migrate';
import { loadSqlJs, type Database } from '../../../src-main/engine/store/sqlite';

async function caseDb(): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db);
  return db;
}

describe('Dictionary', () => {
  it('gives each value one id, however often its Map was cleared (a spray of distinct passwords)', async () => {
    const db = await caseDb();
    const passwords = new Dictionary(db, 'password', 4);
    const values = Array.from({ length: 150 }, (_, i) => `Spring${2000 + i}!`);
    db.exec('BEGIN');
    const ids = values.map((v) => passwords.idOf(v));
    // Asked again in another order: the Map holds at most four, so most are looked up in the table, some
    // while still waiting to be written.
    const order = values.map((_, i) => i).sort((a, b) => ((a * 37) % 150) - ((b * 37) % 150));
    for (const i of order) expect(passwords.idOf(values[i])).toBe(ids[i]);
    passwords.flush();
    db.exec('COMMIT');
    expect(new Set(ids).size).toBe(150);
    const stored = db.exec('SELECT id, value FROM password ORDER BY id')[0].values;
    expect(stored).toEqual(values.map((v, i) => [ids[i], v]));
    // A dictionary opened on the table later finds them too.
    const reopened = new Dictionary(db, 'password', 4);
    db.exec('BEGIN');
    expect(reopened.idOf('Spring2100!')).toBe(ids[100]);
    expect(reopened.idOf('new one')).toBe(151);
    reopened.flush();
    db.exec('COMMIT');
  });
});
