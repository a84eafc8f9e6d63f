// The case's incidents (swarms a per-IP threshold misses) under the threshold the user chose, of the services
// chosen in the Services tab (all when none is). They are of the whole case's days and countries, not of the rest of
// the selection: asked again when the case, the threshold or the services change, never while the brush moves. While logs are being read it waits for the end: the whole case is read again for each
// answer (a third of a second a million attempts), and the case changes every second meanwhile. Only the
// latest answer is kept.
import { untrack } from 'svelte';
import { FAIL2BAN_DEFAULTS, type IncidentReport, type ThresholdOptions } from '../../../../src-main/shared/api';
import { sameThreshold } from '../../../../src-main/shared/threshold-text';
import type { HostApi } from '../api/host-api';
import type { CaseState } from './case.svelte';
import { LatestRequests } from './latest-request';

export class IncidentsState {
  /** The latest answer; kept while a newer one is on its way, so the panel does not blink. */
  report = $state.raw<IncidentReport | null>(null);
  threshold = $state.raw<ThresholdOptions>(FAIL2BAN_DEFAULTS);
  pending = $state(false);
  error = $state<string | null>(null);
  /** True while an ingest runs: the report shown is from before it, and is asked again once it ends. */
  waitingForIngest = $state(false);

  private readonly requests = new LatestRequests<'incidents'>();
  private readonly dispose: () => void;

  /** `services`: the services chosen (`Selection.services`; empty: all), read reactively. */
  constructor(private readonly host: HostApi, caseState: CaseState, services: () => readonly string[]) {
    this.dispose = $effect.root(() => {
      $effect(() => {
        const version = caseState.version;
        const ready = caseState.loaded;
        const ingesting = caseState.ingesting;
        const threshold = this.threshold;
        const chosen = [...services()];
        untrack(() => {
          this.waitingForIngest = ready && ingesting;
          if (ready && !ingesting) this.ask(version, threshold, chosen);
        });
      });
    });
  }

  destroy(): void {
    this.dispose();
  }

  setThreshold(threshold: ThresholdOptions): void {
    if (!sameThreshold(this.threshold, threshold)) this.threshold = { ...threshold };
  }

  private ask(version: number, threshold: ThresholdOptions, services: string[]): void {
    const key = `${version}|${JSON.stringify(threshold)}|${JSON.stringify(services)}`;
    if (this.requests.isSameKey('incidents', key)) return;
    const ticket = this.requests.begin('incidents', key);
    this.pending = true;
    (services.length ? this.host.incidents(threshold, services) : this.host.incidents(threshold)).then(
      (report) => {
        if (!this.requests.isCurrent('incidents', ticket)) return;
        this.pending = false;
        this.error = null;
        this.report = report;
      },
      (error: unknown) => {
        if (!this.requests.isCurrent('incidents', ticket)) return;
        this.pending = false;
        this.requests.invalidate('incidents'); // so the same question is asked again next time
        this.error = error instanceof Error ? error.message : String(error);
      },
    );
  }
}
