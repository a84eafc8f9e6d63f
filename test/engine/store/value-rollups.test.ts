import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import { migrate } from '../../../src-main/engine/store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { loadSqlJs, type Database } from '../../../src-main/engine/store/sqlite';
import { PairSet, ValueDayWriter } from '../../../src-main/engine/store/value-rollups';
import type { AttemptRecord } from '../../../src-main/engine/parse/types';

const DAY = 86400;
const START = 1_700_000_000 - (1_700_000_000 % DAY);
const USERS = ['admin', 'info', 'test', 'office', null];
const PASSWORDS = ['123456', 'password', 'admin', null];

/** Attempts over `days` days from a small pool of IPs, users and passwords, so that triples repeat across days and batches. */
function records(seed: number, count: number, firstDay: number, days: number): AttemptRecord[] {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  return Array.from({ length: count }, (_, i) => ({
    ts: START + (firstDay + next(days)) * DAY + next(DAY), ip: `45.9.${next(3)}.${next(20)}`,
    user: USERS[next(USERS.length)], password: PASSWORDS[next(PASSWORDS.length)], service: 'imap', line: i + 1,
  }));
}

type Expected = Map<string, { attempts: number; ips: Set<string> }>;

/** user_day / password_day computed from the records alone (day, value text, attempts, distinct IPs), sorted. */
function expectedRows(all: AttemptRecord[], pick: (r: AttemptRecord) => string | null): [number, string | null, number, number][] {
  const cells: Expected = new Map();
  for (const r of all) {
    const key = JSON.stringify([Math.floor(r.ts / DAY), pick(r)]);
    const cell = cells.get(key) ?? { attempts: 0, ips: new Set() };
    cell.attempts++;
    cell.ips.add(r.ip);
    cells.set(key, cell);
  }
  return [...cells].map(([key, c]) => [...(JSON.parse(key) as [number, string | null]), c.attempts, c.ips.size] as [number, string | null, number, number])
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function storedRows(store: CaseStore, kind: 'user' | 'password'): [number, string | null, number, number][] {
  const sql = kind === 'user'
    ? 'SELECT d.day, v.value, d.attempts, d.ips FROM user_day d LEFT JOIN username v ON v.id = d.user_id'
    : 'SELECT d.day, v.value, d.attempts, d.ips FROM password_day d LEFT JOIN password v ON v.id = d.password_id';
  return (store.rows(sql) as [number, string | null, number, number][]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function expectRollups(store: CaseStore, all: AttemptRecord[]): void {
  expect(storedRows(store, 'user')).toEqual(expectedRows(all, (r) => r.user as string | null));
  expect(storedRows(store, 'password')).toEqual(expectedRows(all, (r) => r.password as string | null));
}

describe('user_day and password_day', () => {
  it('equal the records, across forward batches, out-of-order files, a resumed source and a reopened case', async () => {
    const store = await CaseStore.create();
    const all: AttemptRecord[] = [];
    const add = (sourceId: number, batch: AttemptRecord[]): void => {
      store.addAttempts(sourceId, batch);
      all.push(...batch);
    };
    const first = store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'a', mtime: 0 });
    for (let day = 20; day < 40; day += 4) add(first, records(day, 300, day, 4)); // forward in time
    store.finishSource(first, {
      contentHash: 'c1', contentBytes: 500, lines: 1500, attemptLines: 1500, loginLines: 0, ignoredLines: 0, unparsedLines: 0,
      attempts: 1500, logins: 0, firstTs: null, lastTs: null, notes: [], warnings: [], errors: [], unparsed: [],
    });
    const older = store.beginSource({ path: '/var/log/mail.log.1', encoding: 'plain', headHash: 'b', mtime: 0 });
    add(older, records(7, 500, 0, 30)); // an older rotation read later: days already written, and new ones
    add(older, records(8, 400, 25, 3));
    expectRollups(store, all);

    // Forty days more, then back to early days (remembered: within the budget of triples kept in memory).
    add(older, records(9, 2000, 40, 40));
    add(older, records(10, 300, 0, 10));
    expectRollups(store, all);

    const bytes = store.export();
    store.close();
    const reopened = await CaseStore.fromBytes(bytes);
    const resumed = reopened.resumeSource(first, '/var/log/mail.log');
    reopened.addAttempts(resumed, records(11, 400, 38, 4)); // the grown file goes on over the same days
    all.push(...records(11, 400, 38, 4));
    expectRollups(reopened, all);
    reopened.close();
  });

  it('stay exact after a failed batch was rolled back', async () => {
    const store = await CaseStore.create();
    const id = store.beginSource({ path: '/x.log', encoding: 'plain', headHash: 'h', mtime: 0 });
    const good = records(1, 300, 0, 3);
    store.addAttempts(id, good);
    // The locator fails halfway through the batch: the attempts and triples before it are rolled back.
    store.setLocator((ip) => {
      if (ip === '45.9.9.9') throw new Error('geo database broke');
      return { country: 'DE', asn: null, asOrg: null, geoDbId: null };
    });
    const failing = [...records(2, 200, 1, 3), { ts: START + DAY, ip: '45.9.9.9', user: 'x', password: 'y', service: null, line: 9 }];
    expect(() => store.addAttempts(id, failing)).toThrow('geo database broke');
    store.setLocator(null);
    const more = records(3, 300, 1, 3);
    store.addAttempts(id, more);
    expectRollups(store, [...good, ...more]);
    store.close();
  });

  it('are filled from the attempt rows when a version 1 case is opened', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    const all = records(5, 400, 0, 6);
    db.run("INSERT INTO source (id, path, encoding, head_hash, mtime, started_at) VALUES (1, '/x.log', 'plain', 'h', 0, 'now')");
    const ids = { ip: new Map<string, number>(), username: new Map<string, number>(), password: new Map<string, number>() };
    const idOf = (table: 'ip' | 'username' | 'password', value: string | null): number | null => {
      if (value === null) return null;
      let id = ids[table].get(value);
      if (id === undefined) {
        id = ids[table].size + 1;
        ids[table].set(value, id);
        if (table === 'ip') db.run("INSERT INTO ip (id, ip, sort_key, version, scope) VALUES (?, ?, ?, 4, 'public')", [id, value, new Uint8Array([id])]);
        else db.run(`INSERT INTO ${table} (id, value) VALUES (?, ?)`, [id, value]);
      }
      return id;
    };
    all.forEach((r, i) => db.run(
      'INSERT INTO attempt_record (ts, id, ip_id, user_id, password_id, service_id, source_id, line) VALUES (?, ?, ?, ?, ?, NULL, 1, ?)',
      [r.ts, i + 1, idOf('ip', r.ip), idOf('username', r.user as string | null), idOf('password', r.password as string | null), r.line],
    ));
    const v1 = db.export();
    db.close();

    const store = await CaseStore.fromBytes(v1);
    expect(store.value('PRAGMA user_version')).toBe(SCHEMA_VERSION);
    expectRollups(store, all);
    // And ingest goes on from there, on the same days.
    const id = store.beginSource({ path: '/y.log', encoding: 'plain', headHash: 'y', mtime: 0 });
    const more = records(6, 300, 3, 6);
    store.addAttempts(id, more);
    expectRollups(store, [...all, ...more]);
    store.close();
  });
});

