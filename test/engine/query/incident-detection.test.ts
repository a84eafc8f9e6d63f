// The detector's rules on hand-made hourly series: robust baselines, where a stretch starts and ends, merges.
import { describe, expect, it } from 'vitest';
import {
  BASELINE_WINDOW_HOURS, LONG_WINDOW_HOURS, MERGE_GAP_HOURS, NO_LOG_HOURS, RELATIVE_SIGMA, centredMean, dailyBaselines, detectSpans, findSpans,
  loggedHours, lowerBaselines, robustBaseline, type ScoredSeries,
} from '../../../src-main/engine/query/incident-detection';

/** Four quiet weeks: 1 or 2 addresses an hour, alternating (median 1.5, MAD 0.5). */
const quiet = (): number[] => Array.from({ length: 28 * 24 }, (_, h) => 1 + (h % 2));

function scored(series: number[]): [ScoredSeries, ScoredSeries] {
  const ramp = centredMean(series, 5);
  return [{ series, baselines: dailyBaselines(series, 0) }, { series: ramp, baselines: dailyBaselines(ramp, 0, 1 / Math.sqrt(5)) }];
}

describe('robust baselines', () => {
  it('are the median and the MAD, with a spread of at least one address', () => {
    expect(robustBaseline([1, 2, 3, 4, 100])).toEqual({ median: 3, mad: 1, sigma: 1.4826 });
    expect(robustBaseline([0, 0, 0, 0, 50])).toEqual({ median: 0, mad: 0, sigma: 1 });
    expect(robustBaseline([10, 20, 30, 40]).median).toBe(25);
  });

  it('are taken per day from the two weeks around it, so a swarm of a few days hardly moves them', () => {
    const series = quiet();
    for (let h = 14 * 24; h < 16 * 24; h++) series[h] = 80;
    const baselines = dailyBaselines(series, 0);
    // Two days of 80 among two weeks of 1 and 2: the median goes from 1.5 to 2, the mean would go to 12.
    expect(baselines[15 * 24].median).toBe(2);
    expect(baselines[15 * 24].sigma).toBeCloseTo(1.4826, 10);
    expect(baselines[0]).toBe(baselines[23]);
    expect(baselines[0]).not.toBe(baselines[24]);
    expect(BASELINE_WINDOW_HOURS).toBe(7 * 24);
  });

  it('slide their window a day at a time to the median and MAD a sort of each window gives, past hours without logs', () => {
    // A background growing day by day (each day brings values above all before it, in and out of the window),
    // whole and fractional values with many ties (as counts and their means are), and two days without logs.
    const series = Array.from({ length: 60 * 24 }, (_, h) => Math.floor(h / 24) + (h % 7 < 3 ? (h * 13) % 9 : ((h * 29) % 23) / 4));
    const logged = series.map((_, h) => (h >= 10 * 24 && h < 12 * 24 ? 0 : 1));
    for (const [firstHourOfDay, windowHours] of [[0, BASELINE_WINDOW_HOURS], [5, BASELINE_WINDOW_HOURS], [17, 3 * 24], [0, 20 * 24]]) {
      const baselines = dailyBaselines(series, firstHourOfDay, 1, logged, windowHours);
      for (let h = 0; h < series.length; h += 7) {
        const dayStart = h - ((h + firstHourOfDay) % 24);
        const window = series.filter((_, k) => logged[k] && k >= dayStart - windowHours && k < dayStart + 24 + windowHours);
        expect(baselines[h]).toEqual(robustBaseline(window));
      }
    }
  });

  it('of a swarm of three weeks are the background\'s: the lower of the two weeks\' median and the sixteen weeks\'', () => {
    const series = quiet().concat(quiet(), quiet());
    for (let h = 30 * 24; h < 51 * 24; h++) series[h] = 30 + (h % 3);
    const middle = 40 * 24;
    // Two weeks around its middle day are all swarm; sixteen weeks around it hold three weeks of it.
    expect(dailyBaselines(series, 0)[middle].median).toBe(31);
    expect(dailyBaselines(series, 0, 1, undefined, LONG_WINDOW_HOURS)[middle].median).toBe(2);
    expect(lowerBaselines(series, 0, 1)[middle].median).toBe(2);
    expect(LONG_WINDOW_HOURS).toBe(56 * 24);
  });

  it('the centred mean averages each hour with those around it', () => {
    expect(Array.from(centredMean([0, 0, 10, 0, 0, 5], 3))).toEqual([0, 10 / 3, 10 / 3, 10 / 3, 5 / 3, 2.5]);
  });
});

describe('finding stretches', () => {
  it('finds nothing in quiet weeks', () => {
    expect(findSpans(...scored(quiet()))).toEqual([]);
  });

  it('a sharp burst is its own hours, not the quiet ones beside it', () => {
    const series = quiet();
    series[300] = 40;
    series[301] = 35;
    const spans = findSpans(...scored(series));
    expect(spans.map(({ first, last, peak }) => ({ first, last, peak }))).toEqual([{ first: 300, last: 301, peak: 300 }]);
    expect(spans[0].baseline.median).toBeLessThanOrEqual(2);
  });

  it('takes in a slow ramp whose hours are each only a little above the usual', () => {
    const series = quiet();
    // The ramp: 3 addresses an hour, then 4 (each under 3 deviations of one address above the usual 1.5 alone),
    // then the peak.
    for (let h = 290; h < 296; h++) series[h] = 3;
    for (let h = 296; h < 300; h++) series[h] = 4;
    for (let h = 300; h < 304; h++) series[h] = 50;
    const [hourly, ramp] = scored(series);
    const [span] = findSpans(hourly, ramp);
    expect(span.first).toBeLessThanOrEqual(292);
    // Without the ramp (a ramp series that never rises), the stretch is the peak's hours alone.
    const flat = { series: new Array(series.length).fill(0), baselines: ramp.baselines };
    expect(findSpans(hourly, flat)[0].first).toBe(300);
    expect(span.last).toBe(303);
  });

  it(`joins stretches ${MERGE_GAP_HOURS} quiet hours apart, not ${MERGE_GAP_HOURS + 1}`, () => {
    const series = quiet();
    series[300] = 40;
    series[300 + MERGE_GAP_HOURS + 1] = 40;
    series[400] = 40;
    series[400 + MERGE_GAP_HOURS + 2] = 40;
    const spans = findSpans(...scored(series)).map(({ first, last }) => [first, last]);
    expect(spans).toEqual([[300, 300 + MERGE_GAP_HOURS + 1], [400, 400], [400 + MERGE_GAP_HOURS + 2, 400 + MERGE_GAP_HOURS + 2]]);
  });
});

