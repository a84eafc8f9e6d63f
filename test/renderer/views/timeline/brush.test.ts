import { describe, expect, it } from 'vitest';
import {
  bandOrEdge, bandPercent, cellAt, cellsOf, dayOfInput, draggedRange, dragModeFor, keyboardMove, positionAt, rangeBetween,
  readDateEntry, shiftRange,
  type Axis,
} from '../../../../src-renderer/src/views/timeline/brush';

// The case of the brief: 320 days, drawn in a plot area 1177 px wide starting 50 px from the left.
const span = { first: '2023-01-15', last: '2023-11-30' };
const axis: Axis = { left: 50, width: 1177, days: 320 };
const cell = axis.width / axis.days;
const swarm = { from: '2023-11-10', to: '2023-11-12' };

describe('pixels and days', () => {
  it('maps the plot area onto day cells', () => {
    expect(cellAt(axis, 50)).toBe(0);
    expect(cellAt(axis, 50 + cell - 0.01)).toBe(0);
    expect(cellAt(axis, 50 + cell)).toBe(1);
    expect(cellAt(axis, 50 + 1177 - 0.01)).toBe(319);
    expect(positionAt(axis, 50 + 2.5 * cell)).toBeCloseTo(2.5, 9);
  });

  it('clamps pointers outside the plot to the first and last day', () => {
    expect(cellAt(axis, 0)).toBe(0);
    expect(cellAt(axis, 5000)).toBe(319);
  });

  it('draws a range as a share of the axis, clipped to the span', () => {
    const band = bandPercent(span, swarm)!;
    expect(band.left).toBeCloseTo((299 / 320) * 100, 9);
    expect(band.width).toBeCloseTo((3 / 320) * 100, 9);
    expect(bandPercent(span, { from: '2022-12-01', to: '2023-01-16' })).toEqual({ left: 0, width: (2 / 320) * 100 });
    expect(bandPercent(span, { from: '2024-01-01', to: '2024-01-05' })).toBeNull();
    expect(cellsOf(span, { from: '2023-11-29', to: '2024-02-01' })).toEqual({ start: 318, end: 319 });
  });

  it('keeps a range moved past an end of the span as a sliver at that end', () => {
    const zoomed = { first: '2023-11-10', last: '2023-11-12' };
    expect(bandOrEdge(zoomed, { from: '2023-11-17', to: '2023-11-19' })).toEqual({ left: 100, width: 0 });
    expect(bandOrEdge(zoomed, { from: '2023-11-01', to: '2023-11-03' })).toEqual({ left: 0, width: 0 });
    expect(bandOrEdge(zoomed, { from: '2023-11-11', to: '2023-11-19' })).toEqual(bandPercent(zoomed, { from: '2023-11-11', to: '2023-11-19' }));
  });
});

