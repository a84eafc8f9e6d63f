// The timeline in jsdom: Chart.js cannot draw without a canvas, but the brush, the range text, the date
// inputs, the keys and the overview are all DOM and run for real. jsdom does no layout, so the brush
// layer's box is given the size a browser would give it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import type { DayPoint, DayRow, HourPoint } from '../../../../src-main/shared/api';
import { formatDay, formatRange } from '../../../../src-renderer/src/lib/format';
import Timeline from '../../../../src-renderer/src/views/timeline/Timeline.svelte';
import { CASE_DAYS, CASE_FIRST, caseDays, caseHours, dayAfter } from '../../lib/attack-figures';

afterEach(cleanup);

const days = caseDays();
const extent = { first: CASE_FIRST, last: dayAfter(CASE_FIRST, CASE_DAYS - 1) };
const swarm = { from: '2023-11-10', to: '2023-11-12' };

interface Options {
  range?: { from: string; to: string } | null;
  hours?: HourPoint[] | null;
  days?: (DayPoint | DayRow)[];
}

function renderTimeline(options: Options = {}) {
  const onBrush = vi.fn();
  const onClearBrush = vi.fn();
  const result = render(Timeline, {
    days: options.days ?? days, hours: options.hours ?? null, range: options.range ?? null, fullExtent: extent, onBrush, onClearBrush,
  });
  return { ...result, onBrush, onClearBrush };
}

/** Gives an element the box a browser would lay out, since jsdom lays out nothing. */
function layOut(element: Element, left: number, width: number): void {
  element.getBoundingClientRect = () => ({ left, width, right: left + width, top: 0, bottom: 100, height: 100, x: left, y: 0, toJSON: () => ({}) });
}

describe('range text and inputs', () => {
  it('says the range, or that all days are shown', async () => {
    const { getByTestId, rerender } = renderTimeline({ range: swarm });
    const text = getByTestId('brush-range');
    expect(text.textContent?.trim()).toBe(formatRange('2023-11-10', '2023-11-12'));
    expect(text.dataset.from).toBe('2023-11-10');
    expect(text.dataset.to).toBe('2023-11-12');
    expect(getByTestId('timeline').textContent).toContain('(3 days)');
    await rerender({ range: null });
    expect(text.textContent?.trim()).toBe('All days');
    expect(text.dataset.from).toBe('');
  });

  it('brushes from the date inputs, ordered and clamped to the case', async () => {
    const { getByTestId, onBrush, rerender } = renderTimeline({ range: swarm });
    // Like the app, apply each committed range.
    const apply = () => rerender({ range: onBrush.mock.lastCall![0] });
    const from = getByTestId('range-from') as HTMLInputElement;
    const to = getByTestId('range-to') as HTMLInputElement;
    expect(from.value).toBe('2023-11-10');
    expect(from.min).toBe(extent.first);
    expect(to.max).toBe(extent.last);
    await fireEvent.change(from, { target: { value: '2023-11-01' } });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-01', to: '2023-11-12' }, 'end');
    await apply();
    await fireEvent.change(to, { target: { value: '2023-10-20' } });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-10-20', to: '2023-11-01' }, 'end');
    await apply();
    expect(from.value).toBe('2023-10-20');
    expect(to.value).toBe('2023-11-01');
    await fireEvent.change(to, { target: { value: '2025-01-01' } });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-10-20', to: extent.last }, 'end');
    expect(onBrush.mock.calls.every(([, phase]) => phase === 'end')).toBe(true);
  });

  it('starts a range from one input, the other end being the end of the case', async () => {
    const { getByTestId, onBrush } = renderTimeline();
    await fireEvent.change(getByTestId('range-from'), { target: { value: '2023-11-10' } });
    expect(onBrush).toHaveBeenCalledExactlyOnceWith({ from: '2023-11-10', to: extent.last }, 'end');
  });

  it('clears the range when both inputs are emptied', async () => {
    const { getByTestId, onClearBrush, onBrush } = renderTimeline({ range: swarm });
    (getByTestId('range-from') as HTMLInputElement).value = '';
    await fireEvent.change(getByTestId('range-to'), { target: { value: '' } });
    expect(onClearBrush).toHaveBeenCalledOnce();
    expect(onBrush).not.toHaveBeenCalled();
  });
});

