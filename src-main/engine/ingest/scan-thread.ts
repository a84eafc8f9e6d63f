// The parse worker's side of the scan worker: each file's scanned blocks as a BlockSource, read from the
// scan thread's messages. Blocks are acknowledged as the parser takes them; returning early (a cancel)
// stops the scan. The owner starts both threads side by side and joins them by a channel (parse-runner.ts),
// so that the scan thread loads while the parse thread does, not after it.
import type { MessagePort } from 'node:worker_threads';
import { EMPTY_CONTENT_HASH } from './line-reader';
import type { BlockSource } from './parse-file';
import { SCAN_BLOCKS_PER_ACK, type ScanWorkerReply, type ScanWorkerRequest } from './parse-worker-protocol';
import { scanFile, type ScanEnd, type ScanFileInput } from './scan-file';

export class ScanThread {
  private run = 0;
  /** Set when the thread died (its end of the channel closed): later files are scanned in this thread. */
  private dead: Error | null = null;

  /** `port` is this end of the channel to the scan worker. */
  constructor(private readonly port: MessagePort) {
    port.once('close', () => {
      this.dead ??= new Error('the scan thread stopped');
    });
  }

  blocks(input: ScanFileInput): BlockSource {
    if (this.dead) return scanFile(input);
    const run = ++this.run;
    const port = this.port;
    const queue: ScanWorkerReply[] = [];
    let wake: (() => void) | null = null;
    const arrive = (m: ScanWorkerReply): void => {
      if (m.run !== run) return;
      queue.push(m);
      wake?.();
      wake = null;
    };
    const crash = (): void => arrive({ type: 'failed', run, error: 'the scan thread stopped' });
    const post = (m: ScanWorkerRequest): void => port.postMessage(m);
    port.on('message', arrive);
    port.on('close', crash);
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
        port.off('message', arrive);
        port.off('close', crash);
      }
    }
    return source();
  }

}
