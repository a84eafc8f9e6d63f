// zstd content as a stream, checked as zstd itself checks it. fzstd decodes, but reads past each frame's
// checksum without comparing it: bytes changed inside a block would give wrong lines and no error. So the
// frames are walked here (their headers and block headers say where each ends, RFC 8878 §3.1), each frame is
// decoded by a decoder of its own, and what it gave is compared with the frame's checksum (the low 32 bits of
// its content's XXH64) and its declared content size. As with gzip's CRC, a frame's content is handed on as
// it is decoded and found wrong at the frame's end.
import { Transform } from 'node:stream';
import type { XXHash, XXHashAPI } from 'xxhash-wasm';
import { DamagedCompressionError } from './damage';

const FRAME_MAGIC = 0xfd2fb528;
/** Skippable frames (metadata some tools write, such as pzstd's): 0x184D2A50 to 0x184D2A5F. */
const SKIPPABLE_MAGIC = 0x184d2a50;
const SKIPPABLE_MASK = 0xfffffff0;

/** The part of a frame header after its descriptor byte, from the descriptor (RFC 8878 §3.1.1.1). */
function headerRestBytes(descriptor: number): number {
  if (descriptor & 0x08) throw new DamagedCompressionError('the zstd frame header is damaged (its reserved bit is set)');
  const singleSegment = (descriptor >> 5) & 1;
  const contentSizeFlag = descriptor >> 6;
  const windowBytes = singleSegment ? 0 : 1;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3];
  const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : 1 << contentSizeFlag;
  return windowBytes + dictionaryBytes + contentSizeBytes;
}

/** The frame's declared content size, or null when it declares none. `header` starts at the descriptor. */
function declaredContentSize(header: Uint8Array): number | null {
  const descriptor = header[0];
  const singleSegment = (descriptor >> 5) & 1;
  const flag = descriptor >> 6;
  const bytes = flag === 0 ? singleSegment : 1 << flag;
  if (!bytes) return null;
  const at = header.length - bytes;
  let size = 0;
  for (let i = bytes - 1; i >= 0; i--) size = size * 256 + header[at + i];
  return flag === 1 ? size + 256 : size;
}

/** One frame being decoded: its own fzstd decoder, and the hash and size of what it gave. */
class Frame {
  private readonly decoder: import('fzstd').Decompress;
  private readonly hash: XXHash<bigint> | null;
  private readonly declaredSize: number | null;
  private size = 0;
  private ended = false;

  constructor(fzstd: typeof import('fzstd'), xxhash: XXHashAPI, header: Uint8Array, onContent: (data: Uint8Array) => void) {
    this.hash = header[4] & 0x04 ? xxhash.create64(0n) : null;
    this.declaredSize = declaredContentSize(header.subarray(4));
    this.decoder = new fzstd.Decompress((data, final) => {
      if (data.length) {
        this.size += data.length;
        this.hash?.update(data);
        onContent(data);
      }
      if (final) this.ended = true;
    });
    this.decoder.push(header);
  }

  get checked(): boolean {
    return this.hash !== null;
  }

  push(bytes: Uint8Array): void {
    this.decoder.push(bytes);
  }

  /** The frame's last bytes were pushed; `checksum` is what the frame stored, when it stores one. */
  finish(checksum: number | null): void {
    this.decoder.push(new Uint8Array(0), true);
    if (!this.ended) throw new DamagedCompressionError('the zstd frame ends early');
    if (this.declaredSize !== null && this.size !== this.declaredSize) {
      throw new DamagedCompressionError(`the zstd frame gave ${this.size} bytes where its header says ${this.declaredSize}`, true);
    }
    if (this.hash && checksum !== null && Number(this.hash.digest() & 0xffffffffn) !== checksum) {
      throw new DamagedCompressionError('the zstd content does not match its checksum', true);
    }
  }
}

type Step =
  | { kind: 'magic' }
  | { kind: 'descriptor' }
  | { kind: 'header-rest' }
  | { kind: 'skippable-size' }
  | { kind: 'skip'; left: number }
  | { kind: 'block-header' }
  | { kind: 'block'; left: number; last: boolean }
  | { kind: 'checksum' };

/** Bytes each gathering step waits for before it can be read. */
function wanted(step: Step, gathered: Uint8Array): number {
  switch (step.kind) {
    case 'magic': case 'skippable-size': case 'checksum': return 4;
    case 'descriptor': return 5;
    case 'header-rest': return 5 + headerRestBytes(gathered[4]);
    case 'block-header': return 3;
    default: return 0;
  }
}

