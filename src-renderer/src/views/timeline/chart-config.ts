// The Chart.js configuration for the timeline: attempts as bars on the left axis (stacked by country
// when asked), distinct countries per day as a line on the right axis with its mean dotted, so a day
// when many more countries than usual show up stands out even when the attempts do not. Chart.js does
// no interaction here: the brush layer above the plot handles the pointer.
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import { rampColors, type Palette } from '../../lib/palette';
import { axisLabel, type TimelineSeries } from './series';

export type TimelineChartConfig = ChartConfiguration<'bar' | 'line', number[], string>;
type Dataset = ChartDataset<'bar' | 'line', number[]>;

export const COUNTRIES_AXIS = 'y1';

export function barDatasets(series: TimelineSeries, palette: Palette): Dataset[] {
  const shared = { type: 'bar' as const, yAxisID: 'y', order: 2, borderWidth: 0, barPercentage: 1, categoryPercentage: series.labels.length > 60 ? 1 : 0.85 };
  if (!series.stacks) return [{ ...shared, label: series.slotsPerDay === 24 ? 'Attempts per hour' : 'Attempts per day', data: series.attempts, backgroundColor: palette.bar }];
  // Top country darkest (most contrast), the rest neutral.
  const countries = series.stacks.filter((s) => s.code !== null);
  const colors = rampColors(palette, countries.length).reverse();
  return series.stacks.map((stack, i) => ({
    ...shared,
    stack: 'attempts',
    label: stack.label,
    data: stack.values,
    backgroundColor: stack.code === null ? palette.border : colors[i],
  }));
}

export function lineDatasets(series: TimelineSeries, palette: Palette): Dataset[] {
  const hourly = series.slotsPerDay === 24;
  const datasets: Dataset[] = [{
    type: 'line', label: 'Countries per day', data: series.countries, yAxisID: COUNTRIES_AXIS, order: 0,
    borderColor: palette.ink, borderWidth: 1.25, pointRadius: 0, tension: 0, stepped: hourly ? 'middle' : false,
  }];
  if (series.meanCountries !== null) {
    datasets.push({
      type: 'line', label: 'Mean countries per day', data: series.labels.map(() => series.meanCountries as number),
      yAxisID: COUNTRIES_AXIS, order: 1, borderColor: palette.ink, borderWidth: 1, borderDash: [2, 3], pointRadius: 0,
    });
  }
  return datasets;
}

export function timelineChartConfig(series: TimelineSeries, palette: Palette, plugins: Plugin<'bar' | 'line'>[] = []): TimelineChartConfig {
  const stacked = series.stacks !== null;
  const tick = { color: palette.inkMuted, font: { size: 10 } };
  return {
    type: 'bar',
    data: { labels: series.labels, datasets: [...barDatasets(series, palette), ...lineDatasets(series, palette)] },
    plugins,
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      events: [],
      layout: { padding: { top: 4, right: 2 } },
      scales: {
        x: {
          type: 'category', stacked, offset: true,
          grid: { display: false },
          border: { color: palette.grid },
          ticks: { ...tick, autoSkip: false, maxRotation: 0, callback: (_value, index) => axisLabel(series, index) },
        },
        y: {
          type: 'linear', stacked, beginAtZero: true,
          grid: { color: palette.grid },
          border: { display: false },
          ticks: { ...tick, maxTicksLimit: 4, precision: 0 },
        },
        [COUNTRIES_AXIS]: {
          type: 'linear', position: 'right', beginAtZero: true,
          grid: { display: false },
          border: { display: false },
          ticks: { ...tick, maxTicksLimit: 4, precision: 0 },
        },
      },
    },
  };
}
