// Everything the overview screen shows for the current selection. Whenever the selection or the case
// changes, it asks the engine again, one query per kind, and keeps only the latest answer of each kind.
// While the brush is dragged the summary and the countries come from the overview's cells, and distinct
// IPs, one-shot IPs, the histogram and (with no country selected) the user names and passwords from the brush
// columns (instant, no round trip); the other tables follow as fast as the engine answers (one request at a time, the latest range first), and the exact
// queries for everything run once the drag ends.
import { untrack } from 'svelte';
import type {
  CountryRow, DayRow, HistogramRow, HourPoint, Selection, ServiceRow, Summary, ValueCount,
} from '../../../../src-main/shared/api';
import type { HostApi } from '../api/host-api';
import { daysInclusive } from '../format';
import { liveValueCounts, sharedLiveIpFigures } from './brush-columns';
import type { CaseState } from './case.svelte';
import { LatestRequests } from './latest-request';
import { OneInFlight } from './one-in-flight';
import { liveFigures, stackByCountry, type CountryStacks, type LiveSummary } from './live-figures';
import { filtersRows, withoutServices, type SelectionState } from './selection.svelte';

type QueryKind = 'summary' | 'countries' | 'users' | 'passwords' | 'histogram' | 'services' | 'timelineDays' | 'hourDays' | 'hours';

/** Hour-by-hour figures are asked for when the range (or, without one, the case) spans at most this many days. */
export const HOURS_ASKED_MAX_DAYS = 3;
/** How many user names and passwords the tables list. */
export const VALUE_LIMIT = 500;

export class ViewData {
  summary = $state.raw<Summary | null>(null);
  /** Figures for a range being brushed; null once the exact summary for the final range arrived. */
  liveSummary = $state.raw<LiveSummary | null>(null);
  private exactCountries = $state.raw<CountryRow[]>([]);
  private liveCountries = $state.raw<CountryRow[] | null>(null);
  users = $state.raw<ValueCount[]>([]);
  passwords = $state.raw<ValueCount[]>([]);
  histogram = $state.raw<HistogramRow[]>([]);
  /**
   * Attempts per service (null: the log did not say) for the selection without its services (withoutServices), so
   * that the Services tab can offer every one; asked for once a brush is released.
   */
  services = $state.raw<ServiceRow[]>([]);
  /**
   * Attempts per day for the selection's countries and search over the whole case (the timeline's bars and its
   * overview): neither its range nor an incident's hours within it narrow them.
   */
  timelineDays = $state.raw<DayRow[]>([]);
  /** Attempts per day within an incident's hours (Selection.hours) while one is chosen, for the Days table; else null. */
  hourDays = $state.raw<DayRow[] | null>(null);
  /** Attempts per hour when the range is short enough to read hour by hour, else null. */
  hours = $state.raw<HourPoint[] | null>(null);
  /** Query kinds waiting for an answer. */
  pending = $state.raw<ReadonlySet<QueryKind>>(new Set());
  /** The last failure of each kind of query, cleared when that kind next succeeds. */
  failures = $state.raw<Partial<Record<QueryKind, string>>>({});

  private readonly requests = new LatestRequests<QueryKind>();
  /**
   * This page's own start of its lanes (Selection.lane): the web host may serve two pages at once, and a question of
   * one must not take the place of the other's.
   */
  private readonly lanePrefix = pageLanePrefix();
  private readonly liveTables = new OneInFlight();
  private readonly dispose: () => void;

  constructor(
    private readonly host: HostApi,
    private readonly selection: SelectionState,
    private readonly caseState: CaseState,
  ) {
    this.dispose = $effect.root(() => {
      $effect(() => {
        const value = selection.value;
        const brushing = selection.brushing;
        const version = caseState.version;
        const ready = caseState.loaded;
        untrack(() => {
          if (ready) this.refresh(value, brushing, version);
        });
      });
    });
  }

  destroy(): void {
    this.dispose();
  }

  /** Per-country rows for the selection: live estimates while brushing, exact otherwise. */
  get countries(): CountryRow[] {
    return this.liveCountries ?? this.exactCountries;
  }

