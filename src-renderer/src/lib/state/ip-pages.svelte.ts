// The IP table's rows, fetched a page at a time as the user scrolls, for the current selection and sort.
// Any change of selection, sort or case starts a new generation: cached pages are dropped and answers
// still on their way for an older generation are ignored. While the brush is dragged, the first page of
// the default order (most attempts first) comes from the brush columns, with no round trip; other orders
// and searches (or an exact user name or password) follow the drag through the engine.
import { untrack } from 'svelte';
import type { IpRow, IpSortKey, Selection } from '../../../../src-main/shared/api';
import type { HostApi } from '../api/host-api';
import { LIVE_TOP_IPS, sharedLiveIpFigures, type LiveIpRow } from './brush-columns';
import type { CaseState } from './case.svelte';
import { filtersRows, type SelectionState } from './selection.svelte';
import { OneInFlight } from './one-in-flight';

export const IP_PAGE_SIZE = 200;

/** Sorting a column for the first time: counts and dates largest/latest first, names A→Z. */
export function defaultDescending(key: IpSortKey): boolean {
  return key !== 'ip' && key !== 'country';
}

/** A brush-columns row as an IP table row: days for times; users, logins and scope come with the exact rows. */
function liveIpRow(row: LiveIpRow): IpRow {
  const located = row.country !== 'ZZ';
  return {
    ip: row.ip, country: located ? row.country : null, scope: located ? 'public' : '', attempts: row.attempts,
    firstSeen: row.firstDay, lastSeen: row.lastDay, activeDays: row.activeDays, logins: 0, userCount: 0, users: [],
  };
}

/** The question an IP table's rows answer: the same one asked again after the case changed has newer answers. */
function questionOf(selection: Selection, sort: IpSortKey, descending: boolean): string {
  return JSON.stringify([selection, sort, descending]);
}

export class IpPages {
  sort = $state<IpSortKey>('attempts');
  descending = $state(true);
  /** Rows matching the selection, or null before the first page arrived. */
  total = $state<number | null>(null);
  /** Loaded pages by page index; replaced (not mutated) so views re-render. */
  pages = $state.raw<ReadonlyMap<number, IpRow[]>>(new Map());
  error = $state<string | null>(null);
  /** True while page 0 holds instant rows for a range being brushed (no user names, days for times). */
  liveRows = $state(false);

  private generation = 0;
  /**
   * What the rows are asked for (selection, sort and order) in the current generation, and the generation whose
   * rows page 0 shows. While logs are read the case changes about once a second, sooner than the engine (busy
   * writing the case) answers: an answer to the same question of an earlier generation is newer than the rows on
   * show, so it is shown rather than thrown away, or the table would stay empty until the reading ended.
   */
  private question = '';
  private shownGeneration = -1;
  private selectionNow: Selection | null = null;
  private readonly inFlight = new Set<number>();
  private readonly live = new OneInFlight();
  private replaceOnAnswer = false;
  private readonly dispose: () => void;

  constructor(
    private readonly host: HostApi,
    selection: SelectionState,
    caseState: CaseState,
    private readonly pageSize = IP_PAGE_SIZE,
  ) {
    this.dispose = $effect.root(() => {
      $effect(() => {
        const value = selection.value;
        const sort = this.sort;
        const descending = this.descending;
        const brushing = selection.brushing;
        const ready = caseState.loaded;
        void caseState.version;
        if (!ready) return;
        // While the brush moves, the first page comes from the brush columns when they can answer it;
        // otherwise it follows one request at a time (the latest range wins): asking for every
        // intermediate range would queue work the engine answers too late to show.
        if (brushing) untrack(() => {
          if (!this.showLive(value, sort, descending, caseState)) this.live.run(() => this.restart(value, sort, descending, true));
        });
        else untrack(() => {
          this.live.cancelWaiting();
          // Instant rows stay until the exact ones arrive, so the table does not blink when the brush ends; so do the
          // rows of the same question when only the case changed (a file read), as every other view keeps its figures.
          void this.restart(value, sort, descending, this.liveRows || questionOf(value, sort, descending) === this.question);
        });
      });
    });
  }

