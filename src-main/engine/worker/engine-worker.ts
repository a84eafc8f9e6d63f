// The engine's thread: it owns the case database and answers requests one at a time, in order. Ingest
// yields between chunks, so queries asked while a file is read are answered with what is in so far.
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine';
import type { EngineRequest, EngineWorkerData, WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');

const data = (workerData ?? { geoip: [] }) as EngineWorkerData;
const engine = new Engine({ geoip: data.geoip, emit: (event) => port.postMessage({ event } satisfies WorkerMessage) });

port.on('message', async (req: EngineRequest) => {
  try {
    const fn = engine[req.method] as (...a: unknown[]) => Promise<unknown>;
    if (typeof fn !== 'function') throw new Error(`unknown engine method ${String(req.method)}`);
    const result = await fn.apply(engine, req.args as unknown[]);
    port.postMessage({ seq: req.seq, ok: true, result } satisfies WorkerMessage);
  } catch (e) {
    port.postMessage({ seq: req.seq, ok: false, error: (e as Error).message ?? String(e) } satisfies WorkerMessage);
  }
});
