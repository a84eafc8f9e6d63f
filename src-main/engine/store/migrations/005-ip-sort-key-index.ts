// An address's sort key stays unique, but through a named index, ip_by_sort_key, instead of a UNIQUE column
// constraint: SQLite never drops the index of a constraint, and ingest drops this one while it adds many
// addresses and builds it again in one sorted pass (ip-table.ts). Kept up to date one address at a time, in the
// random order addresses come in, it cost as much as inserting every attempt of a year.
//
// The table is swapped for one without the constraint, the documented way (sqlite.org/lang_altertable.html,
// "other kinds of table schema changes"). Views over `ip` stop the rename, so every view (ours, and any a user
// added to the case) is dropped first and created again from its own SQL afterwards; indexes and triggers a
// user put on `ip` go with the old table and are created again too.
import type { Migration } from './migration';

export const ipSortKeyIndex: Migration = {
  version: 5,
  name: 'ip sort key in a named unique index',
  up: (db) => {
    const schema = (where: string): [string, string][] =>
      (db.exec(`SELECT name, sql FROM sqlite_schema WHERE ${where} ORDER BY rowid`)[0]?.values ?? []) as [string, string][];
    const views = schema(`type = 'view'`);
    // Automatic indexes (of constraints) have no SQL; the constraint's own one is the index this step replaces.
    const onIp = schema(`type IN ('index', 'trigger') AND tbl_name = 'ip' AND sql IS NOT NULL`);
    for (const [name] of views) db.exec(`DROP VIEW "${name.replaceAll('"', '""')}"`);
    db.exec(`
CREATE TABLE ip_keyed_by_index (
  id        INTEGER PRIMARY KEY,
  ip        TEXT NOT NULL,
  sort_key  BLOB NOT NULL,
  version   INTEGER NOT NULL,
  scope     TEXT NOT NULL,
  country   TEXT,
  asn       INTEGER,
  as_org    TEXT,
  geo_db_id INTEGER REFERENCES geo_db (id)
);
INSERT INTO ip_keyed_by_index (id, ip, sort_key, version, scope, country, asn, as_org, geo_db_id)
  SELECT id, ip, sort_key, version, scope, country, asn, as_org, geo_db_id FROM ip;
DROP TABLE ip;
-- A trigger of a user's on another table that names ip would make the checked rename fail (ip is gone).
PRAGMA legacy_alter_table = ON;
ALTER TABLE ip_keyed_by_index RENAME TO ip;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX ip_by_sort_key ON ip (sort_key);
`);
    for (const [, sql] of [...onIp, ...views]) db.exec(sql);
  },
};
