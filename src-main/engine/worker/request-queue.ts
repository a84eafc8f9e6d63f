// The engine thread's requests in the order they came, started one at a time. A view's question names its lane
// (Selection.lane): a newer question of the same method and lane makes one still waiting useless, and that one
// is answered SUPERSEDED without being asked. On a case of millions of attempts a question over the whole case
// takes seconds; a brush made meanwhile (or typed day by day) no longer waits for every question it replaced.
import type { EngineRequest } from './protocol';

/** The error a superseded request is answered with; the page has a newer question of its lane on its way. */
export const SUPERSEDED = 'superseded by a newer question of the same view';

/** The lane a request names: its selection's (always its first argument), or null. */
export function laneOf(req: EngineRequest): string | null {
  const first = (req.args as unknown[])[0];
  if (first === null || typeof first !== 'object' || !('lane' in first)) return null;
  const lane = (first as { lane?: unknown }).lane;
  return typeof lane === 'string' ? `${req.method}|${lane}` : null;
}

export class RequestQueue {
  private readonly waiting: EngineRequest[] = [];

  /** `superseded` is told each waiting request that a newer one of its lane replaces. */
  constructor(private readonly superseded: (req: EngineRequest) => void) {}

  push(req: EngineRequest): void {
    const lane = laneOf(req);
    if (lane !== null) {
      for (let i = this.waiting.length - 1; i >= 0; i--) {
        if (laneOf(this.waiting[i]) !== lane) continue;
        this.superseded(this.waiting[i]);
        this.waiting.splice(i, 1);
      }
    }
    this.waiting.push(req);
  }

  /** The oldest request still waiting, taken out of the queue; undefined when none waits. */
  next(): EngineRequest | undefined {
    return this.waiting.shift();
  }
}
