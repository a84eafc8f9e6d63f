import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import { IpTable } from '../../../src-main/engine/store/ip-table';
import { planSelection } from '../../../src-main/engine/query/selection';
import { migrate } from '../../../src-main/engine/store/migrate';
import { loadSqlJs, type Database } from '../../../src-main/engine/store/sqlite';

async function caseDb(): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db);
  return db;
}

const hasSortIndex = (db: Database): boolean =>
  db.exec(`SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'ip_by_sort_key'`).length > 0;
const rows = (db: Database): unknown[][] => db.exec('SELECT id, ip FROM ip ORDER BY id')[0]?.values ?? [];

describe('IpTable and the unique index of sort keys', () => {
  it('drops the index at the first new address while the Map knows every address, and builds it again on demand', async () => {
    const db = await caseDb();
    const table = new IpTable(db);
    expect(hasSortIndex(db)).toBe(true);
    db.exec('BEGIN');
    expect(table.idOf('198.51.100.7')).toBe(1);
    expect(hasSortIndex(db)).toBe(false);
    expect(table.idOf('::ffff:198.51.100.7')).toBe(1);
    expect(table.idOf('2001:db8::1')).toBe(2);
    table.flush();
    db.exec('COMMIT');
    table.ensureSortIndex();
    expect(hasSortIndex(db)).toBe(true);
    expect(rows(db)).toEqual([[1, '198.51.100.7'], [2, '2001:db8::1']]);
    // The index is unique again: a second row with the same sort key is refused.
    expect(() => db.exec(`INSERT INTO ip (id, ip, sort_key, version, scope) SELECT 3, ip, sort_key, version, scope FROM ip WHERE id = 1`)).toThrow(/UNIQUE/);
    // Known addresses do not drop it.
    db.exec('BEGIN');
    expect(table.idOf('198.51.100.7')).toBe(1);
    db.exec('COMMIT');
    expect(hasSortIndex(db)).toBe(true);
  });

  it('knows after a rolled-back batch that the index is back', async () => {
    const db = await caseDb();
    const table = new IpTable(db);
    db.exec('BEGIN');
    table.idOf('203.0.113.9');
    expect(hasSortIndex(db)).toBe(false);
    db.exec('ROLLBACK');
    table.reload();
    expect(hasSortIndex(db)).toBe(true);
    expect(rows(db)).toEqual([]);
    db.exec('BEGIN');
    expect(table.idOf('203.0.113.9')).toBe(1);
    table.flush();
    db.exec('COMMIT');
    expect(hasSortIndex(db)).toBe(false);
  });

  it('builds the index before it asks the table, once the Map no longer holds every address', async () => {
    const db = await caseDb();
    const table = new IpTable(db, 4);
    const addresses = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6'];
    db.exec('BEGIN');
    const ids = addresses.map((a) => table.idOf(a));
    // The Map was cleared at its limit: the addresses seen before are found in the table, not added again.
    const again = [...addresses].reverse().map((a) => table.idOf(a));
    table.flush();
    db.exec('COMMIT');
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(again).toEqual([6, 5, 4, 3, 2, 1]);
    expect(hasSortIndex(db)).toBe(true);
    expect(rows(db)).toHaveLength(6);
    // A table reopened beyond the limit keeps the index: its misses need it.
    const reopened = new IpTable(db, 4);
    db.exec('BEGIN');
    expect(reopened.idOf('192.0.2.7')).toBe(7);
    expect(reopened.idOf('192.0.2.3')).toBe(3);
    reopened.flush();
    db.exec('COMMIT');
    expect(hasSortIndex(db)).toBe(true);
  });

  it('finds every address again after its Map was cleared many times, with rows still waiting to be written', async () => {
    const db = await caseDb();
    const table = new IpTable(db, 4);
    const addresses = Array.from({ length: 150 }, (_, i) => `198.51.100.${i + 1}`);
    db.exec('BEGIN');
    const ids = addresses.map((a) => table.idOf(a));
    // Asked again in another order, in the same batch: some are written, some still wait in the batcher.
    const again = addresses.map((a, i) => [a, i] as const).sort((x, y) => (x[1] * 37) % 150 - (y[1] * 37) % 150)
      .map(([a, i]) => [table.idOf(a), ids[i]]);
    table.flush();
    db.exec('COMMIT');
    expect(new Set(ids).size).toBe(150);
    for (const [found, first] of again) expect(found).toBe(first);
    expect(rows(db)).toHaveLength(150);
  });

  it('leaves the index in every saved case, and a search by address or network builds it', async () => {
    const store = await CaseStore.create();
    const source = store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'h', mtime: 0 });
    store.addAttempts(source, [
      { ts: 1_700_000_000, ip: '45.1.2.3', user: 'alice', password: null, service: 'imap', line: 1 },
      { ts: 1_700_000_100, ip: '45.1.2.4', user: 'bob', password: null, service: 'imap', line: 2 },
    ]);
    const indexOf = (s: CaseStore): number => Number(s.value(`SELECT count(*) FROM sqlite_schema WHERE name = 'ip_by_sort_key'`));
    expect(indexOf(store)).toBe(0);
    const saved = await CaseStore.fromBytes(store.export());
    expect(indexOf(saved)).toBe(1);
    saved.close();
    store.close();

    const searched = await CaseStore.create();
    const other = searched.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'h', mtime: 0 });
    searched.addAttempts(other, [{ ts: 1_700_000_000, ip: '45.1.2.3', user: 'alice', password: null, service: 'imap', line: 1 }]);
    expect(indexOf(searched)).toBe(0);
    planSelection(searched, { from: null, to: null, countries: [], search: '45.1.0.0/16' });
    expect(indexOf(searched)).toBe(1);
    searched.close();
  });
});
