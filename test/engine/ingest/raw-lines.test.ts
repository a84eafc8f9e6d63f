// The raw-line viewer through the engine, on generated dovecot logs: an attempt's raw line is its own line, or
// said to be gone, never another line at the same number of the file now at its path (a log rotated away whose
// rotated file is gone, a log truncated in place by copytruncate and written anew).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { writeSingleLog } from '../../../src-main/engine/generate/write';
import type { AttemptDetail, RawLine, Selection } from '../../../src-main/shared/api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-lines-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ALL: Selection = { from: null, to: null, countries: [], search: '' };

/**
 * Three weeks of a mail server's log, without a swarm, as lines (each with its newline), and the path of the live
 * log (`server/mail.log`, not written yet) in a folder of the test's own, `name`.
 */
async function threeWeeks(name: string): Promise<{ lines: string[]; mtime: Date; live: string }> {
  const folder = path.join(dir, name);
  const full = await writeSingleLog(path.join(folder, 'full.log'), { seed: 5, start: '2023-11-20', days: 21, attemptsPerDay: 60, swarm: null });
  const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n').slice(0, -1).map((line) => `${line}\n`);
  const live = path.join(folder, 'server', 'mail.log');
  fs.mkdirSync(path.dirname(live));
  return { lines, mtime: fs.statSync(full.files[0].path).mtime, live };
}

/** Writes `lines` as `file`, last written `daysBefore` days before `mtime` (the year of its stamps comes from it). */
function writeLog(file: string, lines: string[], mtime: Date, daysBefore: number): void {
  fs.writeFileSync(file, lines.join(''));
  const at = new Date(mtime.getTime() - daysBefore * 86_400_000);
  fs.utimesSync(file, at, at);
}

/** A new case that has read `lines` as the live log, written a week before `mtime`, and every attempt it lists then. */
async function caseReading(live: string, lines: string[], mtime: Date): Promise<{ engine: Engine; listed: AttemptDetail[] }> {
  writeLog(live, lines, mtime, 7);
  const engine = new Engine();
  await engine.openCase(null);
  await engine.ingest([live]);
  return { engine, listed: await everyAttempt(engine) };
}

/** Every attempt of the case as the viewer's IP detail panel lists them, with the source each was read into. */
async function everyAttempt(engine: Engine): Promise<AttemptDetail[]> {
  const { rows } = await engine.ips(ALL, 'ip', false, 0, 100_000);
  const attempts: AttemptDetail[] = [];
  for (const row of rows) attempts.push(...(await engine.ipDetail(row.ip, ALL))!.attempts);
  return attempts;
}

/** Their raw lines, asked for as the panel asks: path, line number and source id. */
async function rawLinesOf(engine: Engine, attempts: AttemptDetail[]): Promise<RawLine[]> {
  const raw: RawLine[] = [];
  for (let i = 0; i < attempts.length; i += 1000) {
    raw.push(...(await engine.rawLines(attempts.slice(i, i + 1000).map(({ source, line, sourceId }) => ({ source, line, sourceId })))));
  }
  return raw;
}

/** Each attempt's line as read, given the lines of the file it was read from. */
function expectTheirOwnLines(attempts: AttemptDetail[], raw: RawLine[], linesOfFile: string[]): void {
  expect(attempts.length).toBeGreaterThan(0);
  attempts.forEach((attempt, k) => {
    expect(raw[k], `${attempt.source}:${attempt.line}`).toEqual({ source: attempt.source, line: attempt.line, text: linesOfFile[attempt.line - 1].slice(0, -1), status: 'read' });
    if (attempt.user !== null) expect(raw[k].text).toContain(attempt.user);
  });
}

/** Each attempt's line said to be gone: the file at its path holds other content now. */
function expectGone(attempts: AttemptDetail[], raw: RawLine[]): void {
  expect(attempts.length).toBeGreaterThan(0);
  attempts.forEach((attempt, k) => {
    expect(raw[k], `${attempt.source}:${attempt.line}`).toEqual({ source: attempt.source, line: attempt.line, text: null, status: 'replaced', readAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/) });
  });
}

