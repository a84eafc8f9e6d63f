import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CaseFormatError, CaseStore } from '../../../src-main/engine/store/case-store';
import { migrate } from '../../../src-main/engine/store/migrate';
import { sourceFacts } from '../../../src-main/engine/store/repeated-streams';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { APPLICATION_ID, type Migration } from '../../../src-main/engine/store/migrations/migration';
import { loadSqlJs, type Database } from '../../../src-main/engine/store/sqlite';

async function emptyDb(bytes?: Uint8Array): Promise<Database> {
  const SQL = await loadSqlJs();
  return new SQL.Database(bytes);
}

const pragma = (db: Database, name: string): number => Number(db.exec(`PRAGMA ${name}`)[0].values[0][0]);
const tables = (db: Database): string[] => db.exec("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")[0]?.values.map((r) => r[0] as string) ?? [];
/** A source read to its end: 100 bytes, 2 lines, content hash `c`. */
const READ_SOURCE = `INSERT INTO source (id, path, encoding, head_hash, mtime, started_at, finished_at, content_hash, content_bytes, lines)
  VALUES (1, '/var/log/mail.log', 'plain', 'h', 0, '2024-01-01', '2024-01-01', 'c', 100, 2)`;
/** READ_SOURCE as the case finds it by its head hash once migrated: nothing known of its sessions or its last line. */
const READ_SOURCE_FOUND = { id: 1, path: '/var/log/mail.log', contentHash: 'c', contentBytes: 100, lines: 2, joinMemory: [], firstTs: null, lastTs: null, openLine: null };
/** A query's rows, or undefined for none. */
const rowsOf = (db: Database, sql: string) => db.exec(sql)[0]?.values;

/** The steps applied to bring `db` to `version`: a case saved by the Swarmscope of that version is at it. */
const migrateTo = (db: Database, version: number): number[] => migrate(db, MIGRATIONS.filter((m) => m.version <= version));

/** A new database at schema `version`. */
async function dbAtVersion(version: number): Promise<Database> {
  const db = await emptyDb();
  migrateTo(db, version);
  return db;
}

/** `db` as a case opened after it was saved (the database is closed). */
function reopenedCase(db: Database): Promise<CaseStore> {
  const bytes = db.export();
  db.close();
  return CaseStore.fromBytes(bytes);
}

