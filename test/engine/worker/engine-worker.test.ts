// The built engine thread answers the API's methods and nothing else: the Engine object has others
// (dispose, internals) that a message must not reach. Runs `out/` (npm test builds it first).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../../src-main/engine/worker/protocol';

const workerPath = path.resolve(__dirname, '../../../out/main/engine-worker.js');

describe('engine worker', () => {
  let worker: Worker;
  let seq = 0;

  const ask = (method: string, args: unknown[] = []): Promise<WorkerMessage> => {
    const mine = ++seq;
    return new Promise((resolve) => {
      const onMessage = (m: WorkerMessage): void => {
        if ('seq' in m && m.seq === mine) {
          worker.off('message', onMessage);
          resolve(m);
        }
      };
      worker.on('message', onMessage);
      worker.postMessage({ seq: mine, method, args });
    });
  };

  beforeAll(() => {
    expect(fs.existsSync(workerPath), 'run `npm run build` before the worker tests').toBe(true);
    worker = new Worker(workerPath, { workerData: { geoip: [] } });
  });
  afterAll(() => worker.terminate());

  it('answers an API method', async () => {
    expect(await ask('caseInfo')).toMatchObject({ ok: true, result: { attempts: 0, path: null } });
  });

  it.each(['dispose', 'attachGeo', 'case', 'databaseBytes', 'constructor', '__proto__'])('refuses %s, which is not part of the API', async (method) => {
    expect(await ask(method)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown engine method/) });
    expect(await ask('caseInfo')).toMatchObject({ ok: true }); // and goes on
  });
});
