// What the renderer talks to: the engine's API plus what only a host can do (dialogs, files, menus).
// The Electron app and the web host each implement it; views never know which one they have.
import type { CaseInfo, EngineApi, EngineEvent, IngestResult } from '../../../../src-main/shared/api';
import type { MenuCommand } from '../../../../src-main/shared/bridge';

/** What a drop or a file input gives: a drop's DataTransfer (files and folders), a FileList or files. */
export type IngestFilesInput = DataTransfer | FileList | readonly File[];

/** Bytes on their way to the web host; the Electron app reads files in place and reports none. */
export interface UploadProgress {
  bytesSent: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** The relative path of the file being sent. */
  current: string | null;
}

export type UploadProgressListener = (progress: UploadProgress) => void;

/** The web host's socket closed: nothing more can be asked until the page is opened again. */
export interface ConnectionLost {
  message: string;
  /** False when the page never reached the host (a wrong or old token, or no host running). */
  everConnected: boolean;
}

export interface HostApi extends EngineApi {
  kind: 'electron' | 'web';
  onEvent(callback: (event: EngineEvent) => void): () => void;
  /** The web host calls back once its connection is gone; the Electron app's never goes, so it has none. */
  onConnectionLost?(callback: (lost: ConnectionLost) => void): () => void;
  /**
   * Application-menu items, one of the MenuCommand names (Electron only; the web host has no menu and
   * never calls back). Typed as string so handlers also cope with commands a newer host adds.
   */
  onMenuCommand(callback: (command: MenuCommand | (string & {})) => void): () => void;
  /**
   * Ingests dropped or picked files and folders. Call it synchronously inside the drop handler: a
   * DataTransfer is emptied once the handler returns.
   */
  ingestFiles(input: IngestFilesInput, onUpload?: UploadProgressListener): Promise<IngestResult>;
  /** Lets the user pick log files, then ingests them. Null when cancelled. */
  openLogsDialog(onUpload?: UploadProgressListener): Promise<IngestResult | null>;
  openCaseDialog(): Promise<CaseInfo | null>;
  saveCaseDialog(): Promise<CaseInfo | null>;
  /**
   * Lets the user pick MaxMind databases (*.mmdb) that join the ones in use; the case is located again.
   * Electron only: the web host answers null, its databases are the ones `swarmscope serve --geoip` was given.
   * Null when cancelled.
   */
  chooseGeoDatabases(): Promise<CaseInfo | null>;
  /** Saves text the user exports (blocklist, CSV); the web host downloads it. False when cancelled. */
  saveTextFile(name: string, text: string): Promise<boolean>;
}

export function isDataTransfer(input: IngestFilesInput): input is DataTransfer {
  return typeof input === 'object' && input !== null && 'items' in input && 'files' in input;
}
