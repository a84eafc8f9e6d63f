// The incident detector on scenarios of known truth (swarm-scenarios.ts): each swarm found as one incident
// whose span is its window within an hour, whatever its length and wherever it lies in the case, and no
// incident on a plain background, one that steps up for good, or one with days of logs missing.
import { describe, expect, it } from 'vitest';
import { incidents } from '../../../src-main/engine/query/incidents';
import type { IncidentReport } from '../../../src-main/shared/api';
import { SCENARIOS, scenario, storeOfScenario, type NamedScenario, type Scenario } from './swarm-scenarios';

const HOUR = 3600;
/** Hours an incident's start or end may lie from its swarm's: the swarms here begin and end sharply. */
const SPAN_TOLERANCE_HOURS = 1;

const seconds = (hour: string): number => Date.parse(`${hour.replace(' ', 'T')}:00Z`) / 1000;

async function reportOf(named: NamedScenario): Promise<{ report: IncidentReport; truth: Scenario }> {
  const truth = scenario(named.seed, named.background, named.swarms);
  const store = await storeOfScenario(truth);
  try {
    return { report: incidents(store), truth };
  } finally {
    store.close();
  }
}

describe('incidents of scenarios with swarms of known start and end', () => {
  for (const named of SCENARIOS) {
    it(named.name, async () => {
      const { report, truth } = await reportOf(named);
      const spans = report.incidents.map((i) => ({ start: seconds(i.start), end: seconds(i.end) }));
      const overlapping = (w: { start: number; end: number }) => spans.filter((s) => s.start < w.end && s.end > w.start);
      // Nothing outside the swarms.
      expect(spans.filter((s) => !truth.swarms.some((w) => s.start < w.end && s.end > w.start))).toEqual([]);
      if (named.belowNoise) return;
      for (const swarm of truth.swarms) {
        // One incident, not pieces of it, from the swarm's first hour to its last.
        const found = overlapping(swarm);
        expect(found).toHaveLength(1);
        expect(Math.abs(found[0].start - swarm.start) / HOUR).toBeLessThanOrEqual(SPAN_TOLERANCE_HOURS);
        expect(Math.abs(found[0].end - swarm.end) / HOUR).toBeLessThanOrEqual(SPAN_TOLERANCE_HOURS);
      }
    });
  }
});
