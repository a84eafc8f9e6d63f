// Where a block's keywords are, found 16 bytes at a time by a SIMD kernel (teddy.wat) rather than by a regex.
// The keyword scan (candidate-lines.ts) looks for a score of literal keywords in every byte of every file; it
// was the largest cost of the thread that reads files. The kernel flags the places where one of the keywords'
// 4-byte fingerprints may start; each place is then checked against the keywords and their ignore phrases,
// byte by byte. The places found are exactly those where the format set's prefilter regex matches (tested
// against it), so the choice of fingerprints only changes the speed.
//
// Fingerprints: each keyword is represented by the 4 bytes of it that are rarest in a sample of the file (the
// start of its first block), so that `unknown user` is looked for as `wn u` in a mail log full of postfix's
// `unknown[`. Teddy packs them into 8 buckets, and a bucket matches any mix of its fingerprints' nibbles, so
// the buckets are filled to keep such mixes rare in the sample too.
import { TEDDY_WASM_BASE64 } from './teddy-wasm';

/** The bytes of a fingerprint. */
const WIDTH = 4;
const BUCKETS = 8;
/** Tables, then the text (at a 16-byte boundary). */
const TEXT_AT = 128;
/** Zeros after the text: the kernel's last step reads 16 + 3 bytes from its start. */
const PADDING = 32;
const RECORD_BYTES = 12;
/** Bytes of a file looked at to choose its fingerprints. */
const SAMPLE_BYTES = 64 * 1024;

export interface KeywordSet {
  /** Literal keywords; a line holding one (outside the ignore phrases) is a candidate. */
  readonly keywords: readonly string[];
  /** Phrases within which a keyword does not count (`(no auth attempts` for `auth`). */
  readonly ignores: readonly string[];
}

/** One keyword as the check after the kernel sees it. */
interface Keyword {
  bytes: Uint8Array;
  /** Where its fingerprint starts within it. */
  window: number;
  /** Ignore phrases holding it: the keyword at `at` is ignored when `bytes` are found at `at + from`. */
  guards: { from: number; bytes: Uint8Array }[];
}

interface Kernel {
  memory: WebAssembly.Memory;
  scan: (text: number, length: number, out: number) => number;
  newlines: WebAssembly.Global;
}

let kernel: Kernel | null | undefined;

/** The kernel, one per thread (its memory is reused for every block); null where WebAssembly SIMD is missing. */
function sharedKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const bytes = Buffer.from(TEDDY_WASM_BASE64, 'base64');
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return (kernel = null);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const exports = instance.exports as unknown as Kernel;
  return (kernel = { memory: exports.memory, scan: exports.scan, newlines: exports.newlines });
}

