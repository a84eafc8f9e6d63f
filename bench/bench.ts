// `npm run bench`: ingest speed on a generated year of dovecot logs (one file, plain and gzip, into a new
// engine and into one already running, and through the CLI as a user runs it; the same year as weekly rotated
// files; many servers' logs in one folder; and a year of sshd's auth.log), and the latency of the queries a
// brush asks (and of the incident detector over the whole case), at 300,000 and 1,000,000 attempts. Prints
// figures; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src-main/engine/engine';
import { authLogText, generateAuthLog } from '../src-main/engine/generate/auth-log';
import { writeRotatedLogs, writeSingleLog } from '../src-main/engine/generate/write';
import type { GenerateOptions } from '../src-main/engine/generate/options';
import { FAIL2BAN_DEFAULTS, type Overview, type Selection } from '../src-main/shared/api';
import { liveIpFigures } from '../src-renderer/src/lib/state/brush-columns';
import { liveValueCounts } from '../src-renderer/src/lib/state/live-values';
import { liveFigures } from '../src-renderer/src/lib/state/live-figures';

/** The least number of lines the benchmark log holds. */
const BENCH_LINES = Number(process.env.BENCH_LINES ?? 1_800_000);
/** The generator lands within about a percent of the line count it aims at, so it aims a little higher. */
const AIM_ABOVE = 1.02;
/** Runs of each ingest measurement (each with a new engine); the median is reported. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const QUERY_SIZES = (process.env.BENCH_QUERY_ATTEMPTS ?? '300000,1000000').split(',').map(Number);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-bench-'));

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
const fmt = (n: number): string => Math.round(n).toLocaleString('en');

/** Samples the process's resident memory while `run` works, for its peak. */
async function withPeakRss<T>(run: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds of the whole process (every thread) since `before`. */
function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** An engine started as its hosts start it (engine-worker.ts): its parse threads load while the case opens. */
function newEngine(): Engine {
  const engine = new Engine();
  engine.startParseThreads();
  return engine;
}

/** What one ingest of a file measured. */
interface IngestRun {
  seconds: number;
  /**
   * CPU time of the whole process (every thread) during the ingest: this machine's wall times drift by a fifth
   * from one minute to the next, its CPU times much less, so a change's effect shows better in them.
   */
  cpuSeconds: number;
  peakRssOverIdle: number;
  peakRss: number;
  dbBytes: number;
  /** The database after a save, which builds the indexes ingest leaves out (addresses' sort key, logins by address). */
  indexedBytes: number;
  lines: number;
  attempts: number;
  logins: number;
}

/** One ingest of `file` into the engine's open case. */
async function measureIngest(engine: Engine, file: string): Promise<IngestRun> {
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { value: result, peakRss } = await withPeakRss(() => engine.ingest([file]));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpuBefore);
  const dbBytes = engine.databaseBytes();
  // Ingest leaves out two indexes; the IP detail and every save build them (store/case-store.ts).
  const saved = path.join(work, 'case.sqlite');
  await engine.saveCase(saved);
  const indexedBytes = engine.databaseBytes();
  fs.rmSync(saved);
  return {
    seconds, cpuSeconds, peakRss, peakRssOverIdle: peakRss - baseline, dbBytes, indexedBytes,
    lines: result.sources[0].lines, attempts: result.attemptsAdded, logins: result.loginsAdded,
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

/** The median figures of one kind of ingest, for the targets at the end. */
interface Measured {
  linesPerSecond: number;
  /** Case database per million attempts, after ingest and after a save. */
  mbPerMillion: number;
  mbPerMillionSaved: number;
}

/** The runs of one kind of ingest: each time, then the median run's speed, memory and case size. */
function report(label: string, file: string, runs: IngestRun[]): Measured {
  const bytes = fs.statSync(file).size;
  const seconds = median(runs.map((r) => r.seconds));
  const run = runs.find((r) => r.seconds === seconds) as IngestRun;
  const perMillion = (b: number): string => mb(b / (run.attempts / 1e6));
  console.log(`ingest ${label}: ${fmt(run.lines)} lines, ${mb(bytes)} MB on disk, ${fmt(run.attempts)} attempts, ${fmt(run.logins)} logins`);
  console.log(`  ${runs.length} runs: ${runs.map((r) => r.seconds.toFixed(2)).join(' / ')} s (fastest ${fmt(run.lines / Math.min(...runs.map((r) => r.seconds)))} lines/s)`);
  console.log(`  median ${seconds.toFixed(2)} s: ${fmt(run.lines / seconds)} lines/s   ${(bytes / 1e6 / seconds).toFixed(1)} MB/s   ${fmt(run.attempts / seconds)} attempts/s`);
  console.log(`  CPU (all threads) ${runs.map((r) => r.cpuSeconds.toFixed(2)).join(' / ')} s, median ${median(runs.map((r) => r.cpuSeconds)).toFixed(2)} s`);
  console.log(`  peak RSS ${mb(run.peakRss)} MB (${run.peakRssOverIdle < 0 ? '-' : '+'}${mb(Math.abs(run.peakRssOverIdle))} MB over the idle engine)   case database ${mb(run.dbBytes)} MB = ${perMillion(run.dbBytes)} MB per million attempts`);
  console.log(`  after a save (with every index): ${mb(run.indexedBytes)} MB = ${perMillion(run.indexedBytes)} MB per million attempts`);
  return {
    linesPerSecond: run.lines / seconds,
    mbPerMillion: run.dbBytes / 1e6 / (run.attempts / 1e6),
    mbPerMillionSaved: run.indexedBytes / 1e6 / (run.attempts / 1e6),
  };
}

/**
 * `first` goes into a new engine, whose threads start cold (as for the CLI, or the app's first file); then
 * `second`, another log of the same size and shape, into a new case of the same running engine (as for the
 * app's next files: its threads are warm, but it has seen none of these addresses). ROUNDS times, each with
 * a new engine: this machine's speed drifts by a fifth from one minute to the next, so one run says little.
 */
async function benchIngest(label: string, first: string, second: string): Promise<{ cold: Measured; warm: Measured }> {
  const cold: IngestRun[] = [];
  const warm: IngestRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    gc();
    const engine = newEngine();
    await engine.openCase(null);
    cold.push(await measureIngest(engine, first));
    await engine.openCase(null);
    gc();
    warm.push(await measureIngest(engine, second));
    await engine.dispose();
  }
  return { cold: report(`${label}, new engine    `, first, cold), warm: report(`${label}, running engine`, second, warm) };
}

/** The built CLI beside this script, run as a user runs `swarmscope` (bin/swarmscope.js imports it). */
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));

