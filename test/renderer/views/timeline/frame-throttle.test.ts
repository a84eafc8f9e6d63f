import { describe, expect, it } from 'vitest';
import { frameThrottle } from '../../../../src-renderer/src/views/timeline/frame-throttle';

function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    schedule: (callback: () => void) => { callbacks.set(next, callback); return next++; },
    unschedule: (handle: number) => { callbacks.delete(handle); },
    frame: () => { const due = [...callbacks.values()]; callbacks.clear(); due.forEach((callback) => callback()); },
    waiting: () => callbacks.size,
  };
}

describe('frameThrottle', () => {
  it('delivers only the latest value of each frame', () => {
    const frames = manualFrames();
    const delivered: string[] = [];
    const throttle = frameThrottle<string>((v) => delivered.push(v), frames.schedule, frames.unschedule);
    throttle.push('2023-11-10');
    throttle.push('2023-11-11');
    throttle.push('2023-11-12');
    expect(frames.waiting()).toBe(1);
    frames.frame();
    throttle.push('2023-11-13');
    frames.frame();
    frames.frame();
    expect(delivered).toEqual(['2023-11-12', '2023-11-13']);
  });

  it('drops a value still waiting when cancelled', () => {
    const frames = manualFrames();
    const delivered: number[] = [];
    const throttle = frameThrottle<number>((v) => delivered.push(v), frames.schedule, frames.unschedule);
    throttle.push(1);
    throttle.cancel();
    frames.frame();
    expect(delivered).toEqual([]);
    throttle.push(2);
    frames.frame();
    expect(delivered).toEqual([2]);
  });
});