describe('hours without logs', () => {
  it('are the runs of a day or more without any attempt; shorter lulls are quiet hours of the logs', () => {
    const attempts = [3, ...new Array(NO_LOG_HOURS - 1).fill(0), 2, ...new Array(NO_LOG_HOURS).fill(0), 5, 0];
    const logged = Array.from(loggedHours(attempts));
    expect(logged.slice(0, NO_LOG_HOURS + 1).every((v) => v === 1)).toBe(true);
    expect(logged.slice(NO_LOG_HOURS + 1, 2 * NO_LOG_HOURS + 1).every((v) => v === 0)).toBe(true);
    expect(logged.slice(2 * NO_LOG_HOURS + 1)).toEqual([1, 1]);
  });

  it('take no part in the baselines: the last morning before two weeks without logs keeps its usual level', () => {
    // 13 days and 6 hours of 40 to 44 addresses an hour, then two weeks without logs.
    const busy = 13 * 24 + 6;
    const series = [...Array.from({ length: busy }, (_, h) => 40 + (h % 5)), ...new Array(14 * 24).fill(0)];
    const lastMorning = 13 * 24;
    expect(dailyBaselines(series, 0)[lastMorning].median).toBe(0);
    expect(dailyBaselines(series, 0, 1, loggedHours(series))[lastMorning].median).toBe(42);
  });
});

describe('a busy background', () => {
  // Four weeks of a server tried by some 230 addresses an hour, give or take 20 (as `generate --lines 8000000`).
  const busy = (): number[] => Array.from({ length: 28 * 24 }, (_, h) => 210 + ((h * 37) % 41));
  const day = (series: number[], d: number, times: number): void => {
    for (let h = d * 24; h < d * 24 + 24; h++) series[h] = Math.round(series[h] * times);
  };

  it('has busy days of twice its usual addresses that are no incident: its days vary by a share of its level', () => {
    const series = busy();
    day(series, 14, 2);
    expect(findSpans(...scored(series))).toEqual([]);
    expect(robustBaseline(series).sigma).toBeCloseTo(RELATIVE_SIGMA * robustBaseline(series).median, 10);
  });

  it('still shows a swarm that brings five times its usual addresses for a day, as its day', () => {
    const series = busy();
    day(series, 14, 5);
    const spans = findSpans(...scored(series));
    // Not the two hours on each side that the ramp's mean of five hours reaches: on their own, they are the
    // background's, above its median by chance.
    expect(spans.map(({ first, last }) => [first, last])).toEqual([[14 * 24, 14 * 24 + 23]]);
  });
});

describe('detecting incidents over months', () => {
  const detect = (series: number[]) => detectSpans(series, centredMean(series, 5), 1 / Math.sqrt(5), 0).map(({ first, last }) => [first, last]);
  /** Twelve quiet weeks. */
  const months = (): number[] => Array.from({ length: 84 * 24 }, (_, h) => 1 + (h % 2));

  it('finds a swarm of three weeks whole, which fills the two weeks around each of its days', () => {
    const series = months();
    for (let h = 40 * 24; h < 61 * 24; h++) series[h] = 30 + (h % 3);
    expect(detect(series)).toEqual([[40 * 24, 61 * 24 - 1]]);
  });

  it('finds a swarm of five weeks at the end of the case whole, once its first weeks are left out of the baselines', () => {
    const series = Array.from({ length: 180 * 24 }, (_, h) => 1 + (h % 2));
    // The sixteen weeks around its last days are cut short by the end of the case, and hold more swarm days than
    // quiet ones: only its first weeks stand out at first, and the rest once those are no longer part of the usual.
    for (let h = 145 * 24; h < 180 * 24; h++) series[h] = 30 + (h % 3);
    const ramp = centredMean(series, 5);
    const firstPass = findSpans({ series, baselines: lowerBaselines(series, 0, 1) }, { series: ramp, baselines: lowerBaselines(ramp, 0, 1 / Math.sqrt(5)) });
    expect(firstPass.map(({ first, last }) => [first, last])).toEqual([[145 * 24, 166 * 24 - 1]]);
    expect(detect(series)).toEqual([[145 * 24, 180 * 24 - 1]]);
  });

  it('finds two swarms of two weeks a week apart as two', () => {
    const series = months();
    for (let h = 20 * 24; h < 34 * 24; h++) series[h] = 25 + (h % 4);
    for (let h = 41 * 24; h < 55 * 24; h++) series[h] = 25 + (h % 4);
    expect(detect(series)).toEqual([[20 * 24, 34 * 24 - 1], [41 * 24, 55 * 24 - 1]]);
  });

  it('finds nothing in a background that steps up tenfold for good: its new level is the usual from the step on', () => {
    const series = months().concat(months()).map((v, h) => (h < 84 * 24 ? v : 10 * v + (h % 3)));
    expect(detect(series)).toEqual([]);
  });
});
