/** The first index in `[0, length)` where `holds` is true (`length` if none), for a `holds` false then true. */
export function firstWhere(length: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
