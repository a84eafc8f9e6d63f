// Runs parseFile in the parse worker when the built worker is at hand (the app, the CLI, the web host),
// or in this thread otherwise (tests run from sources). Either way the caller sees the same sink calls.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { parseFile, type ParseFileInput, type ParseFileResult, type ParseSink } from './parse-file';
import type { ParseWorkerReply, ParseWorkerRequest, ScanChannelData } from './parse-worker-protocol';
import type { SessionMemory } from '../parse/session-join';

// Each batch's texts (and the lines they were cut from) live until the batch is handed over: with V8's
// default young generation they survive a few scavenges and are copied each time. A larger one lets most
// of them die young (measured: about a quarter less garbage-collection time in this thread).
const YOUNG_GENERATION_MB = 96;
/** An idle parse worker (and its scan thread) is stopped after this long; the next file starts it again. */
const IDLE_MS = 60_000;

function builtWorkerPath(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'parse-worker.js'), path.join(here, '..', 'parse-worker.js')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * One parse worker and its scan worker, started on first use and reused for every file of every ingest;
 * files may overlap. Both are started here, side by side, and joined by a channel: started by the parse
 * worker, the scan worker only began to load once the parse worker had (a tenth of a second later).
 */
export class ParseRunner {
  private worker: Worker | null = null;
  private scanWorker: Worker | null = null;
  private idle: NodeJS.Timeout | null = null;
  private readonly workerPath: string | null;
  private lastJob = 0;
  /** Files being parsed now. */
  private active = 0;

  /** `workerPath` names the built parse worker; by default it is looked for beside this bundle. */
  constructor(options: { inProcess?: boolean; workerPath?: string } = {}) {
    this.workerPath = options.inProcess || process.env.SWARMSCOPE_PARSE_IN_PROCESS === '1' ? null : options.workerPath ?? builtWorkerPath();
  }

  /**
   * Starts the parse thread (and its scan thread) now, if it is not running, so that a file that comes soon
   * does not wait the fifth of a second they take to load; unused, they stop again after IDLE_MS.
   */
  start(): void {
    if (!this.workerPath || this.worker) return;
    this.spawn().unref();
    if (this.active === 0) this.idleFromNow();
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const workerPath = this.workerPath as string;
    const scanPath = path.join(path.dirname(workerPath), 'scan-worker.js');
    let scanPort: ScanChannelData['scanPort'] = null;
    if (fs.existsSync(scanPath)) {
      const { port1, port2 } = new MessageChannel();
      scanPort = port1;
      const scanData: ScanChannelData = { scanPort: port2 };
      const scanWorker = new Worker(scanPath, { workerData: scanData, transferList: [port2] });
      // The parse worker holds the process open while it parses; this one never needs to. When it dies, its
      // end of the channel closes and the parse worker scans in its own thread.
      scanWorker.unref();
      scanWorker.on('error', () => {});
      this.scanWorker = scanWorker;
    }
    const data: ScanChannelData = { scanPort };
    return (this.worker = new Worker(workerPath, {
      workerData: data, transferList: scanPort ? [scanPort] : [], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    }));
  }

  private idleFromNow(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
  }

  /**
   * Parses a file in the worker. `joinMemoryLater`, when given, is what the file's join starts with (instead of
   * input.joinMemory): the file is given to the worker now, and its scan reads ahead until the memory comes.
   */
  async parse(input: ParseFileInput, sink: ParseSink, joinMemoryLater?: Promise<SessionMemory[] | null>): Promise<ParseFileResult> {
    if (!this.workerPath) return parseFile(input, sink, undefined, joinMemoryLater);
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.spawn();
    // Kept for the next file and the next ingest (starting it costs a fifth of a second), but it holds the
    // process open only while it parses.
    worker.ref();
    this.active++;
    const job = ++this.lastJob;
    const post = (m: ParseWorkerRequest): void => worker.postMessage(m);
    return new Promise<ParseFileResult>((resolve, reject) => {
      let cancelSent = false;
      let failure: Error | null = null;
      let chain = Promise.resolve();
      const onMessage = (m: ParseWorkerReply): void => {
        if (m.job !== job) return;
        if (m.type === 'records') {
          // This file's inserts run in order; each batch is acknowledged once it is in the case.
          chain = chain.then(async () => {
            if (failure) return;
            try {
              await sink.records(m.attempts, m.logins, m.fixes);
              post({ type: 'ack', job });
            } catch (e) {
              // The case refused a batch: stop the reader, and report the failure when it has stopped.
              failure = e as Error;
              post({ type: 'cancel', job });
            }
          });
        } else if (m.type === 'join-end') {
          // Ahead of the file's last records (the worker sends it first), for the next file of the chain.
          if (!failure) sink.joinEnded?.(m.end);
        } else if (m.type === 'progress') {
          sink.progress(m.fileBytes, m.lines);
          if (!cancelSent && sink.cancelled()) {
            cancelSent = true;
            post({ type: 'cancel', job });
          }
        } else if (m.type === 'done') {
          cleanup();
          void chain.then(() => (failure ? reject(failure) : resolve(m.result)));
        } else {
          cleanup();
          reject(new Error(m.error));
        }
      };
      const onError = (e: Error): void => {
        cleanup();
        if (this.worker === worker) void this.close();
        reject(e);
      };
      const onExit = (code: number): void => onError(new Error(`the parse thread stopped (exit code ${code})`));
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (--this.active > 0) return;
        worker.unref();
        if (this.worker === worker) this.idleFromNow();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      post({ type: 'parse', job, input, joinMemoryFollows: joinMemoryLater !== undefined });
      joinMemoryLater?.then((memory) => post({ type: 'join-memory', job, memory }), (e: unknown) => {
        // The memory could not be had (the case failed): the file stops before its first line.
        failure ??= e as Error;
        post({ type: 'cancel', job });
      });
    });
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const threads = [this.worker, this.scanWorker];
    this.worker = null;
    this.scanWorker = null;
    await Promise.all(threads.map((w) => w?.terminate()));
  }
}
