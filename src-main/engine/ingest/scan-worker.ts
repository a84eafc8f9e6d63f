// A thread that reads, hashes and scans one file at a time for the parse worker (see scan-file.ts), so that
// this first stage of a file's parsing runs beside the parser instead of before each of its steps. Blocks go
// over with their buffers transferred; the parser acknowledges them a few at a time, and this thread holds back
// when SCAN_BLOCKS_IN_FLIGHT are unacknowledged, so memory stays bounded when parsing is slower than reading.
import { workerData } from 'node:worker_threads';
import { scanFile, type ScanFileInput } from './scan-file';
import { SCAN_BLOCKS_IN_FLIGHT, type ScanChannelData, type ScanWorkerReply, type ScanWorkerRequest } from './parse-worker-protocol';

// The parse worker is at the other end of this channel; the owner that started both only stops this thread.
const channel = (workerData as ScanChannelData | null)?.scanPort;
if (!channel) throw new Error('scan-worker must run in a worker thread, given its channel to the parse worker');
const port = channel;

/** One file being scanned. A new file may start while a stopped one is still finishing its last read. */
interface Scan {
  stop: boolean;
  inFlight: number;
  wake: (() => void) | null;
}

const scans = new Map<number, Scan>();

const rouse = (scan: Scan): void => {
  scan.wake?.();
  scan.wake = null;
};

port.on('message', (msg: ScanWorkerRequest) => {
  if (msg.type === 'scan') {
    void scanOne(msg.run, msg.input);
    return;
  }
  const scan = scans.get(msg.run);
  if (!scan) return; // already over
  if (msg.type === 'ack') scan.inFlight -= msg.blocks;
  else scan.stop = true;
  rouse(scan);
});

async function scanOne(run: number, input: ScanFileInput): Promise<void> {
  const scan: Scan = { stop: false, inFlight: 0, wake: null };
  scans.set(run, scan);
  const blocks = scanFile(input);
  try {
    for (;;) {
      while (scan.inFlight >= SCAN_BLOCKS_IN_FLIGHT && !scan.stop) await new Promise<void>((r) => (scan.wake = r));
      if (scan.stop) {
        await blocks.return(undefined as never);
        port.postMessage({ type: 'stopped', run } satisfies ScanWorkerReply);
        return;
      }
      const next = await blocks.next();
      if (next.done) {
        port.postMessage({ type: 'end', run, end: next.value } satisfies ScanWorkerReply);
        return;
      }
      // A copy of exactly the block's bytes is moved, not cloned: the block is a view of a stream chunk whose
      // memory the reader still uses (for the hash, and for the start of the next line). Buffer's slice() would
      // be a view again, hence the Uint8Array constructor.
      const b = next.value;
      const buf = new Uint8Array(b.buf);
      scan.inFlight++;
      port.postMessage({ type: 'block', run, block: { ...b, buf } } satisfies ScanWorkerReply,
        [buf.buffer, b.starts.buffer, b.ends.buffer, b.lineInBlock.buffer] as ArrayBuffer[]);
    }
  } catch (e) {
    port.postMessage({ type: 'failed', run, error: (e as Error).message } satisfies ScanWorkerReply);
  } finally {
    scans.delete(run);
  }
}
