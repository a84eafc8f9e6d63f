// The globe's fitted view: a disc a little smaller than the box's shorter side, centred on Europe and Africa.
import type { Size } from './flat-view';

export const GLOBE_CENTER = { lng: 20, lat: 20 } as const;

/** The disc's diameter in CSS pixels, leaving a margin around it. */
export function globeDiameter(box: Size): number {
  return Math.max(64, Math.min(box.height, box.width) * 0.9);
}

/** The zoom at which the globe is `globeDiameter` across: its disc is about 0.83 · 512·2^z/π pixels (measured). */
export function globeZoom(box: Size): number {
  return Math.log2((globeDiameter(box) * Math.PI) / (512 * 0.83));
}
