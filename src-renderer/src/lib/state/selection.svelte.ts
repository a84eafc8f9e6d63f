// What every view is about: a day range, countries, a search text and an exact user name and/or password.
// Views read `value`; the timeline's brush, the map, the search box and the value tables change it. While the
// brush is being dragged `brushing` is true, so that views can show instant estimates instead of asking the
// engine on every mouse move.
import type { Day, ExactKind, ExactValues, Selection } from '../../../../src-main/shared/api';

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
  /**
   * A user name and/or password clicked in the tables: matched exactly, on top of the search, and together
   * (AND) when both are chosen. Null, never `{}`, when neither is.
   */
  exact = $state.raw<ExactValues | null>(null);
  /** True while the user drags the brush; the range is provisional until the drag ends. */
  brushing = $state(false);

  /** A plain snapshot to hand to the engine. Reading it makes an effect depend on every part. */
  get value(): Selection {
    const value: Selection = { from: this.from, to: this.to, countries: [...this.countries], search: this.search };
    if (this.exact) value.exact = { ...this.exact };
    return value;
  }

  get range(): DayRange | null {
    return this.from && this.to ? { from: this.from, to: this.to } : null;
  }

  get isEmpty(): boolean {
    return !this.from && !this.to && this.countries.length === 0 && this.search === '' && this.exact === null;
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

  /**
   * Narrows to exactly this user name or password (as logged: case and spaces count), in place of another of
   * its kind; a chosen value of the other kind stays, so the figures are those of the row clicked (a user's
   * row counts its attempts with the chosen password).
   */
  setExact(kind: ExactKind, value: string): void {
    if (this.exact?.[kind] !== value) this.exact = { ...this.exact, [kind]: value };
  }

  /** Drops the exact user name or password, or both when no kind is given. */
  clearExact(kind?: ExactKind): void {
    if (!this.exact) return;
    if (kind === undefined) {
      this.exact = null;
      return;
    }
    if (this.exact[kind] === undefined) return;
    const { [kind]: _dropped, ...rest } = this.exact;
    this.exact = Object.keys(rest).length ? rest : null;
  }

  clearAll(): void {
    this.clearRange();
    this.clearCountries();
    this.setSearch('');
    this.clearExact();
  }
}

/**
 * Whether the selection filters attempt rows (a search text or an exact value): the overview's cells and the
 * brush columns know only days, countries and IPs, so such a selection is answered by the engine.
 */
export function filtersRows(selection: Pick<Selection, 'search' | 'exact'>): boolean {
  return selection.search !== '' || selection.exact?.user !== undefined || selection.exact?.password !== undefined;
}
