import { describe, expect, it } from 'vitest';
import { PALETTES } from '../../../../src-renderer/src/lib/palette';
import { COUNTRIES_AXIS, timelineChartConfig } from '../../../../src-renderer/src/views/timeline/chart-config';
import { axisLabel, buildDaySeries } from '../../../../src-renderer/src/views/timeline/series';
import { CASE_FIRST, caseDays } from '../../lib/attack-figures';

const days = caseDays();
const extent = { first: CASE_FIRST, last: '2023-11-30' };

describe('timelineChartConfig', () => {
  it('draws attempts as bars on the left axis and countries per day with a dotted mean on the right', () => {
    const series = buildDaySeries(days, extent);
    const config = timelineChartConfig(series, PALETTES.light);
    const [bars, countries, mean] = config.data.datasets;
    expect(bars).toMatchObject({ type: 'bar', yAxisID: 'y', data: series.attempts, backgroundColor: PALETTES.light.bar });
    expect(countries).toMatchObject({ type: 'line', yAxisID: COUNTRIES_AXIS, data: series.countries });
    expect(mean).toMatchObject({ type: 'line', yAxisID: COUNTRIES_AXIS, borderDash: [2, 3] });
    expect(new Set(mean.data)).toEqual(new Set([series.meanCountries]));
    const scales = config.options!.scales!;
    expect(scales[COUNTRIES_AXIS]).toMatchObject({ position: 'right', beginAtZero: true });
    expect(config.options!.events).toEqual([]);
  });

  it('labels the x axis with the series labels', () => {
    const series = buildDaySeries(days, extent);
    const ticks = timelineChartConfig(series, PALETTES.dark).options!.scales!.x!.ticks as { callback: (v: unknown, i: number) => string };
    const labelled = series.labels.map((_, i) => ticks.callback(series.labels[i], i));
    expect(labelled).toEqual(series.labels.map((_, i) => axisLabel(series, i)));
  });

  it('stacks the country bars on one stack, top country darkest in the light scheme', () => {
    const series = buildDaySeries(days, extent, { countries: ['CN', 'US', 'IN'], series: [0.3, 0.2, 0.1].map((f) => days.map((d) => Math.round(d.attempts * f))) });
    const config = timelineChartConfig(series, PALETTES.light);
    const bars = config.data.datasets.filter((d) => d.type === 'bar');
    expect(bars.map((b) => b.label)).toEqual(['China', 'United States', 'India', 'Other countries']);
    expect(bars[0]).toMatchObject({ stack: 'attempts', backgroundColor: PALETTES.light.sequential.at(-1) });
    expect(config.options!.scales!.y).toMatchObject({ stacked: true });
  });
});
