// The case's incidents (swarms a per-IP threshold misses) under the threshold the user chose. They are of the
// whole case, not of the selection: asked again when the case changes or the threshold does, never while
// the brush moves. While logs are being read it waits for the end: the whole case is read again for each
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

  constructor(private readonly host: HostApi, caseState: CaseState) {
    this.dispose = $effect.root(() => {
      $effect(() => {
        const version = caseState.version;
        const ready = caseState.loaded;
        const ingesting = caseState.ingesting;
        const threshold = this.threshold;
        untrack(() => {
          this.waitingForIngest = ready && ingesting;
          if (ready && !ingesting) this.ask(version, threshold);
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

  private ask(version: number, threshold: ThresholdOptions): void {
    const key = `${version}|${JSON.stringify(threshold)}`;
    if (this.requests.isSameKey('incidents', key)) return;
    const ticket = this.requests.begin('incidents', key);
    this.pending = true;
    this.host.incidents(threshold).then(
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
