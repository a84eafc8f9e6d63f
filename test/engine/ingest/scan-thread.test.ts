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
import { decodeLine } from '../../../src-main/engine/ingest/line-reader';
import { isOneLineBlock, scanFile, type ScanEnd, type ScanFileInput } from '../../../src-main/engine/ingest/scan-file';
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

interface DrainedBlock {
  lines: number;
  candidates: string[];
  contentHash: string;
  /** A one-line block's whole text (the parser reports that line, candidate or not). */
  oneLine: string | null;
}

/** What a source gives: each block's line count, candidate lines as the parser decodes them and end hash, and how it ended. */
async function drain(source: BlockSource): Promise<{ blocks: DrainedBlock[]; end: ScanEnd }> {
  const blocks: DrainedBlock[] = [];
  for (;;) {
    const next = await source.next();
    if (next.done) return { blocks, end: next.value };
    const b = next.value;
    const buf = Buffer.from(b.buf.buffer, b.buf.byteOffset, b.buf.byteLength);
    blocks.push({
      lines: b.lines, candidates: [...b.starts].map((start, i) => decodeLine(buf, start, b.ends[i])), contentHash: b.contentHash,
      oneLine: isOneLineBlock(b) ? decodeLine(buf, 0, buf.length - 1) : null,
    });
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
    expect(inThread.blocks.reduce((n, b) => n + b.lines, 0)).toBe(30_000);
    const candidates = inThread.blocks.flatMap((b) => b.candidates);
    expect(candidates).toHaveLength(10_000);
    expect(candidates[1]).toBe('Mar  1 10:00:03 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u3>, method=PLAIN, rip=198.51.100.4, lip=10.0.0.1');
    const { thread, worker } = startScanWorker();
    try {
      expect(await drain(thread.blocks(input))).toEqual(inThread);
      expect(await drain(thread.blocks(input))).toEqual(inThread);
    } finally {
      await worker.terminate();
    }
  });

  it('hands over a last line without a newline whole, whether or not it is a candidate', async () => {
    for (const last of ['Mar 31 23:59:59 mx postfix/smtpd[9]: disconnect from unknown[203.0.113.9]',
      'Mar 31 23:59:59 mx dovecot: pop3-login: Aborted login (auth failed, 2 attempts in 9 secs): user=<ü>, method=PLAIN, rip=192.0.2.7, lip=10.0.0.1']) {
      const file = path.join(dir, 'open-last.log');
      fs.writeFileSync(file, fs.readFileSync(input.path, 'utf8').split('\n').slice(0, 2_000).join('\n') + '\n' + last);
      const open: ScanFileInput = { path: file, encoding: 'plain', skipBytes: 0, skipHash: null };
      const inThread = await drain(scanFile(open));
      expect(inThread.blocks.at(-1)?.oneLine).toBe(last);
      const { thread, worker } = startScanWorker();
      try {
        expect(await drain(thread.blocks(open))).toEqual(inThread);
      } finally {
        await worker.terminate();
      }
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
