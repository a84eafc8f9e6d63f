// Ingests what the user dropped, reporting progress and honouring cancellation. A file that fails is
// reported and the others go on; what was already ingested stays in the case. Two files are read at once:
// a rotated log is mostly small files, and one file at a time leaves every thread waiting on the others at
// each file's start and end (measured on a generated year of 48 weekly files: threads idle over half the time).
import type { FileProgress, IngestProgress, IngestResult, SourceReport, TakenOutBefore } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { expandArchives } from './archives';
import { collectFiles } from './collect-files';
import { ShortSources, emptyReport, ingestPrepared, isOutcome, prepareFile, type FileIngestOutcome, type PreparedFile } from './ingest-file';
import { ParseRunner } from './parse-runner';
import { JoinHandOver } from './chain-join';
import type { ServiceFix } from '../parse/session-join';
import { ChainYearPlan, headDays } from './year-chain';
import { withoutTwiceCaveat } from '../store/sources';

const FILES_IN_FLIGHT = 2;

export interface IngestRun {
  year?: number;
  signal?: AbortSignal;
  /** Parses the files; by default a runner of its own, closed at the end. */
  runner?: ParseRunner;
  /**
   * Called often, with the means to take the progress: the caller takes it only as often as it forwards it
   * (each take copies every file's progress, and one drop can hold thousands of files).
   */
  onProgress?: (take: () => IngestProgress) => void;
  /** Called after each file, so views can fill in while later files are read. */
  onFileDone?: (report: SourceReport) => void;
}

/** What the newest file of a chain that lost its times says of the chain's years, as the file's options. */
function lostTimes(message: ReturnType<ChainYearPlan['lostTimesMessage']>): { warnings?: string[]; notes?: string[] } {
  if (!message) return {};
  return 'warning' in message ? { warnings: [message.warning] } : { notes: [message.note] };
}

/** Why a file the ingest did not get to before it was cancelled is not read (unread_path). */
export const CANCELLED_BEFORE_READ = 'the reading was cancelled before this file';