describe('typing a date', () => {
  /**
   * What Chromium does while 03/01/2023 is typed into an empty date box, month first: each key goes
   * down, and once every part of the date has a digit, each key changes the value and fires `input` and
   * `change` with it (a year 0002, 0020 and 0202 on the way to 2023).
   */
  const typing20230301: [key: string, value: string][] = [
    ['0', ''], ['3', ''], ['0', ''], ['1', ''], ['2', '0002-03-01'], ['0', '0020-03-01'], ['2', '0202-03-01'], ['3', '2023-03-01'],
  ];

  async function type(box: HTMLInputElement, steps: [key: string, value: string][]): Promise<void> {
    for (const [key, value] of steps) {
      await fireEvent.keyDown(box, { key });
      if (box.value === value) continue;
      box.value = value;
      await fireEvent.input(box);
      await fireEvent.change(box);
    }
  }

  /**
   * What Chromium does while `day` is typed over the day a box holds, for a month and a day of the month
   * that begin with 0: the first digit of each empties the box (`change` with ''), the second sets it,
   * and the year goes through 000Y, 00YY and 0YYY.
   */
  function typingOver(held: string, day: string): [key: string, value: string][] {
    const [year, month, date] = day.split('-');
    return [
      [month[0], ''], [month[1], `${held.slice(0, 4)}-${month}-${held.slice(8)}`],
      [date[0], ''], [date[1], `${held.slice(0, 4)}-${month}-${date}`],
      ...[1, 2, 3, 4].map((digits): [string, string] => [year[digits - 1], `${year.slice(0, digits).padStart(4, '0')}-${month}-${date}`]),
    ];
  }

  it('reads a typed day on Enter, not the years it passes through', async () => {
    const { getByTestId, onBrush, onClearBrush } = renderTimeline();
    const from = getByTestId('range-from') as HTMLInputElement;
    const to = getByTestId('range-to') as HTMLInputElement;
    await type(from, typing20230301);
    expect(onBrush).not.toHaveBeenCalled();
    expect(onClearBrush).not.toHaveBeenCalled();
    expect(from.value).toBe('2023-03-01');
    expect(to.value).toBe('');
    await fireEvent.keyDown(from, { key: 'Enter' });
    expect(onBrush).toHaveBeenCalledExactlyOnceWith({ from: '2023-03-01', to: extent.last }, 'end');
    expect(to.value).toBe(extent.last);
  });

  it('reads a typed day when the box loses focus', async () => {
    const { getByTestId, onBrush } = renderTimeline({ range: swarm });
    const from = getByTestId('range-from') as HTMLInputElement;
    await type(from, typingOver(swarm.from, '2023-09-05'));
    expect(onBrush).not.toHaveBeenCalled();
    await fireEvent.blur(from);
    expect(onBrush).toHaveBeenCalledExactlyOnceWith({ from: '2023-09-05', to: swarm.to }, 'end');
    // Leaving the box again, untouched, reads nothing more.
    await fireEvent.blur(from);
    expect(onBrush).toHaveBeenCalledOnce();
  });

  it('clamps a finished day outside the case to its end', async () => {
    const { getByTestId, onBrush } = renderTimeline({ range: swarm });
    const from = getByTestId('range-from') as HTMLInputElement;
    await type(from, typingOver(swarm.from, '2022-06-01'));
    await fireEvent.blur(from);
    expect(onBrush).toHaveBeenCalledExactlyOnceWith({ from: extent.first, to: swarm.to }, 'end');
    expect(from.value).toBe(extent.first);
  });

  it('says so when days outside the case were left out, until the range changes', async () => {
    const { getByTestId, queryByTestId, onBrush, rerender } = renderTimeline({ range: swarm });
    const from = getByTestId('range-from') as HTMLInputElement;
    await type(from, typingOver(swarm.from, '2022-06-01'));
    await fireEvent.blur(from);
    const shown = { from: extent.first, to: swarm.to };
    expect(onBrush).toHaveBeenCalledExactlyOnceWith(shown, 'end');
    await rerender({ range: shown });
    expect(getByTestId('range-notice').textContent).toContain(
      `Only ${formatRange(shown.from, shown.to)} is shown of ${formatRange('2022-06-01', swarm.to)}: the case runs from ${formatDay(extent.first)} to ${formatDay(extent.last)}.`,
    );
    await rerender({ range: swarm });
    expect(queryByTestId('range-notice')).toBeNull();
  });

  it('says when reversed days were swapped', async () => {
    const { getByTestId, onBrush, rerender } = renderTimeline({ range: swarm });
    const to = getByTestId('range-to') as HTMLInputElement;
    await fireEvent.change(to, { target: { value: '2023-11-01' } });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-01', to: '2023-11-10' }, 'end');
    await rerender({ range: { from: '2023-11-01', to: '2023-11-10' } });
    expect(getByTestId('range-notice').textContent).toContain('The first day was after the last: the two were swapped.');
    await fireEvent.click(getByTestId('range-notice').querySelector('button')!);
    expect(getByTestId('timeline').querySelector('[data-testid="range-notice"]')).toBeNull();
  });

  it('makes no range of days without attempts in the case, and says which days the case holds', async () => {
    const { getByTestId, onBrush, onClearBrush } = renderTimeline({ range: swarm });
    const from = getByTestId('range-from') as HTMLInputElement;
    const to = getByTestId('range-to') as HTMLInputElement;
    from.value = '2022-01-01';
    await fireEvent.change(to, { target: { value: '2022-12-31' } });
    expect(onBrush).not.toHaveBeenCalled();
    expect(onClearBrush).not.toHaveBeenCalled();
    expect(getByTestId('range-notice').textContent).toContain(
      `No attempts between ${formatDay('2022-01-01')} and ${formatDay('2022-12-31')}: the case runs from ${formatDay(extent.first)} to ${formatDay(extent.last)}. The range was not changed.`,
    );
    // The range's own days go back into the boxes: they say what is selected.
    expect([from.value, to.value]).toEqual([swarm.from, swarm.to]);
    expect(getByTestId('brush-range').dataset.from).toBe(swarm.from);
  });

  it('reads a range typed into both boxes as one entry, not the first day alone on the way to the second', async () => {
    const { getByTestId, onBrush } = renderTimeline({ range: swarm });
    const from = getByTestId('range-from') as HTMLInputElement;
    const to = getByTestId('range-to') as HTMLInputElement;
    await type(from, typingOver(swarm.from, '2022-01-01'));
    await fireEvent.blur(from, { relatedTarget: to });
    expect(onBrush).not.toHaveBeenCalled();
    expect(from.value).toBe('2022-01-01');
    await type(to, typingOver(swarm.to, '2022-09-05'));
    await fireEvent.keyDown(to, { key: 'Enter' });
    expect(onBrush).not.toHaveBeenCalled();
    expect(getByTestId('range-notice').textContent).toContain(`No attempts between ${formatDay('2022-01-01')} and ${formatDay('2022-09-05')}`);
  });

  it('marks an entry that is not a day and leaves the range, until the range changes', async () => {
    const { getByTestId, onBrush, onClearBrush, rerender } = renderTimeline({ range: swarm });
    const to = getByTestId('range-to') as HTMLInputElement;
    // A year left at 0202: typing stopped one digit short of 2023.
    await type(to, typingOver(swarm.to, '2023-09-05').slice(0, 7));
    expect(to.value).toBe('0202-09-05');
    await fireEvent.keyDown(to, { key: 'Enter' });
    expect(onBrush).not.toHaveBeenCalled();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.value).toBe('0202-09-05');
    expect(getByTestId('range-from').getAttribute('aria-invalid')).toBe('false');
    await rerender({ range: { from: swarm.from, to: '2023-11-14' } });
    expect(to.getAttribute('aria-invalid')).toBe('false');
    expect(to.value).toBe('2023-11-14');
    // A date with a part cleared reads as empty, but is no empty box: it neither clears nor widens the range.
    Object.defineProperty(to, 'validity', { value: { badInput: true } });
    await fireEvent.keyDown(to, { key: 'Backspace' });
    to.value = '';
    await fireEvent.input(to);
    await fireEvent.blur(to);
    expect(onBrush).not.toHaveBeenCalled();
    expect(onClearBrush).not.toHaveBeenCalled();
    expect(to.getAttribute('aria-invalid')).toBe('true');
  });

  it('takes back an entry left in a date box that was not a day, on Escape', async () => {
    const { getByTestId, onClearBrush } = renderTimeline({ range: swarm });
    const to = getByTestId('range-to') as HTMLInputElement;
    // A year left at 0202, read when Enter went down.
    await type(to, typingOver(swarm.to, '2023-09-05').slice(0, 7));
    await fireEvent.keyDown(to, { key: 'Enter' });
    expect(to.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.keyDown(to, { key: 'Escape' });
    expect(onClearBrush).not.toHaveBeenCalled();
    expect(to.value).toBe(swarm.to);
    expect(to.getAttribute('aria-invalid')).toBe('false');
  });

  it('reads a day picked from the calendar at once', async () => {
    const { getByTestId, onBrush } = renderTimeline({ range: swarm });
    // The calendar sets the value and fires `input` and `change`; no key goes down in the box.
    const from = getByTestId('range-from') as HTMLInputElement;
    from.value = '2023-11-01';
    await fireEvent.input(from);
    await fireEvent.change(from);
    expect(onBrush).toHaveBeenCalledExactlyOnceWith({ from: '2023-11-01', to: swarm.to }, 'end');
  });
});

