// The bars of the "Attempts per IP" chart and which of them are labelled on its axis. The chart is small: its
// long tail is folded into one last bar, and when the labels crowd only some are shown, but never without the
// last one, so that the bar holding "10 or more" says so.
import type { HistogramRow } from '../../../../src-main/shared/api';

/** Bars 1..FOLD_AT-1 are single counts; the last bar gathers FOLD_AT and more. */
export const FOLD_AT = 10;

/** The last bar's label. */
export const FOLDED_LABEL = `${FOLD_AT}+`;

/** The narrowest room, in pixels, a label of the axis is given: "10+" at 10px with a little space. */
const LABEL_ROOM = 18;

export interface Bars {
  labels: string[];
  values: number[];
}

export function histogramBars(rows: HistogramRow[]): Bars {
  const labels: string[] = [];
  const values: number[] = [];
  for (let n = 1; n < FOLD_AT; n++) {
    labels.push(String(n));
    values.push(rows.find((r) => r.times === n)?.computers ?? 0);
  }
  labels.push(FOLDED_LABEL);
  values.push(rows.filter((r) => r.times >= FOLD_AT).reduce((sum, r) => sum + r.computers, 0));
  return { labels, values };
}

/**
 * The axis label of bar `index` of `labels` on an axis `width` pixels wide, or '' for none: every one when they
 * fit, else every second or third from the first, and always the last (the one before it is left out when
 * the two would touch).
 */
export function barTickLabel(labels: readonly string[], index: number, width: number): string {
  const last = labels.length - 1;
  const slot = width / Math.max(1, labels.length);
  const stride = [1, 2, 3, 5].find((s) => slot * s >= LABEL_ROOM) ?? 5;
  const shown = index === last || (index % stride === 0 && last - index >= stride);
  return shown ? labels[index] : '';
}

/** The tooltip's title for a bar: "attacked 1 time", "attacked 3 times", "attacked 10 or more times". */
export function barTitle(label: string): string {
  if (label === FOLDED_LABEL) return `attacked ${FOLD_AT} or more times`;
  return `attacked ${label} time${label === '1' ? '' : 's'}`;
}
