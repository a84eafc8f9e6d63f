// The "Attempts per IP" chart's axis: its last bar holds every IP with 10 or more attempts, and says so
// however narrow the chart (Chart.js's own skipping dropped that label: "1 3 5 7 9" and an unlabelled bar).
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { HistogramRow } from '../../../src-main/shared/api';
import { barTickLabel, barTitle, histogramBars } from '../../../src-renderer/src/views/panels/histogram-bars';
import HistogramChart from '../../../src-renderer/src/views/panels/HistogramChart.svelte';

const ROWS: HistogramRow[] = [
  { times: 1, computers: 600, attempts: 600, shareOfComputers: 0.6 },
  { times: 3, computers: 100, attempts: 300, shareOfComputers: 0.1 },
  { times: 10, computers: 50, attempts: 500, shareOfComputers: 0.05 },
  { times: 250, computers: 2, attempts: 500, shareOfComputers: 0.002 },
];

const axis = (width: number) => {
  const { labels } = histogramBars(ROWS);
  return labels.map((_, i) => barTickLabel(labels, i, width));
};

describe('the Attempts per IP chart', () => {
  it('folds 10 and more attempts into its last bar, labelled 10+', () => {
    const { labels, values } = histogramBars(ROWS);
    expect(labels).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10+']);
    expect(values).toEqual([600, 0, 100, 0, 0, 0, 0, 0, 0, 52]);
  });

  it('labels the last bar at every width, and never lets the label before it touch it', () => {
    expect(axis(400)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10+']);
    expect(axis(130)).toEqual(['1', '', '3', '', '5', '', '7', '', '', '10+']);
    expect(axis(60)).toEqual(['1', '', '', '4', '', '', '7', '', '', '10+']);
    for (const width of [20, 45, 90, 110, 150, 179, 181, 300]) expect(axis(width).at(-1)).toBe('10+');
  });

  it('names the folded bar in its tooltip and for a screen reader', () => {
    expect(barTitle('1')).toBe('attacked 1 time');
    expect(barTitle('4')).toBe('attacked 4 times');
    expect(barTitle('10+')).toBe('attacked 10 or more times');
    render(HistogramChart, { props: { rows: ROWS } });
    expect(screen.getByTestId('histogram-chart').getAttribute('aria-label')).toMatch(/10 or more in the last bar/);
  });
});