describe('clearing', () => {
  it('clears with Escape from anywhere in the timeline, and with the Clear button', async () => {
    const { getByTestId, getAllByTestId, onClearBrush } = renderTimeline({ range: swarm });
    await fireEvent.keyDown(getAllByTestId('brush-handle-to')[0], { key: 'Escape' });
    expect(onClearBrush).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(getByTestId('range-from'), { key: 'Escape' });
    expect(onClearBrush).toHaveBeenCalledTimes(2);
    await fireEvent.click(getByTestId('brush-clear'));
    expect(onClearBrush).toHaveBeenCalledTimes(3);
  });

  it('takes back a date being typed on Escape, keeping the range; Escape again clears it', async () => {
    const { getByTestId, onBrush, onClearBrush } = renderTimeline({ range: swarm });
    const from = getByTestId('range-from') as HTMLInputElement;
    from.focus();
    // Half-way through a year: Chromium has already changed the value at each key.
    await fireEvent.keyDown(from, { key: '2' });
    from.value = '0002-11-10';
    await fireEvent.change(from);
    await fireEvent.keyDown(from, { key: 'Escape' });
    expect(onClearBrush).not.toHaveBeenCalled();
    expect(from.value).toBe(swarm.from);
    await fireEvent.blur(from);
    expect(onBrush).not.toHaveBeenCalled();
    // Nothing typed now: Escape clears the range, as anywhere in the timeline.
    await fireEvent.keyDown(from, { key: 'Escape' });
    expect(onClearBrush).toHaveBeenCalledOnce();
  });

  it('has nothing to clear without a range', async () => {
    const { getByTestId, onClearBrush, queryByTestId } = renderTimeline();
    expect((getByTestId('brush-clear') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.keyDown(getByTestId('range-to'), { key: 'Escape' });
    expect(onClearBrush).not.toHaveBeenCalled();
    expect(queryByTestId('brush-band')).toBeNull();
  });
});

describe('keyboard on the brush', () => {
  it('moves the focused handle and the band a day at a time, a week with Shift', async () => {
    const { getAllByTestId, onBrush } = renderTimeline({ range: swarm });
    // The main chart's handles take focus; the overview's copies do not.
    const [toHandle, overviewTo] = getAllByTestId('brush-handle-to');
    expect(toHandle.tabIndex).toBe(0);
    expect(overviewTo.tabIndex).toBe(-1);
    expect(toHandle.getAttribute('role')).toBe('slider');
    await fireEvent.keyDown(toHandle, { key: 'ArrowRight' });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-10', to: '2023-11-13' }, 'end');
    await fireEvent.keyDown(getAllByTestId('brush-handle-from')[0], { key: 'ArrowLeft', shiftKey: true });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-03', to: '2023-11-12' }, 'end');
    await fireEvent.keyDown(getAllByTestId('brush-band')[0], { key: 'ArrowLeft' });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-09', to: '2023-11-11' }, 'end');
  });

  it('describes the handles for assistive technology', () => {
    const { getAllByTestId } = renderTimeline({ range: swarm });
    const from = getAllByTestId('brush-handle-from')[0];
    expect(from.getAttribute('aria-valuenow')).toBe('299');
    expect(from.getAttribute('aria-valuemax')).toBe(String(CASE_DAYS - 1));
    expect(from.getAttribute('aria-label')).toBe('Date range: first day');
  });
});

describe('keyboard on a chart zoomed to the range', () => {
  const hours = caseHours(days, swarm.from, swarm.to);

  it('moves and widens the range over the whole case, not only the days shown', async () => {
    const { getByTestId, getAllByTestId, onBrush } = renderTimeline({ range: swarm, hours });
    expect(getByTestId('timeline').dataset.mode).toBe('hours');
    const [toHandle] = getAllByTestId('brush-handle-to');
    expect(toHandle.getAttribute('aria-valuemin')).toBe('0');
    expect(toHandle.getAttribute('aria-valuemax')).toBe(String(CASE_DAYS - 1));
    expect(toHandle.getAttribute('aria-valuenow')).toBe('301');
    await fireEvent.keyDown(toHandle, { key: 'ArrowRight' });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-10', to: '2023-11-13' }, 'end');
    await fireEvent.keyDown(getAllByTestId('brush-band')[0], { key: 'ArrowRight' });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-11', to: '2023-11-13' }, 'end');
    await fireEvent.keyDown(getAllByTestId('brush-handle-from')[0], { key: 'PageDown' });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-10-11', to: '2023-11-12' }, 'end');
    await fireEvent.keyDown(getAllByTestId('brush-band')[0], { key: 'End' });
    expect(onBrush).toHaveBeenLastCalledWith({ from: dayAfter(extent.last, -2), to: extent.last }, 'end');
  });

  it('keeps the focus on the band moved off the chart, until the chart zooms to where it went', async () => {
    const { getAllByTestId, onBrush, rerender } = renderTimeline({ range: swarm, hours });
    const band = getAllByTestId('brush-band')[0];
    band.focus();
    await fireEvent.keyDown(band, { key: 'ArrowRight', shiftKey: true });
    const moved = { from: '2023-11-17', to: '2023-11-19' };
    expect(onBrush).toHaveBeenLastCalledWith(moved, 'end');
    // The app applies the range at once; the hours of its days come later.
    await rerender({ range: moved });
    expect(document.activeElement).toBe(band);
    expect(band.getAttribute('aria-valuetext')).toBe(`${formatDay(moved.from)} – ${formatDay(moved.to)}`);
    await rerender({ hours: caseHours(days, moved.from, moved.to) });
    expect(getAllByTestId('brush-band')[0]).toBe(band);
    expect(document.activeElement).toBe(band);
    expect(band.style.left).toBe('0%');
    expect(band.style.width).toBe('100%');
  });
});

describe('pointer brushing', () => {
  function mainLayer(container: HTMLElement): HTMLElement {
    return container.querySelector('.chart .brush-layer') as HTMLElement;
  }

  it('drags out a range day by day: live updates, then the final range on release', async () => {
    const { container, onBrush } = renderTimeline();
    const layer = mainLayer(container);
    layOut(layer, 50, 1280); // 4 px per day
    await fireEvent.pointerDown(layer, { pointerId: 1, button: 0, clientX: 50 + 299 * 4 + 1 });
    await fireEvent.pointerMove(layer, { pointerId: 1, clientX: 50 + 300 * 4 + 2 });
    await fireEvent.pointerMove(layer, { pointerId: 1, clientX: 50 + 301 * 4 + 3 });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const live = onBrush.mock.calls.filter(([, phase]) => phase === 'live');
    expect(live.length).toBeGreaterThan(0);
    expect(live.at(-1)![0]).toEqual(swarm);
    await fireEvent.pointerUp(layer, { pointerId: 1, clientX: 50 + 301 * 4 + 3 });
    expect(onBrush).toHaveBeenLastCalledWith(swarm, 'end');
  });

  it('moves the band when it is dragged', async () => {
    const { container, onBrush, getAllByTestId } = renderTimeline({ range: swarm });
    const layer = mainLayer(container);
    layOut(layer, 0, 1280);
    const band = getAllByTestId('brush-band')[0];
    await fireEvent.pointerDown(band, { pointerId: 2, button: 0, clientX: 300 * 4 + 1 });
    await fireEvent.pointerMove(layer, { pointerId: 2, clientX: 290 * 4 + 1 });
    await fireEvent.pointerUp(layer, { pointerId: 2, clientX: 290 * 4 + 1 });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-10-31', to: '2023-11-02' }, 'end');
  });

  it('focuses the handle or band pressed, so the arrow keys then move it', async () => {
    const { container, getByTestId, getAllByTestId, onBrush } = renderTimeline({ range: swarm });
    layOut(mainLayer(container), 0, 1280);
    getByTestId('range-from').focus();
    const toHandle = getAllByTestId('brush-handle-to')[0];
    await fireEvent.pointerDown(toHandle, { pointerId: 7, button: 0, clientX: 302 * 4 });
    await fireEvent.pointerUp(toHandle, { pointerId: 7, clientX: 302 * 4 });
    expect(document.activeElement).toBe(toHandle);
    const band = getAllByTestId('brush-band')[0];
    await fireEvent.pointerDown(band, { pointerId: 8, button: 0, clientX: 300 * 4 + 1 });
    await fireEvent.pointerUp(band, { pointerId: 8, clientX: 300 * 4 + 1 });
    expect(document.activeElement).toBe(band);
    expect(onBrush).not.toHaveBeenCalled();
  });

  it('leaves the focus alone on the overview strip, whose copies of the handles do not take it', async () => {
    const { getByTestId, getAllByTestId } = renderTimeline({ range: swarm });
    const overviewTo = getAllByTestId('brush-handle-to')[1];
    layOut(overviewTo.closest('.brush-layer')!, 0, 1280);
    const from = getByTestId('range-from');
    from.focus();
    await fireEvent.pointerDown(overviewTo, { pointerId: 9, button: 0, clientX: 302 * 4 });
    await fireEvent.pointerUp(overviewTo, { pointerId: 9, clientX: 302 * 4 });
    expect(document.activeElement).toBe(from);
  });

  it('does not report a click on the band that moved nothing', async () => {
    const { container, onBrush, getAllByTestId } = renderTimeline({ range: swarm });
    layOut(mainLayer(container), 0, 1280);
    const band = getAllByTestId('brush-band')[0];
    await fireEvent.pointerDown(band, { pointerId: 3, button: 0, clientX: 300 * 4 + 1 });
    await fireEvent.pointerUp(band, { pointerId: 3, clientX: 300 * 4 + 1 });
    expect(onBrush).not.toHaveBeenCalled();
  });

  it('abandons a drag on Escape and clears the brush, without a final range', async () => {
    const { container, onBrush, onClearBrush } = renderTimeline();
    const layer = mainLayer(container);
    layOut(layer, 0, 1280);
    await fireEvent.pointerDown(layer, { pointerId: 4, button: 0, clientX: 100 });
    await fireEvent.pointerMove(layer, { pointerId: 4, clientX: 180 });
    await fireEvent.keyDown(window, { key: 'Escape' });
    await fireEvent.pointerUp(layer, { pointerId: 4, clientX: 180 });
    expect(onClearBrush).toHaveBeenCalledOnce();
    expect(onBrush.mock.calls.filter(([, phase]) => phase === 'end')).toEqual([]);
  });

  it('narrows a chart zoomed to the range to the days dragged across, hour by hour', async () => {
    const hours = caseHours(days, swarm.from, swarm.to);
    const { container, onBrush, getAllByTestId } = renderTimeline({ range: swarm, hours });
    const layer = mainLayer(container);
    layOut(layer, 0, 720); // 72 hours, 10 px each
    const hourX = (hour: number): number => hour * 10 + 5;
    // The band is the whole chart: the press lands on it.
    const band = getAllByTestId('brush-band')[0];
    await fireEvent.pointerDown(band, { pointerId: 6, button: 0, clientX: hourX(24 + 2) });
    await fireEvent.pointerMove(layer, { pointerId: 6, clientX: hourX(24 + 20) });
    await fireEvent.pointerUp(layer, { pointerId: 6, clientX: hourX(24 + 20) });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-11', to: '2023-11-11' }, 'end');
    // From the first day's small hours into the second day's: both days.
    await fireEvent.pointerDown(band, { pointerId: 7, button: 0, clientX: hourX(5) });
    await fireEvent.pointerMove(layer, { pointerId: 7, clientX: hourX(24 + 3) });
    await fireEvent.pointerUp(layer, { pointerId: 7, clientX: hourX(24 + 3) });
    expect(onBrush).toHaveBeenLastCalledWith({ from: '2023-11-10', to: '2023-11-11' }, 'end');
  });

  it('selects the days an hourly drag crosses whichever hour it starts at, also on the handles at the chart\'s ends', async () => {
    const hours = caseHours(days, swarm.from, swarm.to);
    const { container, onBrush, getAllByTestId } = renderTimeline({ range: swarm, hours });
    const layer = mainLayer(container);
    layOut(layer, 0, 720); // 72 hours, 10 px each
    const band = getAllByTestId('brush-band')[0];
    const [fromHandle] = getAllByTestId('brush-handle-from');
    const [toHandle] = getAllByTestId('brush-handle-to');
    // What a browser finds under the pointer: the handles, 9 px wide and centred on the chart's ends, cover the
    // outer few pixels of the first and last hours; everywhere else the band, which fills the chart.
    const pressed = (x: number): HTMLElement => (x < 4.5 ? fromHandle : x > 720 - 4.5 ? toHandle : band);
    const swarmDays = ['2023-11-10', '2023-11-11', '2023-11-12'];
    let pointerId = 20;
    async function dragOver(fromX: number, toX: number): Promise<unknown> {
      pointerId += 1;
      await fireEvent.pointerDown(pressed(fromX), { pointerId, button: 0, clientX: fromX });
      if (toX !== fromX) await fireEvent.pointerMove(layer, { pointerId, clientX: toX });
      await fireEvent.pointerUp(layer, { pointerId, clientX: toX });
      return onBrush.mock.lastCall?.[0];
    }
    for (let day = 0; day < 3; day++) {
      for (let hour = 0; hour < 24; hour++) {
        const slot = day * 24 + hour;
        // Each hour's outer pixels and its middle: a press without movement selects its day.
        for (const x of [slot * 10 + 1, slot * 10 + 5, slot * 10 + 9]) {
          onBrush.mockClear();
          expect(await dragOver(x, x), `press at ${x}`).toEqual({ from: swarmDays[day], to: swarmDays[day] });
          // Dragged into the middle of the day before (or after, from the first day): both days.
          const other = day === 0 ? 1 : day - 1;
          const expected = { from: swarmDays[Math.min(day, other)], to: swarmDays[Math.max(day, other)] };
          expect(await dragOver(x, other * 24 * 10 + 125), `drag from ${x}`).toEqual(expected);
        }
      }
    }
  });

  it('still resizes the range by its handles on a chart of days, where they are the range\'s ends', async () => {
    const whole = { from: extent.first, to: extent.last };
    const { container, onBrush, getAllByTestId } = renderTimeline({ range: whole });
    const layer = mainLayer(container);
    layOut(layer, 0, 1280); // 4 px per day
    const [toHandle] = getAllByTestId('brush-handle-to');
    await fireEvent.pointerDown(toHandle, { pointerId: 40, button: 0, clientX: 1279 });
    await fireEvent.pointerMove(layer, { pointerId: 40, clientX: 301 * 4 + 1 });
    await fireEvent.pointerUp(layer, { pointerId: 40, clientX: 301 * 4 + 1 });
    expect(onBrush).toHaveBeenLastCalledWith({ from: extent.first, to: swarm.to }, 'end');
  });

  it('brushes from the overview strip over the whole case', async () => {
    const { getByTestId, onBrush } = renderTimeline();
    const layer = getByTestId('timeline-overview').querySelector('.brush-layer') as HTMLElement;
    layOut(layer, 0, 640); // 2 px per day
    await fireEvent.pointerDown(layer, { pointerId: 5, button: 0, clientX: 2 * 10 + 1 });
    await fireEvent.pointerMove(layer, { pointerId: 5, clientX: 2 * 12 + 1 });
    await fireEvent.pointerUp(layer, { pointerId: 5, clientX: 2 * 12 + 1 });
    expect(onBrush).toHaveBeenLastCalledWith({ from: dayAfter(CASE_FIRST, 10), to: dayAfter(CASE_FIRST, 12) }, 'end');
  });
});

describe('hours and hover', () => {
  it('zooms the main chart to the range hour by hour when hours are given', async () => {
    const hours = caseHours(days, swarm.from, swarm.to);
    const { getByTestId, container } = renderTimeline({ range: swarm, hours });
    const timeline = getByTestId('timeline');
    expect(timeline.dataset.mode).toBe('hours');
    expect(getByTestId('timeline-view-frame')).toBeTruthy();
    expect(getByTestId('timeline-summary').textContent).toContain('Attempts per hour');
    // Hovering the first hour of the second day reads that hour.
    const layer = container.querySelector('.chart .brush-layer') as HTMLElement;
    layOut(layer, 0, 720); // 10 px per hour
    await fireEvent.pointerMove(layer, { clientX: 24 * 10 + 5 });
    const first = hours.find((h) => h.hour === '2023-11-11 00')!;
    expect(getByTestId('timeline-readout').textContent).toContain(`00:00–01:00 · ${first.attempts} attempts`);
  });

  it('shows a case of a few days hour by hour without a range, and says so', async () => {
    const short = days.filter((d) => d.day >= swarm.from && d.day <= swarm.to);
    const hours = caseHours(days, swarm.from, swarm.to);
    const { getByTestId } = render(Timeline, {
      days: short, hours, range: null, fullExtent: { first: swarm.from, last: swarm.to }, onBrush: vi.fn(), onClearBrush: vi.fn(),
    });
    expect(getByTestId('timeline').dataset.mode).toBe('hours');
    expect(getByTestId('timeline-readout').textContent).toBe('Hour by hour: the case holds 3 days');
  });

  it('reads a day under the pointer', async () => {
    const { getByTestId, container } = renderTimeline();
    const layer = container.querySelector('.chart .brush-layer') as HTMLElement;
    layOut(layer, 0, 1280);
    const swarmDay = days.find((d) => d.day === '2023-11-10')!;
    await fireEvent.pointerMove(layer, { clientX: 299 * 4 + 2 });
    const readout = getByTestId('timeline-readout').textContent ?? '';
    expect(readout).toContain(`${swarmDay.attempts.toLocaleString('en-US')} attempts`);
    expect(readout).toContain(`${swarmDay.countries} countries`);
    await fireEvent.pointerLeave(layer);
    expect(getByTestId('timeline-readout').textContent).toContain('Drag across the chart');
  });

  it('marks the day a file without time stamps piled its attempts on, and says so of that day under the pointer', async () => {
    // The export's 469 attempts are all dated at its last change, on the 101st day of the case.
    const pileDay = dayAfter(CASE_FIRST, 100);
    const withPile: DayRow[] = days.map((d) => ({ ...d, ...(d.day === pileDay ? { attempts: d.attempts + 469, undated: 469 } : {}) }));
    const { getByTestId, getAllByTestId, container, rerender } = renderTimeline({ days: withPile });
    const marks = getAllByTestId('timeline-undated');
    expect(marks.map((m) => m.dataset.day)).toEqual([pileDay]);
    expect(parseFloat(marks[0].style.left)).toBeCloseTo((100.5 / CASE_DAYS) * 100, 5);
    expect(marks[0].title).toBe(`${formatDay(pileDay)}: 469 attempts without a time stamp, dated at their file's last change`);
    const layer = container.querySelector('.chart .brush-layer') as HTMLElement;
    layOut(layer, 0, CASE_DAYS * 4);
    await fireEvent.pointerMove(layer, { clientX: 100 * 4 + 2 });
    expect(getByTestId('timeline-readout').textContent).toContain("· of the case's, 469 attempts without a time stamp, dated at their file's last change");
    await fireEvent.pointerMove(layer, { clientX: 99 * 4 + 2 });
    expect(getByTestId('timeline-readout').textContent).not.toContain('time stamp');
    // Hour by hour, an hour's bar would say no more than the day's: no mark.
    await rerender({ days: withPile, range: { from: dayAfter(CASE_FIRST, 99), to: dayAfter(CASE_FIRST, 101) }, hours: caseHours(days, dayAfter(CASE_FIRST, 99), dayAfter(CASE_FIRST, 101)) });
    expect(container.querySelector('[data-testid="timeline-undated"]')).toBeNull();
  });

  it('marks no day when no attempt lacks a time stamp', () => {
    const { container } = renderTimeline();
    expect(container.querySelector('[data-testid="timeline-undated"]')).toBeNull();
  });

  it('shows an empty timeline without data', () => {
    const onBrush = vi.fn();
    const { getByTestId } = render(Timeline, { days: [], range: null, fullExtent: null, onBrush, onClearBrush: vi.fn() });
    expect(getByTestId('timeline').textContent).toContain('No attempts to show');
    expect((getByTestId('range-from') as HTMLInputElement).disabled).toBe(true);
  });
});

describe('keys', () => {
  it('says that the dotted line is the mean of countries per day, not of attempts, in the key itself', () => {
    const { container } = renderTimeline();
    const key = container.querySelector('.key .line.dotted')!.parentElement!;
    const mean = days.filter((d) => d.attempts > 0).reduce((sum, d) => sum + d.countries, 0) / days.filter((d) => d.attempts > 0).length;
    expect(key.textContent!.trim()).toBe(`countries/day, mean ${mean.toFixed(1)}`);
  });
});

describe('the mean countries key', () => {
  it('says what its mean is taken over: the days with attempts, not the whole case, and not the brushed days', async () => {
    const { getByTestId, rerender } = renderTimeline();
    const key = getByTestId('mean-countries-key');
    const before = key.textContent;
    // Filtered to one country, the dotted line is that country's mean (1.0), not the whole case's.
    expect(key.title).toMatch(/every day of the case that had attempts \(of the countries and search chosen\)/);
    expect(key.title).toMatch(/brushed range does not change it/);
    await rerender({ range: swarm });
    expect(getByTestId('mean-countries-key').textContent).toBe(before);
  });
});
