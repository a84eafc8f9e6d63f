// The parse worker's side of the scan worker: each file's scanned blocks as a BlockSource, read from the
// scan thread's messages. Blocks are acknowledged as the parser takes them; returning early (a cancel)
// stops the scan.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EMPTY_CONTENT_HASH } from './line-reader';
import type { BlockSource } from './parse-file';
import { SCAN_BLOCKS_PER_ACK, type ScanWorkerReply, type ScanWorkerRequest } from './parse-worker-protocol';
import { scanFile, type ScanEnd, type ScanFileInput } from './scan-file';

export class ScanThread {
  private readonly worker: Worker;
  private run = 0;
  /** Set when the thread died: later files are scanned in the parse worker's own thread. */
  private dead: Error | null = null;

  private constructor(workerPath: string) {
    this.worker = new Worker(workerPath);
    const die = (e: Error): void => {
      this.dead ??= e;
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`the scan thread stopped (exit code ${code})`)));
  }

  /** The scan worker built beside `siblingUrl` (this bundle's import.meta.url), or null when there is none. */
  static besides(siblingUrl: string): ScanThread | null {
    const url = new URL('./scan-worker.js', siblingUrl);
    return fs.existsSync(url) ? new ScanThread(fileURLToPath(url)) : null;
  }

  blocks(input: ScanFileInput): BlockSource {
    if (this.dead) return scanFile(input);
    const run = ++this.run;
    const worker = this.worker;
    const queue: ScanWorkerReply[] = [];
    let wake: (() => void) | null = null;
    const arrive = (m: ScanWorkerReply): void => {
      if (m.run !== run) return;
      queue.push(m);
      wake?.();
      wake = null;
    };
    const crash = (e: Error | number): void => arrive({ type: 'failed', run, error: typeof e === 'number' ? `the scan thread stopped (exit code ${e})` : e.message });
    const post = (m: ScanWorkerRequest): void => worker.postMessage(m);
    worker.on('message', arrive);
    worker.on('error', crash);
    worker.on('exit', crash);
    post({ type: 'scan', run, input });

    async function* source(): BlockSource {
      // Where the blocks taken so far end, for a scan that fails before its end.
      let contentBytes = input.skipBytes;
      let contentHash = input.skipHash ?? EMPTY_CONTENT_HASH;
      let over = false;
      let blocks = 0;
      let unacknowledged = 0;
      try {
        for (;;) {
          while (!queue.length) await new Promise<void>((r) => (wake = r));
          const m = queue.shift()!;
          if (m.type === 'block') {
            if (++unacknowledged === SCAN_BLOCKS_PER_ACK) {
              post({ type: 'ack', run, blocks: unacknowledged });
              unacknowledged = 0;
            }
            contentBytes = m.block.contentBytes;
            contentHash = m.block.contentHash;
            blocks++;
            yield m.block;
          } else if (m.type === 'end') {
            over = true;
            return m.end;
          } else {
            over = true;
            const end: ScanEnd = {
              prefixMatched: input.skipBytes === 0 || blocks > 0, contentBytes, contentHash, damagedCompression: null, trailingBytes: 0,
              error: m.type === 'failed' ? m.error : 'the scan stopped',
            };
            return end;
          }
        }
      } finally {
        if (!over) post({ type: 'stop', run });
        worker.off('message', arrive);
        worker.off('error', crash);
        worker.off('exit', crash);
      }
    }
    return source();
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