/**
 * Written to stderr by each CLI process as it exits: the CPU time of all its threads (getrusage covers the whole
 * process), which says how far two cores could take that run if every thread were busy all the time.
 */
const CPU_REPORT = 'bench-cpu-seconds';
const REPORT_CPU_AT_EXIT = `data:text/javascript,${encodeURIComponent(
  `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\n${CPU_REPORT} ' + (u.user + u.system) / 1e6 + '\\n'); });`,
)}`;

/**
 * What a user of `swarmscope ingest` waits for: the whole CLI process (start-up, the engine's thread, a cold
 * JIT everywhere, ingest, and writing the case file), ROUNDS times. The in-process figures above keep the
 * engine's own thread warm between rounds, so they are kinder than this.
 */
function benchCli(label: string, file: string): number {
  let lineCount = 0;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const casePath = path.join(work, `cli-${round}.sqlite`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', REPORT_CPU_AT_EXIT, CLI, 'ingest', file, '--case', casePath], { encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    if (run.status !== 0) throw new Error(`swarmscope ingest failed: ${run.stderr}`);
    const counted = /(\d[\d,]*) lines = /.exec(run.stdout + run.stderr);
    if (!counted) throw new Error(`swarmscope ingest did not report its lines: ${run.stdout}${run.stderr}`);
    lineCount = Number(counted[1].replaceAll(',', ''));
    const cpu = new RegExp(`${CPU_REPORT} ([\\d.]+)`).exec(run.stderr);
    if (cpu) cpuTimes.push(Number(cpu[1]));
    fs.rmSync(casePath);
  }
  const seconds = median(times);
  console.log(`ingest ${label} through the CLI (a new process each time, case file written): ${ROUNDS} runs: ${times.map((x) => x.toFixed(2)).join(' / ')} s; median ${seconds.toFixed(2)} s: ${fmt(lineCount / seconds)} lines/s`);
  if (cpuTimes.length === ROUNDS) {
    // The floor is what the run would take with both cores busy from its first instant to its last.
    const cpu = median(cpuTimes);
    const cores = os.availableParallelism();
    console.log(`  CPU time of a run, all its threads: median ${cpu.toFixed(2)} s; on ${cores} cores no run of it can take less than ${(cpu / cores).toFixed(2)} s (at most ${fmt(lineCount / (cpu / cores))} lines/s)`);
  }
  return lineCount / seconds;
}

/**
 * What `swarmscope summary` takes on the case of `file`, a new process each time, as a user runs it: start-up,
 * reading the case, its queries, and the exit (cli/case-path.ts keeps a small case's SQLite in V8's baseline code).
 */
function benchCliSummary(label: string, file: string): void {
  const casePath = path.join(work, 'cli-summary.sqlite');
  const ingest = spawnSync(process.execPath, [CLI, 'ingest', file, '--case', casePath], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`swarmscope ingest failed: ${ingest.stderr}`);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [CLI, 'summary', casePath], { encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    if (run.status !== 0) throw new Error(`swarmscope summary failed: ${run.stderr}`);
  }
  console.log(`summary of ${label} through the CLI (a new process each time; case ${mb(fs.statSync(casePath).size)} MB): ${ROUNDS} runs: ${times.map((x) => x.toFixed(2)).join(' / ')} s; median ${median(times).toFixed(2)} s`);
  fs.rmSync(casePath);
}

/** The issue's targets against the medians above, said plainly: which ways of ingesting meet each. */
function reportTargets(plain: { cold: Measured; warm: Measured; cli: number }, gzip: { cold: Measured; warm: Measured; cli: number }): void {
  const speed = (name: string, target: number, m: { cold: Measured; warm: Measured; cli: number }): void => {
    const ways: [string, number][] = [['a new engine', m.cold.linesPerSecond], ['the running engine', m.warm.linesPerSecond], ['the CLI', m.cli]];
    const meeting = ways.filter(([, v]) => v >= target).map(([w]) => w);
    const verdict = meeting.length === ways.length ? 'met' : meeting.length ? `met by ${meeting.join(' and ')} only` : 'NOT met';
    console.log(`  ${name} at least ${fmt(target)} lines/s: ${ways.map(([w, v]) => `${w} ${fmt(v)}`).join(', ')}: ${verdict}`);
  };
  console.log('targets (medians of this run; this machine drifts by a fifth from one minute to the next):');
  speed('plain', 1_500_000, plain);
  speed('gzip ', 1_000_000, gzip);
  const all = [plain.cold, plain.warm, gzip.cold, gzip.warm];
  const worst = Math.max(...all.map((m) => Math.max(m.mbPerMillion, m.mbPerMillionSaved)));
  console.log(`  case database at most 80 MB per million attempts: at most ${worst.toFixed(1)} (after ingest or a save): ${worst <= 80 ? 'met' : 'NOT met'}`);
}

/** ROUNDS ingests of `target`, each into a new engine: their times, CPU times, and the lines and attempts read. */
async function newEngineRounds(target: string): Promise<{ times: number[]; cpuTimes: number[]; lines: number; attempts: number }> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let lines = 0;
  let attempts = 0;
  for (let round = 0; round < ROUNDS; round++) {
    gc();
    const engine = newEngine();
    await engine.openCase(null);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await engine.ingest([target]);
    times.push((performance.now() - started) / 1000);
    cpuTimes.push(cpuSecondsSince(cpuBefore));
    lines = result.sources.reduce((n, s) => n + s.lines, 0);
    attempts = result.attemptsAdded;
    await engine.dispose();
  }
  return { times, cpuTimes, lines, attempts };
}

/** What newEngineRounds measured: its runs, their median, and their CPU time. */
function printRounds({ times, cpuTimes, lines, attempts }: Awaited<ReturnType<typeof newEngineRounds>>): void {
  const seconds = median(times);
  console.log(`  ${ROUNDS} runs: ${times.map((x) => x.toFixed(2)).join(' / ')} s; median ${seconds.toFixed(2)} s: ${fmt(lines / seconds)} lines/s   ${fmt(attempts / seconds)} attempts/s`);
  console.log(`  CPU (all threads) ${cpuTimes.map((x) => x.toFixed(2)).join(' / ')} s, median ${median(cpuTimes).toFixed(2)} s`);
}

/** Whether the engine found the attempts a generator wrote, in words. */
const asWritten = (found: number, written: number): string => (found === written ? 'as the generator wrote' : `THE GENERATOR WROTE ${fmt(written)}`);

/** A year as weekly rotated files (mostly gzip), the way a mail server keeps its logs, into a new engine. */
async function benchRotated(options: GenerateOptions): Promise<void> {
  const dir = path.join(work, 'rotated');
  const written = await writeRotatedLogs(dir, options);
  const bytes = written.files.reduce((n, f) => n + fs.statSync(f.path).size, 0);
  const rounds = await newEngineRounds(dir);
  console.log(`ingest a rotated year, new engine: ${written.files.length} files (${written.files.filter((f) => f.gzip).length} gzip), ${fmt(rounds.lines)} lines, `
    + `${mb(bytes)} MB on disk, ${fmt(rounds.attempts)} attempts (${asWritten(rounds.attempts, written.truth.attempts)})`);
  printRounds(rounds);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Several servers' logs of the same weeks in one folder, their lines all naming a server `mail` (logs gathered
 * from servers that share that name), against the same logs in folders of their own, each naming its own server
 * (mx1/mail.log naming mx1, ...), each once into a new engine. Files whose lines may be one server's (the same
 * name, or none) are compared for copies of each other (store/repeated-streams.ts: mayBeOneServer); files naming
 * other servers are not. So this is what that comparison costs; it once grew with the
 * square of the files.
 */
async function benchServersInOneFolder(servers: number): Promise<void> {
  const one = path.join(work, 'servers', 'one');
  const apart = path.join(work, 'servers', 'apart');
  fs.mkdirSync(one, { recursive: true });
  let attemptsWritten = 0;
  for (let s = 1; s <= servers; s++) {
    const server = { seed: 100 + s, start: '2023-10-01', days: 60, attemptsPerDay: 250 };
    const written = await writeSingleLog(path.join(apart, `mx${s}`, 'mail.log'), { ...server, hostname: `mx${s}` });
    await writeSingleLog(path.join(one, `mx${s}.log`), { ...server, hostname: 'mail' });
    attemptsWritten += written.truth.attempts;
  }
  const seconds: Record<string, number> = {};
  for (const [layout, dir] of [['in folders of their own', apart], ['in one folder', one]] as const) {
    gc();
    const engine = newEngine();
    await engine.openCase(null);
    const started = performance.now();
    const result = await engine.ingest([dir]);
    seconds[layout] = (performance.now() - started) / 1000;
    await engine.dispose();
    console.log(`ingest ${servers} servers' logs ${layout}, new engine, one run: ${fmt(result.attemptsAdded)} attempts (${asWritten(result.attemptsAdded, attemptsWritten)}) in ${seconds[layout].toFixed(2)} s`);
  }
  console.log(`  looking for copies between the files of one server's name: ${(seconds['in one folder'] - seconds['in folders of their own']).toFixed(2)} s more`);
  fs.rmSync(path.join(work, 'servers'), { recursive: true, force: true });
}

