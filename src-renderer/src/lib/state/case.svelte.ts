// The open case: what it holds (caseInfo), the per-day×country overview and the per-day×IP brush columns
// every live figure is computed from, ingest progress pushed by the engine, the user-facing errors of
// case actions, and the question asked before an action would throw unsaved changes away.
import {
  userGeoDatabases, type BrushColumns, type CaseInfo, type Day, type IngestProgress, type IngestResult, type Overview,
} from '../../../../src-main/shared/api';
import type { ConnectionLost, HostApi, IngestFilesInput, UploadProgress } from '../api/host-api';
import { baseName, formatCountOf } from '../format';
import { LatestRequests } from './latest-request';
import { PendingQuestion } from './pending-question.svelte';

/** Hosts that can load the bundled sample logs offer this; it is optional so older hosts still work. */
type MaybeSampleHost = HostApi & { loadSampleData?: () => Promise<IngestResult> };

export interface CaseError {
  id: number;
  action: string;
  message: string;
}

/** What the title row says of the whole case: its attempts and the span of its days. */
export interface CaseSpan {
  attempts: number;
  firstDay: Day | null;
  lastDay: Day | null;
}

/**
 * The case's attempts and days as of the newer of the two answers. The info a caseChanged event carries is
 * taken when the engine announces the change (at most once a second during an ingest), while the overview,
 * like the summary and every view's figures, is asked after it and counts what was read in between: given
 * an overview answered after the info, the attempts and the days come from it, so the title and the range
 * chip say what the summary strip says. Days with logins only are in the info alone, so its span is kept.
 */
