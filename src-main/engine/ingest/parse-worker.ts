// A thread that parses files for the case's owner: it decodes and parses the lines its scan thread found and
// joins them into attempts, while the scan thread reads ahead and the owner inserts. It takes a file while
// another is still going (the owner keeps two in flight, so that small files do not leave threads idle).
// Records go back in batches; the owner acknowledges each, and each file holds back after a few
// unacknowledged ones, so memory stays bounded when inserting is slower.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type JoinEnd, type ParseFileInput, type ParseSink } from './parse-file';
import { ScanThread } from './scan-thread';
import { columnBuffers, type AttemptColumns, type LoginColumns } from '../parse/record-columns';
import type { ParseWorkerReply, ParseWorkerRequest, ScanChannelData } from './parse-worker-protocol';
import type { ServiceFix, SessionMemory } from '../parse/session-join';

const MAX_IN_FLIGHT = 3;

// Reading, hashing and the keyword scan run in a thread of their own, ahead of the parser (in this thread
// when there is no scan worker: see parse-runner.ts).
const { scanPort } = (workerData ?? { scanPort: null }) as ScanChannelData;
const scanner = scanPort ? new ScanThread(scanPort) : null;

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

/** A file being parsed: the owner acknowledges its batches, and may cancel it. */
interface Job {
  cancel: boolean;
  inFlight: number;
  wake: (() => void) | null;
  /** Gives the join's starting memory to a file given before it was known (joinMemoryFollows). */
  giveJoinMemory: ((memory: SessionMemory[] | null) => void) | null;
}

const jobs = new Map<number, Job>();

port.on('message', (msg: ParseWorkerRequest) => {
  if (msg.type === 'parse') {
    const job: Job = { cancel: false, inFlight: 0, wake: null, giveJoinMemory: null };
    jobs.set(msg.job, job);
    const joinMemory = msg.joinMemoryFollows ? new Promise<SessionMemory[] | null>((r) => (job.giveJoinMemory = r)) : undefined;
    void run(msg.job, job, msg.input, joinMemory);
    return;
  }
  const job = jobs.get(msg.job);
  if (!job) return; // already over
  if (msg.type === 'join-memory') {
    job.giveJoinMemory?.(msg.memory);
    job.giveJoinMemory = null;
    return;
  }
  if (msg.type === 'ack') job.inFlight--;
  else {
    job.cancel = true;
    // A file cancelled before its memory came stops at its first line.
    job.giveJoinMemory?.(null);
    job.giveJoinMemory = null;
  }
  job.wake?.();
  job.wake = null;
});

const send = (m: ParseWorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

/**
 * A file's batches and progress, sent to the owner. A class rather than an object of closures made per file,
 * so that parseFile calls the same functions for every file (V8 threw its optimised code away at each new
 * call target).
 */
class JobSink implements ParseSink {
  constructor(private readonly id: number, private readonly job: Job) {}

  async records(attempts: AttemptColumns, logins: LoginColumns, fixes: ServiceFix[]): Promise<void> {
    const job = this.job;
    job.inFlight++;
    send({ type: 'records', job: this.id, attempts, logins, fixes }, [...columnBuffers(attempts), ...columnBuffers(logins)]);
    while (job.inFlight >= MAX_IN_FLIGHT && !job.cancel) await new Promise<void>((r) => (job.wake = r));
  }

  progress(fileBytes: number, lines: number): void {
    send({ type: 'progress', job: this.id, fileBytes, lines });
  }

  cancelled(): boolean {
    return this.job.cancel;
  }

  joinEnded(end: JoinEnd): void {
    send({ type: 'join-end', job: this.id, end });
  }
}

async function run(id: number, job: Job, input: ParseFileInput, joinMemory?: Promise<SessionMemory[] | null>): Promise<void> {
  try {
    // The scan starts now, also when the join's memory is still to come.
    const result = await parseFile(input, new JobSink(id, job), scanner?.blocks(input), joinMemory);
    send({ type: 'done', job: id, result });
  } catch (e) {
    send({ type: 'failed', job: id, error: (e as Error).message });
  } finally {
    jobs.delete(id);
  }
}
