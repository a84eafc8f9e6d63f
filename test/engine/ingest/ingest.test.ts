// The ingest pipeline on realistic generated logs: exact figures against the generator's truth, every line
// accounted for, re-ingest adding nothing, rotated and grown files, and damaged files that never stop a run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { writeRotatedLogs, writeSingleLog, type WrittenLogs } from '../../../src-main/engine/generate/write';
import { generateAuthLog } from '../../../src-main/engine/generate/auth-log';
import { compareLogNames, compareLogPaths } from '../../../src-main/engine/ingest/collect-files';
import { SCAN_BLOCKS_IN_FLIGHT } from '../../../src-main/engine/ingest/parse-worker-protocol';
import { LogLineParser } from '../../../src-main/engine/parse/line-parser';
import { loadSqlJs } from '../../../src-main/engine/store/sqlite';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { GenerateOptions } from '../../../src-main/engine/generate/options';
import type { EngineEvent, Selection, SourceReport } from '../../../src-main/shared/api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Archives are unpacked under the system's temporary folder: this file's own (each test file runs in a process
// of its own), so that the unpacked folders looked for below are this file's, not another file's unpacking now.
process.env.TMPDIR = path.join(dir, 'tmp');
fs.mkdirSync(process.env.TMPDIR);

const ALL = { from: null, to: null, countries: [], search: '' };

/** Each day with attempts, with how many: of a case (perDay), or of the generator's truth, to compare the two. */
function daysWithAttempts(days: readonly { day: string; attempts: number }[]): [string, number][] {
  return days.filter((d) => d.attempts > 0).map((d) => [d.day, d.attempts]);
}

/** The compressions logrotate and newsyslog can be set to use besides gzip: each tool, and its files' extension. */
const COMPRESSORS = [['bzip2', 'bz2'], ['xz', 'xz'], ['zstd', 'zst']] as const;

