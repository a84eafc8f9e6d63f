// OpenSSH's auth.log through the whole ingest: a rotated pair crossing New Year, written as sshd writes it (the
// lines of many connections interleaved, with PAM's, cron's and sudo's among them), read into a case whose
// `attempt` and `login` views must hold exactly the tries and logins the connections made, each once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { authLogText, generateAuthLog, type AuthLogLine, type AuthLogTruth } from '../../../src-main/engine/generate/auth-log';
import { loadSqlJs } from '../../../src-main/engine/store/sqlite';
import type { SourceReport } from '../../../src-main/shared/api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sshd-ingest-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ALL = { from: null, to: null, countries: [], search: '' };
const DAYS = 4; // from Dec 30, 2023
/** Where logrotate cuts: midnight of Dec 31 and of New Year (connections running across are cut too). */
const CUTS = [Date.UTC(2023, 11, 31), Date.UTC(2024, 0, 1)];

/**
 * The generated connections of DAYS days, then the test's own: connections the rotations cut, and a name that
 * carries a forged address.
 */
function authLog(seed: number): { lines: AuthLogLine[]; truth: AuthLogTruth } {
  const log = generateAuthLog({ seed, start: '2023-12-30', days: DAYS, connectionsPerDay: 150 });
  const add = (ms: number, tag: string, text: string) => log.add(ms, tag, text);
  const truth = log.truth;
  // Connections the rotations at midnight (CUTS) cut: a name probed before it and tried after it; tries before
  // it and the closing line after it.
  CUTS.forEach((cut, k) => {
    add(cut - 2000, `sshd[${39990 + 2 * k}]`, `Invalid user backup from 203.0.113.${200 + 2 * k} port 40200`);
    add(cut + 1000, `sshd[${39990 + 2 * k}]`, `Failed password for invalid user backup from 203.0.113.${200 + 2 * k} port 40200 ssh2`);
    add(cut + 4000, `sshd[${39990 + 2 * k}]`, `Failed password for invalid user backup from 203.0.113.${200 + 2 * k} port 40200 ssh2`);
    add(cut - 5000, `sshd[${39991 + 2 * k}]`, `Failed password for root from 203.0.113.${201 + 2 * k} port 40201 ssh2`);
    add(cut + 2000, `sshd[${39991 + 2 * k}]`, `error: maximum authentication attempts exceeded for root from 203.0.113.${201 + 2 * k} port 40201 ssh2 [preauth]`);
    truth.attempts.push(`203.0.113.${200 + 2 * k} backup`, `203.0.113.${200 + 2 * k} backup`, `203.0.113.${201 + 2 * k} root`);
  });
  // A name that carries an address of the attacker's choosing, with the `ssh2: ` after which fail2ban's reading
  // takes it for the client's: sshd writes nothing after a password try's `ssh2`, so the client is the address
  // that ends the line. Its two tries are that client's, and its `Invalid user` line is of the same connection.
  const forged = 'x from 6.6.6.6 port 1 ssh2: y';
  const at = CUTS[1] + 6000;
  add(at, 'sshd[39999]', `Invalid user ${forged} from 203.0.113.250 port 40250`);
  add(at + 2000, 'sshd[39999]', `Failed password for invalid user ${forged} from 203.0.113.250 port 40250 ssh2`);
  add(at + 4000, 'sshd[39999]', `Failed password for invalid user ${forged} from 203.0.113.250 port 40250 ssh2`);
  truth.attempts.push(`203.0.113.250 ${forged}`, `203.0.113.250 ${forged}`);
  return { lines: log.lines(), truth };
}

function accounted(s: SourceReport): void {
  expect(s.attemptLines + s.loginLines + s.ignoredLines + s.unparsedLines, s.path).toBe(s.lines);
}

const PARSERS: [string, string | undefined][] = [
  ['parsing in this thread', undefined],
  ['parsing in the built worker threads', path.resolve(__dirname, '../../../out/main/parse-worker.js')],
];

/** A log file to write: its name, lines, whether gzipped, and the log time of its newest line when not its last. */
interface LogFile {
  name: string;
  lines: AuthLogLine[];
  gzip?: boolean;
  lastMs?: number;
}

