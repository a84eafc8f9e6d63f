// What a per-IP threshold such as fail2ban would have done to a case's attempts, replayed in time order: the
// attempt that makes `maxretry` within `findtime` seconds trips a ban of `bantime` seconds, the attempts of
// that address during the ban are blocked (and, the address being shut out, not counted), and after it the
// count starts again. fail2ban ≥ 0.10 estimates that count from the address's rate; an exact sliding window
// is what "5 tries in 10 minutes" says, and what an analyst checks by hand.
import type { ThresholdOptions } from '../../shared/api';

/** What the threshold did with one attempt. */
export const Verdict = {
  /** Reached the server, and the threshold had not yet seen enough of its address. */
  Passed: 0,
  /** Reached the server (fail2ban reads it from the log afterwards) and trips the ban. */
  Tripped: 1,
  /** Made while its address was banned: the threshold stopped it. */
  Blocked: 2,
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/**
 * Replays attempts one at a time, in time order, with state per address id (dense small integers, as the
 * case's `ip.id`). Memory: a few numbers per address, and a time and a link per attempt that reached the
 * server (12 bytes), so that the window slides in constant time per attempt whatever `maxretry` is.
 */
export class ThresholdSimulator {
  private bannedUntil: Float64Array;
  /** First and last attempt (simulator's row numbers) counted in the address's current window; -1: none. */
  private windowFirst: Int32Array;
  private windowLast: Int32Array;
  private windowCount: Int32Array;
  /** The next counted attempt of the same address, per row. */
  private nextOfIp: Int32Array;
  private rowTs: Float64Array;
  private rows = 0;

  constructor(private readonly options: ThresholdOptions, ipCapacity = 1024, rowCapacity = 1024) {
    this.bannedUntil = new Float64Array(ipCapacity).fill(Number.NEGATIVE_INFINITY);
    this.windowFirst = new Int32Array(ipCapacity).fill(-1);
    this.windowLast = new Int32Array(ipCapacity).fill(-1);
    this.windowCount = new Int32Array(ipCapacity);
    this.nextOfIp = new Int32Array(Math.max(1, rowCapacity));
    this.rowTs = new Float64Array(Math.max(1, rowCapacity));
  }

  /** The verdict on the next attempt: `ts` in seconds, not earlier than the previous attempt's. */
  attempt(ts: number, ip: number): Verdict {
    if (ip >= this.windowCount.length) this.growIps(ip + 1);
    if (ts < this.bannedUntil[ip]) return Verdict.Blocked;
    const row = this.rows++;
    if (row >= this.rowTs.length) this.growRows();
    this.rowTs[row] = ts;
    this.nextOfIp[row] = -1;
    if (this.windowCount[ip] === 0) this.windowFirst[ip] = row;
    else this.nextOfIp[this.windowLast[ip]] = row;
    this.windowLast[ip] = row;
    let count = this.windowCount[ip] + 1;
    // "Within findtime": an attempt exactly findtime seconds before this one still counts.
    const oldest = ts - this.options.findtime;
    let first = this.windowFirst[ip];
    while (this.rowTs[first] < oldest) {
      first = this.nextOfIp[first];
      count--;
    }
    this.windowFirst[ip] = first;
    if (count >= this.options.maxretry) {
      this.bannedUntil[ip] = ts + this.options.bantime;
      this.windowCount[ip] = 0;
      return Verdict.Tripped;
    }
    this.windowCount[ip] = count;
    return Verdict.Passed;
  }

  private growIps(needed: number): void {
    const size = Math.max(needed, this.windowCount.length * 2);
    this.bannedUntil = grown(this.bannedUntil, new Float64Array(size), Number.NEGATIVE_INFINITY);
    this.windowFirst = grown(this.windowFirst, new Int32Array(size), -1);
    this.windowLast = grown(this.windowLast, new Int32Array(size), -1);
    this.windowCount = grown(this.windowCount, new Int32Array(size), 0);
  }

  private growRows(): void {
    const size = this.rowTs.length * 2;
    this.nextOfIp = grown(this.nextOfIp, new Int32Array(size), 0);
    this.rowTs = grown(this.rowTs, new Float64Array(size), 0);
  }
}

/** `bigger` filled with `fill`, then `old` copied to its start. */
function grown<T extends Float64Array | Int32Array>(old: T, bigger: T, fill: number): T {
  bigger.fill(fill);
  bigger.set(old);
  return bigger;
}