  /**
   * The days of the selected range with attempts for the selection's countries and filters (the Days table),
   * from the timeline's per-day figures: the timeline keeps the empty days for its axis, a list of days does not.
   */
  get days(): DayRow[] {
    const { from, to, hours } = this.selection;
    const perDay = hours ? this.hourDays ?? [] : this.timelineDays;
    return perDay.filter((d) => d.attempts > 0 && (!from || d.day >= from) && (!to || d.day <= to));
  }

  /** One failure to show, if any query is failing. */
  get error(): string | null {
    return Object.values(this.failures)[0] ?? null;
  }

  /**
   * With two or more countries selected (and no search, which cells cannot apply), the timeline's bars
   * split by country, from the overview's cells and aligned with `timelineDays`.
   */
  get stackedByCountry(): CountryStacks | null {
    const overview = this.caseState.overview;
    const countries = this.selection.countries;
    if (!overview || countries.length < 2 || filtersRows(this.selection)) return null;
    return stackByCountry(overview, countries, this.timelineDays.map((d) => d.day));
  }

  /**
   * The attempts of the selection shown: the live figure while brushing, else the exact one. The user name and
   * password tables give each value's share of it; the exact summary alone is the range before the drag, which
   * put a live row's 474 attempts at 1.5% of the whole case rather than 7.6% of the days being brushed.
   */
  get selectionAttempts(): number | null {
    return this.liveSummary?.attempts ?? this.summary?.attempts ?? null;
  }

  get isLive(): boolean {
    return this.liveSummary !== null;
  }

  private refresh(selection: Selection, brushing: boolean, version: number): void {
    if (brushing) {
      // The timeline zooms to the days its hours were asked for: hours of the range before the drag, arriving
      // in the middle of it, would move the chart under the pointer. The drag's own range asks when it ends.
      this.drop('hours');
      const histogramShown = this.showLive(selection);
      const valuesShown = this.showLiveValues(selection);
      this.liveTables.run(() => Promise.all([
        valuesShown
          ? Promise.resolve()
          : this.query('users', selection, version, (laned) => this.host.users(laned, VALUE_LIMIT), (rows) => { this.users = rows; }),
        valuesShown
          ? Promise.resolve()
          : this.query('passwords', selection, version, (laned) => this.host.passwords(laned, VALUE_LIMIT), (rows) => { this.passwords = rows; }),
        histogramShown
          ? Promise.resolve()
          : this.query('histogram', selection, version, (laned) => this.host.histogram(laned), (rows) => { this.histogram = rows; }),
      ]));
      return;
    }
    this.liveTables.cancelWaiting();
    const { hours: _incidentHours, ...withoutHours } = selection;
    const withoutRange: Selection = { ...withoutHours, from: null, to: null };
    // The timeline's questions first: the engine answers in turn, and they read day and hour rollups, quick on any
    // case, where the summary of a case of millions of attempts takes seconds.
    this.query('timelineDays', withoutRange, version, (laned) => this.host.perDay(laned), (rows) => { this.timelineDays = rows; });
    if (selection.hours) {
      this.query('hourDays', { ...selection, from: null, to: null }, version, (laned) => this.host.perDay(laned), (rows) => { this.hourDays = rows; });
    } else {
      this.drop('hourDays');
      this.hourDays = null;
    }
    // Without a range, a case of a few days is read hour by hour as well: one bar a day would say little of it.
    const caseDays = this.caseState.span;
    const from = selection.from ?? caseDays.firstDay;
    const to = selection.to ?? caseDays.lastDay;
    const span = from && to && from <= to ? daysInclusive(from, to) : null;
    if (span !== null && span <= HOURS_ASKED_MAX_DAYS) {
      this.query('hours', selection, version, (laned) => this.host.perHour(laned), (rows) => { this.hours = rows; });
    } else {
      this.drop('hours');
      this.hours = null;
    }
    this.query('summary', selection, version, (laned) => this.host.summary(laned), (summary) => {
      this.summary = summary;
      this.liveSummary = null;
    }, () => { this.liveSummary = null; });
    this.query('countries', selection, version, (laned) => this.host.countries(laned), (rows) => {
      this.exactCountries = rows;
      this.liveCountries = null;
    }, () => { this.liveCountries = null; });
    this.query('users', selection, version, (laned) => this.host.users(laned, VALUE_LIMIT), (rows) => { this.users = rows; });
    this.query('passwords', selection, version, (laned) => this.host.passwords(laned, VALUE_LIMIT), (rows) => { this.passwords = rows; });
    this.query('histogram', selection, version, (laned) => this.host.histogram(laned), (rows) => { this.histogram = rows; });
    const anyService = withoutServices(selection);
    this.query('services', anyService, version, (laned) => this.host.services(laned), (rows) => { this.services = rows; });
  }