describe('dragging', () => {
  it('creates a range between where the drag started and where it is, in either direction', () => {
    const start = { mode: 'create' as const, anchor: 299, range: null };
    expect(draggedRange(span, start, 301)).toEqual(swarm);
    expect(draggedRange(span, start, 297)).toEqual({ from: '2023-11-08', to: '2023-11-10' });
    expect(draggedRange(span, start, 299)).toEqual({ from: '2023-11-10', to: '2023-11-10' });
  });

  it('moves the band by whole days and stops it at the ends of the case', () => {
    const start = { mode: 'move' as const, anchor: 300, range: swarm };
    expect(draggedRange(span, start, 290)).toEqual({ from: '2023-10-31', to: '2023-11-02' });
    expect(draggedRange(span, start, 319 + 40)).toEqual({ from: '2023-11-28', to: '2023-11-30' });
    expect(draggedRange(span, start, -50)).toEqual({ from: '2023-01-15', to: '2023-01-17' });
  });

  it('resizes with a handle, swapping ends when one is dragged past the other', () => {
    expect(draggedRange(span, { mode: 'to', anchor: 301, range: swarm }, 305)).toEqual({ from: '2023-11-10', to: '2023-11-16' });
    expect(draggedRange(span, { mode: 'from', anchor: 299, range: swarm }, 295)).toEqual({ from: '2023-11-06', to: '2023-11-12' });
    expect(draggedRange(span, { mode: 'from', anchor: 299, range: swarm }, 303)).toEqual({ from: '2023-11-12', to: '2023-11-14' });
  });

  it('draws a new range from a press on a band that fills the span, and moves any other band', () => {
    // A chart zoomed to the swarm's three days, hour by hour: the band is the whole chart.
    const zoomed = { first: '2023-11-10', last: '2023-11-12' };
    expect(dragModeFor(zoomed, swarm, 'band')).toBe('create');
    expect(draggedRange(zoomed, { mode: 'create', anchor: 1, range: swarm }, 1)).toEqual({ from: '2023-11-11', to: '2023-11-11' });
    expect(dragModeFor(zoomed, { from: '2023-11-11', to: '2023-11-12' }, 'band')).toBe('move');
    expect(dragModeFor(span, swarm, 'band')).toBe('move');
    expect(dragModeFor(span, { from: span.first, to: span.last }, 'band')).toBe('create');
    expect(dragModeFor(span, swarm, null)).toBe('create');
  });

  it('draws a new range from a press on a handle of the band that fills a zoomed chart, where it lies over an hour', () => {
    // Hour by hour the handles of the whole band lie over 00:00 of the first day and 23:00 of the last.
    const zoomed = { first: '2023-11-10', last: '2023-11-12' };
    expect(dragModeFor(zoomed, swarm, 'to', true)).toBe('create');
    expect(dragModeFor(zoomed, swarm, 'from', true)).toBe('create');
    // From 23:00 of the last day back into the day before: those two days, not the first two.
    expect(draggedRange(zoomed, { mode: dragModeFor(zoomed, swarm, 'to', true), anchor: 2, range: swarm }, 1))
      .toEqual({ from: '2023-11-11', to: '2023-11-12' });
    // A band that does not fill the zoomed chart (its hours still on their way) keeps its handles.
    expect(dragModeFor(zoomed, { from: '2023-11-11', to: '2023-11-12' }, 'to', true)).toBe('to');
    // On a chart of days the handles of a range of the whole case stay handles.
    expect(dragModeFor(zoomed, swarm, 'to')).toBe('to');
    expect(dragModeFor(span, { from: span.first, to: span.last }, 'from')).toBe('from');
  });

  it('keeps a range wider than the span inside it when moved', () => {
    const short = { first: '2023-11-10', last: '2023-11-12' };
    expect(shiftRange(short, { from: '2023-11-09', to: '2023-11-13' }, 1)).toEqual({ from: '2023-11-10', to: '2023-11-12' });
    expect(rangeBetween(short, 5, -3)).toEqual({ from: '2023-11-10', to: '2023-11-12' });
  });
});

describe('keyboard', () => {
  it('moves a handle a day with the arrows, a week with Shift, a month with PageUp/PageDown', () => {
    expect(keyboardMove(span, swarm, 'to', 'ArrowRight', false)).toEqual({ from: '2023-11-10', to: '2023-11-13' });
    expect(keyboardMove(span, swarm, 'from', 'ArrowLeft', true)).toEqual({ from: '2023-11-03', to: '2023-11-12' });
    expect(keyboardMove(span, swarm, 'from', 'PageDown', false)).toEqual({ from: '2023-10-11', to: '2023-11-12' });
    expect(keyboardMove(span, swarm, 'band', 'ArrowRight', false)).toEqual({ from: '2023-11-11', to: '2023-11-13' });
  });

  it('stops a handle at the other one and at the ends of the case', () => {
    expect(keyboardMove(span, swarm, 'from', 'ArrowRight', true)).toEqual({ from: '2023-11-12', to: '2023-11-12' });
    expect(keyboardMove(span, swarm, 'to', 'PageUp', false)).toEqual({ from: '2023-11-10', to: '2023-11-30' });
    expect(keyboardMove(span, swarm, 'from', 'Home', false)).toEqual({ from: '2023-01-15', to: '2023-11-12' });
    expect(keyboardMove(span, swarm, 'band', 'End', false)).toEqual({ from: '2023-11-28', to: '2023-11-30' });
    expect(keyboardMove(span, swarm, 'to', 'Enter', false)).toBeNull();
  });
});

