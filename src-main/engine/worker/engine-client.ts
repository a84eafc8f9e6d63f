// Starts the engine in a worker thread and gives the host an EngineApi whose calls become messages.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineApi, EngineEvent, EngineMethod } from '../../shared/api';
import { ENGINE_METHODS } from '../../shared/channels';
import type { EngineHandle } from '../../shared/engine-handle';
import type { EngineRequest, EngineWorkerData, WorkerMessage } from './protocol';

/** The built worker sits beside the entry point (`out/main/engine-worker.js`), whichever chunk this code is in. */
export function locateWorker(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'engine-worker.js'), path.join(here, '..', 'engine-worker.js'), path.join(here, '..', '..', 'out', 'main', 'engine-worker.js')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`engine-worker.js not found near ${here}: run \`npm run build\` first`);
}

export interface StartEngineOptions {
  workerPath?: string;
  geoip?: string[];
}

export function startEngine(options: StartEngineOptions = {}): EngineHandle {
  const workerData: EngineWorkerData = { geoip: options.geoip ?? [] };
  const worker = new Worker(options.workerPath ?? locateWorker(), { workerData });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(e: EngineEvent) => void>();
  let seq = 0;
  let dead: Error | null = null;

  worker.on('message', (msg: WorkerMessage) => {
    if ('event' in msg) {
      for (const l of listeners) l(msg.event);
      return;
    }
    const p = pending.get(msg.seq);
    if (!p) return;
    pending.delete(msg.seq);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  });
  const fail = (e: Error): void => {
    dead = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`engine worker exited (code ${code})`)));

  const call = (method: EngineMethod, args: unknown[]): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const s = ++seq;
    return new Promise((resolve, reject) => {
      pending.set(s, { resolve, reject });
      worker.postMessage({ seq: s, method, args } as EngineRequest);
    });
  };

  const api = Object.fromEntries(ENGINE_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as EngineApi;
  return Object.assign(api, {
    onEvent(listener: (e: EngineEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async terminate() {
      worker.removeAllListeners('exit');
      fail(new Error('engine stopped'));
      await worker.terminate();
    },
  });
}
