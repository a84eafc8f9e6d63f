// A user's own MaxMind database chosen while a case is open: the engine lists it first, locates every
// address of the case again with it, keeps it for later ingests, and refuses a file that is no database.
// Building an MMDB in a test is hard, so the "user's" database is a copy of the bundled one: the countries
// stay the same, but which database located each address (ipDetail().geoDb) tells whether it was used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { writeSingleLog } from '../../../src-main/engine/generate/write';
import { bundledGeoDbPath } from '../../../src-main/engine/geo/geo-locator';
import type { CaseInfo, EngineEvent, IpRow, Selection } from '../../../src-main/shared/api';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };
const HOSTILE_FIXTURE = path.resolve(__dirname, '../../fixtures/hostile-users.log');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-user-geo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const userDb = path.join(dir, 'my-country.mmdb');
const notADb = path.join(dir, 'GeoLite2-City.mmdb');
let firstLog: string;
let secondLog: string;

beforeAll(async () => {
  fs.copyFileSync(bundledGeoDbPath(), userDb);
  fs.writeFileSync(notADb, 'This is the download page, not the database.\n');
  firstLog = (await writeSingleLog(path.join(dir, 'a', 'mail.log'), { seed: 3, start: '2024-03-01', days: 6, attemptsPerDay: 40, swarm: null })).files[0].path;
  secondLog = (await writeSingleLog(path.join(dir, 'b', 'mail.log'), { seed: 4, start: '2024-04-01', days: 4, attemptsPerDay: 40, swarm: null })).files[0].path;
});

async function allIps(engine: Engine): Promise<IpRow[]> {
  return (await engine.ips(ALL, 'ip', false, 0, 100_000)).rows;
}

/** Public addresses the databases know a country for (a few generated ones lie in space no registry lists). */
async function locatedIps(engine: Engine): Promise<IpRow[]> {
  return (await allIps(engine)).filter((r) => r.scope === 'public' && r.country !== null);
}

/** The database each address was located by, as the IP detail names it. */
async function locatedBy(engine: Engine, rows: IpRow[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const row of rows) out.set(row.ip, (await engine.ipDetail(row.ip, ALL))!.geoDb);
  return out;
}

async function caseWithLogs(events: EngineEvent[] = []): Promise<Engine> {
  const engine = new Engine({ emit: (event) => events.push(event) });
  await engine.openCase(null);
  await engine.ingest([firstLog, HOSTILE_FIXTURE]);
  return engine;
}

describe('setGeoDatabases', () => {
  it('lists the user’s database first and locates every address of the case again with it', async () => {
    const events: EngineEvent[] = [];
    const engine = await caseWithLogs(events);
    const before = await allIps(engine);
    const publicIps = await locatedIps(engine);
    const otherIps = before.filter((r) => r.scope !== 'public');
    expect(publicIps.length).toBeGreaterThan(before.length * 0.8);
    // The fixture's documentation-range addresses.
    expect(otherIps.map((r) => r.ip)).toEqual(expect.arrayContaining(['198.51.100.23', '203.0.113.9']));
    expect([...(await locatedBy(engine, publicIps)).values()].every((db) => db?.includes('(bundled)'))).toBe(true);
    const countriesBefore = await engine.countries(ALL);

    events.length = 0;
    const info = await engine.setGeoDatabases([userDb]);
    expect(info.geo.map((db) => [db.path, db.bundled])).toEqual([[userDb, false], [bundledGeoDbPath(), true]]);
    expect(info.geo[0].name).toContain('my-country.mmdb');
    expect(info.geo[0].kind).toBe('country');
    expect(await engine.caseInfo()).toEqual(info);
    expect(events).toEqual([{ type: 'caseChanged', info }]);

    const after = await allIps(engine);
    // Same data, so every address keeps its country; only the database that located it changed.
    expect(after).toEqual(before);
    const by = await locatedBy(engine, after);
    for (const row of publicIps) expect(by.get(row.ip), row.ip).toBe(`${info.geo[0].name} (built ${info.geo[0].buildDate})`);
    for (const row of otherIps) {
      expect(by.get(row.ip), row.ip).toBeNull();
      expect((await engine.ipDetail(row.ip, ALL))!.country).toBeNull();
    }
    expect(await engine.countries(ALL)).toEqual(countriesBefore);
  });

  it('refuses a file that is no MaxMind database, naming it, and keeps the databases in use', async () => {
    const engine = await caseWithLogs();
    const chosen = await engine.setGeoDatabases([userDb]);
    const ips = await allIps(engine);
    const by = await locatedBy(engine, ips);

    await expect(engine.setGeoDatabases([notADb, userDb])).rejects.toThrow(notADb);
    await expect(engine.setGeoDatabases([path.join(dir, 'missing.mmdb')])).rejects.toThrow(path.join(dir, 'missing.mmdb'));
    expect(await engine.caseInfo()).toEqual(chosen);
    expect(await locatedBy(engine, ips)).toEqual(by);

    // New addresses are still located by the user's database.
    await engine.ingest([secondLog]);
    const added = (await locatedIps(engine)).filter((r) => !by.has(r.ip));
    expect(added.length).toBeGreaterThan(10);
    for (const [ip, db] of await locatedBy(engine, added)) expect(db, ip).toContain('my-country.mmdb');
  });

  it('keeps the chosen databases for the session: later ingests and cases use them', async () => {
    const engine = await caseWithLogs();
    await engine.setGeoDatabases([userDb]);
    // An ingest without geoip keeps the session's databases; a new case records them too.
    await engine.ingest([secondLog], {});
    const info: CaseInfo = await engine.openCase(null);
    expect(info.geo.map((db) => db.path)).toEqual([userDb, bundledGeoDbPath()]);
    await engine.ingest([secondLog]);
    const located = await locatedBy(engine, await locatedIps(engine));
    expect(located.size).toBeGreaterThan(10);
    for (const [ip, db] of located) expect(db, ip).toContain('my-country.mmdb');
  });

  it('goes back to the bundled database alone with an empty list, forgetting the user’s', async () => {
    const engine = await caseWithLogs();
    await engine.setGeoDatabases([userDb]);
    const info = await engine.setGeoDatabases([]);
    expect(info.geo.map((db) => [db.path, db.bundled])).toEqual([[bundledGeoDbPath(), true]]);
    const located = await locatedBy(engine, await locatedIps(engine));
    expect(located.size).toBeGreaterThan(10);
    for (const [ip, db] of located) expect(db, ip).toContain('(bundled)');
  });

  it('treats an ingest’s own geoip list like setGeoDatabases, for the addresses already in the case too', async () => {
    const events: EngineEvent[] = [];
    const engine = await caseWithLogs(events);
    const earlier = await locatedIps(engine);
    events.length = 0;
    await engine.ingest([secondLog], { geoip: [userDb] });
    expect(events.find((e) => e.type === 'caseChanged')).toMatchObject({ info: { geo: [{ path: userDb }, { bundled: true }] } });
    const all = await locatedIps(engine);
    expect(all.length).toBeGreaterThan(earlier.length);
    for (const [ip, db] of await locatedBy(engine, all)) expect(db, ip).toContain('my-country.mmdb');
  });
});
