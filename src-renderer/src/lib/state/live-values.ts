// The user names or passwords tried in a range being brushed, from the (day, value) rows the engine ships
// once per case version (BrushColumns). Attempts are exact; IPs are the sum of each day's distinct IPs, which
// counts an IP once per day it used the value: exact for a value seen on one day, else an upper bound
// (`ipsAtMost`). One pass over the range's rows (rows are sorted by day) into typed arrays kept between calls,
// then a bounded heap keeps the `limit` first: a range can hold hundreds of thousands of passwords.
import type { BrushColumns, Day, ValueCount } from '../../../../src-main/shared/api';
import { firstWhere } from './first-where';

export type ValueKind = 'users' | 'passwords';

interface ValueRows {
  values: (string | null)[];
  rowDay: number[];
  rowValue: number[];
  rowAttempts: number[];
  rowIps: number[];
}

interface Scratch {
  attempts: Int32Array;
  ips: Int32Array;
  activeDays: Int32Array;
  touched: Int32Array;
}

const scratches = new WeakMap<BrushColumns, Record<ValueKind, Scratch>>();

function rowsOf(cols: BrushColumns, kind: ValueKind): ValueRows {
  return kind === 'users'
    ? { values: cols.users, rowDay: cols.userRowDay, rowValue: cols.userRowValue, rowAttempts: cols.userRowAttempts, rowIps: cols.userRowIps }
    : { values: cols.passwords, rowDay: cols.passwordRowDay, rowValue: cols.passwordRowValue, rowAttempts: cols.passwordRowAttempts, rowIps: cols.passwordRowIps };
}

function scratchFor(cols: BrushColumns, kind: ValueKind): Scratch {
  let both = scratches.get(cols);
  if (!both) {
    const make = (n: number): Scratch => ({ attempts: new Int32Array(n), ips: new Int32Array(n), activeDays: new Int32Array(n), touched: new Int32Array(n) });
    both = { users: make(cols.users.length), passwords: make(cols.passwords.length) };
    scratches.set(cols, both);
  }
  return both[kind];
}

const byText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/**
 * The `limit` values most tried on the days `from`..`to` (null: open-ended), most attempts first, then most
 * IPs, then by text, as the engine orders them. No country filter: the rollups do not know countries.
 */
export function liveValueCounts(cols: BrushColumns, kind: ValueKind, from: Day | null, to: Day | null, limit: number): ValueCount[] {
  const { values, rowDay, rowValue, rowAttempts, rowIps } = rowsOf(cols, kind);
  const { attempts, ips, activeDays, touched } = scratchFor(cols, kind);
  const { days } = cols;

  const firstDay = from === null ? 0 : firstWhere(days.length, (i) => days[i] >= from);
  const endDay = to === null ? days.length : firstWhere(days.length, (i) => days[i] > to);
  const start = firstWhere(rowDay.length, (i) => rowDay[i] >= firstDay);
  const end = firstWhere(rowDay.length, (i) => rowDay[i] >= endDay);

  let count = 0;
  for (let row = start; row < end; row++) {
    const value = rowValue[row];
    if (attempts[value] === 0) touched[count++] = value;
    attempts[value] += rowAttempts[row];
    ips[value] += rowIps[row];
    activeDays[value] += 1; // each row is a distinct (day, value) pair
  }

  // Negative when value a comes before value b.
  const order = (a: number, b: number): number =>
    attempts[b] - attempts[a] || ips[b] - ips[a] || byText(values[a], values[b]);
  const kept = keepFirst(touched, count, Math.max(0, Math.floor(limit) || 0), order);
  const rows: ValueCount[] = kept.map((value) => ({
    value: values[value], attempts: attempts[value], ips: ips[value], ipsAtMost: activeDays[value] > 1,
  }));
  for (let k = 0; k < count; k++) {
    const value = touched[k];
    attempts[value] = 0;
    ips[value] = 0;
    activeDays[value] = 0;
  }
  return rows;
}

/** The first `limit` of `items[0..count)` under `order`, in that order (a heap whose root is the worst kept). */
function keepFirst(items: Int32Array, count: number, limit: number, order: (a: number, b: number) => number): number[] {
  const heap: number[] = [];
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && order(heap[left], heap[worst]) > 0) worst = left;
      if (right < heap.length && order(heap[right], heap[worst]) > 0) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  if (limit === 0) return [];
  for (let k = 0; k < count; k++) {
    const item = items[k];
    if (heap.length < limit) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (order(heap[i], heap[parent]) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (order(item, heap[0]) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(order);
}
