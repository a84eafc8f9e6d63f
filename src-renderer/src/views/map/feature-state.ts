// Feature-state bookkeeping for the map: the fill colour of every country, and which countries are
// selected. During a live brush the rows change every frame, so only countries whose state changed are
// sent to MapLibre.
import type { MapFigures } from './country-figures';

export interface StateChange<T> {
  code: string;
  /** The new value, or null to remove it. */
  value: T | null;
}

/** Changes turning `previous` into `next`: new and changed codes get their value, dropped codes null. */
export function stateChanges<T>(previous: ReadonlyMap<string, T>, next: ReadonlyMap<string, T>): StateChange<T>[] {
  const changes: StateChange<T>[] = [];
  for (const [code, value] of next) if (previous.get(code) !== value) changes.push({ code, value });
  for (const code of previous.keys()) if (!next.has(code)) changes.push({ code, value: null });
  return changes;
}

/** Fill colour per country code for the countries that have attempts and a shape. */
export function fillByCode(figures: MapFigures): Map<string, string> {
  return new Map(figures.onMap.map((figure) => [figure.code, figure.color]));
}

export function selectedByCode(codes: readonly string[]): Map<string, true> {
  return new Map(codes.map((code) => [code, true as const]));
}