/**
 * A year of an SSH server's auth.log (generate/auth-log.ts): denser in tries than a mail log (a third of its
 * lines against a tenth), and joined by connection (parse/ssh-connections.ts). No target; its own figure.
 */
async function benchSshd(): Promise<void> {
  const file = path.join(work, 'auth.log');
  const log = generateAuthLog({ seed: 4, start: '2023-01-01', days: 365, connectionsPerDay: 850, addresses: 20_000 });
  const lines = log.lines();
  fs.writeFileSync(file, authLogText(lines));
  const last = new Date(lines[lines.length - 1].ms + 1000);
  fs.utimesSync(file, last, last);
  const rounds = await newEngineRounds(file);
  console.log(`ingest a year of sshd's auth.log, new engine: ${fmt(rounds.lines)} lines, ${mb(fs.statSync(file).size)} MB, `
    + `${fmt(rounds.attempts)} attempts (${asWritten(rounds.attempts, log.truth.attempts.length)})`);
  printRounds(rounds);
  fs.rmSync(file);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Random ranges of 1 to 30 days, as an analyst drags across the timeline. */
function brushRanges(overview: Overview, count: number): Selection[] {
  const days = overview.days.map((d) => d.day);
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => {
    const a = Math.floor(rnd() * days.length);
    const b = Math.min(days.length - 1, a + 1 + Math.floor(rnd() * 30));
    return { from: days[a], to: days[b], countries: [], search: '' };
  });
}

