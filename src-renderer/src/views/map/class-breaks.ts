// Class breaks for the choropleth. Attempts per country are heavily skewed (one country with thousands,
// dozens with a handful), so classes grow geometrically from the smallest count to the largest, rounded
// to numbers a legend can show ("1–3", "4–19", "20–69"...). Zero is not a class: it is drawn neutral.

export const MAX_CLASSES = 6;

export interface ClassBreaks {
  /** Lower bound of each class, ascending; class i holds values in [lower[i], lower[i+1]). */
  lower: number[];
  /** The largest value, the upper bound of the last class. */
  max: number;
}

/** Rounds to `digits` significant digits; values below 10 stay whole numbers. */
function roundSignificant(value: number, digits: number): number {
  if (value < 10) return Math.round(value);
  const scale = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Math.round(value / scale) * scale;
}

function geometricBreaks(min: number, max: number, classes: number, digits: number): number[] {
  const ratio = (max / min) ** (1 / classes);
  const lower = [min];
  for (let i = 1; i < classes; i++) {
    const value = roundSignificant(min * ratio ** i, digits);
    if (value > lower[lower.length - 1] && value <= max) lower.push(value);
  }
  return lower;
}

export function classBreaks(values: readonly number[], maxClasses = MAX_CLASSES): ClassBreaks | null {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return null;
  const distinct = [...new Set(positive.map(Math.round))].sort((a, b) => a - b);
  const min = distinct[0];
  const max = distinct[distinct.length - 1];
  if (distinct.length <= maxClasses) return { lower: distinct, max };
  // Coarse rounding reads best; finer rounding only when coarse rounding would merge classes.
  let best: number[] = [min];
  for (const digits of [1, 2, 3]) {
    const lower = geometricBreaks(min, max, maxClasses, digits);
    if (lower.length > best.length) best = lower;
    if (lower.length === maxClasses) break;
  }
  return { lower: best, max };
}

/** The class of a value, or -1 for zero (and for anything below the first break). */
export function classOf(breaks: ClassBreaks | null, value: number): number {
  if (!breaks || !(value >= breaks.lower[0])) return -1;
  let index = 0;
  while (index + 1 < breaks.lower.length && value >= breaks.lower[index + 1]) index++;
  return index;
}

/** Inclusive whole-number bounds of each class: [[1, 3], [4, 19], ..., [1000, 5432]]. */
export function classBounds(breaks: ClassBreaks): [number, number][] {
  return breaks.lower.map((low, i) => [low, i + 1 < breaks.lower.length ? breaks.lower[i + 1] - 1 : breaks.max]);
}
