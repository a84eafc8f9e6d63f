// What every view is about: a day range, countries and a search text. Views read `value`; the timeline's
// brush, the map and the search box change it. While the brush is being dragged `brushing` is true, so
// that views can show instant estimates instead of asking the engine on every mouse move.
import type { Day, Selection } from '../../../../src-main/shared/api';

export interface DayRange {
  from: Day;
  to: Day;
}

export type BrushPhase = 'live' | 'end';

export class SelectionState {
  from = $state<Day | null>(null);
  to = $state<Day | null>(null);
  countries = $state.raw<string[]>([]);
  search = $state('');
  /** True while the user drags the brush; the range is provisional until the drag ends. */
  brushing = $state(false);

  /** A plain snapshot to hand to the engine. Reading it makes an effect depend on every part. */
  get value(): Selection {
    return { from: this.from, to: this.to, countries: [...this.countries], search: this.search };
  }

  get range(): DayRange | null {
    return this.from && this.to ? { from: this.from, to: this.to } : null;
  }

  get isEmpty(): boolean {
    return !this.from && !this.to && this.countries.length === 0 && this.search === '';
  }

  /** Sets the day range (ends in either order); `live` while dragging, `end` once the drag is over. */
  setRange(from: Day, to: Day, phase: BrushPhase = 'end'): void {
    const [first, last] = from <= to ? [from, to] : [to, from];
    if (this.from !== first) this.from = first;
    if (this.to !== last) this.to = last;
    this.brushing = phase === 'live';
  }

  clearRange(): void {
    this.from = null;
    this.to = null;
    this.brushing = false;
  }

  toggleCountry(code: string): void {
    const upper = code.toUpperCase();
    this.countries = this.countries.includes(upper)
      ? this.countries.filter((c) => c !== upper)
      : [...this.countries, upper].sort();
  }

  setCountries(codes: string[]): void {
    this.countries = [...new Set(codes.map((c) => c.toUpperCase()))].sort();
  }

  clearCountries(): void {
    if (this.countries.length) this.countries = [];
  }

  setSearch(text: string): void {
    const trimmed = text.trim();
    if (this.search !== trimmed) this.search = trimmed;
  }

  clearAll(): void {
    this.clearRange();
    this.clearCountries();
    this.setSearch('');
  }
}