async function timeEach(selections: Selection[], run: (s: Selection) => unknown): Promise<string> {
  const times: number[] = [];
  for (const s of selections) {
    const t = performance.now();
    await run(s);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 0.5).toFixed(2)} ms  p95 ${percentile(times, 0.95).toFixed(2)} ms`;
}

async function benchQueries(targetAttempts: number): Promise<void> {
  // A log of failures only (no noise lines) reaches the attempt count without writing gigabytes.
  const days = 320;
  const file = path.join(work, `queries-${targetAttempts}.log`);
  const options: GenerateOptions = { seed: 7, start: '2023-03-01', days, attemptsPerDay: Math.round(targetAttempts / days / 1.12), noiseRatio: 0 };
  await writeSingleLog(file, options);
  const engine = new Engine();
  await engine.openCase(null);
  const ingest = await engine.ingest([file]);
  fs.rmSync(file);
  const overview = await engine.overview();
  const ranges = brushRanges(overview, 60);
  console.log(`brush queries at ${fmt(ingest.attemptsAdded)} attempts (${fmt((await engine.caseInfo()).ips)} IPs, ${overview.days.length} days), 60 random 1-30 day ranges:`);
  const columnsStart = performance.now();
  const columns = await engine.brushColumns();
  const columnsMs = performance.now() - columnsStart;
  console.log(`  live brush (renderer, from overview cells): ${await timeEach(ranges, (s) => liveFigures(overview, s))}`);
  if (columns) {
    console.log(`  live IPs (renderer, from brush columns)   : ${await timeEach(ranges, (s) => liveIpFigures(columns, s.from, s.to, s.countries))}`);
    console.log(`  live users + passwords (from brush columns): ${await timeEach(ranges, (s) => [liveValueCounts(columns, 'users', s.from, s.to, 500), liveValueCounts(columns, 'passwords', s.from, s.to, 500)])}`);
    console.log(`  brushColumns (once per case version)      : ${columnsMs.toFixed(0)} ms, ${fmt(columns.rowDay.length)} (day, IP) rows`);
  } else {
    console.log(`  brushColumns (once per case version)      : none, the case is too big to brush live (${columnsMs.toFixed(0)} ms to tell)`);
  }
  console.log(`  summary                                   : ${await timeEach(ranges, (s) => engine.summary(s))}`);
  console.log(`  countries                                 : ${await timeEach(ranges, (s) => engine.countries(s))}`);
  console.log(`  perDay                                    : ${await timeEach(ranges, (s) => engine.perDay(s))}`);
  console.log(`  ips (first page of 200, by attempts)      : ${await timeEach(ranges, (s) => engine.ips(s, 'attempts', true, 0, 200))}`);
  console.log(`  histogram                                 : ${await timeEach(ranges, (s) => engine.histogram(s))}`);
  console.log(`  users + passwords (top 100)               : ${await timeEach(ranges, (s) => Promise.all([engine.users(s, 100), engine.passwords(s, 100)]))}`);
  console.log(`  brush end, all of the above together      : ${await timeEach(ranges, (s) => Promise.all([
    engine.summary(s), engine.countries(s), engine.perDay(s), engine.ips(s, 'attempts', true, 0, 200), engine.histogram(s), engine.users(s, 100), engine.passwords(s, 100),
  ]))}`);
  await benchIncidents(engine);
  await engine.dispose();
}

/** The incident detector over the whole case: one ordered pass over every attempt, asked once per case version. */
async function benchIncidents(engine: Engine): Promise<void> {
  const times: number[] = [];
  const buffers: number[] = [];
  let found = 0;
  for (let i = 0; i < 3; i++) {
    // Its columns are typed arrays: what it allocated shows in arrayBuffers until the next collection.
    gc();
    const before = process.memoryUsage().arrayBuffers;
    const t = performance.now();
    // The engine keeps its last report while the case is unchanged: a ban a second longer each round is another
    // question, so each round reads every attempt again, as a new case version or threshold does.
    found = (await engine.incidents({ ...FAIL2BAN_DEFAULTS, bantime: FAIL2BAN_DEFAULTS.bantime + i })).incidents.length;
    times.push(performance.now() - t);
    buffers.push(process.memoryUsage().arrayBuffers - before);
  }
  console.log(`  incidents (whole case, 5 tries in 10 min) : ${times.map((x) => x.toFixed(0)).join(' / ')} ms, median ${median(times).toFixed(0)} ms; `
    + `${found} found; typed arrays allocated ${mb(median(buffers))} MB`);
}

/**
 * The same year compressed as newsyslog and compresscmd keep logs (bzip2, xz, zstd), each once into a new engine:
 * their decoders, not the parser, set the pace. Needs the bzip2, xz and zstd commands to write them.
 */
async function benchOtherCompressions(plain: string): Promise<void> {
  for (const [tool, ext] of [['bzip2', 'bz2'], ['xz', 'xz'], ['zstd', 'zst']] as const) {
    const file = `${plain}.${ext}`;
    const written = spawnSync('sh', ['-c', `${tool} -c -6 < "${plain}" > "${file}"`]);
    if (written.status !== 0) {
      console.log(`ingest ${tool}: not measured (${tool} is not installed)`);
      continue;
    }
    const engine = newEngine();
    await engine.openCase(null);
    const run = await measureIngest(engine, file);
    await engine.dispose();
    const mbOnDisk = fs.statSync(file).size;
    fs.rmSync(file);
    console.log(`ingest ${tool.padEnd(5)}, new engine, one run: ${fmt(run.lines)} lines, ${mb(mbOnDisk)} MB on disk, ${run.seconds.toFixed(2)} s: `
      + `${fmt(run.lines / run.seconds)} lines/s, ${fmt(run.attempts)} attempts`);
  }
}

async function main(): Promise<void> {
  console.log(`swarmscope bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  const options: GenerateOptions = { seed: 1, start: '2023-01-01', days: 365, targetLines: Math.round(BENCH_LINES * AIM_ABOVE) };
  const plain = path.join(work, 'mail.log');
  const gz = path.join(work, 'mail.log.gz');
  // The same kind of year from another seed (other addresses, users and passwords), for the running engine.
  const plainOther = path.join(work, 'other.log');
  const gzOther = path.join(work, 'other.log.gz');
  const otherOptions: GenerateOptions = { ...options, seed: 2 };
  let t = performance.now();
  const written = await writeSingleLog(plain, options);
  const { total, attempt: failureLines } = written.truth.lines;
  console.log(`generated ${fmt(total)} lines (${fmt(written.truth.attempts)} attempts, ${fmt(failureLines)} failure lines = ${(100 * failureLines / total).toFixed(1)} %) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (total < BENCH_LINES) console.log(`  note: fewer lines than the ${fmt(BENCH_LINES)} asked for`);
  t = performance.now();
  await writeSingleLog(gz, options, { gzip: true });
  await writeSingleLog(plainOther, otherOptions);
  await writeSingleLog(gzOther, otherOptions, { gzip: true });
  console.log(`generated the gzip copy and a second year (seed 2, plain and gzip) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // Written data still on its way to disk would compete with the ingest for the machine.
  for (const file of [plain, gz, plainOther, gzOther]) {
    const fd = fs.openSync(file, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  // The first ingest of a process also pays one-time costs (compiling sql.js's WebAssembly, loading the geo
  // database, JIT warm-up): a small file first, so that plain and gzip are measured alike.
  const warmUp = path.join(work, 'warm-up.log');
  await writeSingleLog(warmUp, { ...options, targetLines: 20_000 });
  t = performance.now();
  const warm = new Engine();
  await warm.openCase(null);
  await warm.ingest([warmUp]);
  await warm.dispose();
  console.log(`warm-up ingest of 20,000 lines (one-time start-up included) in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const plainRuns = await benchIngest('plain', plain, plainOther);
  const gzipRuns = await benchIngest('gzip ', gz, gzOther);
  // What every run of the CLI pays whatever it reads: start-up, a new case, and writing it.
  benchCli('a small log (20,000 lines)', warmUp);
  const plainCli = benchCli('plain', plain);
  const gzipCli = benchCli('gzip ', gz);
  benchCliSummary('a small log (20,000 lines)', warmUp);
  benchCliSummary('the plain year', plain);
  await benchRotated({ ...options, seed: 3 });
  await benchOtherCompressions(plain);
  await benchServersInOneFolder(12);
  await benchSshd();
  reportTargets({ ...plainRuns, cli: plainCli }, { ...gzipRuns, cli: gzipCli });
  for (const file of [plain, gz, plainOther, gzOther]) fs.rmSync(file);
  for (const n of QUERY_SIZES) await benchQueries(n);
}

main().then(
  () => fs.rmSync(work, { recursive: true, force: true }),
  (e) => { console.error(e); fs.rmSync(work, { recursive: true, force: true }); process.exitCode = 1; },
);