export async function ingestPaths(store: CaseStore, paths: string[], run: IngestRun = {}): Promise<IngestResult> {
  const started = performance.now();
  const { files, problems, skipped, heads, cleanUp } = await expandArchives(await collectFiles(paths), {
    signal: run.signal,
    // Before the files are known, the archive being unpacked is the one file there is to show.
    onUnpacking: (archive, bytesRead, bytesTotal) => run.onProgress?.(() => ({
      files: [{ path: archive, bytesRead, bytesTotal, lines: 0, attempts: 0, state: 'reading', message: 'unpacking the archive' }],
      bytesRead, bytesTotal, lines: 0, attempts: 0, current: archive,
    })),
  });
  const progress: FileProgress[] = files.map((f) => ({ path: f.shownAs ?? f.path, bytesRead: 0, bytesTotal: f.size, lines: 0, attempts: 0, state: 'queued' }));
  const sources: SourceReport[] = problems.map((p) => ({ ...emptyReport(p.path, 'plain', p.bytes ?? 0), errors: [p.error] }));
  // Paths that could not be read (a missing file, a broken archive) are listed with the files, failed: the list
  // then names every path the result counts.
  progress.push(...problems.map((p): FileProgress => ({ path: p.path, bytesRead: 0, bytesTotal: 0, lines: 0, attempts: 0, state: 'failed', message: p.error })));
  // The case keeps them, and the entries passed over, with why: it accounts for every path it was given, also once saved.
  store.recordUnread([
    ...problems.map((p) => ({ path: p.path, kind: 'error' as const, reason: p.error, bytes: p.bytes ?? null, mtimeMs: p.mtimeMs ?? null })),
    ...skipped.map((s) => ({ path: s.path, kind: 'skipped' as const, reason: s.reason, bytes: s.bytes ?? null, mtimeMs: s.mtimeMs ?? null })),
  ]);
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  let attemptsAdded = 0;
  let loginsAdded = 0;
  let current: string | null = null;

  const take = (): IngestProgress => {
    let bytesRead = 0, lines = 0, attempts = 0;
    for (const f of progress) { bytesRead += f.bytesRead; lines += f.lines; attempts += f.attempts; }
    return { files: progress.map((f) => ({ ...f })), bytesRead, bytesTotal, lines, attempts, current };
  };
  const emit = (): void => run.onProgress?.(take);

  // Each file's outcome is taken in file order, whichever finishes first.
  const runner = run.runner ?? new ParseRunner();
  // A file is prepared (sniffed, its head read) once, when it comes or when its chain's years need its head.
  const preparing = new Map<number, Promise<PreparedFile | FileIngestOutcome>>();
  const prepare = (i: number): Promise<PreparedFile | FileIngestOutcome> => {
    let p = preparing.get(i);
    if (!p) {
      const head = heads.get(files[i].path);
      heads.delete(files[i].path);
      preparing.set(i, (p = prepareFile(files[i], head)));
    }
    return p;
  };
  const years = new ChainYearPlan(files, run.year);
  const shortSources = new ShortSources(store);
  const sourcesOfThisIngest = new Set<number>();
  const joins = new JoinHandOver(files);
  // Services found for rows of files read before (see FileIngestOptions.onServiceFixes), given once all are in.
  const laterFixes: (ServiceFix & { source: number })[] = [];
  const inFlight: { index: number; headHash: string; outcome: Promise<FileIngestOutcome> }[] = [];
  const settle = async (): Promise<void> => {
    const { index, outcome } = inFlight.shift()!;
    const done = await outcome;
    joins.settle(index);
    const fp = progress[index];
    fp.state = done.state;
    fp.bytesRead = fp.bytesTotal;
    fp.attempts = done.attemptsAdded;
    fp.message = done.report.errors[0] ?? done.report.warnings[0] ?? done.report.notes[0];
    attemptsAdded += done.attemptsAdded;
    loginsAdded += done.loginsAdded;
    // A file read, or found already in the case (its content under a source), is unread no more: a path that could not
    // be read last time may be read again with nothing new.
    if (done.unread) store.recordUnread([{ path: done.report.path, ...done.unread, bytes: files[index].size, mtimeMs: files[index].mtimeMs }]);
    else if (done.state !== 'cancelled') store.forgetUnread(done.report.path);
    sources.push(done.report);
    run.onFileDone?.(done.report);
    emit();
  };
  try {
    for (let i = 0; i < files.length; i++) {
      const fp = progress[i];
      if (run.signal?.aborted) {
        fp.state = 'cancelled';
        joins.settle(i);
        // Never opened: a path the case holds no lines of is listed as not read rather than lost (one read before,
        // such as a live log that grew, and one the cancel cut short hold lines, and are read on from there next time).
        if (!store.hasSourceAt(fp.path)) {
          store.recordUnread([{ path: fp.path, kind: 'skipped', reason: CANCELLED_BEFORE_READ, bytes: files[i].size, mtimeMs: files[i].mtimeMs }]);
        }
        continue;
      }
      // Asked only for the files of a chain whose own times cannot date it (or with a year given): the rest of a
      // head's lines are read for stamps with a year then, not for every file.
      const fileYear = await years.of(i, async (j) => {
        const p = await prepare(j);
        return isOutcome(p) ? null : { days: headDays(p.head), plain: p.encoding === 'plain', compressedFileMs: p.compressedFileMs };
      });
      const prepared = await prepare(i);
      preparing.delete(i);
      // A file that starts like one still being read may be its rotated or grown copy: the case can tell
      // only once that one is finished. Such a file waits for the files before it.
      const waits = !isOutcome(prepared) && !prepared.headEmpty && inFlight.some((f) => f.headHash === prepared.headHash);
      while (inFlight.length && (waits || inFlight.length >= FILES_IN_FLIGHT)) await settle();
      current = files[i].shownAs ?? files[i].path;
      fp.state = 'reading';
      emit();
      const outcome = isOutcome(prepared) ? Promise.resolve(prepared) : ingestPrepared(store, files[i], prepared, {
        runner,
        shortSources,
        ...fileYear,
        yearGiven: run.year,
        sourcesOfThisIngest,
        ...lostTimes(years.lostTimesMessage(i)),
        signal: run.signal,
        joinAfter: joins.startOf(i),
        onEndMemory: (memory) => joins.end(i, memory),
        onServiceFixes: (fixes) => laterFixes.push(...fixes),
        onProgress: (p) => {
          fp.bytesRead = p.fileBytes;
          fp.lines = p.lines;
          fp.attempts = p.attempts;
          emit();
        },
      });
      // Settled in order below; a rejection is never left unobserved meanwhile.
      outcome.catch(() => {});
      inFlight.push({ index: i, headHash: isOutcome(prepared) || prepared.headEmpty ? '' : prepared.headHash, outcome });
    }
    while (inFlight.length) await settle();
    store.giveServices(laterFixes);
  } finally {
    // After a failure, the files still going end before the runner may close (none waits on a memory).
    joins.settleAll();
    await Promise.allSettled(inFlight.map((f) => f.outcome));
    if (!run.runner) await runner.close();
    await cleanUp();
  }
  // The same tries written to two files of the drop (or of the case) count once (store/repeated-streams.ts);
  // the PAM module's logs read before may lose tries to dovecot's logs just read, which this drop did not add.
  const read = sources.filter((r) => r.attempts + r.logins > 0);
  const readPaths = new Set(read.map((r) => r.path));
  const removals = store.removeRepeatedTries([...readPaths]);
  const readBefore: TakenOutBefore[] = [];
  for (const [p, removed] of removals) {
    if (readPaths.has(p)) continue;
    attemptsAdded -= removed.attempts;
    loginsAdded -= removed.logins;
    readBefore.push({ path: p, attempts: removed.attempts, logins: removed.logins, note: removed.note });
  }
  for (const report of read) {
    const removed = removals.get(report.path);
    if (!removed) continue;
    report.attempts = Math.max(0, report.attempts - removed.attempts);
    report.logins = Math.max(0, report.logins - removed.logins);
    report.notes.push(removed.note);
    report.warnings = withoutTwiceCaveat(report.warnings);
    attemptsAdded -= removed.attempts;
    loginsAdded -= removed.logins;
    // The file's line in the progress shows what it adds now (the emit below sends it).
    const fp = progress.find((f) => f.path === report.path);
    if (fp) Object.assign(fp, { attempts: report.attempts, message: report.errors[0] ?? report.warnings[0] ?? removed.note });
  }
  current = null;
  emit();
  return { sources, readBefore, skipped: skipped.map(({ path, reason }) => ({ path, reason })), cancelled: !!run.signal?.aborted, attemptsAdded, loginsAdded, elapsedMs: performance.now() - started };
}
