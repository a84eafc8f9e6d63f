// The built engine thread answers the API's methods and nothing else: the Engine object has others
// (dispose, internals) that a message must not reach. Runs `out/` (npm test builds it first).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../../src-main/engine/worker/protocol';
import { SUPERSEDED } from '../../../src-main/engine/worker/request-queue';

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

  it('answers only the newest of a view\'s questions that waited, and every question without a view', async () => {
    expect(await ask('loadSampleData')).toMatchObject({ ok: true });
    const year = { from: null, to: null, countries: [], search: '' };
    // The incident detector reads the whole sample year (a tenth of a second): the questions after it wait.
    const busy = ask('incidents');
    const views = [1, 2, 3].map((n) => ask('summary', [{ ...year, lane: 'summary', countries: n === 3 ? ['US'] : [] }]));
    const exports = [1, 2].map(() => ask('summary', [year]));
    expect(await busy).toMatchObject({ ok: true });
    const [first, second, newest] = await Promise.all(views);
    expect(first).toEqual({ seq: expect.any(Number), ok: false, error: SUPERSEDED });
    expect(second).toEqual({ seq: expect.any(Number), ok: false, error: SUPERSEDED });
    expect(newest).toMatchObject({ ok: true });
    const whole = (await Promise.all(exports)).map((m) => (m as { result: { attempts: number } }).result.attempts);
    expect(whole[0]).toBe(whole[1]);
    expect((newest as { result: { attempts: number } }).result.attempts).toBeLessThan(whole[0]);
    expect((newest as { result: { attempts: number } }).result.attempts).toBeGreaterThan(0);
  });

  it.each(['dispose', 'attachGeo', 'case', 'databaseBytes', 'constructor', '__proto__'])('refuses %s, which is not part of the API', async (method) => {
    expect(await ask(method)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown engine method/) });
    expect(await ask('caseInfo')).toMatchObject({ ok: true }); // and goes on
  });
});
