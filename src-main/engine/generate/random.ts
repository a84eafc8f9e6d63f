// A small seeded PRNG (sfc32) so that a seed always yields the same logs, on every platform and Node
// version. Math.random cannot be seeded, and the tests and the benchmark compare against the truth.

const BASE64_CODES = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads even tiny seeds (0, 1, 2...) over the whole state.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for one part of the case, so that changing one part leaves the others alone. */
  fork(label: string): Random {
    let h = this.uint32();
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(h);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index 0 most likely, then falling off like 1/(i+1)^s: how popular names and passwords are spread. */
  zipfIndex(n: number, s = 1.1): number {
    // Inverse of the continuous approximation; cheap and good enough for picking from word lists.
    const u = this.next();
    if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1))) - 1);
    const top = Math.pow(n + 1, 1 - s);
    const x = Math.pow(1 + u * (top - 1), 1 / (1 - s));
    return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
  }

  /** Discrete Pareto: 1, 2, 3 ... with P(X >= k) = k^-alpha, capped. */
  pareto(alpha: number, cap: number): number {
    const u = 1 - this.next();
    return Math.min(cap, Math.floor(Math.pow(u, -1 / alpha)));
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Roughly normal (sum of uniforms), mean 0, sd 1. */
  gaussian(): number {
    return this.next() + this.next() + this.next() + this.next() - 2;
  }

  /** Picks an index with probability proportional to its weight; `cumulative` is the running sum. */
  weighted(cumulative: readonly number[]): number {
    const target = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  base64(length: number): string {
    return this.characters(length, BASE64_CODES, 6);
  }

  hex(length: number): string {
    return this.characters(length, HEX_CODES, 4);
  }

  /** Builds the string in one go: millions of session ids would otherwise make a lot of garbage. */
  private characters(length: number, codes: readonly number[], bits: number): string {
    const out = new Array<number>(length);
    const mask = (1 << bits) - 1;
    const perWord = Math.floor(32 / bits);
    let word = 0;
    for (let i = 0; i < length; i++) {
      if (i % perWord === 0) word = this.uint32();
      out[i] = codes[word & mask];
      word >>>= bits;
    }
    return String.fromCharCode(...out);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

export function cumulate(weights: readonly number[]): number[] {
  const out = new Array<number>(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}
