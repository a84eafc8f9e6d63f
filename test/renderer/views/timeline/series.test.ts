import { describe, expect, it } from 'vitest';
import {
  axisLabel, buildDaySeries, buildHourSeries, buildSeries, HOURS_DRAWN_MAX_DAYS, peakSlot, slotDay,
} from '../../../../src-renderer/src/views/timeline/series';
import { formatShortDay } from '../../../../src-renderer/src/lib/format';
import { CASE_DAYS, CASE_FIRST, caseDays, caseHours, SWARM_FIRST_DAY } from '../../lib/attack-figures';

const days = caseDays();
const extent = { first: CASE_FIRST, last: '2023-11-30' };

describe('buildDaySeries', () => {
  const series = buildDaySeries(days, extent);

  it('has one slot per day, with quiet days as zeros', () => {
    expect(series.labels).toHaveLength(CASE_DAYS);
    expect(days.length).toBeLessThan(CASE_DAYS);
    const quiet = series.labels.findIndex((day) => !days.some((d) => d.day === day));
    expect(series.attempts[quiet]).toBe(0);
    expect(series.countries[quiet]).toBe(0);
    expect(series.attempts.reduce((a, b) => a + b, 0)).toBe(days.reduce((sum, d) => sum + d.attempts, 0));
  });

  it('finds the swarm as the peak, and the baseline of countries per day well below it', () => {
    const peak = peakSlot(series)!;
    expect(slotDay(series, peak.slot) >= SWARM_FIRST_DAY).toBe(true);
    expect(series.meanCountries!).toBeGreaterThan(10);
    expect(series.meanCountries!).toBeLessThan(15);
    expect(series.countries[peak.slot]).toBeGreaterThan(series.meanCountries! * 4);
  });

  it('stacks the top countries and puts the rest in "other"', () => {
    const stacked = buildDaySeries(days, extent, {
      countries: ['CN', 'US'],
      series: [days.map((d) => Math.round(d.attempts * 0.4)), days.map((d) => Math.round(d.attempts * 0.2))],
    });
    expect(stacked.stacks!.map((s) => s.label)).toEqual(['China', 'United States', 'Other countries']);
    for (let slot = 0; slot < stacked.labels.length; slot++) {
      expect(stacked.stacks!.reduce((sum, s) => sum + s.values[slot], 0)).toBe(stacked.attempts[slot]);
    }
  });

  it('has no "other" stack when the countries stacked hold every attempt (the countries chosen are the selection)', () => {
    const share = days.map((d) => Math.floor(d.attempts / 2));
    const stacked = buildDaySeries(days, extent, { countries: ['CN', 'RU'], series: [share, days.map((d, k) => d.attempts - share[k])] });
    expect(stacked.stacks!.map((s) => s.label)).toEqual(['China', 'Russia']);
    for (let slot = 0; slot < stacked.labels.length; slot++) {
      expect(stacked.stacks!.reduce((sum, s) => sum + s.values[slot], 0)).toBe(stacked.attempts[slot]);
    }
  });

  it('ignores a stack that does not line up with the days', () => {
    expect(buildDaySeries(days, extent, { countries: ['CN'], series: [[1, 2, 3]] }).stacks).toBeNull();
  });
});

describe('buildHourSeries', () => {
  const span = { first: SWARM_FIRST_DAY, last: '2023-11-12' };
  const hours = caseHours(days, span.first, span.last);

  it('has 24 slots per day and places each hour in its slot', () => {
    const series = buildHourSeries(hours, days, span, extent);
    expect(series.labels).toHaveLength(72);
    expect(series.labels[0]).toBe('2023-11-10 00');
    expect(series.labels[71]).toBe('2023-11-12 23');
    const sample = hours[30];
    expect(series.attempts[series.labels.indexOf(sample.hour)]).toBe(sample.attempts);
    expect(slotDay(series, 25)).toBe('2023-11-11');
    // Countries per day repeat over the day's hours; the mean stays the whole case's baseline.
    expect(series.countries[24]).toBe(series.countries[47]);
    expect(series.meanCountries).toBe(buildDaySeries(days, extent).meanCountries);
  });

  it('falls back to days for spans too long to read hour by hour', () => {
    const long = { first: '2023-06-01', last: '2023-08-01' };
    expect(HOURS_DRAWN_MAX_DAYS).toBeLessThan(62);
    expect(buildSeries(days, hours, long).slotsPerDay).toBe(1);
    expect(buildSeries(days, hours, span).slotsPerDay).toBe(24);
    expect(buildSeries(days, null, span).slotsPerDay).toBe(1);
  });
});

describe('axisLabel', () => {
  it('labels month starts on a long span, with the year on the first and on January', () => {
    const series = buildDaySeries(days, { first: '2022-11-20', last: '2023-11-30' });
    const labels = series.labels.map((_, slot) => axisLabel(series, slot)).filter(Boolean);
    expect(labels.slice(0, 3)).toEqual(['Dec 2022', 'Jan 2023', 'Feb']);
    expect(labels).toHaveLength(12);
  });

  it.each([
    ['two years: every other month', { first: '2022-06-01', last: '2024-05-31' }, ['Jul 2022', 'Sep', 'Nov', 'Jan 2023', 'Mar', 'May'], 12],
    ['three years: quarters', { first: '2022-02-10', last: '2025-01-20' }, ['Apr 2022', 'Jul', 'Oct', 'Jan 2023', 'Apr'], 12],
    ['four and a half years: half years', { first: '2022-06-01', last: '2026-11-12' }, ['Jul 2022', 'Jan 2023', 'Jul', 'Jan 2024'], 9],
    ['eight years: years', { first: '2018-03-01', last: '2026-02-28' }, ['Jan 2019', 'Jan 2020'], 8],
    ['twenty years: every other year', { first: '2005-03-01', last: '2025-02-28' }, ['Jan 2006', 'Jan 2008'], 10],
    // A device whose clock read 1970 until it was set, then wrote in 2025: the labels were every January, 55 of them, run together.
    ['55 years: every fifth year', { first: '1970-01-01', last: '2025-03-01' }, ['Jan 1970', 'Jan 1975'], 12],
    ['the longest span a case can hold, 1970 to 2100: every twentieth year', { first: '1970-01-01', last: '2100-12-31' }, ['Jan 1980', 'Jan 2000'], 7],
  ])('labels fewer month starts the longer the span, on months that January starts, so that they never run into each other (%s)', (_, span, first, count) => {
    const series = buildDaySeries(days, span);
    const labels = series.labels.map((_, slot) => axisLabel(series, slot)).filter(Boolean);
    expect(labels.slice(0, first.length)).toEqual(first);
    expect(labels).toHaveLength(count);
    // At most 24 labels: 50 px each on a 1,200 px axis.
    expect(labels.length).toBeLessThanOrEqual(24);
  });

  it('labels every day on a short span and day starts and quarter days for hours', () => {
    const week = buildDaySeries(days, { first: '2023-11-08', last: '2023-11-14' });
    expect(week.labels.map((_, slot) => axisLabel(week, slot))).toEqual(week.labels.map((d) => formatShortDay(d)));
    const hourly = buildHourSeries([], days, { first: '2023-11-10', last: '2023-11-11' });
    expect(axisLabel(hourly, 0)).toBe(formatShortDay('2023-11-10'));
    expect(axisLabel(hourly, 6)).toBe('06:00');
    expect(axisLabel(hourly, 7)).toBe('');
    expect(axisLabel(hourly, 24)).toBe(formatShortDay('2023-11-11'));
  });
});
