// The renderer's one entry to its host: Electron when the preload put `window.swarmscope` there,
// otherwise the web host that served this page.
import { createIpcClient } from './ipc-client';
import { createWsClient, wsUrlFromLocation } from './ws-client';
import type { HostApi } from './host-api';

export type { ConnectionLost, HostApi, IngestFilesInput, UploadProgress, UploadProgressListener } from './host-api';

let host: HostApi | null = null;

export function connectHost(): HostApi {
  host ??= window.swarmscope ? createIpcClient(window.swarmscope) : createWsClient(wsUrlFromLocation(window.location));
  return host;
}
