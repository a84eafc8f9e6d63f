// The paths an ingest could not read or passed over stay in the case, with why: after a save and in another
// Engine that opens the file, the case accounts for every path it was given (QA: a drop of 6 files whose
// Sources tab said "4 files", the errors gone after a reload).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { writeSingleLog } from '../../src-main/engine/generate/write';
import { loadSqlJs } from '../../src-main/engine/store/sqlite';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-unread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const logs = path.join(dir, 'logs');
const missing = path.join(dir, 'gone.log');
const binary = path.join(logs, 'binary.bin');
const empty = path.join(logs, 'empty.log');
const lock = path.join(logs, 'case.sqlite.lock');
const named = path.join(dir, 'named.bin');
beforeAll(async () => {
  await writeSingleLog(path.join(logs, 'mail.log'), { seed: 7, start: '2023-01-09', days: 3, attemptsPerDay: 10, swarm: null });
  fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0]));
  fs.writeFileSync(empty, '');
  fs.writeFileSync(lock, '1234\n');
  fs.writeFileSync(named, Buffer.alloc(64, 0x01));
});

const reasons = (unread: { path: string; kind: string; reason: string }[]) => unread.map((u) => [u.path, u.kind, u.reason]);

describe('unread paths', () => {
  it('are kept in the saved case with their reasons, listed once when met again, and leave the list once read', async () => {
    const engine = new Engine();
    const result = await engine.ingest([logs, missing, named]);
    expect(result.sources.map((s) => s.path).sort()).toEqual([binary, empty, path.join(logs, 'mail.log'), missing, named].sort());
    const expected = [
      [missing, 'error', 'no such file or folder'],
      [named, 'error', 'not a text log: the file holds binary data'],
      [binary, 'passed-over', 'passed over: not a text log (the file holds binary data)'],
      [empty, 'passed-over', 'empty: nothing to read'],
      [lock, 'skipped', 'a lock file, not a log'],
    ];
    const info = await engine.caseInfo();
    expect(info.sources.map((s) => s.path)).toEqual([path.join(logs, 'mail.log')]);
    expect(reasons(info.unread)).toEqual(expected);
    expect(info.unread.find((u) => u.path === binary)).toMatchObject({ bytes: 16, mtimeMs: fs.statSync(binary).mtimeMs });
    expect(info.unread.find((u) => u.path === missing)).toMatchObject({ bytes: null, mtimeMs: null });
    // Recording what could not be read is a change to the case.
    expect(info.unsaved).toBe(true);

    const file = path.join(dir, 'case.sqlite');
    await engine.saveCase(file);
    await engine.dispose();

    // Another engine (a reload, the case opened again) finds them, with their reasons.
    const reopened = new Engine();
    const opened = await reopened.openCase(file);
    expect(reasons(opened.unread)).toEqual(expected);
    const metAt = opened.unread.map((u) => u.metAt);

    // Met again as they were: one row each, the time they were met kept, and nothing to save.
    await reopened.ingest([logs, missing, named]);
    const again = await reopened.caseInfo();
    expect(reasons(again.unread)).toEqual(expected);
    expect(again.unread.map((u) => u.metAt)).toEqual(metAt);
    expect(again.unsaved).toBe(false);

    // Met again otherwise: the same row says what it is now. Read at last: no longer unread.
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 0, 0, 0xff]));
    fs.copyFileSync(path.join(logs, 'mail.log'), missing);
    fs.renameSync(path.join(logs, 'mail.log'), path.join(dir, 'mail.log.kept'));
    await writeSingleLog(empty, { seed: 9, start: '2023-02-01', days: 1, attemptsPerDay: 5, swarm: null });
    await reopened.ingest([logs, missing]);
    const later = await reopened.caseInfo();
    expect(reasons(later.unread)).toEqual([
      [named, 'error', 'not a text log: the file holds binary data'],
      [binary, 'passed-over', 'passed over: not a text log (the file holds binary data)'],
      [lock, 'skipped', 'a lock file, not a log'],
    ]);
    expect(later.unread.find((u) => u.path === binary)).toMatchObject({ bytes: 9 });
    expect(later.sources.map((s) => s.path)).toEqual(expect.arrayContaining([empty]));
    await reopened.saveCase(file);
    await reopened.dispose();

    // Anyone with sqlite3 finds them in the file; the views are as they were.
    const SQL = await loadSqlJs();
    const db = new SQL.Database(fs.readFileSync(file));
    expect(db.exec(`SELECT path, kind FROM unread_path ORDER BY path`)[0].values).toEqual([[binary, 'passed-over'], [lock, 'skipped'], [named, 'error']]);
    expect(db.exec('SELECT count(*) FROM attempt')[0].values[0][0]).toBeGreaterThan(0);
    db.close();
  });
  it('of the web host\'s drops are listed once by the name the user dropped, each drop being kept in a folder of its own', async () => {
    const serve = path.join(dir, 'swarmscope-serve-Ab12Cd', 'uploads');
    const drop = (batch: string, files: Record<string, string | Buffer>): string[] => Object.entries(files).map(([name, content]) => {
      const file = path.join(serve, `upload-${batch}`, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    });
    const engine = new Engine();
    await engine.ingest(drop('aaaaaa', { 'binary.bin': Buffer.from([0, 1, 2, 0, 0, 0]), 'empty.log': '' }));
    await engine.ingest(drop('bbbbbb', { 'binary.bin': Buffer.from([0, 1, 2, 0, 0, 0, 9]) }));
    const second = (await engine.caseInfo()).unread;
    expect(second.map((u) => path.relative(serve, u.path))).toEqual([path.join('upload-bbbbbb', 'binary.bin'), path.join('upload-aaaaaa', 'empty.log')]);
    // empty.log dropped again with lines: read, so no longer listed as not read.
    const written = await writeSingleLog(path.join(dir, 'web-src', 'mail.log'), { seed: 11, start: '2023-04-01', days: 1, attemptsPerDay: 5, swarm: null });
    const log = fs.readFileSync(written.files[0].path);
    await engine.ingest(drop('cccccc', { 'empty.log': log }));
    const third = await engine.caseInfo();
    expect(third.unread.map((u) => path.relative(serve, u.path))).toEqual([path.join('upload-bbbbbb', 'binary.bin')]);
    expect(third.sources.map((s) => path.relative(serve, s.path))).toEqual([path.join('upload-cccccc', 'empty.log')]);
    await engine.dispose();
  });
  it('name the files a cancelled reading did not get to, and leave the list once those are read', async () => {
    const folder = path.join(dir, 'cancelled');
    const first = path.join(folder, 'a-big.log');
    await writeSingleLog(first, { seed: 13, start: '2023-01-01', days: 200, attemptsPerDay: 150, swarm: null });
    // Two files are read at once: the cancel finds one or two of these begun, and the others not.
    const later = ['b.log', 'c.log', 'd.log', 'e.log', 'f.log'].map((name) => path.join(folder, name));
    for (const [k, file] of later.entries()) await writeSingleLog(file, { seed: 20 + k, start: '2023-08-01', days: 2, attemptsPerDay: 5, swarm: null });
    let cancelOnce = true;
    const engine = new Engine({
      emit: (e) => {
        if (cancelOnce && e.type === 'progress' && e.progress.lines > 20_000) {
          cancelOnce = false;
          void engine.cancelIngest();
        }
      },
    });
    await engine.openCase(null);
    const result = await engine.ingest([folder]);
    expect(result.cancelled).toBe(true);
    const info = await engine.caseInfo();
    // The big file was cut short (its first lines are in the case); the one beside it may have been read whole.
    expect(info.sources.map((s) => s.path)).toContain(first);
    const notRead = reasons(info.unread);
    expect(notRead.length).toBeGreaterThanOrEqual(2);
    expect(notRead).toEqual(later.slice(later.length - notRead.length).map((p) => [p, 'skipped', 'the reading was cancelled before this file']));
    expect(info.sources.map((s) => s.path).filter((p) => notRead.some(([u]) => u === p))).toEqual([]);
    await engine.ingest([folder]);
    const whole = await engine.caseInfo();
    expect(whole.unread).toEqual([]);
    expect(whole.sources.map((s) => s.path).sort()).toEqual([first, ...later]);
    await engine.dispose();
  });
  it('say when a log read before could not be read again, and no more once it is found again with what the case holds', async () => {
    const live = path.join(dir, 'live', 'mail.log');
    await writeSingleLog(live, { seed: 12, start: '2023-05-01', days: 1, attemptsPerDay: 5, swarm: null });
    const engine = new Engine();
    await engine.ingest([live]);
    const kept = path.join(dir, 'live.kept');
    fs.renameSync(live, kept);
    await engine.ingest([live]);
    const gone = await engine.caseInfo();
    expect(gone.sources.map((s) => s.path)).toEqual([live]); // its lines stay
    expect(reasons(gone.unread)).toEqual([[live, 'error', 'no such file or folder']]);
    fs.renameSync(kept, live);
    const again = await engine.ingest([live]);
    expect(again.sources[0].notes[0]).toMatch(/^same content as/);
    expect((await engine.caseInfo()).unread).toEqual([]);
    await engine.dispose();
  });
});
