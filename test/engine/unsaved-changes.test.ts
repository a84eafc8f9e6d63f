// CaseInfo.unsaved: the engine knows when the open case holds logs its file lacks, so the hosts can ask
// before opening another case throws them away (the QA pass lost a dropped log that way).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { writeSingleLog } from '../../src-main/engine/generate/write';
import { bundledGeoDbPath } from '../../src-main/engine/geo/geo-locator';
import type { CaseInfo, EngineEvent } from '../../src-main/shared/api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-unsaved-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let yearLog: string;
let laterLog: string;
beforeAll(async () => {
  yearLog = (await writeSingleLog(path.join(dir, 'a', 'mail.log'), { seed: 7, start: '2023-01-09', days: 20, attemptsPerDay: 30, swarm: null })).files[0].path;
  laterLog = (await writeSingleLog(path.join(dir, 'b', 'mail.log'), { seed: 8, start: '2023-03-01', days: 3, attemptsPerDay: 5, swarm: null })).files[0].path;
});

function engineWithEvents(): { engine: Engine; changes: CaseInfo[] } {
  const changes: CaseInfo[] = [];
  const engine = new Engine({ emit: (event: EngineEvent) => event.type === 'caseChanged' && changes.push(event.info) });
  return { engine, changes };
}

describe('CaseInfo.unsaved', () => {
  it('is false for a new empty case, true once logs are read into it, false again once saved', async () => {
    const { engine, changes } = engineWithEvents();
    expect((await engine.caseInfo()).unsaved).toBe(false);
    const result = await engine.ingest([yearLog]);
    expect(result.attemptsAdded).toBeGreaterThan(500);
    const info = await engine.caseInfo();
    expect(info).toMatchObject({ path: null, unsaved: true, attempts: result.attemptsAdded });
    // The views learn it from the change the ingest announces, without asking again.
    expect(changes.at(-1)?.unsaved).toBe(true);

    const file = path.join(dir, 'year.swarmscope');
    expect(await engine.saveCase(file)).toMatchObject({ path: file, unsaved: false });
    expect((await engine.caseInfo()).unsaved).toBe(false);
    await engine.dispose();
  });

  it('turns true when a log is added to a case opened from its file, and opening a case starts saved', async () => {
    const file = path.join(dir, 'opened.swarmscope');
    const first = new Engine();
    await first.ingest([yearLog]);
    await first.saveCase(file);
    await first.dispose();

    const { engine, changes } = engineWithEvents();
    const opened = await engine.openCase(file);
    expect(opened.unsaved).toBe(false);
    const before = opened.attempts;
    await engine.setStartYear(2023); // a session setting, not part of the file
    expect((await engine.caseInfo()).unsaved).toBe(false);

    const added = await engine.ingest([laterLog]);
    expect(added.attemptsAdded).toBeGreaterThan(0);
    expect(changes.at(-1)).toMatchObject({ path: file, unsaved: true, attempts: before + added.attemptsAdded });
    // The file on disk still has the old count: the change really is unsaved.
    const reopened = new Engine();
    expect((await reopened.openCase(file)).attempts).toBe(before);
    await reopened.dispose();

    expect((await engine.openCase(null)).unsaved).toBe(false);
    await engine.dispose();
  });

  it('stays false after a drop that adds nothing: the same log again, its rotated copy, a file not there that the case already lists', async () => {
    const file = path.join(dir, 'again.swarmscope');
    const { engine, changes } = engineWithEvents();
    await engine.ingest([yearLog]);
    await engine.saveCase(file);
    const copy = path.join(dir, 'rotated', 'mail.log.1');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(yearLog, copy);
    const same = await engine.ingest([yearLog, copy]);
    expect(same.sources.map((s) => s.notes.join())).toEqual([expect.stringMatching(/^same content as/), expect.stringMatching(/^same content as/)]);
    expect((await engine.caseInfo()).unsaved).toBe(false);
    // A path that is not there is kept in the case with why (CaseInfo.unread): a change, the first time.
    const gone = await engine.ingest([path.join(dir, 'gone.log')]);
    expect(gone.sources.map((s) => s.errors.join())).toEqual(['no such file or folder']);
    expect((await engine.caseInfo()).unsaved).toBe(true);
    await engine.saveCase(file);
    const again = await engine.ingest([yearLog, copy, path.join(dir, 'gone.log')]);
    expect(again.attemptsAdded).toBe(0);
    expect(again.sources.map((s) => s.notes.join() + s.errors.join())).toEqual([
      'no such file or folder', expect.stringMatching(/^same content as/), expect.stringMatching(/^same content as/),
    ]);
    expect((await engine.caseInfo()).unsaved).toBe(false);
    expect(changes.at(-1)?.unsaved).toBe(false);
    // A log with new content still counts.
    await engine.ingest([laterLog]);
    expect((await engine.caseInfo()).unsaved).toBe(true);
    await engine.dispose();
  });

  it('turns true when the addresses of a case are located again with other databases', async () => {
    const file = path.join(dir, 'relocated.swarmscope');
    const { engine } = engineWithEvents();
    await engine.ingest([yearLog]);
    await engine.saveCase(file);
    const userDb = path.join(dir, 'my-country.mmdb');
    fs.copyFileSync(bundledGeoDbPath(), userDb);
    expect((await engine.setGeoDatabases([userDb])).unsaved).toBe(true);
    // An empty case has nothing to locate again.
    expect((await engine.openCase(null)).unsaved).toBe(false);
    expect((await engine.setGeoDatabases([])).unsaved).toBe(false);
    await engine.dispose();
  });
});