  destroy(): void {
    this.dispose();
  }

  /** Sorts by a column; choosing the current column again reverses the order. */
  sortBy(key: IpSortKey): void {
    if (this.sort === key) {
      this.descending = !this.descending;
    } else {
      this.sort = key;
      this.descending = defaultDescending(key);
    }
  }

  rowAt(index: number): IpRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Whether the row at `index` is an instant row of a brushed range (its user names are not known yet). */
  isLiveRow(index: number): boolean {
    return this.liveRows && index < this.pageSize;
  }

  /** Makes sure the rows from `first` to `last` (inclusive) are loaded or on their way. */
  ensureRows(first: number, last: number): void {
    if (!this.selectionNow) return;
    const lastRow = this.total === null ? last : Math.min(last, this.total - 1);
    for (let page = Math.floor(Math.max(first, 0) / this.pageSize); page <= Math.floor(lastRow / this.pageSize); page++) {
      if (!this.pages.has(page) && !this.inFlight.has(page)) void this.loadPage(page);
    }
  }

  /**
   * The busiest IPs of the brushed range as page 0, from the brush columns; false when they cannot answer
   * (a search or an exact value, another order, or columns not loaded yet).
   */
  private showLive(selection: Selection, sort: IpSortKey, descending: boolean, caseState: CaseState): boolean {
    const columns = caseState.liveColumns;
    if (!columns || filtersRows(selection) || sort !== 'attempts' || !descending || this.pageSize > LIVE_TOP_IPS) return false;
    const figures = sharedLiveIpFigures(columns, selection.from, selection.to, selection.countries);
    this.live.cancelWaiting();
    this.generation += 1; // answers on their way were asked for an earlier range
    this.question = '';
    this.shownGeneration = this.generation;
    this.inFlight.clear();
    this.selectionNow = selection;
    this.replaceOnAnswer = false;
    this.total = figures.total;
    this.pages = new Map([[0, figures.topIps.slice(0, this.pageSize).map(liveIpRow)]]);
    this.liveRows = true;
    this.error = null;
    return true;
  }

  /** `keepRows`: while brushing, the old rows stay until the new ones arrive, so the table does not blink. */
  private restart(selection: Selection, sort: IpSortKey, descending: boolean, keepRows = false): Promise<void> {
    const question = questionOf(selection, sort, descending);
    // Rows of another question on show must not be taken for this one's by an answer of an earlier generation.
    if (question !== this.question) this.shownGeneration = this.generation;
    this.generation += 1;
    this.question = question;
    this.inFlight.clear();
    this.selectionNow = selection;
    this.replaceOnAnswer = keepRows;
    if (!keepRows) {
      this.pages = new Map();
      this.total = null;
      this.liveRows = false;
    }
    return this.loadPage(0, sort, descending);
  }

  private async loadPage(page: number, sort = this.sort, descending = this.descending): Promise<void> {
    const generation = this.generation;
    const question = this.question;
    const selection = this.selectionNow!;
    this.inFlight.add(page);
    try {
      const answer = await this.host.ips(selection, sort, descending, page * this.pageSize, this.pageSize);
      if (generation !== this.generation) {
        if (page === 0 && question === this.question && generation > this.shownGeneration) {
          // Overtaken by a change of the case only: newer than the rows on show, which it replaces; the current
          // generation's answer still replaces it in turn.
          this.shownGeneration = generation;
          this.total = answer.total;
          this.pages = new Map([[0, answer.rows]]);
          this.liveRows = false;
        }
        return;
      }
      this.shownGeneration = generation;
      this.total = answer.total;
      this.pages = this.replaceOnAnswer ? new Map([[page, answer.rows]]) : new Map(this.pages).set(page, answer.rows);
      this.replaceOnAnswer = false;
      if (page === 0) this.liveRows = false;
      this.error = null;
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.generation) this.inFlight.delete(page);
    }
  }
}
