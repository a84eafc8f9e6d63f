// The brush's geometry: pointer pixels to days and back, dragging, keyboard steps and the date inputs.
// Everything snaps to whole days. An axis is a strip `width` pixels wide starting at `left`, split into
// `days` equal cells, exactly like Chart.js's category axis with bars (each label centred in its cell).
import { LOG_YEARS } from '../../../../src-main/shared/api';
import { dayAt, indexOf, isDay, spanLength, type Day, type DayRange, type DaySpan } from './days';

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

/**
 * Where to draw a range that may lie beyond the span: as `bandPercent`, or, past an end, a sliver at that
 * end. The keyboard moves a range off a chart zoomed to it until the chart catches up with it; the band
 * and its handles stay in the page meanwhile, so that the one being moved keeps the focus.
 */
export function bandOrEdge(span: DaySpan, range: DayRange): { left: number; width: number } | null {
  const band = bandPercent(span, range);
  if (band) return band;
  const start = indexOf(span, range.from);
  if (!Number.isFinite(start)) return null;
  return { left: start < 0 ? 0 : 100, width: 0 };
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

/**
 * What a press on `part` (or on empty ground) starts. A band that covers the whole span, as when the
 * chart is zoomed to the range hour by hour, has nowhere to move to, so dragging on it draws a new range.
 * On such a `zoomed` chart its handles are the chart's own edges and lie over its first and last hours
 * (a day is 24 bars wide there): a press on one draws a new range from the hour under it too, so that a
 * drag over the hours selects the days it crosses, also when it starts at 00:00 of the first day or 23:00
 * of the last. Dragging the handle instead kept the other end and dropped the day pressed. On a chart of
 * days a handle stays a handle: it is where a range slider's ends are grabbed.
 */
export function dragModeFor(span: DaySpan, range: DayRange | null, part: BrushPart | null, zoomed = false): DragMode {
  if (part === null) return 'create';
  if (!range) return part === 'band' ? 'create' : part;
  const cells = cellsOf(span, range);
  const fillsSpan = cells !== null && cells.start === 0 && cells.end === spanLength(span) - 1;
  if (part === 'band') return cells && !fillsSpan ? 'move' : 'create';
  return zoomed && fillsSpan ? 'create' : part;
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
 * What a date box holds: a day, '' when it is empty, or null when its entry is not a day yet: a part
 * missing (`incomplete`, the box's `validity.badInput`) or a year before any log (LOG_YEARS.min). A date box
 * holds every year from 0001: while a year is typed it passes through 0002, 0020 and 0202 on the way to 2023,
 * each a real date; none of them is a day of any mail log, so they are read as an entry that is not finished
 * rather than clamped to the case.
 */
export function dayOfInput(value: string, incomplete = false): Day | '' | null {
  if (incomplete) return null;
  if (value === '') return '';
  return isDay(value) && Number(value.slice(0, 4)) >= LOG_YEARS.min ? value : null;
}

/**
 * What two finished date boxes ask for, and what was changed to make it a range of the case, so that the
 * timeline can say so: a range other than the one typed must never be shown as if it were the one asked for.
 * - `clear`: both boxes are empty.
 * - `outside`: the days asked for (in order) hold none of the case's; no range is made of them.
 * - `range`: the range, with `swapped` when the first day came after the last, and `cut` when days outside
 *   the case were left out.
 * An empty box stands for its end of the case; `asked` is then the day typed alone when that is outside it.
 */
export type DateEntry =
  | { kind: 'clear' }
  | { kind: 'outside'; asked: DayRange }
  | { kind: 'range'; range: DayRange; asked: DayRange; swapped: boolean; cut: boolean };

export function readDateEntry(span: DaySpan, from: Day | '', to: Day | ''): DateEntry {
  if (from === '' && to === '') return { kind: 'clear' };
  // With one box empty, the day typed is one end and the case's start or end the other, never swapped:
  // a last day before the case (or a first day after it) asks for no day of it.
  const typed = from === '' ? to : from;
  if (from === '' ? typed < span.first : to === '' && typed > span.last) return { kind: 'outside', asked: { from: typed, to: typed } };
  const first = from === '' ? span.first : from;
  const last = to === '' ? span.last : to;
  const swapped = first > last;
  // The same holds with both boxes filled: a last day before the case (a first day after it) beside a day of the
  // case asks for no day of it. Swapped, they would make a range of the days up to the case's edge that nobody
  // asked for; the other box often holds that edge only because an earlier entry was cut to it.
  if (swapped && last < span.first && first >= span.first) return { kind: 'outside', asked: { from: last, to: last } };
  if (swapped && first > span.last && last <= span.last) return { kind: 'outside', asked: { from: first, to: first } };
  const asked = swapped ? { from: last, to: first } : { from: first, to: last };
  if (asked.to < span.first || asked.from > span.last) return { kind: 'outside', asked };
  const range = rangeBetween(span, indexOf(span, asked.from), indexOf(span, asked.to));
  return { kind: 'range', range, asked, swapped, cut: range.from !== asked.from || range.to !== asked.to };
}

export function sameRange(a: DayRange | null, b: DayRange | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);
}
