// What every view is about: a day range, countries, services, a search text and an exact user name and/or
// password. Views read `value`; the timeline's brush, the map, the Services tab, the search box and the value
// tables change it. While the
// brush is being dragged `brushing` is true, so that views can show instant estimates instead of asking the
// engine on every mouse move.
import type { Day, ExactKind, ExactValues, HourSpan, Selection } from '../../../../src-main/shared/api';
import { countriesNamed, countryCodeFor } from '../geo/country-names';

export interface DayRange {
  from: Day;
  to: Day;
}

export type BrushPhase = 'live' | 'end';

/**
 * How the search text is read. A country, typed as a code or an English name ("US", "us", "Norway", "united
 * states"), means that country and nothing else: its two letters are not also looked for in user names, so
 * the figures are the country's alone (the engine would add every user name containing "us"). The others are
 * searched as typed, by the engine: an address, a network, part of a user name.
 *
 * - `none`: no search.
 * - `text`: searched as typed.
 * - `country`: the country `code` alone (among the countries chosen on the map, when there are any).
 * - `country-not-chosen`: a country that is not among those chosen on the map: no address there is in it, so
 *   within them only user names containing the text can match, and the engine is asked for those.
 * - `several-countries`: a name of more than one country ("Congo": CD and CG), never one of them picked
 *   silently; searched as typed (user names), until a code is typed.
 */
export type SearchMeaning =
  | { kind: 'none' }
  | { kind: 'text' }
  | { kind: 'country'; code: string }
  | { kind: 'country-not-chosen'; code: string }
  | { kind: 'several-countries'; codes: string[] };

/** How `search` is read, with `countries` the countries chosen on the map (see SearchMeaning). */
export function searchMeaning(search: string, countries: readonly string[]): SearchMeaning {
  const term = search.trim();
  if (!term) return { kind: 'none' };
  const code = countryCodeFor(term);
  if (code) return countries.length && !countries.includes(code) ? { kind: 'country-not-chosen', code } : { kind: 'country', code };
  const codes = countriesNamed(term);
  return codes ? { kind: 'several-countries', codes } : { kind: 'text' };
}

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
  /** Services as the log names them, sorted; NO_SERVICE (the empty text) for "not logged". Empty: all. */
  services = $state.raw<string[]>([]);
  /**
   * An incident's hours within the day range, when one was chosen: its blocklist is then of its addresses, not
   * of every one that tried on its days. Any other change of the range goes back to whole days.
   */
  hours = $state.raw<HourSpan | null>(null);
  /** True while the user drags the brush; the range is provisional until the drag ends. */
  brushing = $state(false);

  /** How the search text is read: a country typed as a code or a name means that country alone. */
  get searchMeaning(): SearchMeaning {
    return searchMeaning(this.search, this.countries);
  }

  /**
   * A plain snapshot to hand to the engine. Reading it makes an effect depend on every part. A search that
   * names a country is handed over as that country (SearchMeaning), never as text the engine would also look
   * for in user names.
   */
  get value(): Selection {
    const meaning = this.searchMeaning;
    const value: Selection = meaning.kind === 'country'
      ? { from: this.from, to: this.to, countries: [meaning.code], search: '' }
      : { from: this.from, to: this.to, countries: [...this.countries], search: this.search };
    if (this.exact) value.exact = { ...this.exact };
    if (this.services.length) value.services = [...this.services];
    if (this.hours) value.hours = { ...this.hours };
    return value;
  }

  get range(): DayRange | null {
    return this.from && this.to ? { from: this.from, to: this.to } : null;
  }

  /** Sets the day range (ends in either order), whole days; `live` while dragging, `end` once the drag is over. */
  setRange(from: Day, to: Day, phase: BrushPhase = 'end'): void {
    const [first, last] = from <= to ? [from, to] : [to, from];
    if (this.from !== first) this.from = first;
    if (this.to !== last) this.to = last;
    this.clearHours();
    this.brushing = phase === 'live';
  }

  /** Narrows to hours (an incident's start and end), within the days they touch, which become the range. */
  setHours(firstDay: Day, lastDay: Day, hours: HourSpan): void {
    this.setRange(firstDay, lastDay);
    this.hours = { ...hours };
  }

  /** Back to the whole days of the range. */
  clearHours(): void {
    if (this.hours) this.hours = null;
  }

  clearRange(): void {
    this.from = null;
    this.to = null;
    this.clearHours();
    this.brushing = false;
  }

  toggleCountry(code: string): void {
    const upper = code.toUpperCase();
    this.countries = this.countries.includes(upper)
      ? this.countries.filter((c) => c !== upper)
      : [...this.countries, upper].sort();
  }

  clearCountries(): void {
    if (this.countries.length) this.countries = [];
  }

  /** Adds the service to the selection, or takes it out when it is in (NO_SERVICE: the tries whose line names none). */
  toggleService(service: string): void {
    this.services = this.services.includes(service)
      ? this.services.filter((s) => s !== service)
      : [...this.services, service].sort();
  }

  clearServices(): void {
    if (this.services.length) this.services = [];
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
    this.clearServices();
  }
}

/**
 * Whether the selection filters attempt rows (a search text, an exact value, services or hours): the overview's cells
 * and the brush columns know only days, countries and IPs, so such a selection is answered by the engine.
 */
export function filtersRows(selection: Pick<Selection, 'search' | 'exact' | 'services' | 'hours'>): boolean {
  return selection.search !== '' || selection.exact?.user !== undefined || selection.exact?.password !== undefined
    || (selection.services?.length ?? 0) > 0 || !!selection.hours;
}

/**
 * The selection without its services: what the Services tab counts, so that it lists every service of the rest of
 * the selection, the chosen ones marked, and one more can be added or one taken out.
 */
export function withoutServices(selection: Selection): Selection {
  if (!selection.services) return selection;
  const { services: _dropped, ...rest } = selection;
  return rest;
}