/**
 * A Transform from zstd bytes to their content, for one or more frames one after another (the zstd tool
 * writes one; pzstd and `cat` of several files write several). The content is handed on as a copy: fzstd's
 * output may be a view of a window it reuses.
 */
export function zstdDecoder(fzstd: typeof import('fzstd'), xxhash: XXHashAPI): Transform {
  let step: Step = { kind: 'magic' };
  // The bytes of the header being gathered, at most 18 (a frame's header keeps its magic: its decoder reads
  // it all).
  const gathered = new Uint8Array(18);
  let have = 0;
  let frame: Frame | null = null;
  let sawFrame = false;

  const out: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        walk(chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      if (step.kind !== 'magic' || have > 0) done(new DamagedCompressionError('the zstd stream ends early'));
      else if (!sawFrame) done(new DamagedCompressionError('the zstd stream holds no frame'));
      else done();
    },
  });
  const onContent = (data: Uint8Array): void => {
    out.push(Buffer.from(data));
  };

  /** Reads a gathered header; returns the next step. */
  const read = (): Step => {
    const view = new DataView(gathered.buffer, 0, have);
    switch (step.kind) {
      case 'magic': {
        const magic = view.getUint32(0, true);
        if (magic === FRAME_MAGIC) return { kind: 'descriptor' };
        if (((magic & SKIPPABLE_MASK) >>> 0) === SKIPPABLE_MAGIC) {
          have = 0;
          return { kind: 'skippable-size' };
        }
        throw new DamagedCompressionError('the zstd stream is damaged (no frame starts where one should)');
      }
      case 'descriptor':
        headerRestBytes(gathered[4]);
        return { kind: 'header-rest' };
      case 'header-rest':
        frame = new Frame(fzstd, xxhash, gathered.slice(0, have), onContent);
        sawFrame = true;
        have = 0;
        unpushed = at;
        return { kind: 'block-header' };
      case 'skippable-size': {
        const left = view.getUint32(0, true);
        have = 0;
        return left ? { kind: 'skip', left } : { kind: 'magic' };
      }
      case 'block-header': {
        const raw = gathered[0] | (gathered[1] << 8) | (gathered[2] << 16);
        const type = (raw >> 1) & 3;
        if (type === 3) throw new DamagedCompressionError('the zstd stream is damaged (a block of a reserved type)');
        have = 0;
        // An RLE block stores its one byte; the others store their size (an empty raw block, none).
        const left = type === 1 ? 1 : raw >>> 3;
        const last = (raw & 1) === 1;
        return left ? { kind: 'block', left, last } : afterBlock(last);
      }
      case 'checksum': {
        const checksum = view.getUint32(0, true);
        have = 0;
        return endFrame(checksum);
      }
      default:
        throw new Error(`nothing to read at ${step.kind}`);
    }
  };

  const afterBlock = (last: boolean): Step => {
    if (!last) return { kind: 'block-header' };
    return frame!.checked ? { kind: 'checksum' } : endFrame(null);
  };

  const endFrame = (checksum: number | null): Step => {
    // Its last bytes (and its checksum, which fzstd waits for though it does not compare it).
    handOver();
    frame!.finish(checksum);
    frame = null;
    return { kind: 'magic' };
  };

  // The chunk being walked, and where the open frame's bytes in it start that its decoder has not had yet:
  // the decoder gets them a run at a time (up to a frame's end or the chunk's), not a header or block at a time.
  let chunk: Uint8Array = new Uint8Array(0);
  let at = 0;
  let unpushed = 0;
  const handOver = (): void => {
    if (frame && at > unpushed) frame.push(chunk.subarray(unpushed, at));
    unpushed = at;
  };

  const walk = (bytes: Uint8Array): void => {
    chunk = bytes;
    at = 0;
    unpushed = 0;
    while (at < chunk.length) {
      if (step.kind === 'skip' || step.kind === 'block') {
        const n = Math.min(step.left, chunk.length - at);
        at += n;
        step.left -= n;
        if (step.left === 0) step = step.kind === 'skip' ? { kind: 'magic' } : afterBlock(step.last);
        continue;
      }
      const need = wanted(step, gathered);
      const n = Math.min(need - have, chunk.length - at);
      gathered.set(chunk.subarray(at, at + n), have);
      have += n;
      at += n;
      if (have === need) step = read();
    }
    handOver();
  };

  return out;
}