describe('PairSet', () => {
  it('says which (value, ip) pairs are new, as a Set of them does, while it grows', () => {
    const pairs = new PairSet();
    const seen = new Set<string>();
    let state = 3;
    const next = (n: number): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 50_000; i++) {
      // Ids near 0 (NO_VALUE is 0) and far above it, many pairs repeated.
      const value = next(4) === 0 ? 0 : next(3000) * (next(2) ? 1 : 700_000);
      const ip = next(5000) + (next(10) === 0 ? 2_000_000_000 : 0);
      const key = `${value}/${ip}`;
      expect(pairs.add(value, ip)).toBe(!seen.has(key));
      seen.add(key);
    }
    expect(pairs.size).toBe(seen.size);
  });
});

describe('ValueDayWriter', () => {
  const DAYS = 30;
  const FIRST_DAY = START / DAY;

  /** A case database with one batch's attempt rows added per call, as the store adds them before its rollups. */
  async function attemptTable(): Promise<{ db: Database; addBatch: (triples: [number, number, number, number][]) => number }> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db);
    let nextId = 1;
    return {
      db,
      /** Adds rows of (day, user id, password id, ip id); returns the batch's first attempt id. */
      addBatch: (rows) => {
        const first = nextId;
        for (const [day, user, password, ip] of rows) {
          db.run('INSERT INTO attempt_record (ts, id, ip_id, user_id, password_id, service_id, source_id, line) VALUES (?, ?, ?, ?, ?, NULL, 1, 1)',
            [day * DAY + 60, nextId++, ip, user || null, password || null]);
        }
        return first;
      },
    };
  }

  /** One server's month: per day, attempts from its own pool of IPs on a shared pool of user names. */
  function serverMonth(server: number, seed: number): [number, number, number, number][] {
    let state = seed;
    const next = (n: number): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) % n;
    const rows: [number, number, number, number][] = [];
    for (let d = 0; d < DAYS; d++) {
      for (let i = 0; i < 40; i++) rows.push([FIRST_DAY + d, next(12), next(30), 1000 * server + next(25)]);
    }
    return rows;
  }

  /** Writes `rows` as batches of `batchSize` through `writer` (days ascending within each), as RollupWriter does. */
  function write(writer: ValueDayWriter, addBatch: (rows: [number, number, number, number][]) => number, rows: [number, number, number, number][], batchSize: number): void {
    for (let at = 0; at < rows.length; at += batchSize) {
      const batch = rows.slice(at, at + batchSize);
      const first = addBatch(batch);
      const byDay = new Map<number, number[]>();
      for (const [day, user, password, ip] of batch) {
        const triples = byDay.get(day) ?? byDay.set(day, []).get(day)!;
        triples.push(user, password, ip);
      }
      for (const [day, triples] of [...byDay].sort((a, b) => a[0] - b[0])) writer.addDay(day, triples, 0, first);
      writer.flush();
    }
  }

  function expectedUserDays(rows: [number, number, number, number][]): number[][] {
    const cells = new Map<string, { attempts: number; ips: Set<number> }>();
    for (const [day, user, , ip] of rows) {
      const key = `${day}/${user}`;
      const cell = cells.get(key) ?? cells.set(key, { attempts: 0, ips: new Set() }).get(key)!;
      cell.attempts++;
      cell.ips.add(ip);
    }
    return [...cells].map(([key, c]) => [...key.split('/').map(Number), c.attempts, c.ips.size]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  const stored = (db: Database): number[][] => (db.exec('SELECT day, user_id, attempts, ips FROM user_day ORDER BY day, user_id')[0]?.values ?? []) as number[][];

  it('counts exactly when several servers\' logs each run through the same days, whether the days stay in memory or are read back', async () => {
    // A budget of 300 triples holds some ten days: each server's month forgets the first days before the next
    // server's month comes back to them. The default holds every day.
    for (const budget of [300, undefined]) {
      const { db, addBatch } = await attemptTable();
      const writer = new ValueDayWriter(db, { table: 'user_day', column: 'user_id' }, budget);
      const all: [number, number, number, number][] = [];
      for (let server = 1; server <= 4; server++) {
        const rows = serverMonth(server, 7 * server);
        write(writer, addBatch, rows, 97);
        all.push(...rows);
      }
      expect(stored(db)).toEqual(expectedUserDays(all));
      writer.free();
      db.close();
    }
  });

  it('remembers the days that fit its budget rather than reading them back, and reads back those it forgot', async () => {
    for (const [budget, remembered] of [[300, false], [100_000, true]] as const) {
      const { db, addBatch } = await attemptTable();
      const writer = new ValueDayWriter(db, { table: 'user_day', column: 'user_id' }, budget);
      const first = serverMonth(1, 7);
      write(writer, addBatch, first, 97);
      // The attempt rows of the first month go: a day read back no longer sees its IPs, one remembered does.
      db.run('DELETE FROM attempt_record');
      const again = serverMonth(1, 7); // the same attempts again: no IP is new to any (day, user)
      write(writer, addBatch, again, 97);
      const newIps = db.exec('SELECT sum(ips) FROM user_day')[0].values[0][0];
      const once = expectedUserDays(first).reduce((n, row) => n + row[3], 0);
      if (remembered) expect(newIps).toBe(once);
      else expect(newIps).toBeGreaterThan(once);
      writer.free();
      db.close();
    }
  });
});
