// The parse worker's side of the scan worker, over a channel to the built scan worker (npm test builds it):
// the blocks come as scanning in this thread gives them, and when the scan thread dies the parse worker
// scans in its own thread instead of failing every later file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockSource } from '../../../src-main/engine/ingest/parse-file';
import type { ScanChannelData } from '../../../src-main/engine/ingest/parse-worker-protocol';
import { scanFile, type ScanEnd, type ScanFileInput } from '../../../src-main/engine/ingest/scan-file';
import { ScanThread } from '../../../src-main/engine/ingest/scan-thread';

const SCAN_WORKER = path.resolve(__dirname, '../../../out/main/scan-worker.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-thread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A log of `n` lines, one in three a failed login, about 140 bytes a line. */
function writeLog(name: string, n: number): string {
  const file = path.join(dir, name);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const stamp = `Mar ${String(1 + Math.floor(i / 50_000)).padStart(2, ' ')} 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    lines.push(i % 3 === 0
      ? `${stamp} mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u${i}>, method=PLAIN, rip=198.51.100.${i % 250 + 1}, lip=10.0.0.1`
      : `${stamp} mx postfix/smtpd[${i}]: connect from unknown[203.0.113.${i % 250 + 1}]`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** What a source gives: each block's line count, candidate count and end hash, and how it ended. */
async function drain(source: BlockSource): Promise<{ blocks: [number, number, string][]; end: ScanEnd }> {
  const blocks: [number, number, string][] = [];
  for (;;) {
    const next = await source.next();
    if (next.done) return { blocks, end: next.value };
    blocks.push([next.value.lines, next.value.starts.length, next.value.contentHash]);
  }
}

describe('ScanThread', () => {
  let file: string;
  let input: ScanFileInput;

  beforeAll(() => {
    expect(fs.existsSync(SCAN_WORKER), 'run `npm run build` before this test').toBe(true);
    // About 4 MB: several blocks.
    file = writeLog('mail.log', 30_000);
    input = { path: file, encoding: 'plain', skipBytes: 0, skipHash: null };
  });

  function startScanWorker(): { thread: ScanThread; worker: Worker } {
    const { port1, port2 } = new MessageChannel();
    const data: ScanChannelData = { scanPort: port2 };
    const worker = new Worker(SCAN_WORKER, { workerData: data, transferList: [port2] });
    return { thread: new ScanThread(port1), worker };
  }

  it('gives the blocks scanning in this thread gives, file after file', async () => {
    const inThread = await drain(scanFile(input));
    expect(inThread.blocks.length).toBeGreaterThan(2);
    expect(inThread.blocks.reduce((n, b) => n + b[0], 0)).toBe(30_000);
    expect(inThread.blocks.reduce((n, b) => n + b[1], 0)).toBe(10_000);
    const { thread, worker } = startScanWorker();
    try {
      expect(await drain(thread.blocks(input))).toEqual(inThread);
      expect(await drain(thread.blocks(input))).toEqual(inThread);
    } finally {
      await worker.terminate();
    }
  });

  it('scans in this thread once the scan thread has died, and ends a file it was scanning with an error', async () => {
    const inThread = await drain(scanFile(input));
    const { thread, worker } = startScanWorker();
    const cut = thread.blocks(input);
    expect((await cut.next()).done).toBe(false);
    await worker.terminate();
    const { end } = await drain(cut);
    expect(end.error).toBe('the scan thread stopped');
    // Its end of the channel closes a moment after the thread is gone.
    await new Promise((r) => setTimeout(r, 50));
    expect(await drain(thread.blocks(input))).toEqual(inThread);
  });
});