/** Writes the lines as one log file whose time is its newest line's (its last, by default), as syslog left it. */
function writeLog(file: string, part: AuthLogLine[], { gzip = false, lastMs = part[part.length - 1].ms }: Omit<LogFile, 'name' | 'lines'> = {}): void {
  const text = authLogText(part);
  fs.writeFileSync(file, gzip ? zlib.gzipSync(text) : text);
  const last = new Date(lastMs + 1000);
  fs.utimesSync(file, last, last);
}

async function freshEngine(parseWorker: string | undefined): Promise<Engine> {
  const engine = new Engine({ parseWorker });
  engine.startParseThreads();
  await engine.openCase(null);
  return engine;
}

/** The case's tries as `ip user`, sorted, read through the public `attempt` view of the saved file. */
async function savedAttempts(engine: Engine, casePath: string): Promise<string[]> {
  await engine.saveCase(casePath);
  const SQL = await loadSqlJs();
  const db = new SQL.Database(fs.readFileSync(casePath));
  try {
    return (db.exec('SELECT ip, user FROM attempt')[0]?.values ?? []).map((r) => r.join(' ')).sort();
  } finally {
    db.close();
  }
}

describe.each(PARSERS)('an sshd auth.log rotated over New Year, %s', (mode, parseWorker) => {
  const modeDir = path.join(dir, mode.replace(/\W+/g, '-'));
  const logDir = path.join(modeDir, 'var-log');
  const { lines, truth } = authLog(7);
  // Two files: the weekly cut on Jan 1 (the last of CUTS).
  const cut = CUTS[1];
  const older = lines.filter((l) => l.ms < cut);
  const newer = lines.filter((l) => l.ms >= cut);
  let engine: Engine;

  beforeAll(async () => {
    fs.mkdirSync(logDir, { recursive: true });
    writeLog(path.join(logDir, 'auth.log.1.gz'), older, { gzip: true });
    writeLog(path.join(logDir, 'auth.log'), newer);
    engine = await freshEngine(parseWorker);
  });
  afterAll(() => engine.dispose());

  it('counts each try once and each login, with its address, user, day and service', async () => {
    const result = await engine.ingest([logDir]);
    expect(result.attemptsAdded).toBe(truth.attempts.length);
    expect(result.loginsAdded).toBe(truth.logins.length);
    for (const source of result.sources) {
      accounted(source);
      expect(source.unparsedLines, source.path).toBe(0);
    }
    const casePath = path.join(modeDir, 'case.sqlite');
    expect(await savedAttempts(engine, casePath)).toEqual([...truth.attempts].sort());
    const SQL = await loadSqlJs();
    const db = new SQL.Database(fs.readFileSync(casePath));
    const rows = (sql: string) => (db.exec(sql)[0]?.values ?? []).map((r) => r.join(' '));
    expect(rows('SELECT ip, user FROM login').sort()).toEqual([...truth.logins].sort());
    expect(rows('SELECT DISTINCT service FROM attempt')).toEqual(['ssh']);
    // Syslog stamps carry no year: Dec 30 and 31 are 2023's, Jan 1 and 2 2024's.
    expect(rows('SELECT DISTINCT day FROM attempt ORDER BY day')).toEqual(['2023-12-30', '2023-12-31', '2024-01-01', '2024-01-02']);
    db.close();
  });

  it('adds nothing when the same logs are read again', async () => {
    const before = await engine.summary(ALL);
    const again = await engine.ingest([logDir]);
    expect(again.attemptsAdded).toBe(0);
    expect(await engine.summary(ALL)).toEqual(before);
  });

  /**
   * Writes the files into a folder of their own, then reads them into a new engine an ingest at a time, in the
   * order `ingests` gives; returns what each ingest added and the case's tries as `ip user`, sorted.
   */
  async function readInTurn(name: string, files: LogFile[], ingests: string[][]): Promise<{ added: number[]; attempts: string[] }> {
    const folder = path.join(modeDir, name);
    fs.mkdirSync(folder, { recursive: true });
    for (const file of files) writeLog(path.join(folder, file.name), file.lines, file);
    const reader = await freshEngine(parseWorker);
    try {
      const added: number[] = [];
      for (const paths of ingests) added.push((await reader.ingest(paths.map((p) => path.join(folder, p)))).attemptsAdded);
      return { added, attempts: await savedAttempts(reader, path.join(modeDir, `${name}.sqlite`)) };
    } finally {
      await reader.dispose();
    }
  }

  it('counts the connections each rotation cut once when three rotations are read newest first, an ingest each', async () => {
    const [first, second] = CUTS;
    const { attempts } = await readInTurn('three-newest-first', [
      { name: 'auth.log.2.gz', lines: lines.filter((l) => l.ms < first), gzip: true },
      { name: 'auth.log.1', lines: lines.filter((l) => l.ms >= first && l.ms < second) },
      { name: 'auth.log', lines: lines.filter((l) => l.ms >= second) },
    ], [['auth.log'], ['auth.log.1'], ['auth.log.2.gz']]);
    expect(attempts).toEqual([...truth.attempts].sort());
  });

  it('counts the connections the rotation cut once also when the newer file is read first, by an ingest of its own', async () => {
    const { added, attempts } = await readInTurn('newest-first', [
      { name: 'auth.log.1.gz', lines: older, gzip: true },
      { name: 'auth.log', lines: newer },
    ], [['auth.log'], ['auth.log.1.gz']]);
    expect(added[0] + added[1]).toBe(truth.attempts.length);
    expect(attempts).toEqual([...truth.attempts].sort());
  });

  it('counts them once in the rotated files put together newest first (zcat -f auth.log* > all.log)', async () => {
    // The file's time is its newest line's, which comes before the older file's lines.
    const { added, attempts } = await readInTurn('together', [{ name: 'all.log', lines: [...newer, ...older], lastMs: newer[newer.length - 1].ms }], [['.']]);
    expect(added[0]).toBe(truth.attempts.length);
    expect(attempts).toEqual([...truth.attempts].sort());
  });
});

