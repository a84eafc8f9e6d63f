// A thread that parses one file at a time for the case's owner: it decodes and parses the lines its scan
// thread found and joins them into attempts, while the scan thread reads ahead and the owner inserts.
// Records go back in batches; the owner acknowledges each, and the worker holds back after a few
// unacknowledged ones, so memory stays bounded when inserting is slower.
import { parentPort } from 'node:worker_threads';
import { parseFile, type ParseFileInput } from './parse-file';
import { ScanThread } from './scan-thread';
import { columnBuffers } from '../parse/record-columns';
import type { ParseWorkerReply, ParseWorkerRequest } from './parse-worker-protocol';

const MAX_IN_FLIGHT = 3;

// Reading, hashing and the keyword scan run in a thread of their own, ahead of the parser (in this thread
// when the scan worker was not built, as in tests run from sources).
const scanner = ScanThread.besides(import.meta.url);

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

let cancel = false;
let inFlight = 0;
let wake: (() => void) | null = null;

const send = (m: ParseWorkerReply): void => port.postMessage(m);

port.on('message', (msg: ParseWorkerRequest) => {
  if (msg.type === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
  } else if (msg.type === 'cancel') {
    cancel = true;
    wake?.();
    wake = null;
  } else if (msg.type === 'parse') {
    cancel = false;
    inFlight = 0;
    void run(msg.input);
  }
});

async function run(input: ParseFileInput): Promise<void> {
  try {
    const result = await parseFile(input, {
      async records(a, l) {
        inFlight++;
        port.postMessage({ type: 'records', attempts: a, logins: l } satisfies ParseWorkerReply, [...columnBuffers(a), ...columnBuffers(l)]);
        while (inFlight >= MAX_IN_FLIGHT && !cancel) await new Promise<void>((r) => (wake = r));
      },
      progress(fileBytes, lines) {
        send({ type: 'progress', fileBytes, lines });
      },
      cancelled: () => cancel,
    }, scanner?.blocks(input));
    send({ type: 'done', result });
  } catch (e) {
    send({ type: 'failed', error: (e as Error).message });
  }
}
