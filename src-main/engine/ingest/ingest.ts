// Ingests what the user dropped, file after file, reporting progress and honouring cancellation. A file
// that fails is reported and the others go on; what was already ingested stays in the case.
import type { FileProgress, IngestProgress, IngestResult, SourceReport } from '../../shared/api';
import type { CaseStore } from '../store/case-store';
import { collectFiles } from './collect-files';
import { emptyReport, ingestFile } from './ingest-file';
import { ParseRunner } from './parse-runner';

export interface IngestRun {
  year?: number;
  signal?: AbortSignal;
  /** Parses the files; by default a runner of its own, closed at the end. */
  runner?: ParseRunner;
  /** Called often; the caller throttles what it forwards. */
  onProgress?: (p: IngestProgress) => void;
  /** Called after each file, so views can fill in while later files are read. */
  onFileDone?: (report: SourceReport) => void;
}

export async function ingestPaths(store: CaseStore, paths: string[], run: IngestRun = {}): Promise<IngestResult> {
  const started = performance.now();
  const { files, problems } = await collectFiles(paths);
  const progress: FileProgress[] = files.map((f) => ({ path: f.path, bytesRead: 0, bytesTotal: f.size, lines: 0, attempts: 0, state: 'queued' }));
  const sources: SourceReport[] = problems.map((p) => ({ ...emptyReport(p.path, 'plain', 0), errors: [p.error] }));
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  let attemptsAdded = 0;
  let loginsAdded = 0;
  let current: string | null = null;

  const emit = (): void => {
    if (!run.onProgress) return;
    let bytesRead = 0, lines = 0, attempts = 0;
    for (const f of progress) { bytesRead += f.bytesRead; lines += f.lines; attempts += f.attempts; }
    run.onProgress({ files: progress.map((f) => ({ ...f })), bytesRead, bytesTotal, lines, attempts, current });
  };

  // Files are parsed one after another in a worker thread while this thread inserts what it sends.
  const runner = run.runner ?? new ParseRunner();
  try {
    for (let i = 0; i < files.length; i++) {
      const fp = progress[i];
      if (run.signal?.aborted) {
        fp.state = 'cancelled';
        continue;
      }
      current = files[i].path;
      fp.state = 'reading';
      emit();
      const outcome = await ingestFile(store, files[i], {
        runner,
        year: run.year,
        signal: run.signal,
        onProgress: (p) => {
          fp.bytesRead = p.fileBytes;
          fp.lines = p.lines;
          fp.attempts = p.attempts;
          emit();
        },
      });
      fp.state = outcome.state;
      fp.bytesRead = fp.bytesTotal;
      fp.attempts = outcome.attemptsAdded;
      fp.message = outcome.report.errors[0] ?? outcome.report.warnings[0] ?? outcome.report.notes[0];
      attemptsAdded += outcome.attemptsAdded;
      loginsAdded += outcome.loginsAdded;
      sources.push(outcome.report);
      run.onFileDone?.(outcome.report);
    }
  } finally {
    if (!run.runner) await runner.close();
  }
  current = null;
  emit();
  return { sources, cancelled: !!run.signal?.aborted, attemptsAdded, loginsAdded, elapsedMs: performance.now() - started };
}
