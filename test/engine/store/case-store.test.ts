import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSqlJs } from '../../../src-main/engine/store/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFormatError, CaseStore } from '../../../src-main/engine/store/case-store';
import { formatDay, formatTs } from '../../../src-main/engine/wall-clock';
import { GEO_DB, HOSTILE_USERS, generateRecords, generatedCase, refCanonical, refCountryOf, refIsPublic, type GeneratedCase } from './generated-case';

const ATTEMPT_COLUMNS = ['ts', 'day', 'ip', 'country', 'user', 'password', 'service', 'source', 'line'];
const LOGIN_COLUMNS = ['ts', 'day', 'ip', 'country', 'user', 'service', 'source', 'line'];

let built: GeneratedCase;
let dir: string;

beforeAll(async () => {
  built = await generatedCase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-store-'));
});
afterAll(() => {
  built.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Row = (string | number | null)[];
const sortRows = (rows: Row[]): Row[] => rows.map((r) => [...r]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** What the attempt view must hold, computed from the records alone. */
function expectedAttemptRows(g: GeneratedCase): Row[] {
  const rows: Row[] = [];
  g.attempts.forEach((a, i) => {
    const ip = refCanonical(a.ip);
    if (ip === null) return;
    rows.push([formatTs(a.ts), formatDay(a.ts), ip, refCountryOf(ip), a.user, a.password, a.service, g.attemptSources[i], a.line]);
  });
  return rows;
}

describe('CaseStore ingest', () => {
  it('the attempt and login views have exactly the contract columns', () => {
    const names = (view: string) => built.store.rows(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, [view]).map((r) => r[0]);
    expect(names('attempt')).toEqual(ATTEMPT_COLUMNS);
    expect(names('login')).toEqual(LOGIN_COLUMNS);
  });

  it('the attempt view gives back every valid record, canonical and located', () => {
    const actual = built.store.rows('SELECT ts, day, ip, country, user, password, service, source, line FROM attempt') as Row[];
    expect(actual.length).toBe(built.attempts.length - built.invalid);
    expect(sortRows(actual)).toEqual(sortRows(expectedAttemptRows(built)));
  });

  it('leaves the logins’ index by address out while logs are added, builds it again when asked, and has none for attempts', async () => {
    const store = await CaseStore.create();
    try {
      const indexes = (): string[] =>
        store.rows("SELECT name FROM sqlite_schema WHERE name IN ('attempt_record_by_ip', 'login_record_by_ip') ORDER BY name").map((r) => String(r[0]));
      expect(indexes()).toEqual(['login_record_by_ip']);
      const source = store.beginSource({ path: '/logs/mail.log', encoding: 'plain', headHash: 'h', mtime: 0 });
      store.addLogins(source, [{ ts: 1_700_000_000, ip: '203.0.113.7', user: 'alice', service: 'imap', line: 1 }]);
      expect(indexes()).toEqual([]);
      store.ensureLoginIpIndex();
      expect(indexes()).toEqual(['login_record_by_ip']);
      expect(store.rows("SELECT l.line FROM login_record l INDEXED BY login_record_by_ip JOIN ip ON ip.id = l.ip_id WHERE ip.ip = '203.0.113.7'"))
        .toEqual([[1]]);
    } finally {
      store.close();
    }
  });

  it('the login view gives back every valid login', () => {
    const expected: Row[] = [];
    built.logins.forEach((l, i) => {
      const ip = refCanonical(l.ip);
      if (ip !== null) expected.push([formatTs(l.ts), formatDay(l.ts), ip, refCountryOf(ip), l.user, l.service, built.loginSources[i], l.line]);
    });
    expect(sortRows(built.store.rows('SELECT * FROM login') as Row[])).toEqual(sortRows(expected));
  });

  it('counts the records whose address is not an IP on their source', () => {
    expect(built.invalid).toBeGreaterThan(0);
    const warnings = built.store.sources().flatMap((s) => s.warnings).join('\n');
    const counted = [...warnings.matchAll(/(\d+) records? whose address is not an IP/g)].reduce((n, m) => n + Number(m[1]), 0);
    const invalidLogins = built.logins.filter((l) => refCanonical(l.ip) === null).length;
    expect(counted).toBe(built.invalid + invalidLogins);
  });

  it('stores one row per address whatever its spelling, and locates only public addresses, once', () => {
    const spellings = new Set([...built.attempts, ...built.logins].map((a) => a.ip));
    const canonical = new Set([...spellings].map(refCanonical).filter((ip): ip is string => ip !== null));
    expect(Number(built.store.value('SELECT count(*) FROM ip'))).toBe(canonical.size);
    const publicOnes = [...canonical].filter(refIsPublic);
    expect([...built.located].sort()).toEqual(publicOnes.sort());
    const privateLocated = built.store.rows("SELECT count(*) FROM ip WHERE scope <> 'public' AND (country IS NOT NULL OR geo_db_id IS NOT NULL)");
    expect(privateLocated[0][0]).toBe(0);
    expect(built.store.rows("SELECT ip, scope FROM ip WHERE ip IN ('10.0.0.5', '::1', '203.0.113.9', '100.64.1.1')")).toEqual(
      expect.arrayContaining([['10.0.0.5', 'private'], ['::1', 'loopback'], ['203.0.113.9', 'documentation'], ['100.64.1.1', 'cgnat']]),
    );
  });

  it('keeps hostile text as text: the values come back unchanged and no table is harmed', () => {
    const users = new Set(built.store.rows('SELECT DISTINCT user FROM attempt WHERE user IS NOT NULL').map((r) => r[0]));
    for (const hostile of HOSTILE_USERS) expect(users.has(hostile), hostile).toBe(true);
    const tables = built.store.rows("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").map((r) => r[0]);
    expect(tables).toEqual(expect.arrayContaining(['attempt', 'attempt_record', 'ip', 'login', 'source', 'username']));
  });

  it('keeps the ip_day rollup equal to the attempt rows, across batches and sources', () => {
    const expected = new Map<string, { n: number; first: number; last: number }>();
    for (const a of built.attempts) {
      const ip = refCanonical(a.ip);
      if (ip === null) continue;
      const key = `${Math.floor(a.ts / 86400)}|${ip}`;
      const cell = expected.get(key) ?? { n: 0, first: a.ts, last: a.ts };
      cell.n++;
      cell.first = Math.min(cell.first, a.ts);
      cell.last = Math.max(cell.last, a.ts);
      expected.set(key, cell);
    }
    const actual = new Map(
      built.store
        .rows('SELECT d.day, ip.ip, d.attempts, d.first_ts, d.last_ts FROM ip_day d JOIN ip ON ip.id = d.ip_id')
        .map((r) => [`${r[0]}|${r[1]}`, { n: r[2], first: r[3], last: r[4] }]),
    );
    expect(actual).toEqual(expected);
  });

  it('keeps day_country (attempts, distinct IPs) and hour_country equal to the attempt rows', () => {
    const days = new Map<string, { attempts: number; ips: Set<string> }>();
    const hours = new Map<string, number>();
    for (const a of built.attempts) {
      const ip = refCanonical(a.ip);
      if (ip === null) continue;
      const country = refCountryOf(ip) ?? 'ZZ';
      const key = `${Math.floor(a.ts / 86400)}|${country}`;
      const cell = days.get(key) ?? { attempts: 0, ips: new Set() };
      cell.attempts++;
      cell.ips.add(ip);
      days.set(key, cell);
      const hour = `${Math.floor(a.ts / 3600)}|${country}`;
      hours.set(hour, (hours.get(hour) ?? 0) + 1);
    }
    const actualDays = new Map(built.store.rows('SELECT day, country, attempts, ips FROM day_country').map((r) => [`${r[0]}|${r[1]}`, [r[2], r[3]]]));
    expect(actualDays).toEqual(new Map([...days].map(([k, v]) => [k, [v.attempts, v.ips.size]])));
    const actualHours = new Map(built.store.rows('SELECT hour, country, attempts FROM hour_country').map((r) => [`${r[0]}|${r[1]}`, r[2]]));
    expect(actualHours).toEqual(hours);
  });

  it('reports its sources and geo databases', () => {
    const sources = built.store.sources();
    expect(sources.map((s) => s.path)).toEqual(['/var/log/mail.log.1', '/var/log/mail.log']);
    expect(sources.reduce((n, s) => n + s.attempts, 0)).toBe(built.attempts.length);
    expect(sources[0].unparsed[0].pattern).toBe('auth: odd <*>');
    expect(built.store.geoDbs()).toEqual([GEO_DB]);
    expect(built.store.addGeoDb(GEO_DB)).toBe(built.geoDbId);
    const info = built.store.caseInfo('/cases/x.sqlite');
    expect(info.attempts).toBe(built.attempts.length - built.invalid);
    expect(info.ips).toBe(new Set(built.attempts.map((a) => refCanonical(a.ip)).filter(Boolean)).size);
    expect(info.path).toBe('/cases/x.sqlite');
  });
});

describe('CaseStore files', () => {
  it('counts changes past a save: the engine keeps answers (incidents) by that count, so a save must not start it again', async () => {
    const store = await CaseStore.create();
    try {
      const attempts = generateRecords(7, 400).attempts.slice(0, 200);
      store.addAttempts(store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'h1', mtime: 0 }), attempts);
      const before = store.changesSinceOpen();
      expect(before).toBeGreaterThan(0);
      store.export();
      // Nothing changed: the same count (sql.js exports through SQLite's backup, on its own connection: it once
      // closed and reopened the case's, which starts SQLite's count again at 0, where a later change could match it).
      expect(store.changesSinceOpen()).toBe(before);
      store.addAttempts(store.beginSource({ path: '/var/log/mail.log.1', encoding: 'plain', headHash: 'h2', mtime: 0 }), attempts.slice(0, 10));
      expect(store.changesSinceOpen()).toBeGreaterThan(before);
    } finally {
      store.close();
    }
  });

  it('refuses a case file whose pages are damaged, saying so, rather than adding to it and saving it again', async () => {
    const bytes = Buffer.from(built.store.export());
    expect(bytes.length).toBeGreaterThan(200_000);
    // What a disk error leaves: a page of garbage in the middle of the attempts.
    const at = Math.floor(bytes.length / 2 / 8192) * 8192;
    bytes.fill(0xa5, at, at + 4096);
    await expect(CaseStore.fromBytes(bytes)).rejects.toThrow(CaseFormatError);
    await expect(CaseStore.fromBytes(bytes)).rejects.toThrow(/^the case file is damaged \(SQLite's check says: [^\n]+\); open a backup of it/);
    // The undamaged file opens.
    (await CaseStore.fromBytes(built.store.export())).close();
  });

  it('keeps a new case and a case opened from a file in SQLite\'s memory, not in a file of sql.js\'s, unless the case is big', async () => {
    const mainFile = (store: CaseStore): unknown => store.value("SELECT file FROM pragma_database_list WHERE name = 'main'");
    const attempts = (store: CaseStore): unknown => store.value('SELECT count(*) FROM attempt');
    expect(mainFile(built.store)).toBe('');
    const bytes = built.store.export();
    const reopened = await CaseStore.fromBytes(bytes);
    try {
      expect(mainFile(reopened)).toBe('');
      expect(attempts(reopened)).toBe(attempts(built.store));
    } finally {
      reopened.close();
    }
    // A case bigger than what is copied stays in sql.js's file, and is read and saved the same.
    const big = await CaseStore.fromBytes(bytes, { memoryCopyMaxBytes: bytes.length - 1 });
    try {
      expect(mainFile(big)).not.toBe('');
      expect(attempts(big)).toBe(attempts(built.store));
      const again = await CaseStore.fromBytes(big.export());
      expect(mainFile(again)).toBe('');
      expect(attempts(again)).toBe(attempts(built.store));
      again.close();
    } finally {
      big.close();
    }
  });

  it('saves a real SQLite file that reopens with the same content, and leaves no temporary file', async () => {
    const file = path.join(dir, 'case.sqlite');
    fs.writeFileSync(file, 'previous content');
    built.store.save(file);
    expect(fs.readdirSync(dir)).toEqual(['case.sqlite']);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');

    // A plain sql.js connection (no Swarmscope code) reads the views.
    const SQL = await loadSqlJs();
    const plain = new SQL.Database(bytes);
    expect(plain.exec('PRAGMA integrity_check')[0].values[0][0]).toBe('ok');
    const viewRows = plain.exec('SELECT ts, day, ip, country, user, password, service, source, line FROM attempt')[0].values as Row[];
    expect(sortRows(viewRows)).toEqual(sortRows(expectedAttemptRows(built)));
    // Ingest drops the logins' index by address and the addresses' sort key; a saved file always has them.
    expect(plain.exec("SELECT name FROM sqlite_schema WHERE name IN ('attempt_record_by_ip', 'login_record_by_ip', 'ip_by_sort_key') ORDER BY name")[0].values)
      .toEqual([['ip_by_sort_key'], ['login_record_by_ip']]);
    plain.close();

    const reopened = await CaseStore.open(file);
    try {
      expect(reopened.caseInfo(file)).toEqual(built.store.caseInfo(file));
      // Adding to a reopened case continues its ids and rollups.
      const id = reopened.beginSource({ path: '/var/log/more.log', encoding: 'plain', headHash: 'h3', mtime: 0 });
      const extra = built.attempts.slice(0, 50);
      const valid = extra.filter((a) => refCanonical(a.ip) !== null).length;
      expect(reopened.addAttempts(id, extra)).toBe(valid);
      expect(Number(reopened.value('SELECT count(*) FROM attempt'))).toBe(built.attempts.length - built.invalid + valid);
      expect(Number(reopened.value('SELECT sum(attempts) FROM ip_day'))).toBe(built.attempts.length - built.invalid + valid);
      expect(Number(reopened.value('SELECT count(*) FROM ip'))).toBe(Number(built.store.value('SELECT count(*) FROM ip')));
    } finally {
      reopened.close();
    }
  });

  it('gives rows counted before their login line came the service it names, and only those rows', async () => {
    const store = await CaseStore.create();
    try {
      const a = store.beginSource({ path: '/logs/mail.log.1', encoding: 'plain', headHash: 'a', mtime: 0 });
      const b = store.beginSource({ path: '/logs/mail.log', encoding: 'plain', headHash: 'b', mtime: 0 });
      const t = 1_700_000_000;
      store.addAttempts(a, [
        { ts: t, ip: '45.1.2.3', user: 'root', password: 'x', service: null, line: 7 },
        { ts: t + 0.5, ip: '45.1.2.3', user: 'root', password: 'y', service: null, line: 8 },
        { ts: t + 5, ip: '45.1.2.4', user: 'admin', password: null, service: 'pop3', line: 9 },
        { ts: t + 6, ip: '45.1.2.5', user: 'info', password: null, service: null, line: 10 },
      ]);
      store.addAttempts(b, [{ ts: t, ip: '45.1.2.3', user: 'root', password: 'z', service: null, line: 7 }]);
      // Times as the join has them (fractions of a second where the stamp has them); line 9 has a service.
      store.giveServices([{ source: a, rows: [t, 7, t + 0.5, 8, t + 5, 9], service: 'submission' }]);
      expect(store.rows('SELECT source, line, service FROM attempt ORDER BY source, line')).toEqual([
        ['/logs/mail.log', 7, null],
        ['/logs/mail.log.1', 7, 'submission'],
        ['/logs/mail.log.1', 8, 'submission'],
        ['/logs/mail.log.1', 9, 'pop3'],
        ['/logs/mail.log.1', 10, null],
      ]);
    } finally {
      store.close();
    }
  });

  it('rolls a failed batch back whole and goes on working', async () => {
    const store = await CaseStore.create();
    try {
      const id = store.beginSource({ path: '/a.log', encoding: 'plain', headHash: 'a', mtime: 0 });
      store.addAttempts(id, [{ ts: 1_700_000_000, ip: '45.1.2.3', user: 'root', password: null, service: 'imap', line: 1 }]);
      store.setLocator((ip) => {
        if (ip === '45.9.9.9') throw new Error('geo database broke');
        return { country: 'DE', asn: null, asOrg: null, geoDbId: null };
      });
      const failing = [
        { ts: 1_700_000_100, ip: '46.1.1.1', user: 'new-user', password: 'p', service: 'smtp', line: 2 },
        { ts: 1_700_000_200, ip: '45.9.9.9', user: 'root', password: null, service: 'imap', line: 3 },
      ];
      expect(() => store.addAttempts(id, failing)).toThrow('geo database broke');
      expect(store.rows('SELECT ip, user FROM attempt')).toEqual([['45.1.2.3', 'root']]);
      expect(Number(store.value('SELECT count(*) FROM ip'))).toBe(1);
      expect(Number(store.value("SELECT count(*) FROM username WHERE value = 'new-user'"))).toBe(0);
      store.setLocator(() => ({ country: 'NL', asn: null, asOrg: null, geoDbId: null }));
      expect(store.addAttempts(id, failing)).toBe(2);
      expect(store.rows('SELECT ip, user, service, country FROM attempt ORDER BY ts')).toEqual([
        ['45.1.2.3', 'root', 'imap', null],
        ['46.1.1.1', 'new-user', 'smtp', 'NL'],
        ['45.9.9.9', 'root', 'imap', 'NL'],
      ]);
      expect(store.rows('SELECT day, ip_id, attempts FROM ip_day ORDER BY ip_id').map((r) => r[2])).toEqual([1, 1, 1]);
    } finally {
      store.close();
    }
  });

  it('takes a source out with its rows, and keeps every rollup as if it had never been read', async () => {
    // Two sources whose attempts fall on the same days, read batch by batch in turn; one is taken out, and the
    // other goes on after it. The rollups must then equal those of a case that only ever read the other one.
    const { attempts, logins } = generateRecords(9, 6_000);
    const kept = attempts.filter((_, i) => i % 3 !== 0);
    const dropped = attempts.filter((_, i) => i % 3 === 0);
    const later = kept.splice(Math.floor(kept.length * 0.8));
    const locate = (ip: string) => ({ country: refCountryOf(ip), asn: null, asOrg: null, geoDbId: null });
    const rollups = (store: CaseStore): Record<string, Row[]> => ({
      ipDay: store.rows('SELECT d.day, ip.ip, d.attempts, d.first_ts, d.last_ts FROM ip_day d JOIN ip ON ip.id = d.ip_id ORDER BY 1, 2') as Row[],
      dayCountry: store.rows('SELECT day, country, attempts, ips FROM day_country ORDER BY 1, 2') as Row[],
      hourCountry: store.rows('SELECT hour, country, attempts FROM hour_country ORDER BY 1, 2') as Row[],
      userDay: store.rows('SELECT d.day, v.value, d.attempts, d.ips FROM user_day d LEFT JOIN username v ON v.id = d.user_id ORDER BY 1, 2') as Row[],
      passwordDay: store.rows('SELECT d.day, v.value, d.attempts, d.ips FROM password_day d LEFT JOIN password v ON v.id = d.password_id ORDER BY 1, 2') as Row[],
      attempts: sortRows(store.rows('SELECT ts, ip, user, password, service, source, line FROM attempt') as Row[]),
      logins: sortRows(store.rows('SELECT ts, ip, user, service, source, line FROM login') as Row[]),
      sources: store.rows('SELECT path FROM source') as Row[],
    });

    const both = await CaseStore.create({ locate });
    const only = await CaseStore.create({ locate });
    try {
      const a = both.beginSource({ path: '/logs/a.log.gz', encoding: 'gzip', headHash: 'a', mtime: 0 });
      const b = both.beginSource({ path: '/logs/b.log', encoding: 'plain', headHash: 'b', mtime: 0 });
      for (let i = 0; i < Math.max(kept.length, dropped.length); i += 700) {
        both.addAttempts(a, dropped.slice(i, i + 700));
        both.addAttempts(b, kept.slice(i, i + 700));
      }
      both.addLogins(a, logins.slice(0, 70));
      both.addLogins(b, logins.slice(70));
      both.discardSource(a);
      // What the store knew of the (day, address) and (day, value) pairs it had written must not outlive them.
      both.addAttempts(b, later);

      const bOnly = only.beginSource({ path: '/logs/b.log', encoding: 'plain', headHash: 'b', mtime: 0 });
      for (let i = 0; i < kept.length; i += 700) only.addAttempts(bOnly, kept.slice(i, i + 700));
      only.addLogins(bOnly, logins.slice(70));
      only.addAttempts(bOnly, later);

      const expected = rollups(only);
      expect(expected.ipDay.length).toBeGreaterThan(300);
      expect(rollups(both)).toEqual(expected);
    } finally {
      both.close();
      only.close();
    }
  });

  it('refuses records for a source it does not know', async () => {
    const store = await CaseStore.create();
    try {
      expect(() => store.addAttempts(42, [{ ts: 1_700_000_000, ip: '45.1.2.3', user: null, password: null, service: null, line: 1 }])).toThrow(/beginSource/);
      expect(Number(store.value('SELECT count(*) FROM attempt_record'))).toBe(0);
    } finally {
      store.close();
    }
  });

  it('stores text SQLite cannot carry (NUL, lone surrogates) as U+FFFD, one id per stored value', async () => {
    const store = await CaseStore.create();
    try {
      const id = store.beginSource({ path: '/b.log', encoding: 'plain', headHash: 'b', mtime: 0 });
      const odd = ['a\u0000b', 'a\uD800b', 'a\uDC00b', 'x\uD83D\uDE00y'];
      store.addAttempts(id, odd.map((user, i) => ({ ts: 1_700_000_000 + i, ip: '45.1.2.3', user, password: user, service: null, line: i + 1 })));
      expect(store.rows('SELECT user FROM attempt ORDER BY ts').map((r) => r[0])).toEqual(['a\uFFFDb', 'a\uFFFDb', 'a\uFFFDb', 'x\uD83D\uDE00y']);
      expect(Number(store.value('SELECT count(*) FROM username'))).toBe(2);
    } finally {
      store.close();
    }
  });

  it('recognises sources by head hash and adds a resumed source up', async () => {
    const store = await CaseStore.create();
    try {
      const id = store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'same-head', mtime: 1 });
      expect(store.findSourcesByHeadHash('same-head')).toEqual([]); // not finished yet
      store.addAttempts(id, [{ ts: 1_700_000_000, ip: '45.1.2.3', user: 'u', password: null, service: null, line: 3 }]);
      const finish = {
        contentHash: 'c1', contentBytes: 500, lines: 10, attemptLines: 1, loginLines: 0, ignoredLines: 9, unparsedLines: 0,
        attempts: 1, logins: 0, firstTs: '2023-11-14 22:13:20', lastTs: '2023-11-14 22:13:20', notes: [], warnings: [], errors: [],
        unparsed: [{ pattern: 'p', count: 2, samples: ['s1'] }],
      };
      store.finishSource(id, finish);
      expect(store.findSourcesByHeadHash('same-head')).toEqual([{ id, path: '/var/log/mail.log', contentHash: 'c1', contentBytes: 500, lines: 10, joinMemory: [], firstTs: '2023-11-14 22:13:20', lastTs: '2023-11-14 22:13:20', openLine: null }]);
      expect(store.findSourcesByHeadHash('other')).toEqual([]);

      expect(store.resumeSource(id, '/var/log/mail.log.1')).toBe(id);
      store.addAttempts(id, [{ ts: 1_700_100_000, ip: '45.1.2.4', user: 'v', password: null, service: null, line: 12 }]);
      const memory = [{ session: 'S3ss10n0123456AB', seenAt: 1_700_100_000, lastTs: 1_700_099_990, lastUser: '=cmd|x', lastPassword: null, emittedAlone: 1, rowsWithoutAuthLine: 0 }];
      store.finishSource(id, {
        ...finish, contentHash: 'c2', contentBytes: 900, totalLines: 14, lines: 4, ignoredLines: 3, firstTs: '2023-11-16 02:00:00',
        lastTs: '2023-11-16 02:00:00', notes: ['continues'], unparsed: [{ pattern: 'p', count: 1, samples: ['s2'] }], joinMemory: memory,
      });
      const [report] = store.sources();
      expect(report).toMatchObject({
        path: '/var/log/mail.log.1', lines: 14, attemptLines: 2, ignoredLines: 12, attempts: 2,
        firstTs: '2023-11-14 22:13:20', lastTs: '2023-11-16 02:00:00', notes: ['continues'],
        unparsed: [{ pattern: 'p', count: 3, samples: ['s1', 's2'] }],
      });
      expect(store.findSourcesByHeadHash('same-head')[0]).toMatchObject({ contentHash: 'c2', contentBytes: 900, lines: 14, joinMemory: memory });
      expect(store.rows('SELECT source, line FROM attempt ORDER BY ts')).toEqual([['/var/log/mail.log.1', 3], ['/var/log/mail.log.1', 12]]);
    } finally {
      store.close();
    }
  });
});
