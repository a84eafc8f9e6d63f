// The Electron host: everything goes through the preload's `window.swarmscope` bridge.
import type { SwarmscopeBridge } from '../../../../src-main/shared/bridge';
import { engineProxy } from './engine-proxy';
import { isDataTransfer, type HostApi, type IngestFilesInput } from './host-api';

/** Electron reads dropped files and folders where they are: it needs only the top-level items. */
function topLevelFiles(input: IngestFilesInput): File[] {
  return isDataTransfer(input) ? Array.from(input.files) : Array.from(input);
}

export function createIpcClient(bridge: SwarmscopeBridge): HostApi {
  const engine = engineProxy((method, args) => (bridge[method] as (...values: unknown[]) => Promise<unknown>)(...args));
  return {
    ...engine,
    kind: 'electron',
    onEvent: (callback) => bridge.onEngineEvent(callback),
    onMenuCommand: (callback) => bridge.onMenuCommand(callback),
    ingestFiles: (input) => bridge.ingestDroppedFiles(topLevelFiles(input)),
    openLogsDialog: () => bridge.openLogsDialog(),
    openCaseDialog: () => bridge.openCaseDialog(),
    saveCaseDialog: () => bridge.saveCaseDialog(),
    chooseGeoDatabases: () => bridge.chooseGeoDatabases(),
    saveTextFile: (name, text) => bridge.saveTextFile(name, text),
  };
}
