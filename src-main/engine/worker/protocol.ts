// Messages between a host and the engine worker: requests are matched to replies by sequence number;
// events (progress, case changed) flow from the worker without being asked.
import type { EngineApi, EngineEvent, EngineMethod } from '../../shared/api';

export type EngineRequest = {
  [M in EngineMethod]: { seq: number; method: M; args: Parameters<EngineApi[M]> };
}[EngineMethod];

export type EngineReply =
  | { seq: number; ok: true; result: unknown }
  | { seq: number; ok: false; error: string };

export type WorkerMessage = EngineReply | { event: EngineEvent };

/** Options the worker is started with. */
export interface EngineWorkerData {
  /** User geo databases to consult before the bundled one. */
  geoip: string[];
}