/**
 * sshd's messages as an sshd container writes them to its output (`sshd -D -e`): no host, no tag, and none of
 * PAM's lines, which PAM sends to syslog; rsyslog's folding of alike lines is not there either.
 */
function containerMessages(lines: readonly AuthLogLine[]): { ms: number; pid: string; message: string }[] {
  const out: { ms: number; pid: string; message: string }[] = [];
  for (const l of lines) {
    const m = /^\S+ [ \d]\d \d\d:\d\d:\d\d \S+ sshd\[(\d+)\]: (.*)$/.exec(l.text);
    if (!m || /^(?:pam_unix|PAM )/.test(m[2])) continue;
    const folded = /^message repeated (\d+) times: \[ (.*)\]$/.exec(m[2]);
    for (let k = 0; k < (folded ? Number(folded[1]) : 1); k++) out.push({ ms: l.ms, pid: m[1], message: folded ? folded[2] : m[2] });
  }
  return out;
}

describe.each(PARSERS)('sshd\'s messages without their tag, %s', (mode, parseWorker) => {
  const modeDir = path.join(dir, `untagged-${mode.replace(/\W+/g, '-')}`);
  const log = generateAuthLog({ seed: 5, start: '2024-03-01', days: 3, connectionsPerDay: 150 });
  const messages = containerMessages(log.lines());

  beforeAll(() => fs.mkdirSync(modeDir, { recursive: true }));

  it('reads `docker logs -t` of an sshd container as sshd\'s lines: each try once, each login, at its time', async () => {
    const file = path.join(modeDir, 'sshd-container.log');
    fs.writeFileSync(file, messages.map((m) => `${new Date(m.ms).toISOString().replace('Z', '123456Z')} ${m.message}\n`).join(''));
    const engine = await freshEngine(parseWorker);
    try {
      const result = await engine.ingest([file]);
      const source = result.sources[0];
      accounted(source);
      expect([source.lines, source.unparsedLines]).toEqual([messages.length, 0]);
      expect(source.notes).toContainEqual(expect.stringMatching(/^its lines name no program, as journalctl -u ssh -o cat, an sshd container's output and Windows' OpenSSH \(sshd\.log\) write them: read as sshd's/));
      expect(source.warnings).toEqual([]);
      expect(await savedAttempts(engine, path.join(modeDir, 'container.sqlite'))).toEqual([...log.truth.attempts].sort());
      expect(result.loginsAdded).toBe(log.truth.logins.length);
      // At the container's stamps (UTC), each on its day; the first line is a try.
      expect(source.firstTs).toBe(new Date(messages[0].ms).toISOString().slice(0, 19).replace('T', ' '));
      expect((await engine.perDay(ALL)).map((d) => d.day)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
    } finally {
      await engine.dispose();
    }
  });

  it('reads Win32-OpenSSH\'s sshd.log (the process id before the stamp, CR LF) the same, each connection by its process', async () => {
    const file = path.join(modeDir, 'sshd.log');
    // Windows writes local time with milliseconds; the generator's times are taken for it.
    fs.writeFileSync(file, messages.map((m) => `${m.pid} ${new Date(m.ms).toISOString().slice(0, 23).replace('T', ' ')} ${m.message}\r\n`).join(''));
    const engine = await freshEngine(parseWorker);
    try {
      const source = (await engine.ingest([file])).sources[0];
      accounted(source);
      expect([source.lines, source.unparsedLines, source.logins]).toEqual([messages.length, 0, log.truth.logins.length]);
      expect(await savedAttempts(engine, path.join(modeDir, 'windows.sqlite'))).toEqual([...log.truth.attempts].sort());
      expect(source.firstTs).toBe(new Date(messages[0].ms).toISOString().slice(0, 19).replace('T', ' '));
    } finally {
      await engine.dispose();
    }
  });

  it('reads docker\'s json-file log of the container the same', async () => {
    const file = path.join(modeDir, 'container-json.log');
    fs.writeFileSync(file, messages.map((m) => `${JSON.stringify({ log: `${m.message}\n`, stream: 'stderr', time: new Date(m.ms).toISOString() })}\n`).join(''));
    const engine = await freshEngine(parseWorker);
    try {
      const source = (await engine.ingest([file])).sources[0];
      accounted(source);
      expect(source.unparsedLines).toBe(0);
      expect(await savedAttempts(engine, path.join(modeDir, 'json.sqlite'))).toEqual([...log.truth.attempts].sort());
    } finally {
      await engine.dispose();
    }
  });

  it('reads journalctl -u ssh -o cat (no stamp either): each try, dated at the file\'s last change', async () => {
    const file = path.join(modeDir, 'ssh-cat.txt');
    fs.writeFileSync(file, [
      'Server listening on 0.0.0.0 port 22.',
      'Invalid user admin from 203.0.113.5 port 52144',
      'pam_unix(sshd:auth): check pass; user unknown',
      'Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2',
      'Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2',
      'Connection closed by invalid user admin 203.0.113.5 port 52144 [preauth]',
      'Failed password for root from 203.0.113.6 port 40022 ssh2',
      'error: maximum authentication attempts exceeded for root from 203.0.113.6 port 40022 ssh2 [preauth]',
      'Disconnecting authenticating user root 203.0.113.6 port 40022: Too many authentication failures [preauth]',
      'Invalid user oracle from 203.0.113.7 port 33001',
      'Disconnected from invalid user oracle 203.0.113.7 port 33001 [preauth]',
      'Invalid user test from 203.0.113.7 port 33002',
      'Disconnected from invalid user test 203.0.113.7 port 33002 [preauth]',
      'Accepted publickey for alice from 198.51.100.6 port 40022 ssh2: ED25519 SHA256:abc',
      // An address whose groups read like a time of day (1:25:12) is no stamp.
      'Failed password for root from 240e:390:6c41:25:12::1 port 50312 ssh2',
    ].join('\n') + '\n');
    const exportedAt = new Date('2024-02-01T08:30:00Z');
    fs.utimesSync(file, exportedAt, exportedAt);
    const engine = await freshEngine(parseWorker);
    try {
      const source = (await engine.ingest([file])).sources[0];
      accounted(source);
      // The tries of `Failed` lines, and each probe of a name that shows no other line: its connection's one try.
      // All lines are of one second: the client's port tells the connections of an address apart.
      expect([source.attempts, source.logins, source.unparsedLines]).toEqual([6, 1, 0]);
      expect(await savedAttempts(engine, path.join(modeDir, 'cat.sqlite'))).toEqual([
        '203.0.113.5 admin', '203.0.113.5 admin', '203.0.113.6 root', '203.0.113.7 oracle', '203.0.113.7 test', '240e:390:6c41:25:12::1 root',
      ]);
      expect([source.firstTs, source.lastTs]).toEqual(['2024-02-01 08:30:00', '2024-02-01 08:30:00']);
      expect(source.warnings).toEqual([expect.stringMatching(/have no time stamp .*export with journalctl -u ssh -o short-iso /)]);
      expect(source.notes.join()).not.toMatch(/does not look like a log/);
    } finally {
      await engine.dispose();
    }
  });
});