describe('dayOfInput', () => {
  it('reads a day, or an empty box', () => {
    expect(dayOfInput('2023-03-01')).toBe('2023-03-01');
    expect(dayOfInput('1970-01-01')).toBe('1970-01-01');
    expect(dayOfInput('')).toBe('');
  });

  it('does not take the years a box passes through while 2023 is typed for days', () => {
    // What Chromium's date box holds, and fires `change` with, after each digit of the year.
    for (const partial of ['0002-03-01', '0020-03-01', '0202-03-01']) expect(dayOfInput(partial)).toBeNull();
    expect(dayOfInput('1969-12-31')).toBeNull();
  });

  it('does not take an entry with a part missing, which the box reports as empty', () => {
    expect(dayOfInput('', true)).toBeNull();
    expect(dayOfInput('2023-02-30')).toBeNull();
  });
});

describe('readDateEntry', () => {
  it('clamps days on both sides of the case to it', () => {
    expect(readDateEntry(span, '2022-06-01', '2024-06-01')).toMatchObject({ kind: 'range', range: { from: '2023-01-15', to: '2023-11-30' }, cut: true });
  });

  it('lets an empty box stand for its end of the case', () => {
    expect(readDateEntry(span, '2023-11-10', '')).toMatchObject({ kind: 'range', range: { from: '2023-11-10', to: '2023-11-30' } });
    expect(readDateEntry(span, '', '2023-02-01')).toMatchObject({ kind: 'range', range: { from: '2023-01-15', to: '2023-02-01' } });
  });

  it('says when reversed days were swapped and when days outside the case were left out', () => {
    expect(readDateEntry(span, '2023-11-10', '2023-11-12')).toEqual({ kind: 'range', range: swarm, asked: swarm, swapped: false, cut: false });
    expect(readDateEntry(span, '2023-11-12', '2023-11-10')).toEqual({ kind: 'range', range: swarm, asked: swarm, swapped: true, cut: false });
    expect(readDateEntry(span, '2022-06-01', '2023-02-01')).toEqual({
      kind: 'range', range: { from: '2023-01-15', to: '2023-02-01' }, asked: { from: '2022-06-01', to: '2023-02-01' }, swapped: false, cut: true,
    });
  });

  it('makes no range of days that hold none of the case, rather than the nearest day of it', () => {
    expect(readDateEntry(span, '2022-01-01', '2022-12-31')).toEqual({ kind: 'outside', asked: { from: '2022-01-01', to: '2022-12-31' } });
    expect(readDateEntry(span, '2024-12-31', '2024-01-01')).toEqual({ kind: 'outside', asked: { from: '2024-01-01', to: '2024-12-31' } });
    // One box empty: its end of the case, so a last day before the case (a first day after it) asks for nothing.
    expect(readDateEntry(span, '', '2022-12-31')).toEqual({ kind: 'outside', asked: { from: '2022-12-31', to: '2022-12-31' } });
    expect(readDateEntry(span, '2024-02-01', '')).toEqual({ kind: 'outside', asked: { from: '2024-02-01', to: '2024-02-01' } });
    // Both boxes filled, one of them a day of the case (here its first, as a first day before the case was cut to):
    // the last day before the case (the first day after it) still asks for nothing, rather than being swapped.
    expect(readDateEntry(span, '2023-01-15', '2022-12-31')).toEqual({ kind: 'outside', asked: { from: '2022-12-31', to: '2022-12-31' } });
    expect(readDateEntry(span, '2024-02-01', '2023-11-30')).toEqual({ kind: 'outside', asked: { from: '2024-02-01', to: '2024-02-01' } });
    expect(readDateEntry(span, '', '')).toEqual({ kind: 'clear' });
  });
});
