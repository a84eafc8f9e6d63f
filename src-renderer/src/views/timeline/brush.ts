// The brush's geometry: pointer pixels to days and back, dragging, keyboard steps and the date inputs.
// Everything snaps to whole days. An axis is a strip `width` pixels wide starting at `left`, split into
// `days` equal cells, exactly like Chart.js's category axis with bars (each label centred in its cell).
import { dayAt, indexOf, isDay, spanLength, type DayRange, type DaySpan } from './days';

export interface Axis {
  left: number;
  width: number;
  days: number;
}

export type BrushPart = 'from' | 'to' | 'band';
export type DragMode = 'create' | 'move' | 'from' | 'to';

export interface DragStart {
  mode: DragMode;
  /** The day cell under the pointer when the drag started. */
  anchor: number;
  /** The range when the drag started (null when creating from nothing). */
  range: DayRange | null;
}

/** Position under `x` in days from the axis's left edge, unclamped and fractional. */
export function positionAt(axis: Axis, x: number): number {
  if (axis.width <= 0 || axis.days <= 0) return 0;
  return ((x - axis.left) / axis.width) * axis.days;
}

/** The day cell under `x`, clamped to the axis. */
export function cellAt(axis: Axis, x: number): number {
  const position = Math.floor(positionAt(axis, x));
  return Math.min(axis.days - 1, Math.max(0, position));
}

/** Left edge of a day cell in pixels (the right edge of the last cell is `cellEdge(axis, days)`). */
export function cellEdge(axis: Axis, cell: number): number {
  return axis.left + (cell / axis.days) * axis.width;
}

function clampIndex(span: DaySpan, index: number): number {
  return Math.min(spanLength(span) - 1, Math.max(0, index));
}

/** The range between two cells, in either order, clamped to the span. */
export function rangeBetween(span: DaySpan, a: number, b: number): DayRange {
  const start = clampIndex(span, Math.min(a, b));
  const end = clampIndex(span, Math.max(a, b));
  return { from: dayAt(span, start), to: dayAt(span, end) };
}

/** Cells a range covers within a span, or null when it lies entirely outside. */
export function cellsOf(span: DaySpan, range: DayRange): { start: number; end: number } | null {
  const length = spanLength(span);
  const start = indexOf(span, range.from);
  const end = indexOf(span, range.to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < 0 || start > length - 1 || end < start) return null;
  return { start: Math.max(0, start), end: Math.min(length - 1, end) };
}

/** Where to draw a range, as percentages of the axis width. */
export function bandPercent(span: DaySpan, range: DayRange): { left: number; width: number } | null {
  const cells = cellsOf(span, range);
  if (!cells) return null;
  const length = spanLength(span);
  return { left: (cells.start / length) * 100, width: ((cells.end - cells.start + 1) / length) * 100 };
}

/** A range moved by whole days, keeping its length and staying inside the span. */
export function shiftRange(span: DaySpan, range: DayRange, delta: number): DayRange {
  const start = indexOf(span, range.from);
  const end = indexOf(span, range.to);
  const width = end - start;
  const length = spanLength(span);
  const newStart = Math.min(length - 1 - Math.min(width, length - 1), Math.max(0, start + delta));
  return rangeBetween(span, newStart, newStart + width);
}

/** The range while a drag that started at `start` is over `cell`. */
export function draggedRange(span: DaySpan, start: DragStart, cell: number): DayRange {
  const range = start.range;
  if (start.mode === 'create' || !range) return rangeBetween(span, start.anchor, cell);
  if (start.mode === 'move') return shiftRange(span, range, cell - start.anchor);
  // Dragging a handle past the other one swaps their roles, as in every range slider.
  const fixed = start.mode === 'from' ? indexOf(span, range.to) : indexOf(span, range.from);
  return rangeBetween(span, fixed, cell);
}

/** What a key does to a focused handle or band, or null when the key is not the brush's. */
export function keyboardMove(span: DaySpan, range: DayRange, part: BrushPart, key: string, shiftKey: boolean): DayRange | null {
  const last = spanLength(span) - 1;
  const steps: Record<string, number> = {
    ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -30, PageUp: 30,
  };
  const start = indexOf(span, range.from);
  const end = indexOf(span, range.to);
  if (key === 'Home' || key === 'End') {
    const target = key === 'Home' ? 0 : last;
    if (part === 'band') return shiftRange(span, range, target === 0 ? -start : last - end);
    return part === 'from' ? rangeBetween(span, Math.min(target, end), end) : rangeBetween(span, start, Math.max(target, start));
  }
  if (!(key in steps)) return null;
  const delta = steps[key] * (shiftKey && Math.abs(steps[key]) === 1 ? 7 : 1);
  if (part === 'band') return shiftRange(span, range, delta);
  // A handle stops at the other one: the range never turns inside out under the keyboard.
  if (part === 'from') return rangeBetween(span, Math.min(start + delta, end), end);
  return rangeBetween(span, start, Math.max(end + delta, start));
}

/**
 * The range the two date inputs describe. An empty or invalid input stands for its end of the span,
 * days outside the span are clamped, and reversed dates are swapped. Null when neither input is a day.
 */
export function rangeFromInputs(span: DaySpan, fromText: string, toText: string): DayRange | null {
  const fromValid = isDay(fromText);
  const toValid = isDay(toText);
  if (!fromValid && !toValid) return null;
  const from = fromValid ? indexOf(span, fromText) : 0;
  const to = toValid ? indexOf(span, toText) : spanLength(span) - 1;
  return rangeBetween(span, from, to);
}

export function sameRange(a: DayRange | null, b: DayRange | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);
}
