// Two writers of one case file (the CLI's ingest run twice at once, or the app and the CLI): the one that saves
// last must not silently throw away what the other saved meanwhile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { writeSingleLog } from '../../src-main/engine/generate/write';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-concurrent-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let first: string;
let firstAttempts: number;
let second: string;
beforeAll(async () => {
  const a = await writeSingleLog(path.join(dir, 'a', 'mail.log'), { seed: 3, start: '2023-01-09', days: 10, attemptsPerDay: 20, swarm: null });
  first = a.files[0].path;
  firstAttempts = a.truth.attempts;
  second = (await writeSingleLog(path.join(dir, 'b', 'mail.log'), { seed: 4, start: '2023-03-01', days: 5, attemptsPerDay: 20, swarm: null })).files[0].path;
});

describe('saving a case file another engine saved since it was opened', () => {
  it('is refused, with the file left as the other saved it; saving under another name works', async () => {
    const file = path.join(dir, 'case.sqlite');
    const setUp = new Engine();
    const base = await setUp.ingest([first]);
    await setUp.saveCase(file);
    await setUp.dispose();

    const a = new Engine();
    const b = new Engine();
    await a.openCase(file);
    await b.openCase(file);
    const addedByA = (await a.ingest([second])).attemptsAdded;
    const addedByB = (await b.ingest([second])).attemptsAdded;
    expect(addedByA).toBeGreaterThan(0);
    // Saving again and again over its own file is fine.
    await b.saveCase(file);
    await b.saveCase(file);

    await expect(a.saveCase(file)).rejects.toThrow(/changed on disk since this case was opened or last saved/);
    const check = new Engine();
    expect((await check.openCase(file)).attempts).toBe(base.attemptsAdded + addedByB);
    const elsewhere = path.join(dir, 'case-a.sqlite');
    expect((await a.saveCase(elsewhere)).path).toBe(elsewhere);
    expect((await check.openCase(elsewhere)).attempts).toBe(base.attemptsAdded + addedByA);
    for (const e of [a, b, check]) await e.dispose();
  });

  it('goes ahead when the file was deleted meanwhile: there is nothing to lose', async () => {
    const file = path.join(dir, 'gone.sqlite');
    const engine = new Engine();
    const added = (await engine.ingest([first])).attemptsAdded;
    expect(added).toBe(firstAttempts); // as the generator wrote them
    await engine.saveCase(file);
    fs.rmSync(file);
    expect((await engine.saveCase(file)).path).toBe(file);
    // The file written is the case, not just a file: another engine opens it with every attempt.
    const check = new Engine();
    expect((await check.openCase(file)).attempts).toBe(added);
    for (const e of [engine, check]) await e.dispose();
  });
});
