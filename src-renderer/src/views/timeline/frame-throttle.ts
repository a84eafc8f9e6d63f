// Live brush updates at most once per animation frame: a drag produces many pointer moves per frame,
// and each update makes the caller recompute figures for every view.

export interface FrameThrottle<T> {
  /** Remember the latest value; it is delivered on the next frame. */
  push(value: T): void;
  /** Drop a value still waiting. */
  cancel(): void;
}

export function frameThrottle<T>(
  deliver: (value: T) => void,
  schedule: (callback: () => void) => number = (callback) => requestAnimationFrame(callback),
  unschedule: (handle: number) => void = (handle) => cancelAnimationFrame(handle),
): FrameThrottle<T> {
  let handle: number | null = null;
  let waiting: { value: T } | null = null;
  return {
    push(value) {
      waiting = { value };
      if (handle !== null) return;
      handle = schedule(() => {
        handle = null;
        const next = waiting;
        waiting = null;
        if (next) deliver(next.value);
      });
    },
    cancel() {
      if (handle !== null) unschedule(handle);
      handle = null;
      waiting = null;
    },
  };
}
