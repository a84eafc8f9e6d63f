// The engine's thread: it owns the case database and answers requests one at a time, in order. Ingest
// yields between chunks, so queries asked while a file is read are answered with what is in so far.
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine';
import { isEngineMethod } from '../../shared/engine-args';
import type { EngineRequest, EngineWorkerData, WorkerMessage } from './protocol';
import { RequestQueue, SUPERSEDED } from './request-queue';

if (!parentPort) throw new Error('engine-worker must run in a worker thread');
const port = parentPort;

const data = (workerData ?? { geoip: [] }) as EngineWorkerData;
const engine = new Engine({ geoip: data.geoip, emit: (event) => port.postMessage({ event } satisfies WorkerMessage) });
// Each host that starts this thread (the app, the web host, the CLI's ingest) is there to read logs: the parse
// threads load while the host opens its window or its case.
engine.startParseThreads();

const queue = new RequestQueue((req) => port.postMessage({ seq: req.seq, ok: false, error: SUPERSEDED } satisfies WorkerMessage));
let stepping = false;

port.on('message', (req: EngineRequest) => {
  queue.push(req);
  if (!stepping) {
    stepping = true;
    setImmediate(step);
  }
});

/**
 * Starts the next request, then comes back in the next turn of the event loop: a query's work runs before that
 * turn (it is synchronous once started), and the messages that came meanwhile are queued first, so that they
 * may replace requests still waiting. An ingest yields while it reads, and the requests after it are answered
 * meanwhile, as before.
 */
function step(): void {
  const req = queue.next();
  if (!req) {
    stepping = false;
    return;
  }
  void answer(req);
  setImmediate(step);
}

async function answer(req: EngineRequest): Promise<void> {
  try {
    // Only the API's methods: the engine has others (dispose, internals) that no host may call.
    if (!isEngineMethod(req.method)) throw new Error(`unknown engine method ${String(req.method).slice(0, 40)}`);
    const fn = engine[req.method] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn.apply(engine, req.args as unknown[]);
    port.postMessage({ seq: req.seq, ok: true, result } satisfies WorkerMessage);
  } catch (e) {
    port.postMessage({ seq: req.seq, ok: false, error: (e as Error).message ?? String(e) } satisfies WorkerMessage);
  }
}