describe('migrate', () => {
  it('brings a version 0 database to the current schema, each step once', async () => {
    const db = await emptyDb();
    expect(pragma(db, 'user_version')).toBe(0);
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION);
    expect(pragma(db, 'application_id')).toBe(APPLICATION_ID);
    expect(tables(db)).toEqual(expect.arrayContaining(['attempt_record', 'ip', 'ip_day', 'day_country', 'source']));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('does not apply steps again when a saved case is reopened', async () => {
    const store = await CaseStore.create();
    const id = store.beginSource({ path: '/x.log', encoding: 'plain', headHash: 'h', mtime: 0 });
    store.addAttempts(id, [{ ts: 1_700_000_000, ip: '45.1.2.3', user: 'u', password: null, service: null, line: 1 }]);
    const bytes = store.export();
    store.close();

    const db = await emptyDb(bytes);
    expect(migrate(db)).toEqual([]);
    expect(db.exec('SELECT ip, user FROM attempt')[0].values).toEqual([['45.1.2.3', 'u']]);
    db.close();

    const reopened = await CaseStore.fromBytes(bytes);
    expect(reopened.rows('SELECT ip, user FROM attempt')).toEqual([['45.1.2.3', 'u']]);
    reopened.close();
  });

  it('applies only the steps a database lacks, in order, and rolls a failing step back', async () => {
    const db = await emptyDb();
    const steps: Migration[] = [
      { version: 1, name: 'one', sql: `PRAGMA application_id = ${APPLICATION_ID}; CREATE TABLE a (x)` },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (y)', up: (d) => d.run('INSERT INTO b VALUES (?)', ['moved']) },
    ];
    expect(migrate(db, steps.slice(0, 1))).toEqual([1]);
    expect(migrate(db, steps)).toEqual([2]);
    expect(db.exec('SELECT y FROM b')[0].values).toEqual([['moved']]);

    const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE c (z); INSERT INTO no_such_table VALUES (1)' };
    expect(() => migrate(db, [...steps, broken])).toThrow(/step 3 \(broken\)/);
    expect(pragma(db, 'user_version')).toBe(2);
    expect(tables(db)).not.toContain('c');
    db.close();
  });

  it('refuses a case saved by a newer version, saying so', async () => {
    const store = await CaseStore.create();
    const db = await emptyDb(store.export());
    store.close();
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    const bytes = db.export();
    db.close();
    await expect(CaseStore.fromBytes(bytes)).rejects.toThrow(CaseFormatError);
    await expect(CaseStore.fromBytes(bytes)).rejects.toThrow(/newer Swarmscope.*version \d+.*reads up to \d+/);
  });

  it('refuses databases that are not cases, and files that are not databases', async () => {
    const other = await emptyDb();
    other.exec('CREATE TABLE customers (name TEXT)');
    const otherBytes = other.export();
    other.close();
    await expect(CaseStore.fromBytes(otherBytes)).rejects.toThrow(/not a Swarmscope case/);

    const foreign = await emptyDb();
    foreign.exec('PRAGMA application_id = 12345; PRAGMA user_version = 1');
    const foreignBytes = foreign.export();
    foreign.close();
    await expect(CaseStore.fromBytes(foreignBytes)).rejects.toThrow(/another application/);

    const text = new TextEncoder().encode('Oct 12 10:00:01 mail dovecot: this is a log, not a case\n'.repeat(200));
    await expect(CaseStore.fromBytes(text)).rejects.toThrow(CaseFormatError);
  });

  it('says a log picked as a case is one, plain or compressed, and where logs are read', async () => {
    const log = 'Oct 12 10:00:01 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, rip=203.0.113.5\n'.repeat(200);
    const logOrNot = /^not a case: a case is a SQLite database, and this file is (text, as a log is|compressed data, as a rotated log is kept); logs are read into a case with Open logs… \(or swarmscope ingest\), not opened as one$/;
    await expect(CaseStore.fromBytes(new TextEncoder().encode(log))).rejects.toThrow(logOrNot);
    await expect(CaseStore.fromBytes(zlib.gzipSync(log))).rejects.toThrow(/this file is compressed data, as a rotated log is kept; logs are read/);
    // Neither a case nor a log: said plainly, with no log's advice.
    const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(400, 7)]);
    await expect(CaseStore.fromBytes(image)).rejects.toThrow(/^not a case: a case is a SQLite database, and this file does not start as one does$/);
    // An empty file is a new case, as before.
    (await CaseStore.fromBytes(new Uint8Array(0))).close();
  });

  it('moves the logins of a version 2 case into the time-keyed table, the login view unchanged, new logins after them', async () => {
    const db = await dbAtVersion(2);
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at) VALUES (1, '/var/log/mail.log', 'plain', 'h', 0, '2024-01-01')`);
    db.exec(`INSERT INTO ip (id, ip, sort_key, version, scope, country) VALUES (1, '45.1.2.3', x'042d010203', 4, 'public', 'NL'), (2, '10.0.0.7', x'040a000007', 4, 'private', NULL)`);
    db.exec(`INSERT INTO username (id, value) VALUES (1, 'alice'), (2, '=HYPERLINK("x")')`);
    db.exec(`INSERT INTO service (id, value) VALUES (1, 'imap')`);
    // Version 2 numbered logins by insertion, not by time: an out-of-order file gives ids against the clock.
    db.exec(`INSERT INTO login_record (id, ts, ip_id, user_id, service_id, source_id, line) VALUES
      (1, 1700000300, 1, 1, 1, 1, 30), (2, 1700000100, 2, 2, NULL, 1, 10), (3, 1700000200, 1, NULL, 1, 1, 20)`);
    const before = db.exec('SELECT * FROM login ORDER BY line')[0].values;
    expect(migrateTo(db, 3)).toEqual([3]);
    expect(db.exec('SELECT * FROM login ORDER BY line')[0].values).toEqual(before);
    expect(db.exec('SELECT id, line FROM login_record')[0].values).toEqual([[2, 10], [3, 20], [1, 30]]); // stored in time order
    const indexes = db.exec(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'login_record' AND sql IS NOT NULL`)[0].values.flat();
    expect(indexes).toEqual(['login_record_by_ip']);

    const store = await reopenedCase(db);
    store.addLogins(1, [{ ts: 1_700_000_050, ip: '45.1.2.3', user: 'bob', service: 'pop3', line: 40 }]);
    expect(store.rows('SELECT l.id, l.ts, login.user FROM login_record l JOIN login ON login.line = l.line ORDER BY l.ts')).toEqual([
      [4, 1_700_000_050, 'bob'], [2, 1_700_000_100, '=HYPERLINK("x")'], [3, 1_700_000_200, null], [1, 1_700_000_300, 'alice'],
    ]);
    store.close();
  });

  it('gives the sources of a version 3 case a join memory, empty, which a resumed file reads as nothing known', async () => {
    const db = await dbAtVersion(3);
    db.exec(READ_SOURCE);
    expect(migrateTo(db, 4)).toEqual([4]);
    expect(db.exec('SELECT join_memory FROM source')[0].values).toEqual([[null]]);
    const store = await reopenedCase(db);
    expect(store.findSourcesByHeadHash('h')).toEqual([READ_SOURCE_FOUND]);
    store.close();
  });

  it('moves the uniqueness of a version 4 case\'s address sort keys into a named index, its views and a user\'s view unchanged', async () => {
    const db = await dbAtVersion(4);
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at) VALUES (1, '/var/log/mail.log', 'plain', 'h', 0, '2024-01-01')`);
    db.exec(`INSERT INTO geo_db (id, name, kind, build_date, licence, path, bundled) VALUES (1, 'GeoLite2-Country', 'country', '2024-01-01', 'CC BY-SA 4.0', '/x.mmdb', 0)`);
    db.exec(`INSERT INTO ip (id, ip, sort_key, version, scope, country, asn, as_org, geo_db_id) VALUES
      (1, '45.1.2.3', x'042d010203', 4, 'public', 'NL', 64500, 'Example AS', 1), (2, '10.0.0.7', x'040a000007', 4, 'private', NULL, NULL, NULL, NULL)`);
    db.exec(`INSERT INTO username (id, value) VALUES (1, 'alice')`);
    db.exec(`INSERT INTO attempt_record (ts, id, ip_id, user_id, password_id, service_id, source_id, line) VALUES (1700000000, 1, 1, 1, NULL, NULL, 1, 5), (1700000100, 2, 2, NULL, NULL, NULL, 1, 6)`);
    db.exec(`INSERT INTO login_record (ts, id, ip_id, user_id, service_id, source_id, line) VALUES (1700000200, 1, 1, 1, NULL, 1, 7)`);
    db.exec(`CREATE VIEW dutch_attempts AS SELECT ip, user FROM attempt WHERE country = 'NL'`);
    db.exec(`CREATE INDEX ip_by_asn ON ip (asn)`);
    db.exec(`CREATE TRIGGER ip_no_delete BEFORE DELETE ON ip BEGIN SELECT RAISE(ABORT, 'evidence is kept'); END`);
    db.exec(`CREATE TABLE watch (ip TEXT)`);
    db.exec(`CREATE TRIGGER watch_new_rows AFTER INSERT ON attempt_record BEGIN INSERT INTO watch SELECT ip FROM ip WHERE id = new.ip_id; END`);
    const query = (sql: string) => rowsOf(db, sql);
    const before = [query('SELECT * FROM ip ORDER BY id'), query('SELECT * FROM attempt ORDER BY line'), query('SELECT * FROM login'), query('SELECT * FROM dutch_attempts')];
    const viewSql = query(`SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name`);

    expect(migrateTo(db, 5)).toEqual([5]);
    expect([query('SELECT * FROM ip ORDER BY id'), query('SELECT * FROM attempt ORDER BY line'), query('SELECT * FROM login'), query('SELECT * FROM dutch_attempts')]).toEqual(before);
    expect(query(`SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name`)).toEqual(viewSql);
    expect(query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ip' ORDER BY name`)).toEqual([['ip_by_asn'], ['ip_by_sort_key']]);
    expect(() => db.exec('DELETE FROM ip WHERE id = 2')).toThrow(/evidence is kept/);
    db.exec(`INSERT INTO attempt_record (ts, id, ip_id, source_id, line) VALUES (1700000300, 3, 1, 1, 8)`);
    expect(query('SELECT ip FROM watch')).toEqual([['45.1.2.3']]);
    expect(() => db.exec(`INSERT INTO ip (id, ip, sort_key, version, scope) VALUES (3, '45.1.2.3', x'042d010203', 4, 'public')`)).toThrow(/UNIQUE/);
    expect(query('PRAGMA foreign_key_check')).toBeUndefined();
    db.close();
  });

  it('drops the attempts\' index by address from a version 5 case, keeping its rows, views and a user\'s own index', async () => {
    const db = await dbAtVersion(5);
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at) VALUES (1, '/var/log/mail.log', 'plain', 'h', 0, '2024-01-01')`);
    db.exec(`INSERT INTO ip (id, ip, sort_key, version, scope, country) VALUES (1, '45.1.2.3', x'042d010203', 4, 'public', 'NL')`);
    db.exec(`INSERT INTO attempt_record (ts, id, ip_id, user_id, password_id, service_id, source_id, line) VALUES (1700000000, 1, 1, NULL, NULL, NULL, 1, 5)`);
    db.exec(`CREATE INDEX my_attempts_by_line ON attempt_record (line)`);
    const query = (sql: string) => rowsOf(db, sql);
    const indexes = () => query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'attempt_record' ORDER BY name`);
    expect(indexes()).toEqual([['attempt_record_by_ip'], ['my_attempts_by_line']]);
    const before = query('SELECT * FROM attempt');

    expect(migrateTo(db, 6)).toEqual([6]);
    expect(indexes()).toEqual([['my_attempts_by_line']]);
    expect(query('SELECT * FROM attempt')).toEqual(before);
    db.close();
  });

  it('finds a version 6 case\'s sources by path through an index', async () => {
    const db = await dbAtVersion(6);
    expect(migrateTo(db, 7)).toEqual([7]);
    const plan = db.exec(`EXPLAIN QUERY PLAN SELECT join_memory FROM source WHERE path = '/var/log/mail.log' AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`)[0].values.map((r) => String(r[3])).join(' ');
    expect(plan).toMatch(/source_by_path/);
    db.close();
  });

  it('gives a version 7 case\'s sources no system PAM lines, as their tries were taken for dovecot\'s', async () => {
    const db = await dbAtVersion(7);
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at, attempt_lines) VALUES (1, '/var/log/auth.log', 'plain', 'h', 0, '2024-01-01', 40)`);
    expect(migrateTo(db, 9)).toEqual([8, 9]);
    expect(db.exec('SELECT attempt_lines, system_pam_lines FROM source')[0].values).toEqual([[40, 0]]);
    db.close();
  });

  it('gives a version 8 case\'s sources no postfix SASL lines, as their tries were taken for dovecot\'s', async () => {
    const db = await dbAtVersion(8);
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at, attempt_lines, system_pam_lines)
             VALUES (1, '/var/log/mail.warn', 'plain', 'h', 0, '2024-01-01', 40, 0)`);
    expect(migrateTo(db, 9)).toEqual([9]);
    expect(db.exec('SELECT attempt_lines, system_pam_lines, postfix_sasl_lines FROM source')[0].values).toEqual([[40, 0, 0]]);
    db.close();
  });

  it('gives a version 12 case\'s sources no sshd lines: an auth.log of the PAM module\'s lines alone stays one, its tries matched to dovecot\'s', async () => {
    const db = await dbAtVersion(12);
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at, attempt_lines, system_pam_lines)
             VALUES (1, '/var/log/auth.log', 'plain', 'h', 0, '2024-01-01', 40, 40)`);
    expect(migrateTo(db, 13)).toEqual([13]);
    expect(db.exec('SELECT attempt_lines, system_pam_lines, sshd_lines FROM source')[0].values).toEqual([[40, 40, 0]]);
    migrate(db);
    expect(sourceFacts(db).map((f) => f.systemPamOnly)).toEqual([true]);
    db.close();
  });

  it('gives a version 9 case\'s sources no open last line: a file that grew from one is read on after its content, as before', async () => {
    const db = await dbAtVersion(9);
    db.exec(READ_SOURCE);
    expect(migrateTo(db, 10)).toEqual([10]);
    // Step 11: such a source names no host, and is compared with the others of its folder as before. Step 12:
    // it knows nothing of its start, which an older file read later then reads as nothing known.
    expect(migrateTo(db, 12)).toEqual([11, 12]);
    expect(db.exec('SELECT host, start_memory FROM source')[0].values).toEqual([[null, null]]);
    expect(migrateTo(db, 13)).toEqual([13]);
    const store = await reopenedCase(db);
    expect(store.findSourcesByHeadHash('h')).toEqual([READ_SOURCE_FOUND]);
    store.close();
  });
  it('gives a version 13 case a list of unread paths, empty, its sources and views unchanged, which the case then keeps', async () => {
    const db = await dbAtVersion(13);
    db.exec(READ_SOURCE);
    db.exec(`INSERT INTO ip (id, ip, sort_key, version, scope, country) VALUES (1, '45.1.2.3', x'042d010203', 4, 'public', 'NL')`);
    db.exec(`INSERT INTO attempt_record (ts, id, ip_id, user_id, password_id, service_id, source_id, line) VALUES (1700000000, 1, 1, NULL, NULL, NULL, 1, 5)`);
    const query = (sql: string) => rowsOf(db, sql);
    const views = query(`SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name`);
    const before = [query('SELECT * FROM attempt'), query('SELECT * FROM source')];
    expect(migrateTo(db, 15)).toEqual([14, 15]);
    expect(query(`SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name`)).toEqual(views);
    expect([query('SELECT * FROM attempt'), query('SELECT * FROM source')]).toEqual(before);
    expect(query('SELECT count(*) FROM unread_path')).toEqual([[0]]);
    expect(query(`SELECT name FROM pragma_table_info('unread_path') ORDER BY cid`)?.flat()).toEqual(['path', 'kind', 'reason', 'bytes', 'mtime', 'met_at']);
    expect(() => db.exec(`INSERT INTO unread_path (path, kind, reason, met_at) VALUES ('/x', 'lost', 'why', '2024-01-01')`)).toThrow(/CHECK/);

    const store = await reopenedCase(db);
    expect(store.caseInfo(null).unread).toEqual([]);
    store.recordUnread([{ path: '/var/log/btmp', kind: 'skipped', reason: "the system's binary record of logins (btmp), not a text log", bytes: 0, mtimeMs: 1_700_000_000_000 }]);
    const saved = store.export();
    store.close();
    const reopened = await CaseStore.fromBytes(saved);
    expect(reopened.caseInfo(null).unread).toEqual([{
      path: '/var/log/btmp', kind: 'skipped', reason: "the system's binary record of logins (btmp), not a text log", bytes: 0, mtimeMs: 1_700_000_000_000,
      metAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    }]);
    expect(reopened.caseInfo(null).sources.map((s) => s.path)).toEqual(['/var/log/mail.log']);
    reopened.close();
  });

  it('gives a version 14 case an empty table of undated times, its sources and views unchanged, which an ingest then fills', async () => {
    const db = await dbAtVersion(14);
    db.exec(READ_SOURCE);
    const query = (sql: string) => rowsOf(db, sql);
    const views = query(`SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name`);
    const before = [query('SELECT * FROM attempt'), query('SELECT * FROM source')];
    expect(migrateTo(db, 15)).toEqual([15]);
    expect(query(`SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name`)).toEqual(views);
    expect([query('SELECT * FROM attempt'), query('SELECT * FROM source')]).toEqual(before);
    expect(query('SELECT count(*) FROM undated_time')).toEqual([[0]]);
    expect(query(`SELECT name FROM pragma_table_info('undated_time') ORDER BY cid`)?.flat()).toEqual(['source_id', 'ts', 'lines']);

    const store = await reopenedCase(db);
    const id = store.beginSource({ path: '/var/log/journal.txt', encoding: 'plain', headHash: 'j', mtime: 1_706_776_200_000 });
    const finish = {
      lines: 2, attemptLines: 2, loginLines: 0, ignoredLines: 0, unparsedLines: 0, attempts: 2, logins: 0, firstTs: null, lastTs: null,
      notes: [], warnings: [], errors: [], unparsed: [], contentHash: 'k', contentBytes: 10,
    };
    store.finishSource(id, { ...finish, undatedAtFileTime: { lines: 2, ts: 1_706_776_200 } });
    // The file grew and was read on, its new lines dated at the same time again.
    store.finishSource(id, { ...finish, undatedAtFileTime: { lines: 1, ts: 1_706_776_200 } });
    const reopened = await CaseStore.fromBytes(store.export());
    store.close();
    expect(reopened.rows('SELECT source_id, ts, lines FROM undated_time')).toEqual([[id, 1_706_776_200, 3]]);
    reopened.discardSource(id);
    expect(reopened.rows('SELECT count(*) FROM undated_time')).toEqual([[0]]);
    reopened.close();
  });
  it('gives a version 15 case\'s sources an unknown count of dovecot auth lines: none is taken for an extract of login lines, or for the log one was taken from', async () => {
    const db = await dbAtVersion(15);
    // mail.log, read before the step, held auth lines and login lines; failures.log, its login lines alone.
    db.exec(`INSERT INTO source (id, path, encoding, head_hash, mtime, started_at, attempt_lines) VALUES
             (1, '/var/log/mail.log', 'plain', 'h1', 0, '2024-01-01', 40), (2, '/var/log/failures.log', 'plain', 'h2', 0, '2024-01-01', 20)`);
    expect(migrate(db)).toEqual([16]);
    expect(rowsOf(db, 'SELECT dovecot_auth_lines FROM source')).toEqual([[null], [null]]);
    expect(sourceFacts(db).map((f) => [f.holdsAuthLines, f.loginLinesOnly])).toEqual([[false, false], [false, false]]);
    // A source read after it counts them: none yet, and then those its lines had.
    const store = await reopenedCase(db);
    const id = store.beginSource({ path: '/var/log/mail.log.1', encoding: 'plain', headHash: 'h3', mtime: 0 });
    store.finishSource(id, {
      lines: 3, attemptLines: 3, loginLines: 0, ignoredLines: 0, unparsedLines: 0, attempts: 2, logins: 0, firstTs: null, lastTs: null,
      notes: [], warnings: [], errors: [], unparsed: [], contentHash: 'c3', contentBytes: 30, dovecotAuthLines: 2,
    });
    expect(store.rows('SELECT path, dovecot_auth_lines FROM source ORDER BY id')).toEqual([
      ['/var/log/mail.log', null], ['/var/log/failures.log', null], ['/var/log/mail.log.1', 2],
    ]);
    store.close();
  });
});