export function caseSpan(info: CaseInfo | null, newerOverview: Overview | null): CaseSpan {
  const fromInfo: CaseSpan = { attempts: info?.attempts ?? 0, firstDay: info?.firstDay ?? null, lastDay: info?.lastDay ?? null };
  if (!newerOverview) return fromInfo;
  const days = newerOverview.days;
  const first = days[0]?.day ?? null;
  const last = days[days.length - 1]?.day ?? null;
  return {
    attempts: days.reduce((sum, d) => sum + d.attempts, 0),
    firstDay: first !== null && (fromInfo.firstDay === null || first < fromInfo.firstDay) ? first : fromInfo.firstDay,
    lastDay: last !== null && (fromInfo.lastDay === null || last > fromInfo.lastDay) ? last : fromInfo.lastDay,
  };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

export class CaseState {
  private infoValue = $state.raw<CaseInfo | null>(null);
  overview = $state.raw<Overview | null>(null);
  /** True when the overview was answered after the info was set: it then counts what was read since. */
  private overviewAfterInfo = $state(false);
  /** The case's attempts and days as the summary strip sees them (caseSpan); the title row shows these. */
  readonly span = $derived(caseSpan(this.infoValue, this.overviewAfterInfo ? this.overview : null));
  /** The (day, IP) rows of the case; use `liveColumns`, which are only those of the current version. */
  brushColumns = $state.raw<BrushColumns | null>(null);
  private brushColumnsVersion = $state(0);
  /** Latest ingest progress from the engine; kept after the ingest ends so the last state stays visible. */
  progress = $state.raw<IngestProgress | null>(null);
  /** The last finished ingest, with each file's warnings, errors and unparsed samples. */
  lastResult = $state.raw<IngestResult | null>(null);
  /** Bytes on their way to a web host before the engine reads them; null when nothing is uploading. */
  upload = $state.raw<UploadProgress | null>(null);
  /** True while an ingest this window started is running. */
  private ownIngest = $state(false);
  errors = $state.raw<CaseError[]>([]);
  /**
   * Set once the web host's connection is gone: every figure on screen is then from before, and nothing
   * can be asked again until the page is opened again.
   */
  connectionLost = $state.raw<ConnectionLost | null>(null);
  /** True while the case is being located again with other geolocation databases. */
  changingGeo = $state(false);
  /** Bumped whenever the case's content changes, so views know to ask again. */
  version = $state(0);
  /** Asked before opening or closing would discard unsaved changes; the window shows it as a dialog. */
  readonly question = new PendingQuestion();

  private readonly requests = new LatestRequests<'info' | 'overview'>();
  private unsubscribe: (() => void) | null = null;
  private stopWatchingConnection: (() => void) | null = null;
  private nextErrorId = 1;
  /** Set when the engine reported a change, so an ingest's end need not ask for everything again. */
  private changedSinceIngestStart = false;

  constructor(private readonly host: HostApi) {}

  /** What the case holds, as the engine last described it. */
  get info(): CaseInfo | null {
    return this.infoValue;
  }

  set info(value: CaseInfo | null) {
    this.infoValue = value;
    this.overviewAfterInfo = false;
  }

  /** True while an ingest runs, whether this window started it or the host did (e.g. from its menu). */
  get ingesting(): boolean {
    return this.ownIngest || (this.progress?.files.some((f) => f.state === 'queued' || f.state === 'reading') ?? false);
  }

  /** True once the case info and overview first arrived: views start asking from then on. */
  get loaded(): boolean {
    return this.version > 0 && this.info !== null;
  }

  /** The brush columns of the current case version, or null while they are on their way (or failed, or the case is too big for them). */
  get liveColumns(): BrushColumns | null {
    return this.brushColumnsVersion === this.version ? this.brushColumns : null;
  }

  /** True when the case holds changes its file lacks (or, never saved, holds anything). */
  get unsaved(): boolean {
    return this.info?.unsaved === true;
  }

  get hasData(): boolean {
    return (this.info?.attempts ?? 0) > 0 || (this.info?.logins ?? 0) > 0;
  }

  get canLoadSample(): boolean {
    return typeof (this.host as MaybeSampleHost).loadSampleData === 'function';
  }

  /** Only the Electron host can pick databases on this computer; a web host's come from its command line. */
  get canChooseGeoDatabases(): boolean {
    return this.host.kind === 'electron';
  }

  /** Lets the user add MaxMind databases; every address of the case is located again with them. */
  async chooseGeoDatabases(): Promise<void> {
    await this.geoAction('Adding geolocation databases', () => this.host.chooseGeoDatabases());
  }

  /** Stops using one of the user's databases; the case is located again without it. */
  async removeGeoDatabase(path: string): Promise<void> {
    const remaining = userGeoDatabases(this.info?.geo ?? []).map((db) => db.path).filter((p) => p !== path);
    await this.geoAction('Removing a geolocation database', () => this.host.setGeoDatabases(remaining));
  }

  /** Sets the year the logs read from now on begin in (null: each file's own time). */
  async setStartYear(year: number | null): Promise<void> {
    try {
      this.info = await this.host.setStartYear(year);
    } catch (error) {
      this.report(year === null ? 'Going back to each file\'s time' : 'Setting the year the logs begin', error);
    }
  }

  /** Listens to engine events and loads what the case already holds. */
  async start(): Promise<void> {
    this.unsubscribe ??= this.host.onEvent((event) => {
      if (event.type === 'progress') {
        this.progress = event.progress;
      } else if (event.type === 'caseChanged') {
        this.info = event.info;
        this.changedSinceIngestStart = true;
        void this.reloadOverview();
      }
    });
    this.stopWatchingConnection ??= this.host.onConnectionLost?.((lost) => {
      this.connectionLost = lost;
    }) ?? null;
    await this.reload();
  }

  /** False once the connection to the host is gone: actions that ask the host cannot work then. */
  get connected(): boolean {
    return this.connectionLost === null;
  }

  destroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopWatchingConnection?.();
    this.stopWatchingConnection = null;
  }

  /** Asks the engine for the case info and the overview again. */
  async reload(): Promise<void> {
    const ticket = this.requests.begin('info');
    try {
      const info = await this.host.caseInfo();
      if (this.requests.isCurrent('info', ticket)) this.info = info;
    } catch (error) {
      this.report('Reading the case', error);
    }
    await this.reloadOverview();
  }

  /**
   * The overview, then the brush columns of the same version. Both are asked at once; views start on the
   * overview without waiting for the columns (bigger, and only needed once the brush moves).
   */
  private async reloadOverview(): Promise<void> {
    const ticket = this.requests.begin('overview');
    const columns = this.host.brushColumns().then(
      (answer) => ({ answer, error: null }),
      (error: unknown) => ({ answer: null, error }),
    );
    try {
      const overview = await this.host.overview();
      if (!this.requests.isCurrent('overview', ticket)) return;
      this.overview = overview;
      this.overviewAfterInfo = true;
      this.version += 1;
    } catch (error) {
      this.report('Reading the overview', error);
      return;
    }
    const version = this.version;
    const { answer, error } = await columns;
    if (!this.requests.isCurrent('overview', ticket)) return;
    // Without columns the live brush falls back to the overview's figures and engine queries.
    if (error !== null) this.report('Reading the brush columns', error);
    this.brushColumns = answer;
    this.brushColumnsVersion = version;
  }

  /**
   * Ingests dropped or picked files. Call it synchronously inside the drop handler: the host must read
   * the DataTransfer before the handler returns.
   */
  ingestFiles(input: IngestFilesInput): Promise<void> {
    return this.runIngest('Reading the dropped files', () => this.host.ingestFiles(input, this.onUpload));
  }

  openLogs(): Promise<void> {
    return this.runIngest('Opening logs', () => this.host.openLogsDialog(this.onUpload));
  }

  private readonly onUpload = (progress: UploadProgress): void => {
    this.upload = progress.filesDone < progress.filesTotal || progress.bytesSent < progress.bytesTotal ? progress : null;
  };

  loadSample(): Promise<void> {
    const host = this.host as MaybeSampleHost;
    if (!host.loadSampleData) {
      this.report('Loading sample data', 'This host cannot load sample data.');
      return Promise.resolve();
    }
    return this.runIngest('Loading sample data', () => host.loadSampleData!());
  }

  async cancelIngest(): Promise<void> {
    try {
      await this.host.cancelIngest();
    } catch (error) {
      this.report('Cancelling', error);
    }
  }

  async openCase(): Promise<void> {
    if (!(await this.mayDiscardChanges('open'))) return;
    await this.caseAction('Opening a case', () => this.host.openCaseDialog());
  }

  async saveCase(): Promise<void> {
    await this.caseAction('Saving the case', () => this.host.saveCaseDialog());
  }

  /** Starts a new empty case in memory. False when the user kept the case (its changes were not saved). */
  async closeCase(): Promise<boolean> {
    if (!(await this.mayDiscardChanges('close'))) return false;
    await this.caseAction('Closing the case', () => this.host.openCase(null));
    this.lastResult = null;
    this.progress = null;
    return true;
  }

  /**
   * Whether to go on with an action that replaces the case: at once when nothing is unsaved; otherwise the
   * user chooses to save first (going on only once it is saved), to discard the changes, or to cancel.
   */
  private async mayDiscardChanges(action: 'open' | 'close'): Promise<boolean> {
    const info = this.info;
    if (!info?.unsaved) return true;
    const what = info.path
      ? `“${baseName(info.path)}” has changes that are not saved to its file: the logs read since it was opened or saved.`
      : `This case (${formatCountOf(info.attempts, 'attempt')}) has never been saved.`;
    const answer = await this.question.ask({
      title: 'Unsaved changes',
      message: `${what} ${action === 'open' ? 'Opening another case' : 'Closing it'} throws ${info.path ? 'them' : 'it'} away.`,
      confirmLabel: action === 'open' ? 'Discard and open…' : 'Discard and close',
      saveLabel: 'Save case…',
    });
    if (answer === 'cancel') return false;
    if (answer === 'save') {
      await this.saveCase();
      return !this.unsaved;
    }
    return true;
  }

  dismissError(id: number): void {
    this.errors = this.errors.filter((e) => e.id !== id);
  }

  dismissResult(): void {
    this.lastResult = null;
    this.progress = null;
  }

  report(action: string, error: unknown): void {
    // A lost connection fails every action alike; the window says so once, in full, instead of a toast each.
    if (this.connectionLost) return;
    this.errors = [...this.errors, { id: this.nextErrorId++, action, message: messageOf(error) }];
  }

  private async geoAction(action: string, run: () => Promise<CaseInfo | null>): Promise<void> {
    if (this.changingGeo) return;
    this.changingGeo = true;
    try {
      await this.caseAction(action, run);
    } finally {
      this.changingGeo = false;
    }
  }

  private async caseAction(action: string, run: () => Promise<CaseInfo | null>): Promise<void> {
    try {
      const info = await run();
      if (!info) return; // the user cancelled the dialog
      // The case a failed try was meant to open (or the save it was meant to make) is done now: its toasts,
      // left up, would say it failed above the case that opened. Other actions' failures stay.
      this.errors = this.errors.filter((e) => e.action !== action);
      this.info = info;
      await this.reloadOverview();
    } catch (error) {
      this.report(action, error);
    }
  }

  private async runIngest(action: string, run: () => Promise<IngestResult | null>): Promise<void> {
    this.lastResult = null;
    this.progress = null;
    this.changedSinceIngestStart = false;
    this.ownIngest = true;
    try {
      // `run` starts before the first await: a drop's DataTransfer is only readable during its event.
      const result = await run();
      if (result) this.lastResult = result;
    } catch (error) {
      this.report(action, error);
    } finally {
      this.ownIngest = false;
      this.upload = null;
      // Hosts announce changes with caseChanged; ask ourselves only when none came.
      if (!this.changedSinceIngestStart) await this.reload();
    }
  }
}
