// A thread that reads, hashes and scans one file at a time for the parse worker (see scan-file.ts), so that
// this first stage of a file's parsing runs beside the parser instead of before each of its steps. Blocks go
// over with their buffers transferred; the parser acknowledges them a few at a time, and this thread holds back
// when SCAN_BLOCKS_IN_FLIGHT are unacknowledged, so memory stays bounded when parsing is slower than reading.
import { workerData } from 'node:worker_threads';
import { isOneLineBlock, scanFile, type ScanFileInput, type ScannedBlock } from './scan-file';
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
      const b = next.value;
      const buf = candidateBytes(b);
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

/**
 * A copy of the bytes the parser reads from the block, moved to it rather than cloned: the block is a view of a
 * stream chunk whose memory the reader still uses (for the hash, and for the start of the next line). The parser
 * decodes only the candidate lines (in the bench's log a quarter of its bytes, in most mail logs less), so only
 * they are copied, one after the other, and the block's starts and ends are moved to where each now lies. Less
 * memory to fill, hand over and collect: a new engine's first ingest of the bench's log took about a tenth less
 * CPU (docs/performance.md). A block that is one line (open or cut) is read whole, candidate or not
 * (parse-file.ts), and is copied whole.
 */
function candidateBytes(block: ScannedBlock): Uint8Array {
  if (isOneLineBlock(block)) return new Uint8Array(block.buf);
  const { starts, ends } = block;
  let bytes = 0;
  for (let i = 0; i < starts.length; i++) bytes += ends[i] - starts[i];
  const out = new Uint8Array(bytes);
  const from = Buffer.from(block.buf.buffer, block.buf.byteOffset, block.buf.byteLength);
  let at = 0;
  for (let i = 0; i < starts.length; i++) {
    const length = ends[i] - starts[i];
    from.copy(out, at, starts[i], ends[i]);
    starts[i] = at;
    ends[i] = at += length;
  }
  return out;
}
