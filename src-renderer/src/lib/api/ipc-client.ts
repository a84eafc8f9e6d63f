// The Electron host: everything goes through the preload's `window.swarmscope` bridge.
import type { SwarmscopeBridge } from '../../../../src-main/shared/bridge';
import { engineProxy } from './engine-proxy';
import { isDataTransfer, type HostApi, type IngestFilesInput } from './host-api';
import { unwrapped } from './ipc-errors';

/** Electron reads dropped files and folders where they are: it needs only the top-level items. */
function topLevelFiles(input: IngestFilesInput): File[] {
  return isDataTransfer(input) ? Array.from(input.files) : Array.from(input);
}

export function createIpcClient(bridge: SwarmscopeBridge): HostApi {
  // Every call's failure says what main or the engine said, without Electron's "Error invoking remote method …".
  const engine = engineProxy((method, args) => unwrapped(() => (bridge[method] as (...values: unknown[]) => Promise<unknown>)(...args)));
  return {
    ...engine,
    kind: 'electron',
    onEvent: (callback) => bridge.onEngineEvent(callback),
    onMenuCommand: (callback) => bridge.onMenuCommand(callback),
    ingestFiles: (input) => unwrapped(() => bridge.ingestDroppedFiles(topLevelFiles(input))),
    openLogsDialog: () => unwrapped(() => bridge.openLogsDialog()),
    openCaseDialog: () => unwrapped(() => bridge.openCaseDialog()),
    saveCaseDialog: () => unwrapped(() => bridge.saveCaseDialog()),
    chooseGeoDatabases: () => unwrapped(() => bridge.chooseGeoDatabases()),
    saveTextFile: (name, text) => unwrapped(() => bridge.saveTextFile(name, text)),
  };
}