  /**
   * Instant figures from the overview and, once loaded, the brush columns; a search text or an exact value
   * cannot be applied to either, so then it waits. True when the histogram was set from the columns.
   */
  private showLive(selection: Selection): boolean {
    const overview = this.caseState.overview;
    if (!overview || filtersRows(selection)) return false;
    const live = liveFigures(overview, selection);
    const columns = this.caseState.liveColumns;
    // Answers still on their way were asked for an earlier range: they must not replace these.
    this.drop('summary');
    this.drop('countries');
    this.liveCountries = live.countries;
    if (!columns) {
      this.liveSummary = live.summary;
      return false;
    }
    const ipFigures = sharedLiveIpFigures(columns, selection.from, selection.to, selection.countries);
    this.drop('histogram');
    this.histogram = ipFigures.histogram;
    this.liveSummary = { ...live.summary, ips: ipFigures.ips, oneShotIps: ipFigures.oneShotIps };
    return true;
  }

  /**
   * The user names and passwords from the brush columns' per-day rollups; they know neither countries nor
   * the search text nor an exact value (a user's passwords), so with any of them the engine answers. True when the tables were set here.
   */
  private showLiveValues(selection: Selection): boolean {
    const columns = this.caseState.liveColumns;
    if (!columns || filtersRows(selection) || selection.countries.length) return false;
    this.drop('users');
    this.drop('passwords');
    this.users = liveValueCounts(columns, 'users', selection.from, selection.to, VALUE_LIMIT);
    this.passwords = liveValueCounts(columns, 'passwords', selection.from, selection.to, VALUE_LIMIT);
    return true;
  }

  private query<T>(
    kind: QueryKind,
    selection: Selection,
    version: number,
    /** Asks the host, given the selection with the view's lane (Selection.lane): a newer question replaces it while it waits. */
    ask: (laned: Selection) => Promise<T>,
    apply: (answer: T) => void,
    unchanged?: () => void,
  ): Promise<void> {
    const key = `${version}|${JSON.stringify(selection)}`;
    if (this.requests.isSameKey(kind, key)) {
      unchanged?.();
      return Promise.resolve();
    }
    const ticket = this.requests.begin(kind, key);
    this.setPending(kind, true);
    return ask({ ...selection, lane: `${this.lanePrefix}${kind}` }).then(
      (answer) => {
        if (!this.requests.isCurrent(kind, ticket)) return;
        this.setPending(kind, false);
        if (kind in this.failures) {
          const { [kind]: _cleared, ...rest } = this.failures;
          this.failures = rest;
        }
        apply(answer);
      },
      (error: unknown) => {
        if (!this.requests.isCurrent(kind, ticket)) return;
        this.setPending(kind, false);
        this.requests.invalidate(kind); // so the same selection is asked again next time
        this.failures = { ...this.failures, [kind]: error instanceof Error ? error.message : String(error) };
      },
    );
  }

  /** Forgets any answer still on its way for this kind. */
  private drop(kind: QueryKind): void {
    this.requests.invalidate(kind);
    this.setPending(kind, false);
  }

  private setPending(kind: QueryKind, waiting: boolean): void {
    if (this.pending.has(kind) === waiting) return;
    const next = new Set(this.pending);
    if (waiting) next.add(kind);
    else next.delete(kind);
    this.pending = next;
  }
}

/** Eight random letters and a dash: a lane prefix no other page draws (26^8 of them). */
function pageLanePrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join('')}-`;
}