/** The 4 bytes at `at` as one number (little-endian, signed as `|` makes it). */
function fingerprintAt(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** Which bytes match a bucket's tables at one fingerprint byte: any byte whose two nibbles both occur there. */
function bucketShare(windows: readonly Uint8Array[], j: number, frequency: Float64Array): number {
  let low = 0;
  let high = 0;
  for (const w of windows) {
    low |= 1 << (w[j] & 15);
    high |= 1 << (w[j] >> 4);
  }
  let share = 0;
  for (let b = 0; b < 256; b++) if ((low >> (b & 15)) & 1 && (high >> (b >> 4)) & 1) share += frequency[b];
  return share;
}

/** How often random text of the sample's byte frequencies would match a bucket holding `windows`. */
function bucketRate(windows: readonly Uint8Array[], frequency: Float64Array): number {
  if (windows.length === 0) return 0;
  let rate = 1;
  for (let j = 0; j < WIDTH; j++) rate *= bucketShare(windows, j, frequency);
  return rate;
}

export class TeddyKeywordScan {
  private readonly byFingerprint = new Map<number, Keyword[]>();
  private readonly tables = new Uint8Array(TEXT_AT);

  private constructor(private readonly kernel: Kernel, private readonly keywords: readonly Uint8Array[], private readonly set: KeywordSet, sample: Uint8Array) {
    this.choose(sample);
  }

  /**
   * A scan for `set`, its fingerprints chosen from `sample` (the start of the file); null when the kernel
   * cannot take the set (a keyword shorter than a fingerprint, or not printable ASCII) or cannot run here.
   */
  static create(set: KeywordSet, sample: Uint8Array): TeddyKeywordScan | null {
    if (set.keywords.length === 0 || !set.keywords.every((k) => k.length >= WIDTH && isAscii(k)) || !set.ignores.every(isAscii)) return null;
    const shared = sharedKernel();
    return shared && new TeddyKeywordScan(shared, set.keywords.map((k) => Buffer.from(k, 'latin1')), set, sample.subarray(0, SAMPLE_BYTES));
  }

  /**
   * Calls `onKeyword` with each place in `text` where a keyword starts (one not inside an ignore phrase), in
   * order, and with the number of newlines before it; `onKeyword` returns where to look on from. Returns the
   * number of newlines in `text`.
   */
  forEach(text: Uint8Array, onKeyword: (at: number, newlinesBefore: number) => number): number {
    const { memory, scan, newlines } = this.kernel;
    const outAt = TEXT_AT + ((text.length + PADDING + 15) & ~15);
    const needed = outAt + (Math.ceil(text.length / 16) + 1) * RECORD_BYTES;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    const heap = new Uint8Array(memory.buffer);
    heap.set(this.tables, 0);
    heap.set(text, TEXT_AT);
    heap.fill(0, TEXT_AT + text.length, TEXT_AT + text.length + PADDING);
    const records = scan(TEXT_AT, text.length, outAt);
    const words = new Uint32Array(memory.buffer, outAt, records * 3);
    const halves = new Uint16Array(memory.buffer, outAt, records * 6);
    let from = 0;
    for (let r = 0; r < records; r++) {
      const step = words[r * 3];
      if (step + 16 <= from) continue;
      let hits = halves[r * 6 + 4];
      while (hits !== 0) {
        const lane = 31 - Math.clz32(hits & -hits);
        hits &= hits - 1;
        const at = step + lane;
        if (at < from) continue;
        const start = this.keywordAt(text, at);
        if (start === -1) continue;
        let before = words[r * 3 + 1];
        for (let mask = halves[r * 6 + 5] & ((1 << lane) - 1); mask !== 0; mask &= mask - 1) before++;
        from = onKeyword(start, before);
      }
    }
    return newlines.value as number;
  }

  /**
   * Where the keyword starts whose fingerprint is at `at`, when there is one there that is not inside one of
   * its ignore phrases; -1 when not. Keywords hold no newline, so a keyword found lies within one line.
   */
  private keywordAt(text: Uint8Array, at: number): number {
    if (at + WIDTH > text.length) return -1;
    const candidates = this.byFingerprint.get(fingerprintAt(text, at));
    if (candidates === undefined) return -1;
    for (let c = 0; c < candidates.length; c++) {
      const keyword = candidates[c];
      const start = at - keyword.window;
      if (!bytesAt(text, start, keyword.bytes)) continue;
      let ignored = false;
      for (let g = 0; g < keyword.guards.length && !ignored; g++) ignored = bytesAt(text, start + keyword.guards[g].from, keyword.guards[g].bytes);
      if (!ignored) return start;
    }
    return -1;
  }

  /** Picks each keyword's fingerprint and fills the buckets' tables, from the sample's statistics. */
  private choose(sample: Uint8Array): void {
    // Every 4 bytes of every keyword, and how often each occurs in the sample.
    const counts = new Map<number, number>();
    for (const k of this.keywords) for (let w = 0; w + WIDTH <= k.length; w++) counts.set(fingerprintAt(k, w), 0);
    // A byte not in the sample is taken as half a byte's share, so that rare bytes still weigh something.
    const frequency = new Float64Array(256).fill(0.5 / Math.max(1, sample.length));
    for (let i = 0; i < sample.length; i++) {
      frequency[sample[i]] += 1 / sample.length;
      if (i + WIDTH <= sample.length) {
        const key = fingerprintAt(sample, i);
        const count = counts.get(key);
        if (count !== undefined) counts.set(key, count + 1);
      }
    }
    // The expected count as random text of those frequencies breaks ties among windows the sample never holds.
    const expected = (k: Uint8Array, w: number): number =>
      frequency[k[w]] * frequency[k[w + 1]] * frequency[k[w + 2]] * frequency[k[w + 3]] * sample.length;
    const chosen = new Map<number, { window: Uint8Array; weight: number }>();
    this.keywords.forEach((bytes, index) => {
      let window = 0;
      let best = Infinity;
      for (let w = 0; w + WIDTH <= bytes.length; w++) {
        const weight = counts.get(fingerprintAt(bytes, w))! + expected(bytes, w);
        if (weight < best) {
          best = weight;
          window = w;
        }
      }
      const key = fingerprintAt(bytes, window);
      const list = this.byFingerprint.get(key) ?? [];
      list.push({ bytes, window, guards: this.guardsOf(this.set.keywords[index]) });
      this.byFingerprint.set(key, list);
      chosen.set(key, { window: bytes.subarray(window, window + WIDTH), weight: Math.max(best, chosen.get(key)?.weight ?? 0) });
    });
    // The most frequent fingerprints first, each into the bucket where it adds least to chance matches.
    const buckets: Uint8Array[][] = Array.from({ length: BUCKETS }, () => []);
    for (const { window } of [...chosen.values()].sort((a, b) => b.weight - a.weight)) {
      let bucket = 0;
      let least = Infinity;
      for (let b = 0; b < BUCKETS; b++) {
        const added = bucketRate([...buckets[b], window], frequency) - bucketRate(buckets[b], frequency);
        if (added < least) {
          least = added;
          bucket = b;
        }
      }
      buckets[bucket].push(window);
      for (let j = 0; j < WIDTH; j++) {
        this.tables[32 * j + (window[j] & 15)] |= 1 << bucket;
        this.tables[32 * j + 16 + (window[j] >> 4)] |= 1 << bucket;
      }
    }
  }

  /** The ignore phrases that hold `keyword`, as where each starts relative to the keyword. */
  private guardsOf(keyword: string): Keyword['guards'] {
    const guards: Keyword['guards'] = [];
    for (const phrase of this.set.ignores) {
      for (let at = phrase.indexOf(keyword); at !== -1; at = phrase.indexOf(keyword, at + 1)) {
        guards.push({ from: -at, bytes: Buffer.from(phrase, 'latin1') });
      }
    }
    return guards;
  }
}

/** Whether `bytes` are in `text` at `at` (all of them, within the text). */
function bytesAt(text: Uint8Array, at: number, bytes: Uint8Array): boolean {
  if (at < 0 || at + bytes.length > text.length) return false;
  for (let i = 0; i < bytes.length; i++) if (text[at + i] !== bytes[i]) return false;
  return true;
}
