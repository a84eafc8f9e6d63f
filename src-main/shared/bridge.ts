// The object the Electron preload exposes as `window.swarmscope`. The renderer imports this with `import type`.
import type { CaseInfo, EngineApi, EngineEvent, GeoDbInfo, IngestResult } from './api';

/** Menu items main forwards to the renderer, which owns the workflow behind them. */
export type MenuCommand =
  | 'open-logs' | 'open-case' | 'save-case' | 'geo-databases' | 'export-blocklist' | 'close-case' | 'clear-selection';

export interface AboutInfo {
  name: string;
  version: string;
  /** ISO date the running build was made. */
  buildDate: string;
  /** Runtime versions worth quoting in a bug report (electron, chrome, node...). */
  versions: Record<string, string>;
  licence: string;
  /** The geolocation databases in use, with their own licences and build dates. */
  geo: GeoDbInfo[];
}

export interface SwarmscopeBridge extends EngineApi {
  /** Native picker for log files; ingests what was picked. Null when cancelled. */
  openLogsDialog(): Promise<IngestResult | null>;
  openCaseDialog(): Promise<CaseInfo | null>;
  saveCaseDialog(): Promise<CaseInfo | null>;
  /**
   * Native picker for MaxMind databases (*.mmdb); the picked files join the user's databases, consulted
   * first, and the case is located again. Null when cancelled.
   */
  chooseGeoDatabases(): Promise<CaseInfo | null>;
  /** Save dialog, then an atomic write in main. False when cancelled. */
  saveTextFile(suggestedName: string, text: string): Promise<boolean>;
  /** Files or folders dropped on the window, ingested from where they are on disk. */
  ingestDroppedFiles(files: readonly File[]): Promise<IngestResult>;
  /** Opens an http(s) address in the user's browser. */
  openExternal(url: string): Promise<boolean>;
  onEngineEvent(callback: (event: EngineEvent) => void): () => void;
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  about(): Promise<AboutInfo>;
}

declare global {
  interface Window {
    /** Present only inside the Electron app. */
    swarmscope?: SwarmscopeBridge;
  }
}
