// docs/schema.md is what users query a saved case by: every table, view, column and index a saved case has must
// be named there, so that a migration that adds one without a word in the docs fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../src-main/engine/store/case-store';
import { APPLICATION_ID } from '../src-main/engine/store/migrations/migration';
import { loadSqlJs } from '../src-main/engine/store/sqlite';

const doc = fs.readFileSync(path.resolve(__dirname, '..', 'docs', 'schema.md'), 'utf8');
const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The schema of a case as saved (an ingest drops some indexes; a saved file always has them). */
async function savedSchema(): Promise<{ objects: { type: string; name: string; columns: string[] }[]; applicationId: number }> {
  const store = await CaseStore.create();
  const source = store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'h', mtime: 0 });
  store.addAttempts(source, [{ ts: 1_700_000_000, ip: '45.1.2.3', user: 'root', password: '123456', service: 'imap', line: 1 }]);
  store.addLogins(source, [{ ts: 1_700_000_100, ip: '203.0.113.7', user: 'alice', service: 'imap', line: 2 }]);
  const bytes = store.export();
  store.close();
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  const rows = db.exec("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")[0].values;
  const objects = rows.map(([type, name]) => ({
    type: type as string,
    name: name as string,
    columns: type === 'index' ? [] : db.exec(`SELECT name FROM pragma_table_info('${name as string}')`)[0].values.map((r) => r[0] as string),
  }));
  const applicationId = Number(db.exec('PRAGMA application_id')[0].values[0][0]);
  db.close();
  return { objects, applicationId };
}

describe('docs/schema.md', () => {
  it('names every table, view and index of a saved case, and each table\'s and view\'s columns where it describes it', async () => {
    const { objects } = await savedSchema();
    expect(objects.map((o) => o.type)).toEqual(expect.arrayContaining(['index', 'table', 'view']));
    for (const { type, name, columns } of objects) {
      expect(doc, `${type} ${name}`).toMatch(new RegExp(`\\b${escape(name)}\\b`));
      if (type === 'index') continue;
      // The lines that describe it: its signature `name(col, ...)`, or a table row that starts with its name.
      const describing = doc.split('\n').filter((line) => new RegExp(`(^|[\`| ])${escape(name)}(\\s*\\(|\`)`).test(line));
      const named = describing.join('\n');
      for (const column of columns) expect(named, `${type} ${name}: column ${column}`).toMatch(new RegExp(`\\b${escape(column)}\\b`));
    }
  });

  it('gives the application id a case file carries', async () => {
    const { applicationId } = await savedSchema();
    expect(doc).toContain(`PRAGMA application_id = 0x${applicationId.toString(16)}`);
    expect(applicationId).toBe(APPLICATION_ID);
  });
});