describe('raw lines of a log rotated away whose rotated file is gone (logrotate\'s rotate 1, or only the new log read)', () => {
  it('says the old attempts\' lines are gone, and gives the new ones theirs, though both sources are named by one path', async () => {
    const { lines, mtime, live } = await threeWeeks('rotate-1');
    const third = Math.floor(lines.length / 3);
    const [before, after] = [lines.slice(0, 2 * third), lines.slice(2 * third)];
    const { engine, listed: old } = await caseReading(live, before, mtime);
    expectTheirOwnLines(old, await rawLinesOf(engine, old), before);

    // Rotated twice since (mail.log.1 deleted as mail.log became it): only a new mail.log holds that path.
    fs.rmSync(live);
    writeLog(live, after, mtime, 0);
    // The new file holds lines at most of the old attempts' numbers: those are what the viewer showed for them.
    expect(old.filter((a) => a.line <= after.length).length).toBeGreaterThan(old.length / 3);
    expectGone(old, await rawLinesOf(engine, old));

    const result = await engine.ingest([live]);
    expect(result.sources[0].warnings.join()).toMatch(/no longer in it, nor in a rotated file beside it/);
    expect((await engine.caseInfo()).sources.map((s) => s.path)).toEqual([live, live]);
    const all = await everyAttempt(engine);
    const oldSource = old[0].sourceId;
    const [gone, current] = [all.filter((a) => a.sourceId === oldSource), all.filter((a) => a.sourceId !== oldSource)];
    expect(gone.length).toBe(old.length);
    expect(new Set(current.map((a) => a.source))).toEqual(new Set([live]));
    expectGone(gone, await rawLinesOf(engine, gone));
    expectTheirOwnLines(current, await rawLinesOf(engine, current), after);
    // Asked without a source id (an older caller), a path's line is that of the source the file there holds.
    const { line } = old.find((a) => a.line <= after.length)!;
    expect(await engine.rawLines([{ source: live, line }])).toEqual([{ source: live, line, text: after[line - 1].slice(0, -1), status: 'read' }]);
    await engine.dispose();
  });
});

describe('raw lines of a log rotated away whose rotated file is beside it', () => {
  it('reads an attempt listed before the rotation was read where its source is now, the rotated file', async () => {
    const { lines, mtime, live } = await threeWeeks('rotated-beside');
    const half = Math.floor(lines.length / 2);
    // The panel listed these with the path mail.log; then logrotate made mail.log.1 of it, and the new mail.log was read.
    const { engine, listed } = await caseReading(live, lines.slice(0, half), mtime);
    fs.renameSync(live, `${live}.1`);
    writeLog(live, lines.slice(half), mtime, 0);
    await engine.ingest([live]);
    const raw = await rawLinesOf(engine, listed);
    expectTheirOwnLines(listed.map((a) => ({ ...a, source: `${live}.1` })), raw, lines);
    await engine.dispose();
  });
});

describe('raw lines of a log truncated in place and written anew (copytruncate, the copy gone)', () => {
  it('says the lines read before the truncation are gone, read again or not, and gives the new lines theirs', async () => {
    const { lines, mtime, live } = await threeWeeks('copytruncate');
    const half = Math.floor(lines.length / 2);
    const [before, after] = [lines.slice(0, half), lines.slice(half, half + Math.floor(half / 2))];
    const { engine, listed: old } = await caseReading(live, before, mtime);

    // The same file (its inode kept), emptied and written on: shorter than what the case read from it.
    fs.truncateSync(live, 0);
    fs.appendFileSync(live, after.join(''));
    expect(fs.statSync(live).size).toBeLessThan(Buffer.byteLength(before.join('')));
    expectGone(old, await rawLinesOf(engine, old));

    await engine.ingest([live]);
    const all = await everyAttempt(engine);
    const oldSource = old[0].sourceId;
    expectGone(all.filter((a) => a.sourceId === oldSource), await rawLinesOf(engine, all.filter((a) => a.sourceId === oldSource)));
    const current = all.filter((a) => a.sourceId !== oldSource);
    expectTheirOwnLines(current, await rawLinesOf(engine, current), after);
    await engine.dispose();
  });
});

describe('raw lines of a log cut short of what the case read, its first lines kept', () => {
  it('says they are gone: the file changed in place, and what it holds now is not known to be the lines read', async () => {
    const { lines, mtime, live } = await threeWeeks('cut');
    const { engine, listed: old } = await caseReading(live, lines, mtime);
    fs.truncateSync(live, Buffer.byteLength(lines.slice(0, Math.floor(lines.length / 2)).join('')));
    expectGone(old, await rawLinesOf(engine, old));
    await engine.dispose();
  });
});

describe('raw lines of a log that only grew', () => {
  it.each([['shorter than a head (4 KiB), known by the hash of all of it', 3500], ['longer than a head', 200_000]])(
    'shows the lines read before, of a log %s, before and after the rest is read',
    async (_, bytesRead) => {
      const { lines, mtime, live } = await threeWeeks(`grown-${bytesRead}`);
      let read = 0;
      while (Buffer.byteLength(lines.slice(0, read + 1).join('')) <= bytesRead) read++;
      const { engine, listed: old } = await caseReading(live, lines.slice(0, read), mtime);
      // syslog wrote on: the file starts with all the case read, and holds more.
      fs.appendFileSync(live, lines.slice(read).join(''));
      expectTheirOwnLines(old, await rawLinesOf(engine, old), lines);
      await engine.ingest([live]);
      const all = await everyAttempt(engine);
      expect(all.length).toBeGreaterThan(old.length);
      expectTheirOwnLines(all, await rawLinesOf(engine, all), lines);
      await engine.dispose();
    },
  );
});
