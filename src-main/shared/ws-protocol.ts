// Messages between the browser page and the web host (`swarmscope serve`), one WebSocket per page.
// Text frames carry JSON; binary frames carry the bytes of the file being uploaded. Requests carry a
// sequence number that their reply repeats; engine events arrive unasked.
import type { CaseInfo, EngineEvent, EngineMethod, IngestOptions } from './api';

/** Engine calls, exactly as EngineApi takes them. */
export interface CallMessage {
  seq: number;
  method: EngineMethod;
  args: unknown[];
}

/**
 * Uploads: `begin` one file, send its bytes as binary frames, `end` it; repeat per file; then `commit` the
 * batch (the host ingests it, or opens it as a case) or `abort` it. Files land in a fresh temporary folder
 * under their relative paths, with the browser's `lastModified` (ms since 1970) as their modification time:
 * the engine reads the year of year-less syslog stamps from it.
 */
export type UploadMessage =
  | { seq: number; upload: 'begin'; relativePath: string; size: number; lastModified?: number }
  | { seq: number; upload: 'end' }
  | { seq: number; upload: 'commit'; action: 'ingest'; options?: IngestOptions }
  | { seq: number; upload: 'commit'; action: 'openCase' }
  | { seq: number; upload: 'abort' };

/** What the host does itself: saving the case for the browser to download. */
export type HostMessage = { seq: number; host: 'saveCaseDownload' };

export type ClientMessage = CallMessage | UploadMessage | HostMessage;

export type ServerMessage =
  | { seq: number; ok: true; result: unknown }
  | { seq: number; ok: false; error: string }
  | { event: EngineEvent };

/** Reply to `saveCaseDownload`: the case was saved on the host; fetch `href` (same origin) to download it. */
export interface CaseDownload {
  info: CaseInfo;
  href: string;
  fileName: string;
}