function compressWith(tool: string, content: Buffer, level = '-6'): Buffer {
  const run = spawnSync(tool, ['-c', level], { input: content, maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${tool} failed (install bzip2, xz-utils and zstd): ${run.stderr}`);
  return run.stdout;
}
const options: GenerateOptions = { seed: 11, start: '2023-11-20', days: 60, attemptsPerDay: 60 };

function accounted(s: SourceReport): void {
  expect(s.attemptLines + s.loginLines + s.ignoredLines + s.unparsedLines, s.path).toBe(s.lines);
}

/** A morning of tries: SMTP AUTH against postfix (two at once from some addresses), and IMAP with sessions. */
function smtpAuthMorning(authVerbose: boolean, secondPassdbUsers = 1): { lines: string[]; smtp: { ip: string; user: string; password: string; service: string }[] } {
  const lines: string[] = [];
  const smtp: { ip: string; user: string; password: string; service: string }[] = [];
  const at = (secs: number): string => `Mar  4 09:${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
  for (let k = 0; k < 6; k++) {
    const ip = `198.51.100.${70 + k}`;
    const service = k % 2 ? 'submission' : 'smtp';
    const smtpd = service === 'smtp' ? 'postfix/smtpd' : 'postfix/submission/smtpd';
    const t = k * 40;
    const tries = [{ user: `info${k}@example.org`, password: `Spring202${k}` }, { user: `sales${k}@example.org`, password: `sales${k}!` }];
    lines.push(`${at(t)} mail ${smtpd}[${900 + k}]: connect from unknown[${ip}]`);
    // Both tries of the connection pair at once; dovecot answers each after auth_failure_delay (2 s).
    for (const tr of tries) {
      if (authVerbose) lines.push(`${at(t + 1)} mail dovecot: auth: passwd-file(${tr.user},${ip}): Password mismatch (given password: ${tr.password})`);
      smtp.push({ ip, ...tr, service });
    }
    for (let n = 0; n < tries.length; n++) lines.push(`${at(t + 3)} mail ${smtpd}[${900 + k}]: warning: unknown[${ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
    lines.push(`${at(t + 4)} mail ${smtpd}[${900 + k}]: disconnect from unknown[${ip}] ehlo=1 auth=0/2 quit=1 commands=2/4`);
    // An IMAP try from elsewhere meanwhile: auth line and login line joined by the session.
    const session = `ImApSeSsIoN0000${k}`;
    if (authVerbose) lines.push(`${at(t + 10)} mail dovecot: auth: passwd-file(admin,203.0.113.${90 + k},<${session}>): unknown user (given password: admin)`);
    lines.push(`${at(t + 12)} mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, method=PLAIN, rip=203.0.113.${90 + k}, lip=192.0.2.1, TLS, session=<${session}>`);
  }
  // The swarm's last address got in: two messages sent as sales5 (postfix writes a line for each).
  for (const [n, queueId] of ['4SvT3k1XyZz9tQ', '4SvT3m2YzAb7wR'].entries()) {
    lines.push(`${at(250 + n)} mail postfix/submission/smtpd[905]: ${queueId}: client=unknown[198.51.100.75], sasl_method=LOGIN, sasl_username=sales5@example.org`);
  }
  // Users of the second passdb: the first turns each name down in the same second the second takes it.
  for (let u = 0; u < secondPassdbUsers; u++) {
    const name = u === 0 ? 'carol' : `carol${u}`;
    if (authVerbose) lines.push(`${at(260 + u)} mail dovecot: auth: passwd-file(${name}@example.org,192.0.2.${80 + u}): unknown user`);
    lines.push(`${at(260 + u)} mail postfix/submission/smtpd[906]: 4SvT3n3ZaBc8x${u}: client=laptop.example.org[192.0.2.${80 + u}], sasl_method=PLAIN, sasl_username=${name}@example.org`);
  }
  // Not tries: the SASL server went away; a client that only asked for a mechanism the server lacks.
  lines.push(`${at(300)} mail postfix/smtpd[950]: warning: unknown[198.51.100.99]: SASL LOGIN authentication failed: Connection lost to authentication server`);
  lines.push(`${at(301)} mail postfix/smtpd[951]: warning: unknown[198.51.100.98]: SASL CRAM-MD5 authentication failed: Invalid authentication mechanism`);
  return { lines, smtp };
}

/**
 * A morning of SMTP AUTH tries against Exim (cPanel's setup: Exim asks dovecot's auth process, through its
 * dovecot_login and dovecot_plain authenticators), as Exim's main log holds them (`exim`, with Exim's own stamp),
 * and dovecot's auth lines of the same tries (`dovecot`, syslog's maillog; auth_verbose=yes), each a moment before
 * Exim's line, which comes once dovecot answered. `syslog` writes Exim's lines as syslog does (after its
 * `exim[pid]:` tag, with Exim's stamp kept) for a file that holds both.
 */
function eximMorning(syslog = false): { exim: string[]; dovecot: string[]; tries: { ip: string; user: string; password: string }[]; logins: { ip: string; user: string; service: string }[] } {
  const exim: string[] = [];
  const dovecot: string[] = [];
  const tries: { ip: string; user: string; password: string }[] = [];
  const clock = (secs: number): string => `09:${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
  const eximLine = (secs: number, text: string): string =>
    syslog ? `Mar  4 ${clock(secs)} mail exim[${4000 + secs}]: 2024-03-04 ${clock(secs)} ${text}` : `2024-03-04 ${clock(secs)} ${text}`;
  for (let k = 0; k < 5; k++) {
    const ip = `198.51.100.${120 + k}`;
    const t = k * 30;
    exim.push(eximLine(t, `SMTP connection from (User) [${ip}]:${50000 + k} (TCP/IP connection count = 3)`));
    for (const [n, user] of [`info${k}@example.org`, `=HYPERLINK("http://x/"&A1)`].entries()) {
      const password = `Winter202${k}${n}`;
      tries.push({ ip, user, password });
      dovecot.push(`Mar  4 ${clock(t + 1 + 3 * n)} mail dovecot: auth: passwd-file(${user},${ip}): unknown user (given password: ${password})`);
      exim.push(eximLine(t + 3 + 3 * n, `dovecot_${n ? 'plain' : 'login'} authenticator failed for ${k % 2 ? 'H=' : ''}(User) [${ip}]:${50000 + k}: 535 Incorrect authentication data (set_id=${user})`));
    }
    exim.push(eximLine(t + 9, `SMTP connection from (User) [${ip}]:${50000 + k} lost D=9s`));
  }
  // Not tries: dovecot's auth socket was away; a client that sent AUTH where it is not offered.
  exim.push(eximLine(200, 'dovecot_login authenticator failed for (User) [203.0.113.99]:51000: 435 Unable to authenticate at present (set_id=x): failed to connect to socket /var/run/dovecot/auth-client'));
  exim.push(eximLine(201, 'H=(User) [203.0.113.98]:51001 rejected AUTH: authentication is not advertised'));
  // A user who got in sends a message (Exim writes one line per message) on the submission port, and it is delivered.
  exim.push(eximLine(240, '1rABCD-0000000123-ABCD <= alice@example.org H=(laptop) [192.0.2.50]:40000 I=[192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_login:alice@example.org S=2048 id=1@example.org'));
  exim.push(eximLine(241, '1rABCD-0000000123-ABCD => bob@example.net R=dnslookup T=remote_smtp H=mx.example.net [203.0.113.25] C="250 OK"'));
  exim.push(eximLine(241, '1rABCD-0000000123-ABCD Completed'));
  // A message without SMTP AUTH whose sender and subject a client chose to look like Exim's fields of one.
  exim.push(eximLine(250, '1rABCE-0000000124-ABCD <= "x H=(a) [192.0.2.66]:1 P=esmtpsa A=dovecot_login:ceo"@example.com H=(spam) [203.0.113.97]:40001 P=esmtp S=99 T="A=dovecot_login:ceo"'));
  return { exim, dovecot, tries, logins: [{ ip: '192.0.2.50', user: 'alice@example.org', service: 'submission' }] };
}

async function freshEngine(parseWorker?: string): Promise<Engine> {
  const engine = new Engine({ parseWorker });
  // As the engine's thread does for its hosts: the parse threads are already loading when the first file comes.
  engine.startParseThreads();
  await engine.openCase(null);
  return engine;
}

/** An engine whose first ingest the user cancels once more than `lines` lines are read. */
async function engineCancellingAfter(lines: number, parseWorker?: string): Promise<Engine> {
  let cancelOnce = true;
  const engine = new Engine({
    parseWorker,
    emit: (e) => {
      if (cancelOnce && e.type === 'progress' && e.progress.lines > lines) {
        cancelOnce = false;
        void engine.cancelIngest();
      }
    },
  });
  await engine.openCase(null);
  return engine;
}

// Each run twice: parsed in this thread (as from sources), and through the built parse and scan worker
// threads the app, the CLI and the web host use (npm test builds them first).
const PARSERS: [string, string | undefined][] = [
  ['parsing in this thread', undefined],
  ['parsing in the built worker threads', path.resolve(__dirname, '../../../out/main/parse-worker.js')],
];

describe.each(PARSERS)('%s', (_mode, parseWorker) => {
  const modeDir = path.join(dir, parseWorker ? 'threads' : 'inline');

  beforeAll(() => {
    if (parseWorker) expect(fs.existsSync(parseWorker), 'run `npm run build` before the ingest tests').toBe(true);
  });

  describe('ingest of a rotated, compressed set of logs crossing New Year', () => {
    let logs: WrittenLogs;
    let engine: Engine;
    const logDir = path.join(modeDir, 'rotated');

    beforeAll(async () => {
      logs = await writeRotatedLogs(logDir, options);
      engine = await freshEngine(parseWorker);
    });

    it('finds exactly the attempts, IPs, logins and days the generator wrote', async () => {
      const result = await engine.ingest([logDir]);
      const t = logs.truth;
      expect(logs.files.some((f) => f.gzip)).toBe(true);
      expect(result.attemptsAdded).toBe(t.attempts);
      expect(result.loginsAdded).toBe(t.logins);
      const summary = await engine.summary(ALL);
      expect(summary.attempts).toBe(t.attempts);
      expect(summary.ips).toBe(t.ips);
      expect(summary.oneShotIps).toBe(t.oneShotIps);
      expect(summary.firstDay).toBe(t.perDay.find((d) => d.attempts > 0)!.day);
      const perDay = await engine.perDay(ALL);
      expect(perDay.map((d) => [d.day, d.attempts])).toEqual(daysWithAttempts(t.perDay));
      // Syslog stamps carry no year: December and January must land in their own years.
      expect(perDay.some((d) => d.day.startsWith('2023-12'))).toBe(true);
      expect(perDay.some((d) => d.day.startsWith('2024-01'))).toBe(true);
      expect(perDay.every((d) => d.day >= '2023-11-20' && d.day <= '2024-01-18')).toBe(true);
      // Every row has its service, also those of a connection whose auth lines end one file of the rotation and
      // whose login line (which says the service) starts the next.
      const services = await engine.services(ALL);
      expect(Object.fromEntries(services.map((v) => [v.service, v.attempts]))).toEqual(t.services);
    });

    it('dates a week of daily syslog files by the mail.log set beside them when --year gives when the logs begin', async () => {
      // /var/log copied without its times (scp without -p): mail.log weekly from Nov 20, syslog daily for the
      // last week only, which starts in the new year; both sets end when the copy was made. The year given is
      // the mail.log set's, and syslog's January must not go back to the January before it.
      const dir = path.join(modeDir, 'year-given-two-sets');
      fs.mkdirSync(dir, { recursive: true });
      const lines = logs.files.flatMap((f) => {
        const content = fs.readFileSync(f.path);
        return (f.gzip ? zlib.gunzipSync(content) : content).toString('utf8').split('\n').filter((l) => l.length);
      });
      const lastWeek = ['Jan 12', 'Jan 13', 'Jan 14', 'Jan 15', 'Jan 16', 'Jan 17', 'Jan 18'];
      lastWeek.forEach((day, k) => {
        const index = lastWeek.length - 1 - k;
        const text = lines.filter((l) => l.startsWith(day)).join('\n') + '\n';
        const name = index === 0 ? 'syslog' : `syslog.${index}${index >= 2 ? '.gz' : ''}`;
        fs.writeFileSync(path.join(dir, name), index >= 2 ? zlib.gzipSync(text) : text);
      });
      for (const f of logs.files) fs.copyFileSync(f.path, path.join(dir, path.basename(f.path)));
      const copiedAt = new Date();
      for (const name of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, name), copiedAt, copiedAt);
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([dir], { year: 2023 });
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      const perDay = await fresh.perDay(ALL);
      expect(perDay.every((d) => d.day >= '2023-11-20' && d.day <= '2024-01-18')).toBe(true);
      const syslogs = result.sources.filter((r) => path.basename(r.path).startsWith('syslog'));
      expect(syslogs).toHaveLength(7);
      expect(syslogs.every((r) => r.attempts === 0 && r.notes.some((n) => /are also in .*mail\.log/.test(n)))).toBe(true);
      await fresh.dispose();
    });

    // `zgrep dovecot /var/log/mail.log*` prefixes each line with its file; `zgrep -n -C 3 'auth failed'` also
    // prints the lines around those it found (path and number end with '-' there), and `--` between groups.
    const asFound = (file: string, line: string): string => `/var/log/${file}:${line}`;
    const withContext = (file: string, line: string, n: number): string =>
      (n % 97 === 0 ? '--\n' : '') + (line.includes('auth failed') ? `/var/log/${file}:${n}:${line}` : `/var/log/${file}-${n}-${line}`);
    it.each([
      ['zgrep over mail.log*', asFound],
      ['zgrep -n -C over mail.log*, with context lines and group separators', withContext],
    ])('reads the set as grep output of all its files (%s), each file\'s year reckoned on its own', async (_, prefixed) => {
      // The glob's order: mail.log, mail.log.1, mail.log.10.gz, mail.log.2.gz, ...: newest first, then mixed.
      const files = [...logs.files].sort((a, b) => (path.basename(a.path) < path.basename(b.path) ? -1 : 1));
      const out = files.map((f) => {
        const content = fs.readFileSync(f.path);
        const text = (f.gzip ? zlib.gunzipSync(content) : content).toString('utf8');
        return text.split('\n').filter((l) => l.length).map((l, i) => prefixed(path.basename(f.path), l, i + 1)).join('\n') + '\n';
      }).join('');
      const grepped = path.join(modeDir, 'grepped', 'dovecot-lines.txt');
      fs.mkdirSync(path.dirname(grepped), { recursive: true });
      fs.writeFileSync(grepped, out);
      // Saved when grep ran, after the newest file was last written.
      const newest = Math.max(...logs.files.map((f) => fs.statSync(f.path).mtimeMs));
      fs.utimesSync(grepped, new Date(newest + 60_000), new Date(newest + 60_000));
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([grepped]);
      expect(result.sources[0].unparsedLines).toBe(0);
      expect(result.sources[0].warnings).toEqual([]);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      expect(daysWithAttempts(await fresh.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      await fresh.dispose();
    });

    it('dates the rotated files put together newest first into one file (cat mail.log mail.log.1 ... > all.log)', async () => {
      // In rotation order, newest first, as `zcat -f mail.log mail.log.1 mail.log.2.gz ...` gives them: the one file
      // steps back a week at each file's start, over months and New Year.
      const files = [...logs.files].sort((a, b) => compareLogPaths(b.path, a.path));
      expect(path.basename(files[0].path)).toBe('mail.log');
      const report = await expectJoinedDatedAsWritten(logs, files, 'joined');
      expect(report.notes.join('\n')).not.toContain('not in time order');
    });

    it('dates the rotated files put together in the order of their names (zcat -f mail.log* > all.log), mail.log.10 before mail.log.2', async () => {
      // 23 weekly files: the glob puts mail.log.10 to .19 after mail.log.1 (back two months), mail.log.2 after them
      // (forward again), mail.log.20 to .22 after it (back four months, past New Year read backwards).
      const weekly = await writeRotatedLogs(path.join(modeDir, 'weeks'), { seed: 12, start: '2023-08-01', days: 160, attemptsPerDay: 15 });
      expect(weekly.files.length).toBeGreaterThan(21);
      const files = [...weekly.files].sort((a, b) => (a.path < b.path ? -1 : 1));
      expect(files.slice(0, 4).map((f) => path.basename(f.path).replace(/\.gz$/, ''))).toEqual(['mail.log', 'mail.log.1', 'mail.log.10', 'mail.log.11']);
      const report = await expectJoinedDatedAsWritten(weekly, files, 'weeks-joined');
      // mail.log.1 (New Year's week) to .10 (ten weeks before), and mail.log.2 to .20 (four months before): the other
      // steps back are weeks, which keep the year, and the steps ahead land before the file's time.
      expect(report.notes.filter((n) => n.startsWith('its lines are not in time order: 2 lines jump from the one before '))).toHaveLength(1);
    });

    /**
     * `files` (mail.log first) put together into one file as `zcat -f` does, with the time of mail.log (made on the
     * server and read there, or copied with its time), read into a new engine: every try, each on its own day.
     */
    async function expectJoinedDatedAsWritten(written: WrittenLogs, files: WrittenLogs['files'], folder: string): Promise<SourceReport> {
      const joined = path.join(modeDir, folder, 'all.log');
      fs.mkdirSync(path.dirname(joined), { recursive: true });
      fs.writeFileSync(joined, Buffer.concat(files.map((f) => (f.gzip ? zlib.gunzipSync(fs.readFileSync(f.path)) : fs.readFileSync(f.path)))));
      const newest = fs.statSync(files[0].path).mtime;
      fs.utimesSync(joined, newest, newest);
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([joined]);
      expect(result.attemptsAdded).toBe(written.truth.attempts);
      expect(daysWithAttempts(await fresh.perDay(ALL))).toEqual(daysWithAttempts(written.truth.perDay));
      await fresh.dispose();
      expect(result.sources).toHaveLength(1);
      return result.sources[0];
    }

    it('dates a copy that lost its modification times by the year given, the January files in the next year', async () => {
      // Copied without its times (as scp without -p does): every file's mtime is now, which says nothing.
      const copy = path.join(modeDir, 'copied');
      fs.cpSync(logDir, copy, { recursive: true });
      const now = new Date();
      for (const f of fs.readdirSync(copy)) fs.utimesSync(path.join(copy, f), now, now);
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([copy], { year: 2023 });
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      const perDay = (await fresh.perDay(ALL)).filter((d) => d.attempts > 0);
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(logs.truth.perDay));
      // A year given again does not move what the case holds, and each file says so rather than adding nothing in silence.
      const again = await fresh.ingest([copy], { year: 2021 });
      expect(again.attemptsAdded).toBe(0);
      expect(again.sources.filter((x) => x.warnings.some((w) => w.startsWith('the year given (2021) does not date again the lines of '))).length).toBe(logs.files.length);
      expect(daysWithAttempts(await fresh.perDay(ALL))).toEqual(daysWithAttempts(perDay));
      await fresh.dispose();
    });

    /** The files of `dir` last written at `copied`, as a copy that lost its times, read whole into a new engine. */
    async function ingestCopiedOn(dir: string, copied: Date) {
      for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), copied, copied);
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([dir]);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      const perDay = (await fresh.perDay(ALL)).filter((d) => d.attempts > 0);
      return { fresh, result, perDay };
    }

    /**
     * The rotated set copied to `copy`, its times lost on 2026-06-01, read day for day as the generator wrote it; its
     * newest file notes what dated it instead of the copy's time (`follows`), and no file warns.
     */
    async function expectDatedInstead(copy: string, follows: string): Promise<void> {
      const { fresh, result, perDay } = await ingestCopiedOn(copy, new Date('2026-06-01T12:00:00Z'));
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(logs.truth.perDay));
      const newest = result.sources.find((x) => path.basename(x.path) === 'mail.log')!;
      expect(newest.notes).toContain(`the files of its rotation set were all last written within an hour (copied without their times?): ${follows}`);
      expect(result.sources.flatMap((x) => x.warnings)).toEqual([]);
      await fresh.dispose();
    }

    /** A .gz of the generator's (zlib: no time, no header CRC) given the header time gzip would have written: `at`. */
    function givenGzipTime(bytes: Buffer, at: Date): Buffer {
      expect(bytes.readUInt32LE(4)).toBe(0);
      expect(bytes[3] & 0x02).toBe(0); // no header CRC to keep right
      bytes.writeUInt32LE(Math.floor(at.getTime() / 1000), 4);
      return bytes;
    }

    it('keeps a copy that lost its modification times in time order, walking back from its newest file, and says so', async () => {
      // Every file last written on 2026-06-01 (the copy's time): the newest starts in January, so 2026, and
      // each file before it keeps the chain in order. The years are the copy's guess: two years late here.
      const copy = path.join(modeDir, 'copied-undated');
      fs.cpSync(logDir, copy, { recursive: true });
      const { fresh, result, perDay } = await ingestCopiedOn(copy, new Date('2026-06-01T12:00:00Z'));
      const twoYearsOn = (day: string): string => `${Number(day.slice(0, 4)) + 2}${day.slice(4)}`;
      expect(perDay.map((d) => [d.day, d.attempts])).toEqual(logs.truth.perDay.filter((d) => d.attempts > 0).map((d) => [twoYearsOn(d.day), d.attempts]));
      // Said once, on the newest file, whose time the others follow, and kept with it in the case.
      const warned = (sources: SourceReport[]): string[] => sources.filter((s) => s.warnings.some((n) => /last written within an hour/.test(n))).map((s) => path.basename(s.path));
      expect(warned(result.sources)).toEqual(['mail.log']);
      expect(warned((await fresh.caseInfo()).sources)).toEqual(['mail.log']);
      await fresh.dispose();
    });

    it('says nothing of a copy for a live set read within the hour after its rotation: the newest file was written up to its time', async () => {
      // The server's folder just after the weekly rotation: mail.log.1 last written at its last line, and the new
      // mail.log a few minutes on, at its own last line. Their times are within the hour, as a copy's are.
      const folder = path.join(modeDir, 'just-rotated');
      fs.mkdirSync(folder, { recursive: true });
      const lines = fs.readFileSync(path.join(logDir, 'mail.log'), 'utf8').split('\n');
      fs.writeFileSync(path.join(folder, 'mail.log'), lines.slice(0, 40).join('\n') + '\n');
      fs.copyFileSync(path.join(logDir, 'mail.log.1'), path.join(folder, 'mail.log.1'));
      const rotatedAt = fs.statSync(path.join(logDir, 'mail.log.1')).mtime;
      const liveAt = new Date(rotatedAt.getTime() + 20 * 60_000);
      fs.utimesSync(path.join(folder, 'mail.log.1'), rotatedAt, rotatedAt);
      fs.utimesSync(path.join(folder, 'mail.log'), liveAt, liveAt);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([folder]);
      expect(result.sources.flatMap((x) => [...x.warnings, ...x.notes])).toEqual([]);
      const year = rotatedAt.getUTCFullYear();
      const days = (await engine.perDay(ALL)).filter((d) => d.attempts > 0).map((d) => d.day);
      expect(days.every((d) => d.startsWith(String(year)) || d.startsWith(String(year - 1)))).toBe(true);
      expect(days[days.length - 1] <= rotatedAt.toISOString().slice(0, 10)).toBe(true);
      // The same two files copied without their times on another day are still said to be.
      const copiedOn = new Date(rotatedAt.getTime() + 200 * 86_400_000);
      for (const f of ['mail.log', 'mail.log.1']) fs.utimesSync(path.join(folder, f), copiedOn, copiedOn);
      const copy = await freshEngine(parseWorker);
      const copied = await copy.ingest([folder]);
      expect(copied.sources.flatMap((x) => x.warnings).join()).toMatch(/last written within an hour \(copied without their times\?\)/);
      await Promise.all([engine.dispose(), copy.dispose()]);
    });

    it('dates a copy that lost its modification times by the dates in its files\' names (logrotate\'s dateext)', async () => {
      // The same rotated set renamed as dateext names it (mail.log-20240107.gz: the day it was rotated, that of its
      // last line), then copied on 2026-06-01 without its times.
      const copy = path.join(modeDir, 'copied-dateext');
      fs.mkdirSync(copy, { recursive: true });
      for (const f of fs.readdirSync(logDir)) {
        const from = path.join(logDir, f);
        const rotated = /^mail\.log\.\d+(\.gz)?$/.exec(f);
        const day = fs.statSync(from).mtime.toISOString().slice(0, 10).replace(/-/g, '');
        fs.copyFileSync(from, path.join(copy, rotated ? `mail.log-${day}${rotated[1] ?? ''}` : f));
      }
      expect(fs.readdirSync(copy).filter((f) => /^mail\.log-\d{8}/.test(f)).length).toBe(logs.files.length - 1);
      await expectDatedInstead(copy, 'their years follow the dates in their names (mail.log-20231227.gz) and the order of the set');
    });

    it('dates a copy that lost its modification times by the times its gzip headers kept (logrotate compresses through gzip)', async () => {
      // logrotate pipes each rotated file into gzip, which writes that file's last write in the header (RFC 1952
      // MTIME); the generator's zlib writes none. Each .gz given the time its file was rotated, as gzip would
      // have, then the set copied on 2026-06-01 without its times: the headers date it, not the copy.
      const copy = path.join(modeDir, 'copied-gzip-times');
      fs.cpSync(logDir, copy, { recursive: true });
      const gzipped = fs.readdirSync(copy).filter((f) => f.endsWith('.gz'));
      expect(gzipped.length).toBeGreaterThan(1);
      for (const f of gzipped) {
        fs.writeFileSync(path.join(copy, f), givenGzipTime(fs.readFileSync(path.join(copy, f)), fs.statSync(path.join(logDir, f)).mtime));
      }
      await expectDatedInstead(copy, 'their years follow the times their gzip headers kept of the files they compressed (when logrotate compressed them) '
        + 'and the order of the set');
    });

    it('dates a lone .gz copied without its time by the time its gzip header kept, and says so', async () => {
      // The oldest rotation, before New Year, with the header gzip would have written, copied alone on 2026-06-01.
      const oldest = logs.files.filter((f) => f.gzip).map((f) => path.basename(f.path)).sort(compareLogNames).at(-1)!;
      const original = path.join(logDir, oldest);
      const folder = path.join(modeDir, 'lone-gzip');
      fs.mkdirSync(folder, { recursive: true });
      const rotatedAt = fs.statSync(original).mtime;
      const copy = path.join(folder, oldest);
      fs.writeFileSync(copy, givenGzipTime(fs.readFileSync(original), rotatedAt));
      const copiedOn = new Date('2026-06-01T12:00:00Z');
      fs.utimesSync(copy, copiedOn, copiedOn);
      const [own, copied] = [await freshEngine(parseWorker), await freshEngine(parseWorker)];
      const ownResult = await own.ingest([original]);
      const copiedResult = await copied.ingest([copy]);
      expect(copiedResult.attemptsAdded).toBe(ownResult.attemptsAdded);
      const days = daysWithAttempts(await own.perDay(ALL));
      expect(days[0][0] < '2024-01-01' && days.length > 0).toBe(true);
      expect(daysWithAttempts(await copied.perDay(ALL))).toEqual(days);
      expect(copiedResult.sources[0].notes).toContain('its stamps, which have no year, are dated from the time its gzip header kept of the file it compressed '
        + `(${rotatedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC), not from the file's modification time (2026-06-01 12:00:00 UTC, a copy's?)`);
      // Its own time and its header's give the same years: nothing to say.
      expect(ownResult.sources[0].notes.filter((n) => /gzip header/.test(n))).toEqual([]);
      await Promise.all([own.dispose(), copied.dispose()]);
    });

    it('dates a copy that lost its modification times by the stamps with a year that follow its year-less ones (rsyslog since Debian 12)', async () => {
      // The newest file's second half written with RFC 3339 stamps, as rsyslog writes them after an upgrade to
      // Debian 12, then the set copied on 2026-06-01 without its times: those stamps, not the copy's time, date
      // the year-less lines before them and the files before it.
      const copy = path.join(modeDir, 'copied-stamped');
      fs.cpSync(logDir, copy, { recursive: true });
      const live = path.join(copy, 'mail.log');
      const lastDay = logs.truth.perDay.filter((d) => d.attempts > 0).at(-1)!.day;
      const lines = fs.readFileSync(live, 'utf8').split('\n');
      const half = lines.length >> 1;
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      const rfc3339 = (line: string): string => {
        const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}:\d{2}:\d{2}) (.*)$/.exec(line);
        if (!m) return line;
        const month = months.indexOf(m[1]) + 1;
        const year = Number(lastDay.slice(0, 4)) - (month > Number(lastDay.slice(5, 7)) ? 1 : 0);
        return `${year}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}T${m[3]}.000000+00:00 ${m[4]}`;
      };
      fs.writeFileSync(live, [...lines.slice(0, half), ...lines.slice(half).map(rfc3339)].join('\n'));
      expect(fs.readFileSync(live, 'utf8')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000\+00:00 /m);
      await expectDatedInstead(copy, 'the years of their stamps without one follow the stamps with a year that come after them (rsyslog wrote those after an upgrade) '
        + 'and the order of the set');
    });

    it('announces the changed case as files are read, at most about once a second, and always at the end', async () => {
      const events: EngineEvent[] = [];
      const watched = new Engine({ parseWorker, emit: (e) => events.push(e) });
      await watched.openCase(null);
      await watched.ingest([logDir]);
      const changes = events.filter((e) => e.type === 'caseChanged');
      expect(logs.files.length).toBeGreaterThan(3);
      expect(changes.length).toBeGreaterThanOrEqual(1);
      expect(changes.length).toBeLessThan(logs.files.length);
      expect(changes[changes.length - 1]).toMatchObject({ info: { attempts: logs.truth.attempts, logins: logs.truth.logins } });
    });

    it('accounts for every line of every file', async () => {
      const info = await engine.caseInfo();
      const logSources = info.sources.filter((s) => /mail\.log/.test(s.path));
      expect(logSources).toHaveLength(logs.files.length);
      for (const s of logSources) accounted(s);
      const totalLines = logSources.reduce((n, s) => n + s.lines, 0);
      expect(totalLines).toBe(logs.truth.lines.total);
      const attemptLines = logSources.reduce((n, s) => n + s.attemptLines, 0);
      expect(attemptLines).toBe(logs.truth.lines.attempt);
      expect(logSources.reduce((n, s) => n + s.unparsedLines, 0)).toBe(0);
    });

    it('adds nothing when the same folder is ingested again', async () => {
      const before = await engine.summary(ALL);
      const again = await engine.ingest([logDir]);
      expect(again.attemptsAdded).toBe(0);
      expect(again.loginsAdded).toBe(0);
      expect(again.sources.every((s) => s.notes.some((n) => /already in the case/.test(n)))).toBe(true);
      expect(await engine.summary(ALL)).toEqual(before);
    });

    it('reads the same rotated set compressed with bzip2, xz and zstd instead (newsyslog, compresscmd) as with gzip', async () => {
      const other = path.join(modeDir, 'recompressed');
      fs.mkdirSync(other, { recursive: true });
      let k = 0;
      for (const f of logs.files) {
        const content = fs.readFileSync(f.path);
        if (!f.gzip) {
          fs.writeFileSync(path.join(other, path.basename(f.path)), content);
          continue;
        }
        const [tool, ext] = COMPRESSORS[k++ % COMPRESSORS.length];
        const name = path.join(other, path.basename(f.path).replace(/\.gz$/, `.${ext}`));
        fs.writeFileSync(name, compressWith(tool, zlib.gunzipSync(content)));
        const { mtime } = fs.statSync(f.path);
        fs.utimesSync(name, mtime, mtime);
      }
      for (const f of logs.files.filter((x) => !x.gzip)) {
        const { mtime } = fs.statSync(f.path);
        fs.utimesSync(path.join(other, path.basename(f.path)), mtime, mtime);
      }
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([other]);
      expect(new Set(result.sources.map((s) => s.encoding))).toEqual(new Set(['plain', 'bzip2', 'xz', 'zstd']));
      result.sources.forEach(accounted);
      expect(result.sources.flatMap((s) => [...s.errors, ...s.warnings])).toEqual([]);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      expect(result.loginsAdded).toBe(logs.truth.logins);
      expect(daysWithAttempts(await fresh.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      // Each is the same content as its gzip twin: the gzip set read after them adds nothing.
      expect((await fresh.ingest([logDir])).attemptsAdded).toBe(0);
      await fresh.dispose();
    });

    it.each([['tar', ['-cf']], ['tar with gzip', ['-czf']], ['tar with xz', ['-cJf']]])('reads the set sent as a %s as the folder, each file shown in the archive', async (_, flags) => {
      const archive = path.join(modeDir, `sent-${flags[0]}.tar.x`);
      expect(spawnSync('tar', [...flags, archive, '-C', modeDir, 'rotated']).status).toBe(0);
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([archive]);
      expect(result.sources.map((s) => s.path)).toEqual(logs.files.map((f) => path.join(archive, 'rotated', path.basename(f.path))).sort((a, b) => compareLogPaths(a, b)));
      result.sources.forEach(accounted);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      const perDay = (await fresh.perDay(ALL)).filter((d) => d.attempts > 0);
      // The archive keeps each file's time: December and January land in their own years.
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(logs.truth.perDay));
      // The raw lines of an attempt are read back from inside the archive.
      const newest = path.join(archive, 'rotated', 'mail.log');
      const [raw] = await fresh.rawLines([{ source: newest, line: 1 }]);
      expect(raw.text).toBe(fs.readFileSync(path.join(logDir, 'mail.log'), 'utf8').split('\n')[0]);
      expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('swarmscope-archive-'))).toEqual([]);
      // The same files, unpacked elsewhere: nothing new (the case names them there from now on).
      expect((await fresh.ingest([logDir])).attemptsAdded).toBe(0);
      await fresh.dispose();
    });

    it('reads the set sent as a zip as the folder, each file with the time the zip kept', async () => {
      const archive = path.join(modeDir, 'sent.zip');
      const zip = new yazl.ZipFile();
      for (const f of logs.files) zip.addFile(f.path, `rotated/${path.basename(f.path)}`, { mtime: fs.statSync(f.path).mtime });
      zip.end();
      await pipeline(zip.outputStream, fs.createWriteStream(archive));
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest([archive]);
      expect(result.sources.map((s) => path.relative(archive, s.path))).toEqual(logs.files.map((f) => `rotated/${path.basename(f.path)}`).sort(compareLogNames));
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      expect(daysWithAttempts(await fresh.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      await fresh.dispose();
    });

    it('recognises a rotated copy by content: mail.log renamed to mail.log.1 and compressed adds nothing', async () => {
      const newest = logs.files[logs.files.length - 1];
      const rotated = path.join(modeDir, 'elsewhere', 'mail.log.1.gz');
      fs.mkdirSync(path.dirname(rotated), { recursive: true });
      fs.writeFileSync(rotated, zlib.gzipSync(fs.readFileSync(newest.path)));
      const result = await engine.ingest([rotated]);
      expect(result.attemptsAdded).toBe(0);
      expect(result.sources[0].notes.join()).toMatch(/same content/);
    });

    it('adds each try once when one drop holds logs and, right after them, copies of them (two files are read at once)', async () => {
      const backup = path.join(modeDir, 'backup');
      fs.mkdirSync(backup, { recursive: true });
      const drop: string[] = [];
      let copies = 0;
      for (const [i, f] of logs.files.entries()) {
        drop.push(f.path);
        if (i % 3) continue;
        // A copy, compressed anew, listed just after its original: both would be in flight together.
        const bytes = fs.readFileSync(f.path);
        const copy = path.join(backup, `${path.basename(f.path).replace(/\.gz$/, '')}.copy.gz`);
        fs.writeFileSync(copy, zlib.gzipSync(f.gzip ? zlib.gunzipSync(bytes) : bytes));
        drop.push(copy);
        copies++;
      }
      const fresh = await freshEngine(parseWorker);
      const result = await fresh.ingest(drop);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      expect(result.loginsAdded).toBe(logs.truth.logins);
      expect(result.sources.map((s) => s.path)).toEqual(drop);
      expect(result.sources.filter((s) => s.notes.some((n) => /same content/.test(n))).map((s) => path.dirname(s.path))).toEqual(Array(copies).fill(backup));
      for (const s of result.sources) accounted(s);
      expect((await fresh.summary(ALL)).ips).toBe(logs.truth.ips);
      await fresh.dispose();
    });
  });

  describe('one file holding a whole calendar year, last written at its last line', () => {
    // Jan 1 to Dec 31, 2023, with an mtime of Dec 31 23:59:59 UTC: the first stamp, `Jan  1`, also fits Jan 1
    // 2024 through the day of time-zone slack, as a fresh file in a zone ahead of UTC would.
    const yearOptions: GenerateOptions = { seed: 12, start: '2023-01-01', days: 365, attemptsPerDay: 4 };

    it.each([['plain', false], ['gzip', true]])('dates every attempt in the year the generator wrote (%s)', async (_kind, gzip) => {
      const file = path.join(modeDir, 'year', gzip ? 'mail.log.gz' : 'mail.log');
      const logs = await writeSingleLog(file, yearOptions, { gzip });
      expect(new Date(fs.statSync(file).mtimeMs).toISOString().slice(0, 10)).toBe('2023-12-31');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      const perDay = (await engine.perDay(ALL)).filter((d) => d.attempts > 0);
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(logs.truth.perDay));
      expect(perDay[0].day.startsWith('2023-01')).toBe(true);
      expect(perDay[perDay.length - 1].day.startsWith('2023-12')).toBe(true);
      // Nothing to say: the stamps are the file's own year, as its time says.
      expect(result.sources[0].notes).toEqual([]);
      expect(result.sources[0].warnings).toEqual([]);
      await engine.dispose();
    });
  });

  describe('one file of several years that nothing rotated (dovecot\'s own log_path)', () => {
    // From Jun 2022 to Nov 2024, with a Feb 29 in it: read forward from its mtime, it would end in 2026.
    const longOptions: GenerateOptions = { seed: 14, start: '2022-06-01', days: 900, attemptsPerDay: 3, swarm: null };

    it('dates every attempt on the day the generator wrote, counting years back from its last line', async () => {
      const file = path.join(modeDir, 'long', 'dovecot.log');
      const logs = await writeSingleLog(file, longOptions);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      const perDay = (await engine.perDay(ALL)).filter((d) => d.attempts > 0);
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(logs.truth.perDay));
      expect(perDay.some((d) => d.day === '2024-02-29')).toBe(true);
      expect(result.sources[0].notes.join()).toMatch(/run from 2022-06-01 to 2024-11-\d\d: dated back from its last line/);
      expect(result.sources[0].warnings).toEqual([]);
      await engine.dispose();
    });

    it('dates it right as grep output too, each line after a long path (the years read past the path)', async () => {
      const logs = await writeSingleLog(path.join(modeDir, 'long-grep', 'dovecot.log'), longOptions);
      const source = logs.files[0].path;
      const prefix = '/srv/backups/mx1.example.org/2024-11-30/var/log/dovecot/dovecot.log-20241130:';
      const file = path.join(modeDir, 'long-grep', 'grep-output.txt');
      const lines = fs.readFileSync(source, 'utf8').split('\n');
      lines.pop();
      fs.writeFileSync(file, lines.map((l) => prefix + l).join('\n') + '\n');
      const mtime = fs.statSync(source).mtime;
      fs.utimesSync(file, mtime, mtime);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.sources[0].unparsedLines).toBe(0);
      expect(result.attemptsAdded).toBe(logs.truth.attempts);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      expect(result.sources[0].notes.join()).toMatch(/run from 2022-06-01 to 2024-11-\d\d: dated back from its last line/);
      await engine.dispose();
    });

    it('dates a gzip one right too, reading it twice, and leaves the files read alongside it as they were', async () => {
      // A gzip file cannot be read at spread-out places: it is read forward, which ends two years after its
      // mtime; its rows are then taken out, the rollups recomputed, and it is read again, counted back.
      const file = path.join(modeDir, 'long', 'dovecot.log.gz');
      await writeSingleLog(file, longOptions, { gzip: true });
      const other = await writeSingleLog(path.join(modeDir, 'long-other', 'mail.log'), { ...options, seed: 15, start: '2024-02-20', days: 20 });
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file, other.files[0].path]);
      const gz = result.sources.find((s) => s.path === file)!;
      expect(gz.notes.join()).toMatch(/run from 2022-06-01 to 2024-11-\d\d: dated back from its last line.*read twice/);
      expect(gz.warnings).toEqual([]);
      expect((await engine.caseInfo()).sources).toHaveLength(2);

      // The same files read by an engine told the year: every figure and list must be the same.
      const told = await freshEngine(parseWorker);
      await told.ingest([file], { year: 2022 });
      await told.ingest([other.files[0].path]);
      const figures = async (e: Engine, selection: Selection = ALL): Promise<unknown[]> => [
        await e.summary(selection), await e.perDay(selection), await e.perHour(selection), await e.countries(selection),
        await e.histogram(selection), await e.users(selection, 50), await e.passwords(selection, 50),
        (await e.ips(selection, 'attempts', true, 0, 100)).rows,
      ];
      expect(result.attemptsAdded).toBe(gz.attempts + other.truth.attempts);
      expect(await figures(engine)).toEqual(await figures(told));
      // Where both files have attempts (Feb 20 to Mar 10, 2024), and the gzip file's leap day.
      const both = { ...ALL, from: '2024-02-20', to: '2024-03-10' };
      expect((await engine.perDay(both)).some((d) => d.day === '2024-02-29' && d.attempts > 0)).toBe(true);
      expect(await figures(engine, both)).toEqual(await figures(told, both));
      await engine.dispose();
      await told.dispose();
    });

    it('hands the file after it in its rotation what the second reading\'s join knew, in the right year', async () => {
      // dovecot.log.1.gz (900 days, read twice) is cut just after an auth line whose login line opens dovecot.log.
      const full = await writeSingleLog(path.join(modeDir, 'long-chain', 'full.log'), longOptions);
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      lines.pop();
      const sessionOf = (line: string): string | undefined => /(?:,<|\)<)([A-Za-z0-9+/]{16})>: /.exec(line)?.[1];
      let cut = -1;
      for (let i = lines.length - 200; i > 0 && cut < 0; i--) {
        const session = /Password mismatch|unknown user/.test(lines[i]) ? sessionOf(lines[i]) : undefined;
        if (session && lines.slice(i + 1, i + 40).some((l) => l.includes(`session=<${session}>`) && l.includes('auth failed'))) cut = i + 1;
      }
      expect(cut).toBeGreaterThan(0);
      const folder = path.join(modeDir, 'long-chain', 'logs');
      fs.mkdirSync(folder, { recursive: true });
      const mtime = fs.statSync(full.files[0].path).mtime;
      const older = path.join(folder, 'dovecot.log.1.gz');
      fs.writeFileSync(older, zlib.gzipSync(lines.slice(0, cut).join('\n') + '\n'));
      fs.utimesSync(older, new Date(mtime.getTime() - 3_600_000), new Date(mtime.getTime() - 3_600_000));
      const newer = path.join(folder, 'dovecot.log');
      fs.writeFileSync(newer, lines.slice(cut).join('\n') + '\n');
      fs.utimesSync(newer, mtime, mtime);

      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([folder]);
      expect(result.sources.map((s) => path.basename(s.path))).toEqual(['dovecot.log.1.gz', 'dovecot.log']);
      expect(result.sources[0].notes.join()).toMatch(/read twice/);
      expect(result.attemptsAdded).toBe(full.truth.attempts);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual(daysWithAttempts(full.truth.perDay));
      await engine.dispose();
    });

    it('dates a gzip one right when its first reading was cancelled: the later reading finds the years wrong and reads it whole', async () => {
      // The first reading, cancelled, dates its lines forward from the mtime (two years late); the second goes
      // on from there and ends two years after the file, so the file is taken out and read again, counted back.
      const file = path.join(modeDir, 'long-cancel', 'dovecot.log.gz');
      const logs = await writeSingleLog(file, longOptions, { gzip: true });
      const engine = await engineCancellingAfter(5_000, parseWorker);
      const first = await engine.ingest([file]);
      expect(first.cancelled).toBe(true);
      expect(first.attemptsAdded).toBeGreaterThan(0);
      expect(first.attemptsAdded).toBeLessThan(logs.truth.attempts);
      const rest = await engine.ingest([file]);
      expect(rest.cancelled).toBe(false);
      expect(rest.sources[0].notes.join()).toMatch(/run from 2022-06-01 to 2024-11-\d\d: dated back from its last line/);
      expect(rest.sources[0].warnings).toEqual([]);
      const info = await engine.caseInfo();
      expect(info.sources).toHaveLength(1);
      expect(info.attempts).toBe(logs.truth.attempts);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      await engine.dispose();
    });

    it('keeps a gzip file of less than a year to one reading', async () => {
      const file = path.join(modeDir, 'long', 'winter.log.gz');
      const logs = await writeSingleLog(file, { ...longOptions, start: '2023-10-01', days: 150 }, { gzip: true });
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.sources[0].notes.join()).not.toMatch(/read twice/);
      expect(result.sources[0].warnings).toEqual([]);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      await engine.dispose();
    });
  });

  /** The rows of the case's public views, as a user querying the saved file sees them. */
  async function viewRows(engine: Engine, dir: string, sql: string): Promise<Record<string, unknown>[]> {
    const saved = path.join(dir, 'case.sqlite');
    await engine.saveCase(saved);
    const SQL = await loadSqlJs();
    const db = new SQL.Database(fs.readFileSync(saved));
    const [result] = db.exec(sql);
    db.close();
    return result ? result.values.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]]))) : [];
  }

  describe('a file that grew since the last ingest', () => {
    it('adds only its new tail, with line numbers continuing', async () => {
      const full = await writeSingleLog(path.join(modeDir, 'grow', 'full.log'), { ...options, days: 20, swarm: null });
      const text = fs.readFileSync(full.files[0].path, 'utf8');
      const lines = text.split('\n');
      const cut = Math.floor(lines.length * 0.6);
      const growing = path.join(modeDir, 'grow', 'mail.log');
      fs.writeFileSync(growing, lines.slice(0, cut).join('\n') + '\n');
      fs.utimesSync(growing, fs.statSync(full.files[0].path).mtime, fs.statSync(full.files[0].path).mtime);

      const engine = await freshEngine(parseWorker);
      const first = await engine.ingest([growing]);
      fs.writeFileSync(growing, text);
      fs.utimesSync(growing, fs.statSync(full.files[0].path).mtime, fs.statSync(full.files[0].path).mtime);
      const second = await engine.ingest([growing]);
      expect(second.sources[0].notes.join()).toMatch(/continues/);
      expect(second.sources[0].lines).toBe(full.truth.lines.total - cut);
      // A connection whose lines fall on both sides of the cut is joined across it (the join memory of the source).
      expect(first.attemptsAdded + second.attemptsAdded).toBe(full.truth.attempts);
      const info = await engine.caseInfo();
      expect(info.sources).toHaveLength(1);
      expect(info.sources[0].lines).toBe(full.truth.lines.total);
      accounted(info.sources[0]);

      const fresh = await freshEngine(parseWorker);
      expect((await fresh.ingest([growing])).attemptsAdded).toBe(full.truth.attempts);
    });

    it('adds only its new tail when it was shorter than a head (4 KiB) at first: grown in place, past 4 KiB, then rotated', async () => {
      const full = await writeSingleLog(path.join(modeDir, 'grow-short', 'full.log'), { ...options, days: 20, swarm: null });
      const { mtime } = fs.statSync(full.files[0].path);
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n').slice(0, -1).map((l) => `${l}\n`);
      const bytesOf = (n: number): number => Buffer.byteLength(lines.slice(0, n).join(''));
      // Cuts of 3 lines, of most of a head, of just over one, and the whole log.
      const underHead = lines.findIndex((_, i) => bytesOf(i + 1) > 3500);
      const overHead = lines.findIndex((_, i) => bytesOf(i + 1) > 5000);
      const cuts = [3, underHead, overHead, lines.length];
      expect(bytesOf(underHead)).toBeLessThan(4096);
      const dir = path.join(modeDir, 'grow-short', 'log');
      fs.mkdirSync(dir, { recursive: true });
      const live = path.join(dir, 'mail.log');
      const engine = await freshEngine(parseWorker);
      let added = 0;
      for (const [i, n] of cuts.entries()) {
        const last = i === cuts.length - 1;
        // The last step is the rotation: mail.log, grown to its end, becomes mail.log.1.gz.
        const file = last ? path.join(dir, 'mail.log.1.gz') : live;
        fs.writeFileSync(file, last ? zlib.gzipSync(lines.join('')) : lines.slice(0, n).join(''));
        if (last) fs.rmSync(live);
        fs.utimesSync(file, mtime, mtime);
        const result = await engine.ingest([dir]);
        added += result.attemptsAdded;
        expect(result.sources.map((r) => r.lines), `cut ${n}`).toEqual([n - (i === 0 ? 0 : cuts[i - 1])]);
        if (i > 0) expect(result.sources[0].notes.join(), `cut ${n}`).toMatch(/^continues /);
      }
      expect(added).toBe(full.truth.attempts);
      const info = await engine.caseInfo();
      expect(info.sources).toHaveLength(1);
      expect(info.sources[0].lines).toBe(full.truth.lines.total);
      await engine.dispose();
    });

    it('does not take a file of another name that starts with a short log\'s lines for that log grown', async () => {
      const dir = path.join(modeDir, 'grow-short-syslog');
      fs.mkdirSync(dir, { recursive: true });
      const tries = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return `Mar  1 10:00:${String(i).padStart(2, '0')} mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u${i}>, method=PLAIN, rip=198.51.100.${i + 1}, lip=10.0.0.1, TLS, session=<s${i}>\n`;
      }).join('');
      // rsyslog writes mail.* to mail.log and to syslog: syslog starts with mail.log's lines, then has its own.
      fs.writeFileSync(path.join(dir, 'mail.log'), tries(0, 3));
      const engine = await freshEngine(parseWorker);
      expect((await engine.ingest([path.join(dir, 'mail.log')])).attemptsAdded).toBe(3);
      fs.writeFileSync(path.join(dir, 'syslog'), tries(0, 3) + 'Mar  1 10:00:09 mx kernel: [1.0] eth0: link up\n' + tries(3, 5));
      const result = await engine.ingest([path.join(dir, 'syslog')]);
      expect(result.sources[0].notes.join()).not.toMatch(/continues/);
      expect(result.sources[0].lines).toBe(6);
      const info = await engine.caseInfo();
      expect(info.sources.map((x) => path.basename(x.path)).sort()).toEqual(['mail.log', 'syslog']);
      await engine.dispose();
    });
  });

  /**
   * A generated log with each line rewritten by `edit` (given its index, and the indexes of the failed logins'
   * lines), under `name` with the generated file's time, and what the generator put in it.
   */
  async function rewrittenLog(name: string, generate: GenerateOptions, edit: (line: string, i: number, failed: number[]) => string)
    : Promise<{ file: string; truth: WrittenLogs['truth'] }> {
    const plain = await writeSingleLog(path.join(modeDir, name, 'plain.log'), generate);
    const lines = fs.readFileSync(plain.files[0].path, 'utf8').split('\n');
    const failed = lines.map((l, i) => (/auth failed/.test(l) ? i : -1)).filter((i) => i >= 0);
    const file = path.join(modeDir, name, 'mail.log');
    fs.writeFileSync(file, lines.map((l, i) => (l ? edit(l, i, failed) : l)).join('\n'));
    const { mtime } = fs.statSync(plain.files[0].path);
    fs.utimesSync(file, mtime, mtime);
    return { file, truth: plain.truth };
  }

  /** Ingests `file` into a new engine and checks that every line was read: the generator's attempts and logins. */
  async function expectEveryLineRead(file: string, truth: WrittenLogs['truth']): Promise<Engine> {
    const engine = await freshEngine(parseWorker);
    const result = await engine.ingest([file]);
    expect(result.sources[0].errors).toEqual([]);
    expect(result.sources[0].unparsedLines).toBe(0);
    expect(result.sources[0].lines).toBe(truth.lines.total);
    expect(result.attemptsAdded).toBe(truth.attempts);
    expect(result.loginsAdded).toBe(truth.logins);
    return engine;
  }

  describe('a container\'s log as docker\'s json-file driver keeps it (one JSON object a line)', () => {
    it('reads every line as the plain log, on its day, across New Year', async () => {
      // Go escapes < and > in JSON: user=\u003cx\u003e.
      const { file, truth } = await rewrittenLog('docker-json', { ...options, days: 30, start: '2023-12-15' },
        (line) => JSON.stringify({ log: `${line}\n`, stream: 'stderr', time: '2024-01-20T10:00:00.123456789Z' }).replace(/</g, '\\u003c').replace(/>/g, '\\u003e'));
      expect(fs.readFileSync(file, 'utf8')).toMatch(/\\u003c/);
      const engine = await expectEveryLineRead(file, truth);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual(daysWithAttempts(truth.perDay));
      await engine.dispose();
    });
  });

  describe('a journal exported with journalctl -o json, where journald wrote messages that are not UTF-8 as bytes', () => {
    it('reads those messages too, with the byte that is not UTF-8 kept as U+FFFD', async () => {
      const message = (user: string, ip: string): string =>
        `imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<${user}>, method=PLAIN, rip=${ip}, lip=192.0.2.10, TLS`;
      const record = (micros: string, msg: string | number[]): string =>
        JSON.stringify({ __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx', SYSLOG_IDENTIFIER: 'dovecot', _PID: '812', MESSAGE: msg });
      const file = path.join(modeDir, 'journal-bytes', 'dovecot.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [
        record('1700560800000000', message('bob', '203.0.113.44')),
        record('1700560801000000', [...Buffer.from(message('caf\xe9', '203.0.113.45'), 'latin1')]),
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const [source] = (await engine.ingest([file])).sources;
      expect(source).toMatchObject({ lines: 2, attemptLines: 2, ignoredLines: 0, unparsedLines: 0, attempts: 2 });
      const page = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(page.rows.map((r) => [r.ip, r.users])).toEqual([['203.0.113.44', ['bob']], ['203.0.113.45', ['caf\uFFFD']]]);
      await engine.dispose();
    });
  });

  describe('a journal exported with journalctl\'s default output, copied without its time', () => {
    it('dates its year-less stamps from the end of the journal its first line gives, and says so', async () => {
      const dir = path.join(modeDir, 'journal-header');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'dovecot.txt');
      const tries = Array.from({ length: 6 }, (_, i) => `Dec 31 23:59:5${i} mx dovecot[812]: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): `
        + `user=<u${i}>, method=PLAIN, rip=198.51.100.${i + 1}, lip=10.0.0.1`);
      const after = `Jan 01 00:00:07 mx dovecot[812]: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<new>, method=PLAIN, rip=198.51.100.99, lip=10.0.0.1`;
      fs.writeFileSync(file, ['-- Logs begin at Sat 2020-11-14 08:00:01 CET, end at Fri 2021-01-01 09:30:00 CET. --', ...tries, after, ''].join('\n'));
      // Copied on 2026-06-01 without its time.
      fs.utimesSync(file, new Date('2026-06-01T12:00:00Z'), new Date('2026-06-01T12:00:00Z'));
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.attemptsAdded).toBe(7);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual([['2020-12-31', 6], ['2021-01-01', 1]]);
      expect(result.sources[0].notes).toContain('its stamps, which have no year, are dated from the end of the journal its first line gives (2021-01-01 09:30:00), '
        + 'not from the file\'s modification time (2026-06-01 12:00:00 UTC)');
      expect(result.sources[0].warnings).toEqual([]);
      await engine.dispose();
    });

    it('says nothing of years for a short-iso export, whose stamps carry theirs', async () => {
      const file = path.join(modeDir, 'journal-header', 'dovecot-iso.txt');
      fs.writeFileSync(file, ['-- Logs begin at Sat 2020-11-14 08:00:01 CET, end at Fri 2021-01-01 09:30:00 CET. --',
        '2020-12-31T23:59:50+0100 mx dovecot[812]: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u>, method=PLAIN, rip=198.51.100.1, lip=10.0.0.1', ''].join('\n'));
      fs.utimesSync(file, new Date('2026-06-01T12:00:00Z'), new Date('2026-06-01T12:00:00Z'));
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.attemptsAdded).toBe(1);
      expect((await engine.perDay(ALL)).filter((d) => d.attempts > 0).map((d) => d.day)).toEqual(['2020-12-31']);
      expect(result.sources[0].notes.filter((n) => /year/.test(n))).toEqual([]);
      await engine.dispose();
    });
  });

  describe('a journal exported on a server set to French (journalctl writes its month names)', () => {
    it('reads every line on its day, across New Year, as the English log', async () => {
      const french: Record<string, string> = { Dec: 'déc.', Jan: 'janv.' };
      const { file, truth } = await rewrittenLog('french', { ...options, days: 30, start: '2023-12-15' }, (line) => {
        const month = line.slice(0, 3);
        expect(french[month], line).toBeDefined();
        return french[month] + line.slice(3);
      });
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^déc\. 15 /);
      const engine = await expectEveryLineRead(file, truth);
      const perDay = (await engine.perDay(ALL)).filter((d) => d.attempts > 0);
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(truth.perDay));
      expect(perDay.some((d) => d.day.startsWith('2024-01'))).toBe(true);
      await engine.dispose();
    });
  });

  describe('a log whose lines keep their syslog priority (<30>, as a raw capture or a remote template writes)', () => {
    it('reads every line as without it: the same attempts on the same days, across New Year', async () => {
      const { file, truth } = await rewrittenLog('priority', { ...options, days: 30, start: '2023-12-15' }, (line) => `<30>${line}`);
      const engine = await expectEveryLineRead(file, truth);
      const perDay = (await engine.perDay(ALL)).filter((d) => d.attempts > 0);
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(truth.perDay));
      expect(perDay.some((d) => d.day.startsWith('2024-01'))).toBe(true);
      await engine.dispose();
    });

    it('reads the first line of a file saved with a byte-order mark, and of each file put together after it', async () => {
      // As a Windows editor saves each part, then `cat` puts them together: a mark before each part's first
      // line. The parts start at a failed login: a mark before a line that counts.
      const { file, truth } = await rewrittenLog('bom', { ...options, days: 10, swarm: null },
        (line, i, failed) => ([failed[0], failed[Math.floor(failed.length / 2)]].includes(i) ? `\ufeff${line}` : line));
      await (await expectEveryLineRead(file, truth)).dispose();
    });
  });

  describe('a log with holes: zeros where the file system lost what was not written out when the machine went down', () => {
    it('reads every line, the one after each hole too, whether the hole starts the file or lies in it', async () => {
      // The logger goes on after the zeros: its next line starts right after them. Holes before failed logins.
      const { file, truth } = await rewrittenLog('holes', { ...options, days: 10, swarm: null }, (line, i, failed) => {
        const hole = i === 0 ? 8192 : i === failed[Math.floor(failed.length / 3)] ? 4096 : i === failed[Math.floor(failed.length / 2)] ? 12_288 : 0;
        return '\0'.repeat(hole) + line;
      });
      await (await expectEveryLineRead(file, truth)).dispose();
    });

    it('reads the line after a hole that starts within a line, and after holes far longer than a line may be', async () => {
      // Zeros from a page boundary in another program's line (its end and newline lost) to where the logger
      // had got to; the logger's next line follows them. Some holes span many of the reader's 1 MiB chunks.
      const plain = await writeSingleLog(path.join(modeDir, 'long-holes', 'plain.log'), { ...options, days: 10, swarm: null });
      const lines = fs.readFileSync(plain.files[0].path, 'utf8').split('\n');
      lines.pop();
      // Before successful logins, which are written once: one lost would show.
      const logins = lines.map((l, i) => (/(?:Login|Logged in): user=/.test(l) && i > 0 && !/dovecot/.test(lines[i - 1]) ? i : -1)).filter((i) => i >= 0);
      const at = (share: number): number => logins[Math.floor(logins.length * share)];
      const holes = new Map([[at(0.1), 70_000], [at(0.4), 300_000], [at(0.6), 3_500_000], [at(0.9), 1_048_576]]);
      expect(holes.size).toBe(4);
      const out: string[] = [];
      for (let i = 0; i < lines.length; i++) {
        const hole = holes.get(i + 1);
        out.push(hole ? lines[i].slice(0, 30) + '\0'.repeat(hole) + lines[++i] : lines[i]);
      }
      const file = path.join(modeDir, 'long-holes', 'mail.log');
      fs.writeFileSync(file, out.join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      const [source] = result.sources;
      expect(source.errors).toEqual([]);
      expect(source.lines).toBe(lines.length - holes.size);
      accounted(source);
      expect(source.unparsedLines).toBe(0);
      expect(result.attemptsAdded).toBe(plain.truth.attempts);
      expect(result.loginsAdded).toBe(plain.truth.logins);
      await engine.dispose();
    });
  });

  describe('a file of zeros alone: a log the system never wrote out, or a sparse file', () => {
    it('says it holds zeros alone, and reads the lines its logger later wrote after them, once', async () => {
      const plain = await writeSingleLog(path.join(modeDir, 'zeros', 'plain.log'), { ...options, days: 5, swarm: null });
      const file = path.join(modeDir, 'zeros', 'mail.log');
      fs.writeFileSync(file, Buffer.alloc(0));
      fs.truncateSync(file, 20 << 20); // sparse: 20 MiB of zeros, no disk
      const engine = await freshEngine(parseWorker);
      const first = await engine.ingest([file]);
      expect(first.sources[0]).toMatchObject({ lines: 0, attempts: 0, errors: [], warnings: [] });
      expect(first.sources[0].notes).toEqual(['no lines: its 20,971,520 bytes are all zeros (a file the system had not written out, or a sparse binary file)']);
      fs.appendFileSync(file, fs.readFileSync(plain.files[0].path));
      const second = await engine.ingest([file]);
      expect(second.sources[0].notes.join()).toMatch(/^continues /);
      expect(second.attemptsAdded).toBe(plain.truth.attempts);
      expect(second.loginsAdded).toBe(plain.truth.logins);
      accounted(second.sources[0]);
      await engine.dispose();
    });
  });

  describe('a log copied as UTF-16 (Windows PowerShell 5: Get-Content mail.log > copy.log)', () => {
    it('reads it as the log it is: the generator\'s figures, every line accounted for', async () => {
      const plain = await writeSingleLog(path.join(modeDir, 'utf16', 'plain.log'), { ...options, days: 10, swarm: null });
      const file = path.join(modeDir, 'utf16', 'copy.log');
      const crlf = fs.readFileSync(plain.files[0].path, 'utf8').replace(/\n/g, '\r\n');
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]));
      fs.utimesSync(file, fs.statSync(plain.files[0].path).atime, fs.statSync(plain.files[0].path).mtime);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      const [source] = result.sources;
      expect(source).toMatchObject({ encoding: 'utf-16le', errors: [], unparsedLines: 0 });
      expect(source.lines).toBe(crlf.split('\r\n').length - 1);
      accounted(source);
      expect(result.attemptsAdded).toBe(plain.truth.attempts);
      expect(result.loginsAdded).toBe(plain.truth.logins);
      await engine.dispose();
    });
  });

  describe('/var/log given whole: rsyslog writes mail.* to mail.log and to syslog (Debian, Ubuntu)', () => {
    it('counts each try once, and another server\'s log of the same days in full', async () => {
      const varLog = path.join(modeDir, 'var-log-whole', 'mx1');
      const mx1 = await writeSingleLog(path.join(varLog, 'mail.log'), { ...options, days: 10, swarm: null });
      // syslog: the same lines, with the other programs' between them.
      const lines = fs.readFileSync(mx1.files[0].path, 'utf8').split('\n');
      const cron = (l: string): string => `${l.slice(0, 16)}mail CRON[42]: (root) CMD (run-parts /etc/cron.hourly)`;
      const syslog = lines.flatMap((l, i) => (l && i % 4 === 0 ? [cron(l), l] : [l]));
      fs.writeFileSync(path.join(varLog, 'syslog'), syslog.join('\n'));
      fs.utimesSync(path.join(varLog, 'syslog'), fs.statSync(mx1.files[0].path).atime, fs.statSync(mx1.files[0].path).mtime);
      const mx2 = await writeSingleLog(path.join(modeDir, 'var-log-whole', 'mx2', 'mail.log'), { ...options, seed: 99, days: 10, swarm: null });
      const events: EngineEvent[] = [];
      const engine = new Engine({ parseWorker, emit: (e) => events.push(e) });
      await engine.openCase(null);
      const result = await engine.ingest([path.join(modeDir, 'var-log-whole')]);
      // The last progress shows what each file adds, the copy's nothing.
      const last = events.filter((e) => e.type === 'progress').at(-1);
      expect(last?.type === 'progress' && last.progress.files.map((f) => f.attempts)).toEqual([mx1.truth.attempts, 0, mx2.truth.attempts]);
      expect(result.sources.map((s) => path.relative(path.join(modeDir, 'var-log-whole'), s.path))).toEqual(['mx1/mail.log', 'mx1/syslog', 'mx2/mail.log']);
      const [first, copy, other] = result.sources;
      expect([result.attemptsAdded, result.loginsAdded]).toEqual([mx1.truth.attempts + mx2.truth.attempts, mx1.truth.logins + mx2.truth.logins]);
      expect([first.attempts, copy.attempts, other.attempts]).toEqual([mx1.truth.attempts, 0, mx2.truth.attempts]);
      expect(copy.notes.join()).toMatch(/^[\d,]+ attempts and [\d,]+ logins of it are also in .*mx1\/mail\.log .*counted once$/);
      // Every try and login of the copy is one of mx1's mail.log: the note counts them all.
      expect(/^([\d,]+) attempts and ([\d,]+) logins of it/.exec(copy.notes.join())!.slice(1)).toEqual([mx1.truth.attempts, mx1.truth.logins].map((n) => n.toLocaleString('en')));
      // Every line is still accounted for where it was read.
      for (const s of result.sources) accounted(s);
      const info = await engine.caseInfo();
      expect([info.attempts, info.logins]).toEqual([result.attemptsAdded, result.loginsAdded]);
      const perDay = (await engine.perDay(ALL)).reduce((n, d) => n + d.attempts, 0);
      expect(perDay).toBe(result.attemptsAdded);
      await engine.dispose();
    });
  });

  describe('a working folder: a log, and what was grep\'d out of it', () => {
    it('counts each try once beside a file of dovecot\'s lines alone and an extract of the failure lines, with the log\'s services', async () => {
      const folder = path.join(modeDir, 'working-folder');
      const log = await writeSingleLog(path.join(folder, 'mail.log'), { ...options, days: 10, swarm: null });
      const lines = fs.readFileSync(log.files[0].path, 'utf8').split('\n');
      const mtime = fs.statSync(log.files[0].path).mtime;
      const extract = (name: string, keep: RegExp): void => {
        fs.writeFileSync(path.join(folder, name), lines.filter((l) => keep.test(l)).join('\n') + '\n');
        fs.utimesSync(path.join(folder, name), mtime, mtime);
      };
      extract('dovecot.log', / dovecot(?:\[\d+\])?: /); // grep dovecot mail.log
      extract('failures.log', /-login: .*\(auth failed/); // grep 'auth failed' mail.log
      const engine = new Engine({ parseWorker });
      await engine.openCase(null);
      const alone = await engine.ingest([log.files[0].path]);
      const servicesAlone = await engine.services(ALL);
      await engine.openCase(null);
      const result = await engine.ingest([folder]);
      expect(result.sources.map((s) => path.basename(s.path))).toEqual(['dovecot.log', 'failures.log', 'mail.log']);
      const [dovecot, failures] = result.sources;
      // The log holds auth lines (auth_verbose): the grep'd files are not seen as logs of their own.
      expect(dovecot.attemptLines).toBeGreaterThan(0);
      expect(failures.attemptLines).toBeGreaterThan(0);
      expect([result.attemptsAdded, result.loginsAdded]).toEqual([log.truth.attempts, log.truth.logins]);
      expect([alone.attemptsAdded, alone.loginsAdded]).toEqual([log.truth.attempts, log.truth.logins]);
      expect(failures.attempts).toBe(0);
      expect(failures.notes.join()).toMatch(/are tries that .*(dovecot|mail)\.log.* with their auth line \(this file holds the login processes' lines alone/);
      expect(await engine.services(ALL)).toEqual(servicesAlone);
      for (const s of result.sources) accounted(s);
      await engine.dispose();
    });
  });

  describe('a case folder apart from /var/log: what was grep\'d out of the log, kept elsewhere', () => {
    it('counts each try once, whichever is read first: the extracts\' lines name the log\'s server', async () => {
      const varLog = path.join(modeDir, 'apart', 'var', 'log');
      const log = await writeSingleLog(path.join(varLog, 'mail.log'), { ...options, days: 10, swarm: null });
      const lines = fs.readFileSync(log.files[0].path, 'utf8').split('\n');
      const mtime = fs.statSync(log.files[0].path).mtime;
      const caseFolder = path.join(modeDir, 'apart', 'home', 'case');
      fs.mkdirSync(caseFolder, { recursive: true });
      const extract = (name: string, keep: RegExp): void => {
        fs.writeFileSync(path.join(caseFolder, name), lines.filter((l) => keep.test(l)).join('\n') + '\n');
        fs.utimesSync(path.join(caseFolder, name), mtime, mtime);
      };
      extract('dovecot.txt', / dovecot(?:\[\d+\])?: /); // grep dovecot /var/log/mail.log > ~/case/dovecot.txt
      extract('failures.txt', /-login: .*\(auth failed/); // grep 'auth failed' /var/log/mail.log > ~/case/failures.txt
      extract('sasl.txt', /SASL \w+ authentication failed/); // grep SASL /var/log/mail.log > ~/case/sasl.txt
      expect(fs.readFileSync(path.join(caseFolder, 'sasl.txt'), 'utf8').split('\n').length).toBeGreaterThan(20);
      for (const order of [[varLog, caseFolder], [caseFolder, varLog]]) {
        const engine = await freshEngine(parseWorker);
        const result = await engine.ingest(order);
        expect([result.attemptsAdded, result.loginsAdded]).toEqual([log.truth.attempts, log.truth.logins]);
        const notes = result.sources.flatMap((x) => x.notes).join('\n');
        expect(notes).toMatch(/, whose lines name the same server \(the same lines: a copy of a log, or lines grep'd out of it\): counted once/);
        for (const x of result.sources) accounted(x);
        const info = await engine.caseInfo();
        expect([info.attempts, info.logins]).toEqual([log.truth.attempts, log.truth.logins]);
        await engine.dispose();
      }
    });

    it('counts once the tries of one server grep\'d out of a central log host\'s file of two, kept in another folder', async () => {
      // /srv/loghost/mail.log: what rsyslog forwarded from mx1 and mx2, in time order (its lines name two servers, so
      // nothing names whose the file is); ~/case/mx1.log is `grep ' mx1 ' mail.log`.
      const written = await Promise.all(['mx1', 'mx2'].map((hostname, i) =>
        writeSingleLog(path.join(modeDir, 'loghost', hostname, 'mail.log'), { ...options, seed: 40 + i, days: 10, swarm: null, hostname })));
      const monthOf = (line: string): number => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(line.slice(0, 3));
      const stamp = (line: string): string => `${String(monthOf(line)).padStart(2, '0')}${line.slice(3, 15).replace(' ', '0')}`;
      const merged = written.flatMap((w) => fs.readFileSync(w.files[0].path, 'utf8').split('\n').filter(Boolean))
        .map((line, i) => ({ line, i })).sort((a, b) => stamp(a.line).localeCompare(stamp(b.line)) || a.i - b.i).map((x) => x.line);
      const central = path.join(modeDir, 'loghost', 'srv', 'mail.log');
      const extract = path.join(modeDir, 'loghost', 'case', 'mx1.log');
      const mtime = fs.statSync(written[0].files[0].path).mtime;
      for (const [file, lines] of [[central, merged], [extract, merged.filter((l) => / mx1 /.test(l))]] as const) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, lines.join('\n') + '\n');
        fs.utimesSync(file, mtime, mtime);
      }
      const truth = written[0].truth.attempts + written[1].truth.attempts;
      for (const order of [[central, extract], [extract, central]]) {
        const engine = await freshEngine(parseWorker);
        const result = await engine.ingest(order);
        expect(result.attemptsAdded).toBe(truth);
        expect(result.sources.flatMap((x) => x.notes).join('\n')).toMatch(/nearly every try of the time both span the same, to the second/);
        for (const x of result.sources) accounted(x);
        await engine.dispose();
      }
    });

    it('counts each try once beside dovecot\'s own log file, whose lines name no server, whichever is read first, in one ingest or two', async () => {
      // dovecot's log_path file: its own stamps, no host, no syslog tag.
      const generated = await writeSingleLog(path.join(modeDir, 'own-log', 'generated', 'mail.log'), { ...options, days: 10, swarm: null });
      const ownLines = fs.readFileSync(generated.files[0].path, 'utf8').split('\n')
        .filter((l) => / dovecot(?:\[\d+\])?: /.test(l))
        .map((l) => l.replace(/^(\w{3} [ \d]\d \d\d:\d\d:\d\d) \S+ dovecot(?:\[\d+\])?: ([\w-]+(?:\([^)]*\))?(?:<[^>]*>)*): /, '$1 $2: Info: '));
      expect(ownLines.filter((l) => / dovecot(?:\[\d+\])?: /.test(l))).toEqual([]);
      expect(ownLines[0]).toMatch(/^\w{3} [ \d]\d \d\d:\d\d:\d\d [\w-]+(?:\([^)]*\))?(?:<[^>]*>)*: Info: /);
      const mtime = fs.statSync(generated.files[0].path).mtime;
      const write = (file: string, lines: string[]): string => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, lines.join('\n') + '\n');
        fs.utimesSync(file, mtime, mtime);
        return file;
      };
      const log = write(path.join(modeDir, 'own-log', 'var', 'log', 'dovecot.log'), ownLines);
      const caseFolder = path.join(modeDir, 'own-log', 'home', 'case');
      write(path.join(caseFolder, 'failures.txt'), ownLines.filter((l) => /-login: .*\(auth failed/.test(l))); // grep 'auth failed'
      write(path.join(caseFolder, 'refused.txt'), ownLines.filter((l) => /: (?:unknown user|Password mismatch)/.test(l))); // the auth lines
      const reference = await freshEngine(parseWorker);
      const alone = await reference.ingest([log]);
      await reference.dispose();
      expect(alone.attemptsAdded).toBeGreaterThan(500);
      for (const order of [[path.dirname(log), caseFolder], [caseFolder, path.dirname(log)]]) {
        const engine = await freshEngine(parseWorker);
        const result = await engine.ingest(order);
        expect([result.attemptsAdded, result.loginsAdded]).toEqual([alone.attemptsAdded, alone.loginsAdded]);
        expect(result.sources.flatMap((x) => x.notes).join('\n')).toMatch(/nearly every try of the time both span the same, to the second/);
        for (const x of result.sources) accounted(x);
        await engine.dispose();
      }
      // The extracts in one ingest, the log in the next: the log gives up the auth lines' tries to refused.txt, read
      // first, while failures.txt, whose login lines say less, gives up its own to the log; the second ingest counts
      // those off and says so.
      const engine = await freshEngine(parseWorker);
      const first = await engine.ingest([caseFolder]);
      const second = await engine.ingest([log]);
      expect(second.sources[0].notes.join()).toMatch(/are also in .*refused\.txt, nearly every try/);
      expect(second.readBefore.map((r) => path.basename(r.path))).toEqual(['failures.txt']);
      expect(second.readBefore.every((r) => r.attempts > 0 && r.note.length > 0)).toBe(true);
      expect(first.attemptsAdded + second.attemptsAdded).toBe(alone.attemptsAdded);
      expect(second.attemptsAdded).toBe(second.sources[0].attempts - second.readBefore.reduce((n, r) => n + r.attempts, 0));
      const info = await engine.caseInfo();
      expect([info.attempts, info.logins]).toEqual([alone.attemptsAdded, alone.loginsAdded]);
      await engine.dispose();
    });
  });

  describe('two servers\' logs gathered in one folder, tried by a swarm at the same seconds with the same names', () => {
    it('counts both servers\' tries: lines that name two hosts are no copies of each other', async () => {
      const folder = path.join(modeDir, 'two-mx');
      const mx1 = await writeSingleLog(path.join(folder, 'mx1.log'), { ...options, days: 10, swarm: null, hostname: 'mx1' });
      // mx2 was tried the same way at the same moments: its log is mx1's with its own name (and its own sessions).
      const text = fs.readFileSync(mx1.files[0].path, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^\S+ +\d+ [\d:]+ mx1 /);
      const mx2 = path.join(folder, 'mx2.log');
      fs.writeFileSync(mx2, text.replace(/^(\S+ +\d+ [\d:]+) mx1 /gm, '$1 mx2 ').replace(/<([A-Za-z0-9+/]{8})/g, '<X$1'));
      fs.utimesSync(mx2, fs.statSync(mx1.files[0].path).mtime, fs.statSync(mx1.files[0].path).mtime);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([folder]);
      expect(result.attemptsAdded).toBe(2 * mx1.truth.attempts);
      expect(result.loginsAdded).toBe(2 * mx1.truth.logins);
      expect(result.sources.flatMap((x) => x.notes)).not.toContainEqual(expect.stringMatching(/also in/));
      await engine.dispose();
    });
  });

  describe('/var/log of a small server given whole: a day of three tries, in mail.log and in syslog', () => {
    it('counts each try once, however few', async () => {
      const varLog = path.join(modeDir, 'var-log-small');
      fs.mkdirSync(varLog, { recursive: true });
      const session = (k: number): string => `SmAlLsErVeR0000${k}`;
      const mail = [
        `Mar  4 09:00:01 mail dovecot: auth: passwd-file(admin,203.0.113.7,<${session(1)}>): unknown user (given password: admin)`,
        `Mar  4 09:00:03 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 3 secs): user=<admin>, method=PLAIN, rip=203.0.113.7, lip=192.0.2.1, TLS, session=<${session(1)}>`,
        'Mar  4 11:20:00 mail postfix/smtpd[701]: warning: unknown[198.51.100.4]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
        `Mar  4 17:45:09 mail dovecot: pop3-login: Aborted login (auth failed, 1 attempts in 2 secs): user=<info>, method=PLAIN, rip=192.0.2.200, lip=192.0.2.1, session=<${session(2)}>`,
      ];
      fs.writeFileSync(path.join(varLog, 'mail.log'), mail.join('\n') + '\n');
      // syslog gets mail.* as well, between the lines of other programs.
      fs.writeFileSync(path.join(varLog, 'syslog'), ['Mar  4 08:17:01 mail CRON[42]: (root) CMD (run-parts /etc/cron.hourly)', ...mail].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([varLog], { year: 2024 });
      expect(result.sources.map((r) => [path.basename(r.path), r.attemptLines, r.attempts])).toEqual([['mail.log', 4, 3], ['syslog', 4, 0]]);
      expect(result.attemptsAdded).toBe(3);
      expect(result.sources[1].notes.join()).toMatch(/3 attempts .*also in .*mail\.log .*counted once$/);
      await engine.dispose();
    });

    it('counts once the two tries that dovecot\'s PAM passdb also wrote to auth.log', async () => {
      const varLog = path.join(modeDir, 'var-log-small-pam');
      fs.mkdirSync(varLog, { recursive: true });
      // auth_verbose=no: mail.log holds the login lines; pam_unix writes each try to auth.log as it happens.
      fs.writeFileSync(path.join(varLog, 'mail.log'), [
        'Mar  4 09:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<admin>, method=PLAIN, rip=203.0.113.7, lip=192.0.2.1, TLS, session=<SmAlLpAmSeRvEr01>',
        'Mar  4 11:20:03 mail dovecot: pop3-login: Aborted login (auth failed, 1 attempts in 3 secs): user=<info>, method=PLAIN, rip=203.0.113.8, lip=192.0.2.1, session=<SmAlLpAmSeRvEr02>',
      ].join('\n') + '\n');
      fs.writeFileSync(path.join(varLog, 'auth.log'), [
        'Mar  4 09:00:02 mail auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=admin rhost=203.0.113.7  user=admin',
        'Mar  4 11:20:01 mail auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=info rhost=203.0.113.8  user=info',
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([varLog], { year: 2024 });
      expect(result.sources.map((r) => [path.basename(r.path), r.attemptLines, r.attempts])).toEqual([['auth.log', 2, 0], ['mail.log', 2, 2]]);
      expect(result.attemptsAdded).toBe(2);
      await engine.dispose();
    });
  });

  describe('/var/log given whole, where dovecot checks passwords with PAM (Debian\'s default passdb)', () => {
    /**
     * Writes a folder of a mail.log of ten generated days and the auth.log of the PAM module's lines on its tries;
     * `sshd` gives each PAM line an sshd line of its own try to stand beside it (the same address and name at the
     * same second: a swarm at both doors).
     */
    async function pamFolder(name: string, sshd = false): Promise<{ varLog: string; pamLines: string[]; sshdLines: string[] }> {
      const varLog = path.join(modeDir, name);
      const generated = await writeSingleLog(path.join(modeDir, `${name}-source`, 'mail.log'), { ...options, days: 10, swarm: null });
      // auth_verbose=no, dovecot's default: mail.log holds the login processes' lines, not the auth process's.
      const mailLines = fs.readFileSync(generated.files[0].path, 'utf8').split('\n').filter((l) => !/ dovecot(?:\[\d+\])?: auth(?:-worker)?[:(]/.test(l));
      fs.mkdirSync(varLog, { recursive: true });
      fs.writeFileSync(path.join(varLog, 'mail.log'), mailLines.join('\n'));
      // pam_unix writes a line for each try, while the connection is open; dovecot's login line comes at its end.
      const parser = new LogLineParser({ reference: new Date(fs.statSync(generated.files[0].path).mtimeMs) });
      const pamLines: string[] = [];
      const pamLine = (at: Date, user: string | null, ip: string): string =>
        `${at.toUTCString().slice(8, 11)} ${String(at.getUTCDate()).padStart(2, ' ')} ${at.toISOString().slice(11, 19)} mail auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${user ?? ''} rhost=${ip}  user=${user ?? ''}`;
      for (const line of mailLines) {
        const verdict = parser.parse(line);
        if (verdict.kind !== 'event') continue;
        // SMTP AUTH: postfix asks dovecot, whose PAM module logs the try; postfix's warning comes when dovecot
        // answers, auth_failure_delay (2 s) later.
        if (verdict.event.kind === 'auth-fail' && verdict.event.origin === 'postfix-sasl') {
          // The name PAM was asked about: postfix's line says it from postfix 3.6 on; before, any will do.
          pamLines.push(pamLine(new Date((verdict.event.ts - 2) * 1000), verdict.event.user ?? 'info', verdict.event.ip));
          continue;
        }
        if (verdict.event.kind !== 'login-fail') continue;
        const { ts, attempts, secs, user, ip } = verdict.event;
        for (let k = 0; k < attempts; k++) {
          pamLines.push(pamLine(new Date((ts - ((secs ?? 0) * (attempts - k)) / attempts) * 1000), user, ip));
        }
      }
      const sshdLines = sshd
        ? pamLines.map((line, k) => line.replace(/ mail auth: pam_unix\(dovecot:auth\): .* ruser=(\S*) rhost=(\S+) .*$/,
          (_, user: string, ip: string) => ` mail sshd[${3000 + k}]: Failed password for ${user || 'root'} from ${ip} port ${40000 + k} ssh2`))
        : [];
      fs.writeFileSync(path.join(varLog, 'auth.log'), pamLines.flatMap((line, k) => (sshd ? [line, sshdLines[k]] : [line])).join('\n') + '\n');
      for (const file of ['mail.log', 'auth.log']) fs.utimesSync(path.join(varLog, file), fs.statSync(generated.files[0].path).atime, fs.statSync(generated.files[0].path).mtime);
      return { varLog, pamLines, sshdLines };
    }

    it('counts once a try that the PAM module logged to auth.log and dovecot to mail.log', async () => {
      const { varLog, pamLines } = await pamFolder('var-log-pam');
      const alone = await freshEngine(parseWorker);
      const mailAlone = (await alone.ingest([path.join(varLog, 'mail.log')])).attemptsAdded;
      expect(mailAlone).toBe(pamLines.length); // one PAM line per try the login lines count
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([varLog]);
      const [pam, dovecot] = result.sources;
      expect([pam.attemptLines, pam.attempts]).toEqual([pamLines.length, 0]);
      expect(pam.notes.join()).toMatch(/of it are tries that dovecot logged in .*mail\.log too .*counted once, as dovecot logged them$/);
      expect([dovecot.attempts, result.attemptsAdded]).toEqual([mailAlone, mailAlone]);
      // auth.log alone is what there is: its tries count. When mail.log comes in a later drop, they count once.
      const pamFirst = await freshEngine(parseWorker);
      expect((await pamFirst.ingest([path.join(varLog, 'auth.log')])).attemptsAdded).toBe(pamLines.length);
      const later = await pamFirst.ingest([path.join(varLog, 'mail.log')]);
      expect([later.attemptsAdded, (await pamFirst.caseInfo()).attempts]).toEqual([mailAlone - pamLines.length, mailAlone]);
      expect((await pamFirst.caseInfo()).sources.find((s) => s.path.endsWith('auth.log'))?.notes.join()).toMatch(/tries that dovecot logged in .*mail\.log too/);
      await Promise.all([engine.dispose(), alone.dispose(), pamFirst.dispose()]);
    });

    it('still counts them once when sshd writes its own tries to the same auth.log, and keeps every sshd try', async () => {
      const { varLog, pamLines, sshdLines } = await pamFolder('var-log-pam-sshd', true);
      const alone = await freshEngine(parseWorker);
      const mailAlone = (await alone.ingest([path.join(varLog, 'mail.log')])).attemptsAdded;
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([varLog]);
      const auth = result.sources.find((s) => s.path.endsWith('auth.log'))!;
      expect([auth.attemptLines, auth.attempts]).toEqual([pamLines.length + sshdLines.length, sshdLines.length]);
      expect(result.attemptsAdded).toBe(mailAlone + sshdLines.length);
      const services = Object.fromEntries((await engine.services(ALL)).map((v) => [v.service, v.attempts]));
      expect(services.ssh).toBe(sshdLines.length);
      // Where the auth facility also goes to messages (as some distributions write every facility there), its
      // lines are auth.log's again: the PAM module's, sshd's tries and logins count once, in either file read first.
      const authLog = fs.readFileSync(path.join(varLog, 'auth.log'), 'utf8');
      const lastStamp = authLog.trimEnd().split('\n').at(-1)!.slice(0, 15);
      const login = `${lastStamp} mail sshd[9999]: Accepted publickey for ops from 198.51.100.200 port 50001 ssh2: ED25519 SHA256:36Xx5x1m0M2pKx1b3Y8c7d0nA4Vq9wT6rF2sL5gH8jE\n`;
      const both = path.join(modeDir, 'var-log-pam-sshd-messages');
      fs.mkdirSync(both, { recursive: true });
      fs.copyFileSync(path.join(varLog, 'mail.log'), path.join(both, 'mail.log'));
      fs.writeFileSync(path.join(both, 'auth.log'), authLog + login);
      fs.writeFileSync(path.join(both, 'messages'), `${authLog}${lastStamp} mail CRON[77]: (root) CMD (run-parts /etc/cron.hourly)\n${login}`);
      for (const file of ['mail.log', 'auth.log', 'messages']) fs.utimesSync(path.join(both, file), fs.statSync(path.join(varLog, 'auth.log')).atime, fs.statSync(path.join(varLog, 'auth.log')).mtime);
      const mailLogins = (await alone.caseInfo()).logins;
      const withMessages = await freshEngine(parseWorker);
      expect((await withMessages.ingest([both])).attemptsAdded).toBe(mailAlone + sshdLines.length);
      expect((await withMessages.caseInfo()).logins).toBe(mailLogins + 1);
      const messagesFirst = await freshEngine(parseWorker);
      await messagesFirst.ingest([path.join(both, 'messages')]);
      await messagesFirst.ingest([path.join(both, 'mail.log'), path.join(both, 'auth.log')]);
      expect((await messagesFirst.caseInfo()).attempts).toBe(mailAlone + sshdLines.length);
      expect((await messagesFirst.caseInfo()).logins).toBe(mailLogins + 1);
      await Promise.all([engine.dispose(), alone.dispose(), withMessages.dispose(), messagesFirst.dispose()]);
    });
  });

  describe('a mail.log where postfix asks dovecot\'s auth process for SMTP AUTH (dovecot SASL)', () => {
    const attemptRows = (engine: Engine, dir: string) => viewRows(engine, dir, 'SELECT ip, user, password, service FROM attempt ORDER BY ts, line');
    const loginRows = (engine: Engine, dir: string) => viewRows(engine, dir, 'SELECT ip, user, service FROM login ORDER BY ts, line');
    const LOGINS = [
      { ip: '198.51.100.75', user: 'sales5@example.org', service: 'submission' },
      { ip: '198.51.100.75', user: 'sales5@example.org', service: 'submission' },
      { ip: '192.0.2.80', user: 'carol@example.org', service: 'submission' },
    ];

    /** Writes the morning's mail.log in a folder of its own and ingests it into a new engine. */
    async function ingestMailLog(folder: string, authVerbose: boolean) {
      const dir = path.join(modeDir, folder);
      const { lines, smtp } = smtpAuthMorning(authVerbose);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'mail.log'), lines.join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const [report] = (await engine.ingest([path.join(dir, 'mail.log')], { year: 2024 })).sources;
      return { dir, lines, smtp, engine, report };
    }

    it('counts a try once where dovecot (auth_verbose=yes) and postfix both logged it, with dovecot\'s name and password and postfix\'s service', async () => {
      const { dir, lines, smtp, engine, report } = await ingestMailLog('dovecot-sasl', true);
      expect(report).toMatchObject({ lines: lines.length, attemptLines: 6 * 2 * 2 + 6 * 2 + 1, attempts: smtp.length + 6, loginLines: 3, logins: 3, unparsedLines: 0 });
      accounted(report);
      expect(await loginRows(engine, dir)).toEqual(LOGINS);
      const rows = await attemptRows(engine, dir);
      expect(rows.filter((r) => r.service !== 'imap')).toEqual(smtp.map(({ ip, user, password, service }) => ({ ip, user, password, service })));
      expect(rows.filter((r) => r.service === 'imap').map((r) => [r.user, r.password])).toEqual(Array(6).fill(['admin', 'admin']));
      await engine.dispose();
    });

    it('counts postfix\'s lines as the tries where dovecot logs none of its own (auth_verbose=no, its default)', async () => {
      const { dir, smtp, engine, report } = await ingestMailLog('dovecot-sasl-quiet', false);
      expect(report).toMatchObject({ attemptLines: 6 * 2 + 6, attempts: smtp.length + 6, logins: 3 });
      expect(await loginRows(engine, dir)).toEqual(LOGINS);
      const rows = await attemptRows(engine, dir);
      expect(rows.filter((r) => r.service !== 'imap')).toEqual(smtp.map(({ ip, service }) => ({ ip, user: null, password: null, service })));
      await engine.dispose();
    });
  });

  describe('/var/log given whole, where postfix\'s SMTP AUTH failures are in a file of their own too', () => {
    /** The files of `lines` by which `pick` chooses for each, in a folder of its own; the engine's totals for the folder, and for `alone`. */
    async function ingestFolder(folder: string, files: Record<string, (line: string) => boolean>, lines: string[], alone: string) {
      const dir = path.join(modeDir, folder);
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, pick] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), lines.filter(pick).join('\n') + '\n');
      const byItself = await freshEngine(parseWorker);
      const aloneAttempts = (await byItself.ingest([path.join(dir, alone)], { year: 2024 })).attemptsAdded;
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([dir], { year: 2024 });
      await Promise.all([engine.dispose(), byItself.dispose()]);
      return { result, aloneAttempts };
    }
    const isPostfixWarning = (line: string): boolean => / postfix\/[^:]*: warning: /.test(line);

    for (const authVerbose of [true, false]) {
      it(`counts once the tries of mail.warn, where rsyslog writes postfix's warnings beside mail.log (Debian before 12; auth_verbose=${authVerbose ? 'yes' : 'no'})`, async () => {
        const { lines, smtp } = smtpAuthMorning(authVerbose);
        const { result, aloneAttempts } = await ingestFolder(`mail-warn-${authVerbose}`, { 'mail.log': () => true, 'mail.warn': isPostfixWarning }, lines, 'mail.log');
        expect(aloneAttempts).toBe(smtp.length + 6);
        expect(result.attemptsAdded).toBe(aloneAttempts);
        const warn = result.sources.find((r) => r.path.endsWith('mail.warn'))!;
        expect([warn.attemptLines, warn.attempts]).toEqual([smtp.length, 0]);
        expect(warn.notes.join()).toMatch(/SMTP AUTH tries that .*mail\.log holds too/);
      });
    }

    it('counts once the tries that dovecot\'s own log (log_path) and postfix\'s lines in mail.log both hold', async () => {
      const { lines, smtp } = smtpAuthMorning(true, 12);
      const { result, aloneAttempts } = await ingestFolder('log-path', { 'dovecot.log': (l) => / dovecot: /.test(l), 'mail.log': (l) => / postfix\//.test(l) }, lines, 'dovecot.log');
      const mailLog = result.sources.find((r) => r.path.endsWith('mail.log'))!;
      expect([mailLog.attemptLines, mailLog.attempts, mailLog.logins]).toEqual([smtp.length, 0, 2 + 12]);
      // dovecot.log alone also counts the first passdb turning down the names of the second's 12 users; their
      // logins are in mail.log.
      expect(aloneAttempts).toBe(smtp.length + 6 + 12);
      expect(result.attemptsAdded).toBe(smtp.length + 6);
      const dovecotLog = result.sources.find((r) => r.path.endsWith('dovecot.log'))!;
      expect(dovecotLog.notes.join()).toMatch(/12 attempts of it were the refusal of a first passdb whose next one let the user in \(the login is in .*mail\.log\)/);
    });
  });

  describe('Exim\'s main log, where Exim asks dovecot\'s auth process for SMTP AUTH (cPanel)', () => {
    const attemptRows = (engine: Engine, dir: string) => viewRows(engine, dir, 'SELECT ip, user, password, service, source FROM attempt ORDER BY ts, line');
    const loginRows = (engine: Engine, dir: string) => viewRows(engine, dir, 'SELECT ip, user, service FROM login ORDER BY ts, line');

    /** Writes `files` to a folder of their own and ingests it into a new engine. */
    async function ingestFiles(folder: string, files: Record<string, string[]>) {
      const dir = path.join(modeDir, folder);
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, lines] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([dir], { year: 2024 });
      return { dir, engine, result };
    }

    it('counts each refused try of exim_mainlog alone (dovecot\'s default auth_verbose=no), with its set_id as the user, and a message sent after AUTH as a login', async () => {
      const { exim, tries, logins } = eximMorning();
      const { dir, engine, result } = await ingestFiles('exim-alone', { exim_mainlog: exim });
      const [report] = result.sources;
      expect(report).toMatchObject({ lines: exim.length, attemptLines: tries.length, attempts: tries.length, loginLines: 1, logins: 1, unparsedLines: 0 });
      accounted(report);
      expect((await attemptRows(engine, dir)).map(({ ip, user, password, service }) => ({ ip, user, password, service })))
        .toEqual(tries.map(({ ip, user }) => ({ ip, user, password: null, service: 'smtp' })));
      expect(await loginRows(engine, dir)).toEqual(logins);
      await engine.dispose();
    });

    it('counts a try once where syslog wrote dovecot\'s auth line and Exim\'s line of it to one file, with dovecot\'s password and Exim\'s service', async () => {
      const { exim, dovecot, tries } = eximMorning(true);
      // syslog writes both programs' lines to one file in the order they came: by their stamps (dovecot's first within a second).
      const stamp = (line: string): string => line.slice(7, 15);
      const lines = [...dovecot, ...exim].sort((a, b) => stamp(a).localeCompare(stamp(b)));
      const { dir, engine, result } = await ingestFiles('exim-syslog', { 'mail.log': lines });
      const [report] = result.sources;
      expect(report).toMatchObject({ lines: lines.length, attemptLines: 2 * tries.length, attempts: tries.length, logins: 1, unparsedLines: 0 });
      accounted(report);
      expect((await attemptRows(engine, dir)).map(({ ip, user, password, service }) => ({ ip, user, password, service })))
        .toEqual(tries.map((t) => ({ ...t, service: 'smtp' })));
      await engine.dispose();
    });

    it('counts once the tries that exim_mainlog and dovecot\'s lines in maillog beside it both hold (auth_verbose=yes)', async () => {
      const { exim, dovecot, tries } = eximMorning();
      const { dir, engine, result } = await ingestFiles('exim-beside-maillog', { exim_mainlog: exim, maillog: dovecot });
      expect(result.attemptsAdded).toBe(tries.length);
      const mainlog = result.sources.find((r) => r.path.endsWith('exim_mainlog'))!;
      expect([mainlog.attemptLines, mainlog.attempts]).toEqual([tries.length, 0]);
      expect(mainlog.notes.join()).toMatch(/^10 attempts of it are SMTP AUTH tries that .*maillog holds too \(the mail server's word, postfix's or Exim's, /);
      // maillog's rows stay, with the password, and take Exim's service.
      const rows = await attemptRows(engine, dir);
      expect(rows.map(({ ip, user, password, service }) => ({ ip, user, password, service }))).toEqual(tries.map((t) => ({ ...t, service: 'smtp' })));
      expect(rows.every((r) => String(r.source).endsWith('maillog'))).toBe(true);
      await engine.dispose();
    });

    it('counts once the tries of Debian\'s exim4/mainlog that mail.log one folder up holds too, and keeps apart two servers\' folders', async () => {
      const { exim, dovecot, tries } = eximMorning();
      const varLog = path.join(modeDir, 'exim-debian', 'var', 'log');
      fs.mkdirSync(path.join(varLog, 'exim4'), { recursive: true });
      fs.writeFileSync(path.join(varLog, 'exim4', 'mainlog'), exim.join('\n') + '\n');
      fs.writeFileSync(path.join(varLog, 'mail.log'), dovecot.join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([varLog], { year: 2024 });
      expect(result.attemptsAdded).toBe(tries.length);
      expect(result.sources.find((r) => r.path.endsWith('mainlog'))!.notes.join()).toMatch(/SMTP AUTH tries that .*mail\.log holds too/);
      // Another server's exim4 folder beside it is not its main log's.
      const apart = path.join(modeDir, 'exim-two-servers');
      fs.mkdirSync(path.join(apart, 'mx2', 'exim4'), { recursive: true });
      fs.mkdirSync(path.join(apart, 'mx1'), { recursive: true });
      fs.writeFileSync(path.join(apart, 'mx2', 'exim4', 'mainlog'), exim.join('\n') + '\n');
      fs.writeFileSync(path.join(apart, 'mx1', 'mail.log'), dovecot.join('\n') + '\n');
      const two = await freshEngine(parseWorker);
      expect((await two.ingest([apart], { year: 2024 })).attemptsAdded).toBe(2 * tries.length);
      await Promise.all([engine.dispose(), two.dispose()]);
    });
  });

  describe('a log where rsyslog folded repeated messages (Ubuntu\'s $RepeatedMsgReduction)', () => {
    it('counts each folded message as many times as it came', async () => {
      const pam = 'pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=admin rhost=203.0.113.13  user=admin';
      const auth = 'auth: passwd-file(root,203.0.113.12): Password mismatch';
      const file = path.join(modeDir, 'folded', 'mail.log');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [
        `Jan  5 08:00:00 mail dovecot: ${auth}`,
        `Jan  5 08:00:09 mail dovecot: message repeated 4 times: [ ${auth}]`,
        'Jan  5 08:00:30 mail postfix/smtpd[77]: connect from unknown[198.51.100.1]',
        `Jan  5 08:01:00 mail auth: ${pam}`,
        `Jan  5 08:03:10 mail auth: message repeated 9 times: [ ${pam}]`,
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file], { year: 2024 });
      const [source] = result.sources;
      expect(source).toMatchObject({ lines: 5, attemptLines: 4, ignoredLines: 1, unparsedLines: 0, attempts: 15 });
      const page = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(page.rows.map((r) => [r.ip, r.attempts, r.users])).toEqual([['203.0.113.12', 5, ['root']], ['203.0.113.13', 10, ['admin']]]);
      await engine.dispose();
    });
  });

  describe('a log where BSD syslogd folded repeated messages (FreeBSD, sysklogd: last message repeated N times)', () => {
    it('counts the line before each such line as many more times as it came, and repeats no line it did not count', async () => {
      const auth = 'auth: passwd-file(root,203.0.113.12): unknown user';
      const sasl = 'warning: unknown[203.0.113.14]: SASL LOGIN authentication failed: UGFzc3dvcmQ6';
      const file = path.join(modeDir, 'bsd-folded', 'maillog');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [
        `Jan  5 08:00:00 mail dovecot: ${auth}`,
        'Jan  5 08:00:09 mail last message repeated 4 times',
        'Jan  5 08:00:40 mail last message repeated 2 times',
        `Jan  5 08:01:00 mail postfix/smtpd[77]: ${sasl}`,
        'Jan  5 08:01:08 mail last message repeated 3 times',
        'Jan  5 08:01:30 mail postfix/smtpd[77]: disconnect from unknown[203.0.113.14] ehlo=1 auth=0/4 quit=1 commands=2/5',
        'Jan  5 08:02:00 mail last message repeated 5 times',
        'Jan  5 08:03:00 mail dovecot: pop3-login: Aborted login (auth failed, 1 attempts): user=<admin>, method=PLAIN, rip=203.0.113.15, lip=192.0.2.5',
        'Jan  5 08:03:30 mail --- last message repeated 2 times ---',
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file], { year: 2024 });
      const [source] = result.sources;
      expect(source).toMatchObject({ lines: 9, attemptLines: 7, ignoredLines: 2, unparsedLines: 0, attempts: 7 + 4 + 3 });
      const page = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(page.rows.map((r) => [r.ip, r.attempts])).toEqual([['203.0.113.12', 7], ['203.0.113.14', 4], ['203.0.113.15', 3]]);
      await engine.dispose();
    });
  });

  describe('a log whose logger wrote every message twice (two rsyslog rules for one file)', () => {
    it('counts once the logins and dovecot\'s lines of a session written twice, and the alike failures that may be two tries only in a file written twice throughout', async () => {
      const once = [
        'Jan  5 08:00:00 mail dovecot: auth: passwd-file(root,203.0.113.12,<s1AbCdEf>): Password mismatch (given password: toor)',
        'Jan  5 08:00:02 mail dovecot: auth: passwd-file(root,203.0.113.12,<s1AbCdEf>): Password mismatch (given password: toor)',
        'Jan  5 08:00:03 mail dovecot: imap-login: Disconnected (auth failed, 2 attempts in 3 secs): user=<root>, method=PLAIN, rip=203.0.113.12, lip=192.0.2.5, session=<s1AbCdEf>',
        'Jan  5 08:00:10 mail dovecot: pop3-login: Aborted login (auth failed, 3 attempts in 9 secs): user=<admin>, method=PLAIN, rip=203.0.113.13, lip=192.0.2.5, session=<s2AbCdEf>',
        'Jan  5 08:00:20 mail dovecot: imap-login: Login: user=<bob>, method=PLAIN, rip=198.51.100.20, lip=192.0.2.5, mpid=4411, TLS, session=<s3AbCdEf>',
        'Jan  5 08:00:30 mail postfix/smtpd[77]: 4SvT3k1XyZz9tQ: client=unknown[198.51.100.21], sasl_method=PLAIN, sasl_username=carol',
        // postfix may turn down two AUTH commands of one connection in one second: alike lines stay two tries.
        'Jan  5 08:01:00 mail postfix/smtpd[78]: warning: unknown[203.0.113.14]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
        // A client that sends the same password twice on one connection: two of sshd's lines, two tries.
        'Jan  5 08:02:00 mail sshd[90]: Failed password for root from 203.0.113.15 port 50000 ssh2',
        'Jan  5 08:02:30 mail postfix/smtpd[79]: connect from unknown[198.51.100.30]',
        'Jan  5 08:02:31 mail postfix/smtpd[79]: disconnect from unknown[198.51.100.30] ehlo=1 quit=1 commands=2',
      ];
      // syslogd's word that a line came again is no copy of it, nor is the alike line after that word.
      const login = 'Jan  5 08:03:00 mail dovecot: pop3-login: Aborted login (auth failed, 1 attempts in 2 secs): user=<info>, method=PLAIN, '
        + 'rip=203.0.113.16, lip=192.0.2.5, session=<s4AbCdEf>';
      const repeated = [login, 'Jan  5 08:03:00 mail last message repeated 1 times', login];
      const folder = path.join(modeDir, 'written-twice');
      fs.mkdirSync(folder, { recursive: true });
      const engine = await freshEngine(parseWorker);
      fs.writeFileSync(path.join(folder, 'once.log'), [...once, ...repeated].join('\n') + '\n');
      const single = await engine.ingest([path.join(folder, 'once.log')], { year: 2024 });
      expect([single.attemptsAdded, single.loginsAdded]).toEqual([2 + 3 + 1 + 1 + 3, 2]);
      expect(single.sources[0].notes.join()).not.toMatch(/word for word/);
      await engine.openCase(null);
      // Too few lines for the file to show it is written twice throughout: each line is judged on its own.
      fs.writeFileSync(path.join(folder, 'twice.log'), once.flatMap((l) => [l, l]).slice(0, 10).join('\n') + '\n');
      const result = await engine.ingest([path.join(folder, 'twice.log')], { year: 2024 });
      const [source] = result.sources;
      expect([result.attemptsAdded, result.loginsAdded]).toEqual([2 + 3, 1]);
      expect(source).toMatchObject({ lines: 10, attemptLines: 2 + 1 + 1, loginLines: 1, ignoredLines: 5, unparsedLines: 0 });
      expect(source.notes.join()).toMatch(/^5 lines of a login or of a dovecot session were the line before them again, word for word/);
      await engine.openCase(null);
      // Written twice throughout: postfix's and sshd's alike failures are copies too.
      fs.writeFileSync(path.join(folder, 'twice-throughout.log'), once.flatMap((l) => [l, l]).join('\n') + '\n');
      const throughout = await engine.ingest([path.join(folder, 'twice-throughout.log')], { year: 2024 });
      expect([throughout.attemptsAdded, throughout.loginsAdded]).toEqual([2 + 3 + 1 + 1, 2]);
      expect(throughout.sources[0]).toMatchObject({ lines: 20, attemptLines: 2 + 1 + 1 + 1 + 1, loginLines: 2, ignoredLines: 8 + 4, unparsedLines: 0 });
      expect(throughout.sources[0].notes.join()).toMatch(/^8 lines of a login or a failed login were the line before them again, word for word .*alike failures of sshd's and postfix's are copies too$/);
      const page = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(page.rows.map((r) => [r.ip, r.attempts])).toEqual([['203.0.113.12', 2], ['203.0.113.13', 3], ['203.0.113.14', 1], ['203.0.113.15', 1]]);
      await engine.dispose();
    });

    it('counts each try once in a month of sshd\'s auth.log and of mail.log written twice throughout, however alike two tries\' lines are', async () => {
      const folder = path.join(modeDir, 'written-twice-year');
      fs.mkdirSync(folder, { recursive: true });
      const auth = generateAuthLog({ seed: 41, start: '2024-02-01', days: 30, connectionsPerDay: 120, addresses: 500 });
      // Two alike tries of one connection in one second (a client that sends the same password again at once):
      // written twice, four alike lines, two tries.
      const alike = 'Feb 20 10:00:00 host sshd[31337]: Failed password for root from 203.0.113.99 port 40404 ssh2';
      const authLines = auth.lines().map((l) => l.text);
      authLines.splice(authLines.length >> 1, 0, alike, alike);
      const mail = await writeSingleLog(path.join(folder, 'once', 'mail.log'), { ...options, start: '2024-02-01', days: 30, swarm: null });
      const mailLines = fs.readFileSync(mail.files[0].path, 'utf8').split('\n').filter(Boolean);
      const twice = (lines: string[]): string => lines.flatMap((l) => [l, l]).join('\n') + '\n';
      fs.writeFileSync(path.join(folder, 'auth.log'), twice(authLines));
      fs.writeFileSync(path.join(folder, 'mail.log'), twice(mailLines));
      for (const f of ['auth.log', 'mail.log']) fs.utimesSync(path.join(folder, f), new Date('2024-03-05'), new Date('2024-03-05'));

      const engine = await freshEngine(parseWorker);
      const sshd = await engine.ingest([path.join(folder, 'auth.log')]);
      expect(sshd.attemptsAdded).toBe(auth.truth.attempts.length + 2);
      expect(sshd.loginsAdded).toBe(auth.truth.logins.length);
      expect((await engine.ips(ALL, 'ip', false, 0, 10_000)).rows.find((r) => r.ip === '203.0.113.99')?.attempts).toBe(2);
      accounted(sshd.sources[0]);
      await engine.openCase(null);
      const mailResult = await engine.ingest([path.join(folder, 'mail.log')]);
      expect([mailResult.attemptsAdded, mailResult.loginsAdded]).toEqual([mail.truth.attempts, mail.truth.logins]);
      expect(mailResult.sources[0].ignoredLines).toBeGreaterThanOrEqual(mailLines.length);
      accounted(mailResult.sources[0]);
      await engine.dispose();
    });
  });

  describe('logs whose first 4 KiB are zeros (truncated in place by copytruncate while sshd wrote on at its offset)', () => {
    /** An auth.log after a hole of `hole` zeros: `n` sshd failures on March `day` from the addresses of `net`, the `from`th on. */
    const zeroLed = (hole: number, net: string, n: number, from = 0, day = 3): Buffer => Buffer.concat([Buffer.alloc(hole), Buffer.from(
      Array.from({ length: n }, (_, k) => `Mar ${String(day).padStart(2)} ${String(8 + Math.floor((from + k) / 60)).padStart(2, '0')}:${String((from + k) % 60).padStart(2, '0')}:00 `
        + `mx sshd[${2000 + from + k}]: Failed password for invalid user admin${(from + k) % 7} from ${net}.${(from + k) % 250 + 1} port ${40000 + from + k} ssh2\n`).join(''))]);

    it('reads two different ones as files of their own, without a word of one being a copy of the other', async () => {
      const folder = path.join(modeDir, 'zero-heads');
      const first = path.join(folder, 'mx1', 'auth.log');
      const second = path.join(folder, 'mx2', 'auth.log');
      fs.mkdirSync(path.dirname(first), { recursive: true });
      fs.mkdirSync(path.dirname(second), { recursive: true });
      fs.writeFileSync(first, zeroLed(8192, '203.0.113', 30));
      fs.writeFileSync(second, zeroLed(8192, '198.51.100', 20));
      const engine = await freshEngine(parseWorker);
      const one = await engine.ingest([first], { year: 2024 });
      const two = await engine.ingest([second], { year: 2024 });
      expect(one.attemptsAdded).toBe(30);
      expect(two.attemptsAdded).toBe(20);
      expect(two.sources[0].warnings.join()).not.toMatch(/starts like|counted twice/);
      expect(two.sources[0].notes.join()).not.toMatch(/same content|continues|copy/);
      await engine.dispose();
    });

    it('goes on from where it was read, among many such, also when less than 4 KiB followed the zeros; its rotated copy adds nothing', async () => {
      const folder = path.join(modeDir, 'zero-heads-live');
      fs.mkdirSync(folder, { recursive: true });
      // Longer logs of other servers with holes, read before: more than the few sources of one head compared.
      const others = [1, 2, 3, 4].map((k) => {
        const file = path.join(folder, `other${k}.log`);
        fs.writeFileSync(file, zeroLed(16384, `192.0.2`, 200 + k, 0, 10 + k));
        return file;
      });
      const live = path.join(folder, 'auth.log');
      fs.writeFileSync(live, zeroLed(16384, '203.0.113', 10)); // about 1 kB after the hole
      const engine = await freshEngine(parseWorker);
      await engine.ingest([...others, live], { year: 2024 });
      expect((await engine.caseInfo()).attempts).toBe(4 * 200 + 1 + 2 + 3 + 4 + 10);
      fs.appendFileSync(live, zeroLed(0, '203.0.113', 100, 10));
      const grown = await engine.ingest([live], { year: 2024 });
      expect(grown.sources[0].notes.join()).toMatch(/^continues /);
      expect(grown.attemptsAdded).toBe(100);
      fs.appendFileSync(live, zeroLed(0, '203.0.113', 50, 110));
      const more = await engine.ingest([live], { year: 2024 });
      expect(more.attemptsAdded).toBe(50);
      // logrotate moves it away; the new auth.log starts with lines of its own.
      fs.renameSync(live, `${live}.1`);
      fs.writeFileSync(live, zeroLed(0, '198.51.100', 5, 500));
      const rotated = await engine.ingest([`${live}.1`, live], { year: 2024 });
      expect(rotated.attemptsAdded).toBe(5);
      expect(rotated.sources.find((s) => s.path === `${live}.1`)!.notes.join()).toMatch(/^same content as/);
      expect((await engine.caseInfo()).attempts).toBe(4 * 200 + 1 + 2 + 3 + 4 + 10 + 100 + 50 + 5);
      await engine.dispose();
    });
  });

  describe('a live log read between a line and syslogd\'s repeat of it', () => {
    it('counts the repeat that begins the part read next as the line before it, once, and one after a line that is no try as nothing', async () => {
      const folder = path.join(modeDir, 'repeat-after-resume');
      fs.mkdirSync(folder, { recursive: true });
      const bsd = path.join(folder, 'maillog');
      const ng = path.join(folder, 'messages');
      // FreeBSD's syslogd writes its repeat line when the next message comes or 30 s later: an ingest in between
      // reads the line alone.
      fs.writeFileSync(bsd, [
        'Jan  5 08:00:00 mail postfix/smtpd[77]: connect from unknown[203.0.113.14]',
        'Jan  5 08:00:01 mail postfix/smtpd[77]: warning: unknown[203.0.113.14]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      ].join('\n') + '\n');
      fs.writeFileSync(ng, 'Jan  5 08:00:00 mail sshd[4711]: Failed password for root from 203.0.113.21 port 40022 ssh2\n');
      const engine = await freshEngine(parseWorker);
      expect((await engine.ingest([bsd, ng], { year: 2024 })).attemptsAdded).toBe(2);
      fs.appendFileSync(bsd, 'Jan  5 08:00:31 mail last message repeated 4 times\n');
      fs.appendFileSync(ng, 'Jan  5 08:00:12 mail sshd: Last message \'Failed password for \' repeated 3 times, suppressed by syslog-ng on mail.example.org\n');
      const second = await engine.ingest([bsd, ng], { year: 2024 });
      expect(second.sources.map((s) => [path.basename(s.path), s.lines, s.attemptLines, s.ignoredLines, s.attempts])).toEqual([['maillog', 1, 1, 0, 4], ['messages', 1, 1, 0, 3]]);
      // syslogd writes it again while the message keeps coming: read alone, the next one repeats the same line.
      fs.appendFileSync(bsd, 'Jan  5 08:01:01 mail last message repeated 2 times\n');
      const third = await engine.ingest([bsd], { year: 2024 });
      expect(third.sources[0]).toMatchObject({ lines: 1, attemptLines: 1, attempts: 2 });
      // After a line that is no try, a repeat repeats nothing counted.
      fs.appendFileSync(bsd, 'Jan  5 08:01:30 mail postfix/smtpd[77]: disconnect from unknown[203.0.113.14] ehlo=1 auth=0/7 quit=1 commands=2/9\n');
      await engine.ingest([bsd], { year: 2024 });
      fs.appendFileSync(bsd, 'Jan  5 08:02:00 mail last message repeated 5 times\n');
      const fifth = await engine.ingest([bsd], { year: 2024 });
      expect(fifth.sources[0]).toMatchObject({ lines: 1, attemptLines: 0, ignoredLines: 1, attempts: 0 });
      const page = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(page.rows.map((r) => [r.ip, r.attempts])).toEqual([['203.0.113.14', 1 + 4 + 2], ['203.0.113.21', 1 + 3]]);
      await engine.dispose();
    });
  });

  describe('a log where syslog-ng suppressed repeated messages (suppress(): Last message \'...\' repeated N times)', () => {
    it('counts the line before as many more times only when the repeat quotes its program and message, and accounts for every line', async () => {
      const failed = 'Failed password for root from 203.0.113.21 port 40022 ssh2';
      const sasl = 'warning: unknown[203.0.113.22]: SASL LOGIN authentication failed: UGFzc3dvcmQ6';
      const auth = 'auth: passwd-file(admin,203.0.113.23): unknown user';
      const file = path.join(modeDir, 'syslog-ng-suppressed', 'messages');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // syslog-ng quotes the message's first 20 bytes, and writes the program without its pid.
      fs.writeFileSync(file, [
        `Jan  5 08:00:00 mail sshd[4711]: ${failed}`,
        'Jan  5 08:00:12 mail sshd: Last message \'Failed password for \' repeated 3 times, suppressed by syslog-ng on mail.example.org',
        `Jan  5 08:01:00 mail postfix/smtpd[77]: ${sasl}`,
        'Jan  5 08:01:10 mail postfix/smtpd: Last message \'warning: unknown[203\' repeated 2 times, suppressed by syslog-ng on mail.example.org',
        `Jan  5 08:02:00 mail dovecot: ${auth}`,
        // Another program's message, then another message of the same program: neither is the line before.
        'Jan  5 08:02:09 mail cron: Last message \'auth: passwd-file(ad\' repeated 5 times, suppressed by syslog-ng on mail.example.org',
        `Jan  5 08:03:00 mail dovecot: ${auth}`,
        'Jan  5 08:03:09 mail dovecot: Last message \'imap-login: Disconn\' repeated 5 times, suppressed by syslog-ng on mail.example.org',
        // After a line that is no try, it repeats nothing counted.
        'Jan  5 08:04:00 mail postfix/smtpd[77]: disconnect from unknown[203.0.113.22] ehlo=1 auth=0/3 quit=1 commands=2/4',
        'Jan  5 08:04:09 mail postfix/smtpd: Last message \'disconnect from unkn\' repeated 2 times, suppressed by syslog-ng on mail.example.org',
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file], { year: 2024 });
      const [source] = result.sources;
      expect(source).toMatchObject({ lines: 10, attemptLines: 6, ignoredLines: 4, unparsedLines: 0, attempts: 4 + 3 + 2 });
      accounted(source);
      const page = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(page.rows.map((r) => [r.ip, r.attempts])).toEqual([['203.0.113.21', 4], ['203.0.113.22', 3], ['203.0.113.23', 2]]);
      await engine.dispose();
    });
  });

  describe('a log without time stamps (journalctl -o cat)', () => {
    it('counts every login line, dated at the file\'s last change, says so, and how to export them with times', async () => {
      const plain = await writeSingleLog(path.join(modeDir, 'unstamped', 'plain.log'), { ...options, days: 5, swarm: null, smtpShare: 0 });
      const file = path.join(modeDir, 'unstamped', 'dovecot.log');
      // `journalctl -u dovecot -o cat` writes dovecot's messages alone (`imap-login: Disconnected (...)`,
      // `auth: passwd-file(...)`), and none of postfix's.
      const mailLog = fs.readFileSync(plain.files[0].path, 'utf8').split('\n');
      const postfixLogins = mailLog.filter((l) => / postfix\/[\w/]+\[\d+\]: \w+: client=.*, sasl_username=/.test(l)).length;
      expect(postfixLogins).toBeGreaterThan(0);
      fs.writeFileSync(file, mailLog.filter((l) => !/ postfix\//.test(l)).join('\n').replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ dovecot(?:\[\d+\])?: /gm, ''));
      const exportedAt = new Date('2024-02-01T08:30:00Z');
      fs.utimesSync(file, exportedAt, exportedAt);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      const source = result.sources[0];
      const datedLines = plain.truth.lines.attempt + plain.truth.lines.login - postfixLogins;
      expect([source.attemptLines + source.loginLines, source.unparsedLines]).toEqual([datedLines, 0]);
      accounted(source);
      // The join joins them by session and in line order; its rules of "within a second" are not applied to them.
      expect(result.attemptsAdded).toBe(plain.truth.attempts);
      expect(result.loginsAdded).toBe(plain.truth.logins - postfixLogins);
      // All of them on the one day the file says they came before, and that day alone.
      expect([source.firstTs, source.lastTs]).toEqual(['2024-02-01 08:30:00', '2024-02-01 08:30:00']);
      const summary = await engine.summary(ALL);
      expect([summary.days, summary.firstDay, summary.lastDay, summary.attempts]).toEqual([1, '2024-02-01', '2024-02-01', result.attemptsAdded]);
      // The timeline's day says that its attempts are a pile of the file's time (the day of any other attempts says nothing).
      expect(await engine.perDay(ALL)).toEqual([{ day: '2024-02-01', attempts: result.attemptsAdded, ips: summary.ips, countries: expect.any(Number), undated: result.attemptsAdded }]);
      expect(source.warnings).toEqual([expect.stringMatching(new RegExp(`^${datedLines} lines read as logins or failed logins have no time stamp .*`
        + 'They are counted, dated at the file\'s last change \\(2024-02-01 08:30:00 UTC\\).*the search for incidents leaves them out\\. '
        + 'To see when, export with journalctl -u dovecot -o short-iso$'))]);
      await engine.dispose();
    });

    it('names in its advice the units of the programs whose lines lack a stamp: sshd\'s, postfix\'s', async () => {
      const folder = path.join(modeDir, 'unstamped-units');
      fs.mkdirSync(folder, { recursive: true });
      // Stamps cut off (a copy through a tool that drops them): the lines keep their host and tag.
      const sshd = path.join(folder, 'auth.log');
      fs.writeFileSync(sshd, [
        'srv sshd[2210]: Invalid user admin from 203.0.113.5 port 52144',
        'srv sshd[2210]: Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2',
        'srv sshd[2214]: Failed password for root from 203.0.113.6 port 40022 ssh2',
      ].join('\n') + '\n');
      const postfix = path.join(folder, 'mail.log');
      fs.writeFileSync(postfix, [
        'mail postfix/smtpd[77]: connect from unknown[203.0.113.9]',
        'mail postfix/smtpd[77]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
        'mail dovecot: auth: passwd-file(root,203.0.113.12): unknown user',
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([sshd, postfix]);
      const warning = (file: string): string => result.sources.find((s) => s.path === file)!.warnings.join();
      expect(warning(sshd)).toMatch(/export with journalctl -u ssh -o short-iso/);
      expect(warning(sshd)).not.toMatch(/dovecot/);
      expect(warning(postfix)).toMatch(/export with journalctl -u dovecot -u 'postfix\*' -o short-iso/);
      await engine.dispose();
    });

    it('says why sshd\'s failed logins that name a host instead of an address are not counted, and how to log addresses', async () => {
      const file = path.join(modeDir, 'use-dns', 'auth.log');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [
        'May 29 20:56:50 imago sshd[28730]: Failed password for root from 203.0.113.7 port 4444 ssh2',
        'May 29 20:56:52 imago sshd[28732]: error: PAM: Authentication failure for stefanor from example.com',
        'May 29 20:56:53 imago sshd[28733]: Failed password for root from mail-7.example.com port 4444 ssh2',
        'May 29 20:56:54 imago sshd[28734]: User root from dsl-12.example.net not allowed because not listed in AllowUsers',
        'May 29 20:56:55 imago sshd[28735]: Failed password for root from 192.030.0.6 port 4444 ssh2',
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const source = (await engine.ingest([file])).sources[0];
      expect([source.attempts, source.attemptLines, source.unparsedLines]).toEqual([1, 1, 4]);
      accounted(source);
      // Three name a host; the fourth, an address written oddly, is unparsed without that advice.
      expect(source.warnings).toEqual([expect.stringMatching(/^3 failed logins name the client by host name, not address, and were not counted .*UseDNS no/)]);
      await engine.dispose();
    });

    it('counts the logins of journalctl -o short-monotonic (seconds since boot), dated at the file\'s last change, and says why', async () => {
      const file = path.join(modeDir, 'monotonic', 'auth.log');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [
        '[    5.120004] srv systemd[1]: Starting ssh.service - OpenBSD Secure Shell server...',
        '[ 8123.004512] srv sshd[2210]: Invalid user admin from 203.0.113.5 port 52144',
        '[ 8125.771090] srv sshd[2210]: Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2',
        '[91234.000001] srv sshd-session[2214]: Accepted password for alice from 198.51.100.6 port 40022 ssh2',
      ].join('\n') + '\n');
      const exportedAt = new Date('2024-02-01T08:30:00Z');
      fs.utimesSync(file, exportedAt, exportedAt);
      const engine = await freshEngine(parseWorker);
      const source = (await engine.ingest([file])).sources[0];
      // `Invalid user` is a sign of the try that the `Failed password` line of its connection counts.
      expect([source.attempts, source.logins, source.attemptLines, source.loginLines, source.unparsedLines, source.ignoredLines]).toEqual([1, 1, 2, 1, 0, 1]);
      accounted(source);
      expect(source.warnings).toEqual([expect.stringMatching(/^3 lines read as logins or failed logins have no time stamp \(journalctl -o cat writes none, -o short-monotonic only seconds since boot\).*2024-02-01 08:30:00 UTC.*export with journalctl -u ssh -o short-iso/)]);
      const rows = await engine.ips(ALL, 'ip', false, 0, 10);
      expect(rows.rows.map((r) => [r.ip, r.attempts])).toEqual([['203.0.113.5', 1]]);
      await engine.dispose();
    });

    it('dates a line that lost its stamp in a stamped log at the line before it, and says so', async () => {
      const file = path.join(modeDir, 'lost-stamp', 'auth.log');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [
        'Mar  3 04:11:52 srv sshd[2210]: Failed password for root from 203.0.113.5 port 52144 ssh2',
        'srv sshd[2211]: Failed password for root from 203.0.113.6 port 52146 ssh2',
        'Mar  3 04:12:30 srv sshd[2212]: Failed password for root from 203.0.113.7 port 52148 ssh2',
      ].join('\n') + '\n');
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file], { year: 2024 });
      const source = result.sources[0];
      expect([result.attemptsAdded, source.attemptLines, source.unparsedLines]).toEqual([3, 3, 0]);
      const detail = await engine.ipDetail('203.0.113.6', ALL);
      expect(detail?.attempts.map((a) => a.ts)).toEqual(['2024-03-03 04:11:52']);
      // Dated at a stamp of its own file's lines, it is no pile: the day is not marked.
      expect((await engine.perDay(ALL)).map((d) => d.undated)).toEqual([undefined]);
      expect(source.warnings).toEqual([expect.stringMatching(/^1 line read as logins or failed logins has no time stamp .*It is counted, dated at the stamped line before it, so the timeline shows it there, not when it happened\. To see when, export with journalctl -u ssh -o short-iso/)]);
      await engine.dispose();
    });

    it('reads no date written with slashes, says why and how to turn them round, and the advice works', async () => {
      const plain = await writeSingleLog(path.join(modeDir, 'slashed', 'plain.log'), { ...options, days: 5, swarm: null, style: 'iso' });
      // dovecot's own log with log_timestamp = "%d/%m/%Y %H:%M:%S ": `20/11/2023 10:00:01 imap-login: ...`.
      const slashed = fs.readFileSync(plain.files[0].path, 'utf8').replace(/^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d) /gm,
        (_, year: string, month: string, day: string, time: string) => `${day}/${month}/${year} ${time} `);
      const file = path.join(modeDir, 'slashed', 'dovecot.log');
      fs.writeFileSync(file, slashed);
      const engine = await freshEngine(parseWorker);
      const first = await engine.ingest([file]);
      expect(first.attemptsAdded).toBe(0);
      const advice = /turn these dates into 2023-11-12 first \(for day first: sed -E '([^']+)'\)$/.exec(first.sources[0].warnings.join());
      expect(advice).not.toBeNull();
      // The sed expression, as JavaScript: s#FROM#TO#.
      const [, from, to] = /^s#(.+)#(.+)#$/.exec(advice![1])!;
      fs.writeFileSync(file, slashed.replace(new RegExp(from, 'gm'), to.replace(/\\(\d)/g, '$$$1')));
      const fixed = await freshEngine(parseWorker);
      const second = await fixed.ingest([file]);
      expect([second.attemptsAdded, second.loginsAdded]).toEqual([plain.truth.attempts, plain.truth.logins]);
      await Promise.all([engine.dispose(), fixed.dispose()]);
    });
  });

  describe('one file whose modification time was lost', () => {
    it('warns when its attempts come out dated after the file was last written', async () => {
      // Oct 2023 to Jan 2024, copied on 2026-11-29: read from that time, the stamps run into 2027.
      const file = path.join(modeDir, 'lost-time', 'mail.log');
      await writeSingleLog(file, { ...options, start: '2023-10-01', days: 100, swarm: null });
      const copied = new Date('2026-11-29T12:00:00Z');
      fs.utimesSync(file, copied, copied);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file]);
      expect(result.sources[0].warnings.join()).toMatch(/attempts and logins dated up to 2027-01-0\d .*after the file was last written \(2026-11-29 12:00:00 UTC\).*--year/);
      // With the year given, nothing to doubt.
      const given = await (await freshEngine(parseWorker)).ingest([file], { year: 2023 });
      expect(given.sources[0].warnings).toEqual([]);
      await engine.dispose();
    });

    it('warns with a year given when its lines, not in time order, are counted on past the file', async () => {
      // The same months sorted by address: each step back of months reads as a New Year, and the years climb.
      const file = path.join(modeDir, 'lost-time', 'sorted.log');
      await writeSingleLog(file, { ...options, start: '2023-10-01', days: 100, swarm: null });
      const address = (line: string): string => /rip=([\d.]+)|\(\w+,([\d.]+)/.exec(line)?.slice(1).find(Boolean) ?? '';
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      fs.writeFileSync(file, lines.sort((a, b) => address(a).localeCompare(address(b))).join('\n') + '\n');
      const copied = new Date('2026-11-29T12:00:00Z');
      fs.utimesSync(file, copied, copied);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([file], { year: 2023 });
      expect(result.sources[0].warnings.join()).toMatch(
        /attempts and logins dated up to \d{4}-.*after the file was last written \(2026-11-29 12:00:00 UTC\), counted on from the year set for its first line: .*not in time order/);
      expect(Number((await engine.caseInfo()).lastDay!.slice(0, 4))).toBeGreaterThan(2026);
      await engine.dispose();
    });

    it('dates it by the year set for the session (the app\'s setting), as --year does, until it is cleared', async () => {
      const file = path.join(modeDir, 'lost-time', 'session-year.log');
      const logs = await writeSingleLog(file, { ...options, start: '2021-10-01', days: 100, swarm: null });
      const copied = new Date('2026-11-29T12:00:00Z');
      fs.utimesSync(file, copied, copied);
      const engine = await freshEngine(parseWorker);
      expect((await engine.setStartYear(2021)).startYear).toBe(2021);
      const result = await engine.ingest([file]);
      expect(result.sources[0].warnings).toEqual([]);
      expect(daysWithAttempts(await engine.perDay(ALL))).toEqual(daysWithAttempts(logs.truth.perDay));
      // An ingest's own year comes first; cleared, the file's time counts again.
      expect((await engine.caseInfo()).startYear).toBe(2021);
      await engine.openCase(null);
      expect((await engine.setStartYear(null)).startYear).toBeNull();
      expect((await engine.ingest([file])).sources[0].warnings.join()).toMatch(/after the file was last written/);
      await engine.dispose();
    });

    it('warns when a stamp falls on Feb 29 of the year read from that time, which has none', async () => {
      // Feb 2024 (a leap year), copied on 2025-03-05: read from that time, the stamps are of 2025.
      const file = path.join(modeDir, 'lost-time', 'leap.log');
      await writeSingleLog(file, { ...options, start: '2024-02-20', days: 14, swarm: null });
      const copied = new Date('2025-03-05T12:00:00Z');
      fs.utimesSync(file, copied, copied);
      const result = await (await freshEngine(parseWorker)).ingest([file]);
      expect(result.sources[0].warnings.join()).toMatch(/^\d[\d,]* lines stamped on a day that does not exist \(Feb 29 in 2025\).*--year/);
      const given = await (await freshEngine(parseWorker)).ingest([file], { year: 2024 });
      expect(given.sources[0].warnings).toEqual([]);
    });
  });

  /**
   * A generated 20-day log's lines (without the empty one after the last newline), and up to `most` places to
   * cut it: just after auth lines whose connection's login line (same session) comes a few lines later, so
   * that the two halves of a connection fall on both sides.
   */
  async function cutLog(name: string, most: number, start = options.start): Promise<{ lines: string[]; cuts: number[]; truth: WrittenLogs['truth']; mtime: Date }> {
    const full = await writeSingleLog(path.join(modeDir, name, 'full.log'), { ...options, start, days: 20, swarm: null });
    const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
    lines.pop();
    const sessionOf = (line: string): string | undefined => /(?:,<|\)<)([A-Za-z0-9+/]{16})>: /.exec(line)?.[1] ?? /session=<([^>]+)>/.exec(line)?.[1];
    const cuts: number[] = [];
    for (let i = 0; i < lines.length && cuts.length < most; i++) {
      if (!/Password mismatch|unknown user/.test(lines[i]) || (cuts.length && i < cuts[cuts.length - 1] + 500)) continue;
      const session = sessionOf(lines[i]);
      if (session && lines.slice(i + 1, i + 40).some((l) => l.includes(`session=<${session}>`) && l.includes('auth failed'))) cuts.push(i + 1);
    }
    return { lines, cuts, truth: full.truth, mtime: fs.statSync(full.files[0].path).mtime };
  }

  /**
   * Every row has the service the generator logged: also the rows of auth lines at the end of one part or file,
   * counted before the login line that names the service came in the next.
   */
  async function expectServices(engine: Engine, truth: WrittenLogs['truth']): Promise<void> {
    const services = await engine.services(ALL);
    expect(Object.fromEntries(services.map((v) => [v.service, v.attempts]))).toEqual(truth.services);
  }

  describe('a live log read again and again as it grows', () => {
    it('adds each try once whatever the cuts, as one ingest of the whole file does', async () => {
      const { lines, cuts, truth } = await cutLog('live', 12);
      const live = path.join(modeDir, 'live', 'mail.log');
      const engine = await freshEngine(parseWorker);
      // The ingests in between see one half of a connection each.
      expect(cuts.length).toBeGreaterThan(5);
      let added = 0;
      for (const cut of [...cuts, lines.length]) {
        fs.writeFileSync(live, lines.slice(0, cut).join('\n') + '\n');
        added += (await engine.ingest([live])).attemptsAdded;
      }
      await expectServices(engine, truth);
      expect(added).toBe(truth.attempts);
      const summary = await engine.summary(ALL);
      expect(summary.attempts).toBe(truth.attempts);
      // Each part goes on in time from the part before, though every copy's mtime is now.
      expect(summary.days).toBe(truth.perDay.filter((d) => d.attempts > 0).length);
      await engine.dispose();
    });
  });

  describe('a live log rotated since it was read', () => {
    it('names the rotated file as where its lines are now, so that every row points at its line', async () => {
      const folder = path.join(modeDir, 'rotated-since');
      const full = await writeSingleLog(path.join(folder, 'full.log'), { ...options, days: 14, swarm: null });
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      lines.pop();
      const half = Math.floor(lines.length / 2);
      const live = path.join(folder, 'server');
      fs.mkdirSync(live);
      const mtime = fs.statSync(full.files[0].path).mtime;
      fs.writeFileSync(path.join(live, 'mail.log'), lines.slice(0, half).join('\n') + '\n');
      fs.utimesSync(path.join(live, 'mail.log'), new Date(mtime.getTime() - 7 * 86_400_000), new Date(mtime.getTime() - 7 * 86_400_000));
      const engine = await freshEngine(parseWorker);
      await engine.ingest([live]);
      // logrotate: mail.log becomes mail.log.1 (its time kept), and syslog starts a new mail.log.
      fs.renameSync(path.join(live, 'mail.log'), path.join(live, 'mail.log.1'));
      fs.writeFileSync(path.join(live, 'mail.log'), lines.slice(half).join('\n') + '\n');
      fs.utimesSync(path.join(live, 'mail.log'), mtime, mtime);
      const after = await engine.ingest([live]);
      expect(after.sources.find((x) => x.path.endsWith('mail.log.1'))?.notes.join()).toMatch(/the case now names this file as where its lines are/);
      expect((await engine.caseInfo()).sources.map((x) => path.basename(x.path))).toEqual(['mail.log.1', 'mail.log']);
      const rows = await viewRows(engine, folder, 'SELECT user, source, line FROM attempt WHERE user IS NOT NULL');
      const text = new Map(['mail.log.1', 'mail.log'].map((f) => [f, fs.readFileSync(path.join(live, f), 'utf8').split('\n')]));
      expect(rows.length).toBeGreaterThan(100);
      for (const row of rows) expect(text.get(path.basename(String(row.source)))![Number(row.line) - 1], `${row.source}:${row.line}`).toContain(String(row.user));
      expect((await engine.summary(ALL)).attempts).toBe(full.truth.attempts);
      await engine.dispose();
    });
  });

  describe('a live log rotated away while only the live log is read (`ingest /var/log/mail.log` each day, logrotate\'s rotate 1)', () => {
    it('names the rotated file for the lines read before, so that the raw-line viewer shows each attempt its own line', async () => {
      const folder = path.join(modeDir, 'rotate-1');
      const full = await writeSingleLog(path.join(folder, 'full.log'), { ...options, days: 21, swarm: null });
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      lines.pop();
      const [a, b] = [Math.floor(lines.length / 3), Math.floor((2 * lines.length) / 3)];
      const live = path.join(folder, 'server', 'mail.log');
      fs.mkdirSync(path.dirname(live));
      const mtime = fs.statSync(full.files[0].path).mtime;
      const write = (file: string, part: string[], daysBefore: number): void => {
        fs.writeFileSync(file, part.join('\n') + '\n');
        const at = new Date(mtime.getTime() - daysBefore * 86_400_000);
        fs.utimesSync(file, at, at);
      };
      // Read once; syslog writes on; logrotate renames it (delaycompress: mail.log.1 stays plain) and a new one begins.
      write(live, lines.slice(0, a - 50), 14);
      const engine = await freshEngine(parseWorker);
      await engine.ingest([live]);
      fs.appendFileSync(live, lines.slice(a - 50, a).join('\n') + '\n');
      fs.renameSync(live, `${live}.1`);
      write(live, lines.slice(a, b), 7);
      const second = await engine.ingest([live]);
      expect(second.sources[0].notes.join()).toMatch(/read from .*mail\.log before are in .*mail\.log\.1 now \(rotated\).*it holds more lines after them/);
      const rawOf = async (): Promise<[string, string | null][]> => {
        const rows = (await viewRows(engine, folder, 'SELECT user, source, line FROM attempt WHERE user IS NOT NULL ORDER BY ts, line'));
        const raw = await engine.rawLines(rows.slice(0, 2000).map((r) => ({ source: String(r.source), line: Number(r.line) })));
        return rows.slice(0, 2000).map((r, k) => [String(r.user), raw[k].text]);
      };
      const early = await rawOf();
      expect(early.length).toBeGreaterThan(100);
      for (const [user, text] of early) expect(text, user).toContain(user);
      expect((await engine.caseInfo()).sources.map((x) => path.basename(x.path))).toEqual(['mail.log.1', 'mail.log']);
      // Given now, mail.log.1 adds only what syslog wrote after the first reading.
      const rest = await engine.ingest([`${live}.1`]);
      expect(rest.sources[0].notes.join()).toMatch(/^continues /);
      // rotate 1: mail.log.1 is deleted as mail.log becomes it; the lines read from the first file are gone.
      fs.rmSync(`${live}.1`);
      fs.renameSync(live, `${live}.1`);
      write(live, lines.slice(b), 0);
      const third = await engine.ingest([live]);
      expect(third.sources[0].notes.join()).toMatch(/read from .*mail\.log before are in .*mail\.log\.1 now/);
      expect(third.sources[0].warnings.join()).toMatch(/read from .*mail\.log\.1 before are no longer in it, nor in a rotated file beside it/);
      expect((await engine.summary(ALL)).attempts).toBe(full.truth.attempts);
      await engine.dispose();
    });
  });

  describe('a live log read while syslog was writing a line', () => {
    /** Every attempt and login of the case, line by line, as the public views show them. */
    async function everyRow(engine: Engine, folder: string): Promise<Record<string, unknown>[][]> {
      fs.mkdirSync(folder, { recursive: true });
      return [
        await viewRows(engine, folder, 'SELECT line, ts, ip, user, password, service FROM attempt ORDER BY line, ts, user, password, service'),
        await viewRows(engine, folder, 'SELECT line, ts, ip, user, service FROM login ORDER BY line, ts'),
      ];
    }

    it('reads a line it caught half-written again once it is whole: the rows, line numbers and counts of one ingest of the whole file', async () => {
      const folder = path.join(modeDir, 'half-written');
      // SMTP AUTH too (dovecot's line of a try without session, then postfix's), and dovecot 2.3 with and without
      // auth_verbose, and 2.4: joins of every kind have their two lines on both sides of some cut.
      const full = await writeSingleLog(path.join(folder, 'full.log'), {
        ...options, days: 12, swarm: null, smtpShare: 0.3,
        shapes: [{ shape: 'v23', share: 1 }, { shape: 'v23-quiet', share: 1 }, { shape: 'v24', share: 1 }],
      });
      const text = fs.readFileSync(full.files[0].path);
      const mtime = fs.statSync(full.files[0].path).mtime;
      // 150 moments, anywhere: mostly inside a line (in its stamp, its address, its user...), some just after one.
      let seed = 20231120;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const cuts = Array.from({ length: 150 }, () => Math.floor(random() * text.length)).sort((a, b) => a - b);
      const live = path.join(folder, 'mail.log');
      const engine = await freshEngine(parseWorker);
      for (const cut of [...cuts, text.length]) {
        fs.writeFileSync(live, text.subarray(0, cut));
        fs.utimesSync(live, mtime, mtime);
        await engine.ingest([live]);
      }
      const [source] = (await engine.caseInfo()).sources;
      expect(source.lines).toBe(full.truth.lines.total);
      accounted(source);
      expect(source.unparsedLines).toBe(0);
      expect(source.attempts).toBe(full.truth.attempts);

      const whole = await freshEngine(parseWorker);
      await whole.ingest([live]);
      const [wholeSource] = (await whole.caseInfo()).sources;
      expect(source).toEqual({ ...wholeSource, notes: source.notes });
      expect(await everyRow(engine, path.join(folder, 'live'))).toEqual(await everyRow(whole, path.join(folder, 'whole')));
      await expectServices(engine, full.truth);
      expect((await engine.summary(ALL)).attempts).toBe(full.truth.attempts);
      await Promise.all([engine.dispose(), whole.dispose()]);
    });

    it('reads again a half-written line longer than 64 KiB, cut to that length, as one line', async () => {
      const folder = path.join(modeDir, 'half-written-long');
      fs.mkdirSync(folder, { recursive: true });
      const live = path.join(folder, 'mail.log');
      const attempt = 'Mar  3 07:00:35 mail dovecot[14492]: imap-login: Disconnected (auth failed, 1 attempts in 3 secs): user=<test@example.com>, '
        + 'method=PLAIN, rip=185.216.168.75, lip=10.0.0.1, session=<abcdEFGHijklMNOP>';
      fs.writeFileSync(live, 'x'.repeat(70_000));
      const engine = await freshEngine(parseWorker);
      await engine.ingest([live], { year: 2024 });
      fs.appendFileSync(live, `${'y'.repeat(100)}\n${attempt}\n`);
      const grown = await engine.ingest([live], { year: 2024 });
      expect(grown.sources[0].notes.join()).toMatch(/^continues .*: line 1, which syslog was still writing when it was read, was read again, whole$/);
      const [source] = (await engine.caseInfo()).sources;
      expect([source.lines, source.ignoredLines, source.attemptLines]).toEqual([2, 1, 1]);
      accounted(source);
      expect(await viewRows(engine, folder, 'SELECT line FROM attempt')).toEqual([{ line: 2 }]);
      await engine.dispose();
    });

    it('counts the last line of a file written without a final newline once, and the lines appended after it from the next number', async () => {
      const folder = path.join(modeDir, 'no-final-newline');
      const full = await writeSingleLog(path.join(folder, 'full.log'), { ...options, days: 20, swarm: null });
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      lines.pop();
      const mtime = fs.statSync(full.files[0].path).mtime;
      const written = path.join(folder, 'mail.log');
      const engine = await freshEngine(parseWorker);
      // As a script writes lines joined by newlines, with none after the last, then writes the file again longer.
      for (const upTo of [Math.floor(lines.length / 3), Math.floor(lines.length / 2), lines.length]) {
        fs.writeFileSync(written, lines.slice(0, upTo).join('\n'));
        fs.utimesSync(written, mtime, mtime);
        const report = (await engine.ingest([written])).sources[0];
        expect(report.warnings).toEqual([]);
      }
      const [source] = (await engine.caseInfo()).sources;
      expect(source.lines).toBe(lines.length);
      accounted(source);
      const whole = await freshEngine(parseWorker);
      await whole.ingest([full.files[0].path]);
      expect(await everyRow(engine, path.join(folder, 'parts'))).toEqual(await everyRow(whole, path.join(folder, 'whole')));
      await Promise.all([engine.dispose(), whole.dispose()]);
    });
  });

  describe('a log rotated in the middle of a connection', () => {
    /** Writes the log as rotated files cut at `cuts` (mail.log.N oldest … mail.log newest), file times in order. */
    function writeRotated(folder: string, lines: string[], cuts: number[], mtime: Date): string[] {
      fs.mkdirSync(folder, { recursive: true });
      const bounds = [0, ...cuts, lines.length];
      const names: string[] = [];
      for (let k = 0; k < bounds.length - 1; k++) {
        const rotation = bounds.length - 2 - k;
        const name = path.join(folder, rotation ? `mail.log.${rotation}` : 'mail.log');
        fs.writeFileSync(name, lines.slice(bounds[k], bounds[k + 1]).join('\n') + '\n');
        const at = new Date(mtime.getTime() - rotation * 86_400_000);
        fs.utimesSync(name, at, at);
        names.push(name);
      }
      return names;
    }

    it('counts the try whose auth line ends one file and whose login line starts the next once, in one drop', async () => {
      const { lines, cuts, truth, truth: { attempts }, mtime } = await cutLog('rotated-mid', 4);
      expect(cuts).toHaveLength(4);
      const folder = path.join(modeDir, 'rotated-mid', 'logs');
      writeRotated(folder, lines, cuts, mtime);
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([folder]);
      expect(result.sources.map((s) => path.basename(s.path))).toEqual(['mail.log.4', 'mail.log.3', 'mail.log.2', 'mail.log.1', 'mail.log']);
      expect(result.attemptsAdded).toBe(attempts);
      expect((await engine.summary(ALL)).attempts).toBe(attempts);
      await expectServices(engine, truth);
      await engine.dispose();
    });

    it('counts the try once when each file is read by an ingest of its own, the newer one first (today\'s log, then last week\'s) or last', async () => {
      const { lines, cuts, truth, mtime } = await cutLog('rotated-newer-first', 3);
      expect(cuts).toHaveLength(3);
      const files = writeRotated(path.join(modeDir, 'rotated-newer-first', 'logs'), lines, cuts, mtime);
      // Newest first, and oldest first: each file by an ingest of its own.
      for (const order of [[...files].reverse(), files]) {
        const engine = await freshEngine(parseWorker);
        let added = 0;
        for (const file of order) added += (await engine.ingest([file])).attemptsAdded;
        expect(added).toBe(truth.attempts);
        await expectServices(engine, truth);
        await engine.dispose();
      }
    });

    it('counts the try once when the rotated files are put together newest first (zcat -f mail.log mail.log.1 ... > all.log)', async () => {
      const { lines, cuts, truth, mtime } = await cutLog('rotated-newest-first', 4);
      expect(cuts).toHaveLength(4);
      const files = writeRotated(path.join(modeDir, 'rotated-newest-first', 'logs'), lines, cuts, mtime);
      // Each login line at a file's start now comes a whole older file before the auth line it closes.
      const joined = path.join(modeDir, 'rotated-newest-first', 'all.log');
      fs.writeFileSync(joined, Buffer.concat([...files].reverse().map((f) => fs.readFileSync(f))));
      fs.utimesSync(joined, mtime, mtime);
      const engine = await freshEngine(parseWorker);
      expect((await engine.ingest([joined])).attemptsAdded).toBe(truth.attempts);
      await engine.dispose();
    });

    it('counts an SMTP AUTH try once when dovecot\'s line of it ends one file and postfix\'s starts the next', async () => {
      const full = await writeSingleLog(path.join(modeDir, 'rotated-sasl', 'full.log'), { ...options, days: 20, swarm: null, smtpShare: 0.3 });
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      lines.pop();
      // After a dovecot auth line without session whose address postfix names next (SASL ... authentication failed).
      const cuts: number[] = [];
      for (let i = 0; i < lines.length && cuts.length < 4; i++) {
        const dovecot = /dovecot\[\d+\]: auth: [\w-]+\([^,()]*,([^,()<>]+)\): /.exec(lines[i]);
        if (!dovecot || (cuts.length && i < cuts[cuts.length - 1] + 500)) continue;
        if (lines.slice(i + 1, i + 4).some((l) => l.includes(`[${dovecot[1]}]: SASL`))) cuts.push(i + 1);
      }
      expect(cuts).toHaveLength(4);
      const folder = path.join(modeDir, 'rotated-sasl', 'logs');
      const files = writeRotated(folder, lines, cuts, fs.statSync(full.files[0].path).mtime);
      const engine = await freshEngine(parseWorker);
      expect((await engine.ingest([...files].reverse())).attemptsAdded).toBe(full.truth.attempts);
      await expectServices(engine, full.truth);
      await engine.dispose();
    });

    it('counts it once with the names of an hourly rotation (dateformat -%Y%m%d%H), whatever order they are given in', async () => {
      const { lines, cuts, truth: { attempts }, mtime } = await cutLog('rotated-hourly', 3);
      expect(cuts).toHaveLength(3);
      const folder = path.join(modeDir, 'rotated-hourly', 'logs');
      const names = writeRotated(folder, lines, cuts, mtime).map((file, k, all) => {
        // mail.log.3 … mail.log.1 become mail.log-2023112200 … mail.log-2023112202; mail.log stays.
        if (k === all.length - 1) return file;
        const dated = path.join(folder, `mail.log-20231122${String(k).padStart(2, '0')}${k === 0 ? '.gz' : ''}`);
        const content = fs.readFileSync(file);
        fs.writeFileSync(dated, k === 0 ? zlib.gzipSync(content) : content);
        fs.utimesSync(dated, fs.statSync(file).mtime, fs.statSync(file).mtime);
        fs.rmSync(file);
        return dated;
      });
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([...names].reverse());
      expect(result.sources.map((s) => path.basename(s.path))).toEqual(['mail.log-2023112200.gz', 'mail.log-2023112201', 'mail.log-2023112202', 'mail.log']);
      expect(result.attemptsAdded).toBe(attempts);
      await engine.dispose();
    });

    it('counts it once when the older file was read by an earlier ingest, from another folder', async () => {
      const { lines, cuts, truth, truth: { attempts }, mtime } = await cutLog('rotated-later', 1);
      expect(cuts).toHaveLength(1);
      const engine = await freshEngine(parseWorker);
      // Day one: the server's mail.log, up to the cut, read where it was copied to. Later: the server's rotated
      // pair (mail.log.1, the same content, and the new mail.log), copied to another folder.
      const [first] = writeRotated(path.join(modeDir, 'rotated-later', 'monday'), lines.slice(0, cuts[0]), [], mtime);
      const before = (await engine.ingest([first])).attemptsAdded;
      const later = path.join(modeDir, 'rotated-later', 'tuesday');
      writeRotated(later, lines, cuts, mtime);
      const after = await engine.ingest([later]);
      expect(after.sources.find((s) => s.path.endsWith('mail.log.1'))?.notes.join()).toMatch(/same content/);
      expect(before + after.attemptsAdded).toBe(attempts);
      await expectServices(engine, truth);
      await engine.dispose();
    });

    it('counts it once when only the live log is given each day, the day after it was rotated away', async () => {
      const { lines, cuts, truth, truth: { attempts }, mtime } = await cutLog('rotated-cron', 1);
      expect(cuts).toHaveLength(1);
      const live = path.join(modeDir, 'rotated-cron', 'live');
      const engine = await freshEngine(parseWorker);
      // `swarmscope ingest /var/log/mail.log` every day: the second run finds new content at the same path.
      const [log] = writeRotated(live, lines.slice(0, cuts[0]), [], mtime);
      const before = (await engine.ingest([log])).attemptsAdded;
      fs.writeFileSync(log, lines.slice(cuts[0]).join('\n') + '\n');
      fs.utimesSync(log, mtime, mtime);
      const after = await engine.ingest([log]);
      expect(after.sources[0].notes.join()).not.toMatch(/continues|same content/);
      expect(before + after.attemptsAdded).toBe(attempts);
      await expectServices(engine, truth);
      await engine.dispose();
    });

    it('reads the files of a rotation given newest first (as `mail.log*` gives them) oldest first, and counts the cut try once', async () => {
      const { lines, cuts, truth: { attempts }, mtime } = await cutLog('rotated-reversed', 1);
      expect(cuts).toHaveLength(1);
      const folder = path.join(modeDir, 'rotated-reversed', 'logs');
      const [older, newer] = writeRotated(folder, lines, cuts, mtime);
      const other = await writeSingleLog(path.join(modeDir, 'rotated-reversed', 'other', 'dovecot.log'), { ...options, days: 3, swarm: null });
      const engine = await freshEngine(parseWorker);
      // The shell's order for `logs/mail.log*`, with another log between: only the rotation's own order changes.
      const result = await engine.ingest([newer, other.files[0].path, older]);
      expect(result.sources.map((s) => [path.basename(s.path), s.errors])).toEqual([['mail.log.1', []], ['dovecot.log', []], ['mail.log', []]]);
      result.sources.forEach(accounted);
      expect(result.attemptsAdded).toBe(attempts + other.truth.attempts);
      await engine.dispose();
    });
  });

  describe('a log cut into pieces by `split`, across New Year', () => {
    it.each([
      ['split -d -a 3 mail.log mail.log.', (k: number) => `mail.log.${String(k).padStart(3, '0')}`],
      ['split mail.log (no prefix)', (k: number) => `xa${String.fromCharCode(97 + k)}`],
      ['split mail.log maillog-', (k: number) => `maillog-a${String.fromCharCode(97 + k)}`],
    ])('reads the pieces of %s first to last, each cut try once, every day right', async (_, nameOf) => {
      const { lines, cuts, truth, mtime } = await cutLog(`split-${nameOf(0)}`, 3, '2023-12-20');
      expect(cuts).toHaveLength(3);
      const folder = path.join(modeDir, `split-${nameOf(0)}`, 'pieces');
      fs.mkdirSync(folder, { recursive: true });
      const bounds = [0, ...cuts, lines.length];
      for (let k = 0; k < bounds.length - 1; k++) {
        const piece = path.join(folder, nameOf(k));
        fs.writeFileSync(piece, lines.slice(bounds[k], bounds[k + 1]).join('\n') + '\n');
        // split writes every piece at once: they share one time, the year of none but the last.
        fs.utimesSync(piece, mtime, mtime);
      }
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([folder]);
      expect(result.sources.map((s) => path.basename(s.path))).toEqual([0, 1, 2, 3].map(nameOf));
      result.sources.forEach(accounted);
      expect(result.attemptsAdded).toBe(truth.attempts);
      const perDay = (await engine.perDay(ALL)).filter((d) => d.attempts > 0);
      expect(daysWithAttempts(perDay)).toEqual(daysWithAttempts(truth.perDay));
      expect(perDay[0].day).toBe('2023-12-20');
      await engine.dispose();
    });
  });

  describe('an older, shorter copy of a file read before', () => {
    it('adds nothing when the file it was copied from still starts with it, plain or gzip', async () => {
      const full = await writeSingleLog(path.join(modeDir, 'older', 'live', 'mail.log'), { ...options, days: 20, swarm: null });
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      // Yesterday's backup of the live log: its first 60 % of lines.
      const backup = path.join(modeDir, 'older', 'backup');
      fs.mkdirSync(backup, { recursive: true });
      const older = lines.slice(0, Math.floor(lines.length * 0.6)).join('\n') + '\n';
      fs.writeFileSync(path.join(backup, 'mail.log'), older);
      fs.writeFileSync(path.join(backup, 'mail.log.1.gz'), zlib.gzipSync(older));

      const engine = await freshEngine(parseWorker);
      const first = await engine.ingest([full.files[0].path]);
      expect(first.attemptsAdded).toBe(full.truth.attempts);
      const again = await engine.ingest([backup]);
      expect(again.attemptsAdded).toBe(0);
      expect(again.loginsAdded).toBe(0);
      for (const s of again.sources) expect(s.notes.join()).toMatch(/older, shorter copy of .*mail\.log: all of it is already in the case/);
      expect((await engine.caseInfo()).sources).toHaveLength(1);
      expect((await engine.summary(ALL)).attempts).toBe(full.truth.attempts);
    });

    it('is read as a file of its own when the file it would be a copy of is gone, dated as the case dated the same lines, and its tries counted once', async () => {
      // A backup kept beside the live log's folder, copied without its time; the second log's first line, a
      // cron job's, is on New Year's Eve, and its first try on New Year's Day.
      const newYearsEve = 'Dec 31 23:59:59 mail CRON[4242]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)';
      for (const [name, start, firstLine, firstYear] of [['older-gone', '2023-11-20', null, 2023], ['older-gone-new-year', '2024-01-01', newYearsEve, 2023]] as const) {
        const full = await writeSingleLog(path.join(modeDir, name, 'live', 'mail.log'), { ...options, start, days: 20, swarm: null });
        const mtime = fs.statSync(full.files[0].path).mtime;
        const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
        if (firstLine) {
          lines.unshift(firstLine);
          fs.writeFileSync(full.files[0].path, lines.join('\n'));
          fs.utimesSync(full.files[0].path, mtime, mtime);
        }
        const backup = path.join(modeDir, name, 'backup.log');
        fs.writeFileSync(backup, lines.slice(0, Math.floor(lines.length * 0.6)).join('\n') + '\n');
        const alone = await (await freshEngine(parseWorker)).ingest([backup]);
        expect(alone.attemptsAdded).toBeGreaterThan(0);
        // Read alone, its time (today's) dates it; the case of the log it was copied from dates it as the log.
        expect((await (await freshEngine(parseWorker)).ingest([full.files[0].path])).sources[0].firstTs).toMatch(new RegExp(`^${start}`));

        const engine = await freshEngine(parseWorker);
        await engine.ingest([full.files[0].path]);
        fs.rmSync(full.files[0].path);
        const again = await engine.ingest([backup]);
        const [report] = again.sources;
        expect(report.warnings.join()).toMatch(/starts like .*mail\.log but does not go on as the case holds it: read as a file of its own$/);
        expect(report.notes.join()).toMatch(new RegExp(`dated as the case dated the same first lines of .*mail\\.log \\(its first line in ${firstYear}\\)`));
        expect(report.notes.join()).toMatch(/of it are also in .*live\/mail\.log, whose lines name the same server .*: counted once/);
        expect([again.attemptsAdded, again.loginsAdded]).toEqual([0, 0]);
        accounted(report);
        expect((await engine.summary(ALL)).attempts).toBe(full.truth.attempts);
        expect((await engine.caseInfo()).sources[1].warnings.join()).not.toMatch(/counted twice/);
        await engine.dispose();
      }
    });
  });

  describe('rotated files already in the case, put together into one file', () => {
    it('adds nothing for the whole of them, and only what follows them otherwise, each line accounted for', async () => {
      const folder = path.join(modeDir, 'put-together');
      const logs = await writeRotatedLogs(path.join(folder, 'logs'), { ...options, days: 40 }, { compress: false });
      const engine = await freshEngine(parseWorker);
      expect((await engine.ingest([path.join(folder, 'logs')])).attemptsAdded).toBe(logs.truth.attempts);
      const byName = (name: string): Buffer => fs.readFileSync(path.join(folder, 'logs', name));
      const copies = path.join(folder, 'copies');
      fs.mkdirSync(copies);

      // cat mail.log.5 mail.log.4 > dec.log: both already in the case.
      const dec = path.join(copies, 'dec.log');
      fs.writeFileSync(dec, Buffer.concat([byName('mail.log.5'), byName('mail.log.4')]));
      const same = await engine.ingest([dec]);
      expect(same.attemptsAdded + same.loginsAdded).toBe(0);
      expect(same.sources[0].notes.join()).toMatch(/same content as .*mail\.log\.5, then .*mail\.log\.4, put together/);

      // One rotation and the start of the next, as far as a copy went: nothing the case does not hold.
      const partLines = byName('mail.log.2').toString().split('\n').slice(0, 2000);
      const part = path.join(copies, 'part.log');
      fs.writeFileSync(part, Buffer.concat([byName('mail.log.3'), Buffer.from(`${partLines.join('\n')}\n`)]));
      const partly = await engine.ingest([part]);
      expect(partly.attemptsAdded + partly.loginsAdded).toBe(0);
      expect(partly.sources[0].notes.join()).toMatch(/same content as .*mail\.log\.3, then the first 2,000 lines of .*mail\.log\.2, put together/);

      // Then lines the case has not seen: a later week of the server's log, written after them.
      const later = await writeSingleLog(path.join(folder, 'later', 'mail.log'), { ...options, seed: 12, start: '2024-01-15', days: 3, swarm: null });
      const laterLines = fs.readFileSync(later.files[0].path);
      const joined = path.join(copies, 'joined.log');
      fs.writeFileSync(joined, Buffer.concat([byName('mail.log.3'), byName('mail.log.2'), laterLines]));
      const grown = await engine.ingest([joined]);
      expect(grown.attemptsAdded).toBe(later.truth.attempts);
      const [report] = grown.sources;
      expect(report.notes.join()).toMatch(/lines [\d,]+ to [\d,]+ are the whole of .*mail\.log\.2, already in the case: ignored here/);
      const info = (await engine.caseInfo()).sources.find((x) => x.path === joined)!;
      accounted(info);
      expect(info.lines).toBe([byName('mail.log.3'), byName('mail.log.2'), laterLines].reduce((n, b) => n + b.toString().split('\n').length - 1, 0));
      expect((await engine.summary(ALL)).attempts).toBe(logs.truth.attempts + later.truth.attempts);
      await engine.dispose();
    });
  });

  describe('compressed rotations already in the case, put together into one compressed file', () => {
    it('adds nothing, whether the gzip files were joined (cat a.gz b.gz) or their content gzipped again', async () => {
      const folder = path.join(modeDir, 'put-together-gz');
      const logs = await writeRotatedLogs(path.join(folder, 'logs'), { ...options, days: 40 });
      const engine = await freshEngine(parseWorker);
      expect((await engine.ingest([path.join(folder, 'logs')])).attemptsAdded).toBe(logs.truth.attempts);
      const gz = (name: string): Buffer => fs.readFileSync(path.join(folder, 'logs', name));
      expect(['mail.log.5.gz', 'mail.log.4.gz'].every((f) => fs.existsSync(path.join(folder, 'logs', f)))).toBe(true);
      const joined = path.join(folder, 'copies', 'dec.log.gz');
      fs.mkdirSync(path.dirname(joined), { recursive: true });
      fs.writeFileSync(joined, Buffer.concat([gz('mail.log.5.gz'), gz('mail.log.4.gz')]));
      const again = path.join(folder, 'copies', 'again.log.gz');
      fs.writeFileSync(again, zlib.gzipSync(Buffer.concat([zlib.gunzipSync(gz('mail.log.3.gz')), zlib.gunzipSync(gz('mail.log.2.gz'))])));
      for (const file of [joined, again]) {
        const result = await engine.ingest([file]);
        expect(result.attemptsAdded + result.loginsAdded, file).toBe(0);
        expect(result.sources[0].notes.join()).toMatch(/same content as .*, then .*, put together, already in the case/);
      }
      expect((await engine.summary(ALL)).attempts).toBe(logs.truth.attempts);
      await engine.dispose();
    });
  });

  describe('a file that starts like one read before and then differs', () => {
    it('is read whole as a source of its own', async () => {
      const a = await writeSingleLog(path.join(modeDir, 'forked', 'a', 'mail.log'), { ...options, days: 20, swarm: null });
      const other = await writeSingleLog(path.join(modeDir, 'forked', 'other', 'mail.log'), { ...options, seed: 99, days: 20, swarm: null });
      const aLines = fs.readFileSync(a.files[0].path, 'utf8').split('\n');
      const otherLines = fs.readFileSync(other.files[0].path, 'utf8').split('\n');
      const forked = path.join(modeDir, 'forked', 'b', 'mail.log');
      fs.mkdirSync(path.dirname(forked), { recursive: true });
      // The same first lines (so the same head hash), then another whole log: longer than a.
      fs.writeFileSync(forked, [...aLines.slice(0, 200), ...otherLines].join('\n'));
      expect(fs.statSync(forked).size).toBeGreaterThan(fs.statSync(a.files[0].path).size);

      const engine = await freshEngine(parseWorker);
      await engine.ingest([a.files[0].path]);
      const second = await engine.ingest([forked]);
      const alone = await (await freshEngine(parseWorker)).ingest([forked]);
      expect(second.sources[0].notes.join()).not.toMatch(/continues|same content/);
      expect(second.attemptsAdded).toBe(alone.attemptsAdded);
      expect(second.sources[0].lines).toBe(alone.sources[0].lines);
      expect((await engine.caseInfo()).sources).toHaveLength(2);
    });

    it('adds nothing when the file at the same path was written anew with fewer of the same lines (a journal exported again)', async () => {
      const where = path.join(modeDir, 'written-anew');
      const full = await writeSingleLog(path.join(where, 'full.log'), { ...options, days: 3, swarm: null });
      const lines = fs.readFileSync(full.files[0].path, 'utf8').split('\n');
      const log = path.join(where, 'export', 'dovecot.log');
      fs.mkdirSync(path.dirname(log));
      const write = (upTo: number): void => {
        fs.writeFileSync(log, lines.slice(0, upTo).join('\n') + '\n');
        fs.utimesSync(log, fs.statSync(full.files[0].path).mtime, fs.statSync(full.files[0].path).mtime);
      };
      write(400);
      const engine = await freshEngine(parseWorker);
      const first = await engine.ingest([log]);
      // The same first lines, fewer of them: nothing new, and fewer than ten tries and ten logins, which between
      // two files of other names would be too few to be taken for copies.
      let upTo = 149;
      const few = (n: number, re: RegExp): boolean => lines.slice(0, n).filter((l) => re.test(l)).length < 10;
      while (!(few(upTo, /Login: /) && few(upTo, /auth failed|unknown user|Password mismatch/))) upTo--;
      expect(lines.slice(0, upTo).some((l) => /Login: /.test(l))).toBe(true);
      write(upTo);
      const again = await engine.ingest([log]);
      expect([again.attemptsAdded, again.loginsAdded]).toEqual([0, 0]);
      const info = await engine.caseInfo();
      expect([info.attempts, info.logins]).toEqual([first.attemptsAdded, first.loginsAdded]);
      expect(again.sources[0].notes.join()).toMatch(/of it were already in the case, read from this path before it was written anew: counted once$/);
      // Read once more as it is: the same content as that last reading, with no new source and no warning.
      const third = await engine.ingest([log]);
      expect([third.attemptsAdded, third.loginsAdded]).toEqual([0, 0]);
      expect(third.sources[0].notes.join()).toMatch(/^same content as .*dovecot\.log, already in the case/);
      expect(third.sources[0].warnings).toEqual([]);
      expect((await engine.caseInfo()).sources).toHaveLength(2);
      await engine.dispose();
    });

    it('says its tries shared with the other file count once, without the caveat that they count twice', async () => {
      // In one folder, where copies between files are looked for.
      const a = await writeSingleLog(path.join(modeDir, 'forked-copy', 'logs', 'a.log'), { ...options, days: 20, swarm: null });
      // a runs from Nov 20 to Dec 9, 2023; the other log from Dec 15 on, so that b is dated from its time as a is.
      const other = await writeSingleLog(path.join(modeDir, 'forked-copy', 'other', 'o.log'), { ...options, seed: 98, start: '2023-12-15', days: 10, swarm: null });
      const aLines = fs.readFileSync(a.files[0].path, 'utf8').split('\n');
      const shared = aLines.slice(0, 400);
      const forked = path.join(modeDir, 'forked-copy', 'logs', 'b.log');
      fs.mkdirSync(path.dirname(forked), { recursive: true });
      fs.writeFileSync(forked, [...shared, ...fs.readFileSync(other.files[0].path, 'utf8').split('\n')].join('\n'));
      const { mtime } = fs.statSync(other.files[0].path);
      fs.utimesSync(forked, mtime, mtime);
      const engine = await freshEngine(parseWorker);
      await engine.ingest([a.files[0].path]);
      const second = await engine.ingest([forked]);
      const report = second.sources[0];
      expect(report.notes.join()).toMatch(/^[\d,]+ attempts and [\d,]+ logins of it are also in .*a\.log .*counted once$/);
      expect(report.warnings.join()).toMatch(/^starts like .*a\.log but does not go on as the case holds it: read as a file of its own$/);
      expect(report.warnings.join()).not.toMatch(/counted twice/);
      const kept = (await engine.caseInfo()).sources.find((x) => x.path === forked)!;
      expect(kept.warnings.join()).not.toMatch(/counted twice/);
      expect(second.attemptsAdded).toBe(other.truth.attempts);
    });
  });

  describe('bad files', () => {
    it('says the damage is among the lines read when a stored checksum does not match (zstd\'s, gzip\'s CRC)', async () => {
      // 100 days pack into more than the 1 MiB read at once: the lines before the last read are kept. A file
      // read in one go has nothing kept, and is not readable.
      for (const days of [100, 10]) {
        const good = await writeSingleLog(path.join(modeDir, 'checksums', `good-${days}.log`), { ...options, days, swarm: null });
        const content = fs.readFileSync(good.files[0].path);
        for (const [ext, packed, checksumFromEnd] of [
          ['zst', compressWith('zstd', content, '-1'), 4],
          ['gz', zlib.gzipSync(content), 8],
        ] as const) {
          const name = `changed-${days}.log.${ext}`;
          const changed = Buffer.from(packed);
          changed[changed.length - checksumFromEnd] ^= 0xff;
          const file = path.join(modeDir, 'checksums', name);
          fs.writeFileSync(file, changed);
          const [report] = (await (await freshEngine(parseWorker)).ingest([file])).sources;
          if (days === 10) {
            expect(report.errors, name).toEqual([expect.stringMatching(/^not readable as (zstd|gzip): .*(checksum|data check)/)]);
            expect(report.attempts, name).toBe(0);
          } else {
            expect(report.errors, name).toEqual([]);
            expect(report.warnings.join(), name).toMatch(/content is damaged \(.*(checksum|data check).*\); the [\d,]+ lines read were kept, but the damage is among them/);
            expect(report.lines, name).toBeGreaterThan(0);
            expect(report.lines, name).toBeLessThan(good.truth.lines.total);
          }
          accounted(report);
        }
      }
    });


    it('reads every line of a gzip file with trailing garbage, as gzip -d does, and says how many bytes it left', async () => {
      // 100 days pack into several reads, 10 days into one: zlib's stream lost the content decoded in its
      // last step (all of it, for the small file) when it met the garbage.
      for (const days of [100, 10]) {
        const good = await writeSingleLog(path.join(modeDir, 'trailing', `good-${days}.log`), { ...options, days, swarm: null });
        const content = fs.readFileSync(good.files[0].path);
        const half = content.lastIndexOf(10, content.length >> 1) + 1;
        const garbage = Buffer.from('Nov 30 10:00:00 mx dovecot: imap-login: appended after the rotation\n');
        const file = path.join(modeDir, 'trailing', `garbage-${days}.log.gz`);
        // Two members, as a rotation appended to, then bytes that are not gzip.
        fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(content.subarray(0, half)), zlib.gzipSync(content.subarray(half)), garbage]));
        const { atime, mtime } = fs.statSync(good.files[0].path); // the log's time, from which its years are read
        fs.utimesSync(file, atime, mtime);
        const engine = await freshEngine(parseWorker);
        const [report] = (await engine.ingest([file])).sources;
        expect(report.errors).toEqual([]);
        expect(report.lines).toBe(good.truth.lines.total);
        expect(report.attempts).toBe(good.truth.attempts);
        expect(report.warnings).toEqual([`the gzip data ends ${garbage.length} bytes before the file does: those bytes are not gzip (trailing garbage, `
          + 'which gzip -d ignores too) and were not read; every line of the gzip data was read']);
        accounted(report);
        // Its content is the log's: the plain log is the same content.
        const again = await engine.ingest([good.files[0].path]);
        expect(again.attemptsAdded).toBe(0);
        expect(again.sources[0].notes.join()).toMatch(/same content as .*garbage-\d+\.log\.gz/);
      }
    });

    it('reads a gzip file padded with zeros whole, without a warning', async () => {
      const good = await writeSingleLog(path.join(modeDir, 'padded', 'good.log'), { ...options, days: 10, swarm: null });
      const file = path.join(modeDir, 'padded', 'padded.log.gz');
      fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(fs.readFileSync(good.files[0].path)), Buffer.alloc(4096)]));
      const { atime, mtime } = fs.statSync(good.files[0].path);
      fs.utimesSync(file, atime, mtime);
      const [report] = (await (await freshEngine(parseWorker)).ingest([file])).sources;
      expect(report.attempts).toBe(good.truth.attempts);
      expect([...report.errors, ...report.warnings]).toEqual([]);
    });

    it('reports each bad file clearly and keeps going with the others', async () => {
      const bad = path.join(modeDir, 'bad');
      fs.mkdirSync(bad, { recursive: true });
      const good = await writeSingleLog(path.join(bad, 'good.log'), { ...options, days: 10, swarm: null });
      const gz = zlib.gzipSync(fs.readFileSync(good.files[0].path));
      fs.writeFileSync(path.join(bad, 'truncated.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
      fs.writeFileSync(path.join(bad, 'not-gzip.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('garbage after the magic bytes\n')]));
      fs.writeFileSync(path.join(bad, 'image.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.alloc(5000, 0)]));
      const huge = path.join(bad, 'huge.log');
      fs.writeFileSync(huge, 'Nov 21 10:00:00 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<' + 'x'.repeat(3_000_000) + '>, rip=198.51.100.7\n' +
        'Nov 21 10:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, method=PLAIN, rip=198.51.100.8, lip=10.0.0.1\n');
      fs.utimesSync(huge, new Date('2023-11-22T00:00:00Z'), new Date('2023-11-22T00:00:00Z'));
      // A log with a stray NUL byte in its first 4 KiB (a byte mangled on disk): read, not refused as binary.
      const nulLog = path.join(bad, 'nul.log');
      const nulText = Array.from({ length: 40 }, (_, i) => `Nov 21 10:00:${String(i).padStart(2, '0')} mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): `
        + `user=<u${i}>, method=PLAIN, rip=198.51.100.${i + 20}, lip=10.0.0.1\n`).join('');
      const nulBytes = Buffer.from(nulText);
      nulBytes[nulText.indexOf('imap-login', nulText.indexOf('user=<u5>') - 100)] = 0;
      fs.writeFileSync(nulLog, nulBytes);
      fs.utimesSync(nulLog, new Date('2023-11-22T00:00:00Z'), new Date('2023-11-22T00:00:00Z'));
      // A log whose lines end with CR alone (classic Mac OS).
      fs.writeFileSync(path.join(bad, 'cr.log'), Array.from({ length: 5 }, (_, i) => `Nov 21 10:00:0${i} mail dovecot: imap-login: Disconnected `
        + `(auth failed, 1 attempts in 2 secs): user=<u${i}>, method=PLAIN, rip=198.51.100.${i + 60}`).join('\r') + '\r');
      fs.utimesSync(path.join(bad, 'cr.log'), new Date('2023-11-22T00:00:00Z'), new Date('2023-11-22T00:00:00Z'));
      // A log written in Latin-1: a user name's é is one byte that is not UTF-8.
      const latin1 = path.join(bad, 'latin1.log');
      fs.writeFileSync(latin1, Buffer.from('Nov 21 10:00:01 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<caf\u00e9>, method=PLAIN, rip=198.51.100.90\n'
        + 'Nov 21 10:00:02 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<cafe>, method=PLAIN, rip=198.51.100.91\n', 'latin1'));
      fs.utimesSync(latin1, new Date('2023-11-22T00:00:00Z'), new Date('2023-11-22T00:00:00Z'));
      const noise = Buffer.alloc(200_000);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 251 + 1; // no NULs, lots of control bytes
      fs.writeFileSync(path.join(bad, 'noise.bin'), noise);
      // Logs in the other compressions, cut off halfway (a copy that stopped): what came before is read. Each is
      // a log of its own: one log cut at different places would be copies of each other.
      const cutFrom = new Map<string, WrittenLogs>();
      for (const [k, [tool, ext]] of COMPRESSORS.entries()) {
        const own = await writeSingleLog(path.join(modeDir, 'bad-sources', `${ext}.log`), { ...options, seed: 40 + k, days: 10, swarm: null });
        cutFrom.set(ext, own);
        // The fastest level: bzip2's blocks are then 100 kB of content, so half the file holds whole ones.
        const whole = compressWith(tool, fs.readFileSync(own.files[0].path), '-1');
        fs.writeFileSync(path.join(bad, `truncated.log.${ext}`), whole.subarray(0, Math.floor(whole.length / 2)));
        // Cut before its first whole block: nothing of it can be read, not even the head that names its lineage.
        fs.writeFileSync(path.join(bad, `early.log.${ext}`), whole.subarray(0, 300));
      }
      fs.writeFileSync(path.join(bad, 'logs.zip'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]));
      // Empty files (a live log just rotated) are no sources, and no copies of each other.
      fs.writeFileSync(path.join(bad, 'empty.log'), '');
      fs.writeFileSync(path.join(bad, 'empty-too.log'), '');
      // A pipe would wait for a writer for ever: it is passed over, and the result says so.
      spawnSync('mkfifo', [path.join(bad, 'pipe.log')]);
      // The logs sent as an archive, as tar and as tar with gzip (the gzip one inflates to the tar).
      const archived = path.join(modeDir, 'archived');
      fs.mkdirSync(archived, { recursive: true });
      fs.writeFileSync(path.join(archived, 'mail.log'), 'Nov 21 10:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, rip=198.51.100.8\n');
      expect(spawnSync('tar', ['-cf', path.join(bad, 'logs.tar'), '-C', archived, 'mail.log']).status).toBe(0);
      fs.writeFileSync(path.join(bad, 'logs.tgz'), zlib.gzipSync(fs.readFileSync(path.join(bad, 'logs.tar'))));

      // A case kept beside its logs (`swarmscope ingest . --case case.sqlite`) is found with them on the next ingest.
      const other = await freshEngine(parseWorker);
      await other.saveCase(path.join(bad, 'case.sqlite'));
      await other.dispose();

      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([bad, path.join(modeDir, 'does-not-exist.log')]);
      const by = (name: string) => result.sources.find((s) => s.path.endsWith(name))!;
      expect(by('does-not-exist.log').errors[0]).toMatch(/no such file/);
      // Binary files found in a folder are passed over (a folder given whole holds more than logs); named, they are errors.
      expect([by('image.png'), by('noise.bin')].map((s) => [s.errors, s.notes])).toEqual(Array(2).fill([[], ['passed over: not a text log (the file holds binary data)']]));
      const named = await engine.ingest([path.join(bad, 'image.png')]);
      expect(named.sources[0].errors).toEqual(['not a text log: the file holds binary data']);
      // A case among them is named as what it is.
      expect(by('case.sqlite').notes).toEqual([expect.stringMatching(/^passed over: not a text log \(an SQLite database, such as a case/)]);
      expect((await engine.ingest([path.join(bad, 'case.sqlite')])).sources[0].errors).toEqual([expect.stringMatching(/^not a text log: an SQLite database/)]);
      // The archives' files are read, shown under the archive's path: the second holds the same content.
      expect([by('logs.tar/mail.log').attempts, by('logs.tgz/mail.log').notes.join()]).toEqual([1, expect.stringMatching(/same content as .*logs\.tar\/mail\.log/)]);
      expect(by('logs.zip').errors[0]).toMatch(/^a zip archive that could not be unpacked whole \(.+\)/);
      // The gzip copy of good.log cut halfway holds nothing the case lacks: it is said so, and adds nothing.
      expect([by('truncated.log.gz').attempts, by('truncated.log.gz').notes]).toEqual([0,
        [`a shorter copy of ${path.join(bad, 'good.log')}, damaged (the gzip stream ends early): all it holds before the damage is already in the case`]]);
      for (const [tool, ext] of COMPRESSORS) {
        const cut = by(`truncated.log.${ext}`);
        expect(cut.encoding).toBe(tool === 'bzip2' ? 'bzip2' : tool);
        expect(cut.errors).toEqual([]);
        // The decoder's words, said once, with what was kept.
        expect(cut.warnings, ext).toEqual([expect.stringMatching(new RegExp(`^the ${cut.encoding} stream ends early; the [\\d,]+ lines before the damage were read`
          + '(, not the line it cut short \\([\\d,]+ bytes\\))?$'))]);
        // A block-wise compression stops at the last whole block before the cut; zstd's come every 128 kB.
        expect(cut.lines, ext).toBeLessThan(cutFrom.get(ext)!.truth.lines.total);
        expect(cut.attempts, ext).toBeGreaterThan(0);
        accounted(cut);
        // Every file cut before its content has the same (empty) head: none of them continues another.
        const early = by(`early.log.${ext}`);
        expect(early.notes.join(), ext).not.toMatch(/continues|same content/);
        expect([...early.errors, ...early.warnings].join(), ext).toMatch(/not readable|ends early/);
      }
      expect(by('not-gzip.gz').errors[0]).toMatch(/not readable as gzip/);
      expect(by('huge.log').warnings).toContain('1 line longer than 64 KiB was cut to that length');
      expect(by('huge.log').lines).toBe(2);
      expect(by('nul.log')).toMatchObject({ errors: [], lines: 40, attempts: 39, attemptLines: 39, unparsedLines: 1 });
      expect(by('nul.log').warnings).toEqual([expect.stringMatching(/^1 line holds NUL bytes, as a file damaged on disk does: it was read as it is/)]);
      expect(by('good.log').warnings.join()).not.toMatch(/NUL|UTF-8|carriage return/);
      expect(by('cr.log').warnings).toContainEqual(expect.stringMatching(/^its lines end with a carriage return alone .*: they are read as one line, which miscounts their tries; convert the file first \(tr '\\r' '\\n' < file > file\.log\)$/));
      expect(by('latin1.log')).toMatchObject({ errors: [], attempts: 2, warnings: [expect.stringMatching(/^1 line about logins holds bytes that are not UTF-8 \(a log written in Latin-1\?\)/)] });
      expect((await engine.users(ALL, 100_000)).map((u) => u.value)).toEqual(expect.arrayContaining(['caf\uFFFD', 'cafe']));
      expect(by('good.log').attempts).toBe(good.truth.attempts);
      expect(result.skipped).toEqual([{ path: path.join(bad, 'pipe.log'), reason: 'a named pipe, not a regular file' }]);
      for (const name of ['empty.log', 'empty-too.log']) expect(by(name).notes).toEqual(['empty: nothing to read']);
      expect((await engine.caseInfo()).sources.some((x) => x.path.includes('empty'))).toBe(false);
      expect(result.sources.some((x) => x.path.endsWith('pipe.log'))).toBe(false);
      for (const s of result.sources.filter((x) => !x.errors.length)) accounted(s);
    });
  });

  describe('a compressed copy cut short, and the whole log', () => {
    it('counts each try once, whichever is read first, and the whole log goes on at the line the cut copy lost', async () => {
      const where = path.join(modeDir, 'cut-copy');
      const whole = await writeSingleLog(path.join(where, 'mail.log'), { ...options, days: 30 });
      const gz = zlib.gzipSync(fs.readFileSync(whole.files[0].path));
      const cutCopy = path.join(where, 'copy', 'mail.log.gz');
      fs.mkdirSync(path.dirname(cutCopy));
      fs.writeFileSync(cutCopy, gz.subarray(0, Math.floor(gz.length * 0.55)));
      fs.utimesSync(cutCopy, fs.statSync(whole.files[0].path).atime, fs.statSync(whole.files[0].path).mtime);
      for (const order of [[cutCopy, whole.files[0].path], [whole.files[0].path, cutCopy]]) {
        const engine = await freshEngine(parseWorker);
        const reports = [];
        for (const file of order) reports.push(...(await engine.ingest([file])).sources);
        const info = await engine.caseInfo();
        expect([info.attempts, info.logins], order[0]).toEqual([whole.truth.attempts, whole.truth.logins]);
        for (const r of reports) expect(r.unparsedLines, r.path).toBe(0);
        const [first, second] = reports;
        if (order[0] === cutCopy) {
          expect(first.warnings).toEqual([expect.stringMatching(/^the gzip stream ends early; the [\d,]+ lines before the damage were read, not the line it cut short \([\d,]+ bytes\)$/)]);
          expect(second.notes).toEqual([`continues ${cutCopy}: its first ${first.lines.toLocaleString('en')} lines are already in the case`]);
          expect(first.lines + second.lines).toBe(whole.truth.lines.total);
        } else {
          expect(second.notes).toEqual([expect.stringMatching(/^a shorter copy of .*mail\.log, damaged \(the gzip stream ends early\): all it holds before the damage is already in the case$/)]);
        }
        await engine.dispose();
      }
      // The copy cut short again further on (copied once more, as far as that went): its warning counts every line
      // before the damage, those the case held already with them.
      const engine = await freshEngine(parseWorker);
      const first = (await engine.ingest([cutCopy])).sources[0];
      fs.writeFileSync(cutCopy, gz.subarray(0, Math.floor(gz.length * 0.8)));
      const further = (await engine.ingest([cutCopy])).sources[0];
      expect(further.notes.join()).toMatch(/^continues /);
      const before = Number(/the ([\d,]+) lines before the damage were read/.exec(further.warnings.join())?.[1].replace(/,/g, ''));
      expect(before).toBe(first.lines + further.lines);
      await engine.dispose();
    });
  });

  describe('files that are no logs, and paths that cannot be read', () => {
    it('says a dropped file does not look like a log, and lists unreadable paths with the files, failed', async () => {
      const drop = path.join(modeDir, 'not-logs');
      fs.mkdirSync(path.join(drop, 'folder'), { recursive: true });
      const good = await writeSingleLog(path.join(drop, 'mail.log'), { ...options, days: 5, swarm: null });
      // What `swarmscope generate` writes beside its logs, and a config file: text, but no log lines.
      const report = JSON.stringify({ attempts: 3072, perDay: [{ day: '2023-11-20', attempts: 12 }] }, null, 2);
      fs.writeFileSync(path.join(drop, 'truth.json'), report);
      fs.writeFileSync(path.join(drop, 'folder', 'dovecot.conf'), 'auth_verbose = yes\nauth_verbose_passwords = plain\n');
      // A log of one day with no failed login at all: a log all the same, with nothing to count, which is said.
      fs.writeFileSync(path.join(drop, 'folder', 'quiet.log'), 'Nov 21 10:00:00 mail dovecot: imap(ann)<7><abc>: Disconnected: Logged out in=10 out=20\n');
      fs.writeFileSync(path.join(drop, 'broken.zip'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]));
      const progress: EngineEvent[] = [];
      const engine = new Engine({ parseWorker, emit: (e) => progress.push(e) });
      await engine.openCase(null);
      const missing = path.join(drop, 'gone.log');
      const result = await engine.ingest([good.files[0].path, path.join(drop, 'truth.json'), path.join(drop, 'folder'), path.join(drop, 'broken.zip'), missing]);
      const by = (name: string) => result.sources.find((x) => x.path.endsWith(name))!;
      expect(by('mail.log').attempts).toBe(good.truth.attempts);
      expect(by('mail.log').warnings).toEqual([]);
      expect(by('truth.json').warnings).toEqual([`does not look like a log: none of its first lines starts with a time stamp Swarmscope reads, and none of its ${report.split('\n').length} lines `
        + 'is a login or a failed login (was it dropped by mistake?)']);
      expect(by('truth.json').ignoredLines).toBe(report.split('\n').length);
      // Found in a folder given whole, beside the logs: said, not warned of.
      expect([by('dovecot.conf').warnings, by('dovecot.conf').notes]).toEqual([[], [expect.stringMatching(/^does not look like a log/)]]);
      expect([by('quiet.log').warnings, by('quiet.log').notes]).toEqual([[], [
        "no login or failed login in its 1 line: Swarmscope reads dovecot's, postfix's, Exim's and sshd's, which they write to mail.log, exim4/mainlog (exim_mainlog), auth.log or secure",
      ]]);
      expect(by('broken.zip').bytes).toBe(204);
      // Every path the result names is in the list of files, the unreadable ones failed with the reason.
      const last = progress.filter((e) => e.type === 'progress').at(-1)!;
      const files = last.type === 'progress' ? last.progress.files : [];
      expect(files.map((f) => f.path).sort()).toEqual(result.sources.map((x) => x.path).sort());
      expect(files.filter((f) => f.state === 'failed').map((f) => [f.path, f.message])).toEqual(expect.arrayContaining([
        [missing, 'no such file or folder'],
        [path.join(drop, 'broken.zip'), expect.stringMatching(/^a zip archive that could not be unpacked whole \(.+\): nothing in it could be unpacked$/)],
      ]));
      await engine.dispose();
    });
  });

  describe('cancellation', () => {
    it('stops between chunks, keeps what was read, and a later ingest continues from there', async () => {
      const big = await writeSingleLog(path.join(modeDir, 'cancel', 'mail.log'), { ...options, days: 200, attemptsPerDay: 150 });
      const engine = await engineCancellingAfter(20_000, parseWorker);
      const first = await engine.ingest([big.files[0].path]);
      expect(first.cancelled).toBe(true);
      expect(first.sources[0].lines).toBeLessThan(big.truth.lines.total);
      expect(first.sources[0].notes.join()).toMatch(/cancelled/);
      const rest = await engine.ingest([big.files[0].path]);
      expect(rest.cancelled).toBe(false);
      const info = await engine.caseInfo();
      expect(info.sources[0].lines).toBe(big.truth.lines.total);
      expect(Math.abs(info.attempts - big.truth.attempts)).toBeLessThanOrEqual(3);
    });

    it('stops a rotated set whose next files wait for the join of the one being read, and a later ingest reads the rest', async () => {
      // Each file after the first is given to the parser before the one it follows ends (its scan reads ahead
      // while it waits for that file's join): a cancel then must end those too, not leave them waiting.
      // As big as the single file above: progress (which the cancel follows) is told a few times a second.
      const logs = await writeRotatedLogs(path.join(modeDir, 'cancel-rotated'), { ...options, days: 200, attemptsPerDay: 150 });
      expect(logs.files.length).toBeGreaterThan(20);
      const engine = await engineCancellingAfter(20_000, parseWorker);
      const first = await engine.ingest([path.join(modeDir, 'cancel-rotated')]);
      expect(first.cancelled).toBe(true);
      expect(first.attemptsAdded).toBeLessThan(logs.truth.attempts);
      const rest = await engine.ingest([path.join(modeDir, 'cancel-rotated')]);
      expect(rest.cancelled).toBe(false);
      const info = await engine.caseInfo();
      expect(info.sources.reduce((n, s) => n + s.lines, 0)).toBe(logs.truth.lines.total);
      expect(Math.abs(info.attempts - logs.truth.attempts)).toBeLessThanOrEqual(3);
      await engine.dispose();
    });
  });

  describe('a file of more blocks than the scan thread reads ahead', () => {
    it('is read whole and exactly: the scan waits for the parser\'s acknowledgements and goes on after each', async () => {
      // About 11 MB: more 1 MiB blocks than the scan worker sends before it waits (SCAN_BLOCKS_IN_FLIGHT), and
      // not a multiple of the blocks acknowledged at a time, so both the waits and a last partial window happen.
      const log = await writeSingleLog(path.join(modeDir, 'many-blocks', 'mail.log'), { ...options, targetLines: 80_000 });
      expect(fs.statSync(log.files[0].path).size).toBeGreaterThan((SCAN_BLOCKS_IN_FLIGHT + 2) * (1 << 20));
      const engine = await freshEngine(parseWorker);
      const result = await engine.ingest([log.files[0].path]);
      expect(result.sources[0].lines).toBe(log.truth.lines.total);
      expect(result.attemptsAdded).toBe(log.truth.attempts);
      expect(result.loginsAdded).toBe(log.truth.logins);
      accounted(result.sources[0]);
      await engine.dispose();
    });
  });
});

describe('saving and reopening', () => {
  it('writes a SQLite file whose public views hold every attempt', async () => {
    const logs = await writeSingleLog(path.join(dir, 'save', 'mail.log'), { ...options, days: 15, swarm: null });
    const engine = await freshEngine();
    await engine.ingest([logs.files[0].path]);
    const file = path.join(dir, 'save', 'case.sqlite');
    await engine.saveCase(file);
    expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    const reopened = new Engine();
    const info = await reopened.openCase(file);
    expect(info.attempts).toBe(logs.truth.attempts);
    expect((await reopened.summary(ALL)).ips).toBe(logs.truth.ips);
  });
});
