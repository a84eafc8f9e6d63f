// The page's only door to main: one small named function per call, each with a fixed channel and fixed
// arguments. ipcRenderer itself never reaches the page, nor does any IPC event object.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { EngineEvent } from '../shared/api';
import type { MenuCommand, SwarmscopeBridge } from '../shared/bridge';
import { HOST_CHANNELS, engineChannel } from '../shared/channels';

function subscribe<T>(channel: string, callback: (value: T) => void): () => void {
  // The page gets the value only: the event would hand it `sender`, which is ipcRenderer.
  const listener = (_event: IpcRendererEvent, value: T): void => callback(value);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

const bridge: SwarmscopeBridge = {
  caseInfo: () => ipcRenderer.invoke(engineChannel('caseInfo')),
  openCase: (path) => ipcRenderer.invoke(engineChannel('openCase'), path),
  saveCase: (path) => ipcRenderer.invoke(engineChannel('saveCase'), path),
  ingest: (paths, options) => ipcRenderer.invoke(engineChannel('ingest'), paths, options),
  cancelIngest: () => ipcRenderer.invoke(engineChannel('cancelIngest')),
  setGeoDatabases: (paths) => ipcRenderer.invoke(engineChannel('setGeoDatabases'), paths),
  setStartYear: (year) => ipcRenderer.invoke(engineChannel('setStartYear'), year),
  loadSampleData: () => ipcRenderer.invoke(engineChannel('loadSampleData')),
  overview: () => ipcRenderer.invoke(engineChannel('overview')),
  brushColumns: () => ipcRenderer.invoke(engineChannel('brushColumns')),
  summary: (selection) => ipcRenderer.invoke(engineChannel('summary'), selection),
  perDay: (selection) => ipcRenderer.invoke(engineChannel('perDay'), selection),
  perHour: (selection) => ipcRenderer.invoke(engineChannel('perHour'), selection),
  countries: (selection) => ipcRenderer.invoke(engineChannel('countries'), selection),
  ips: (selection, sort, descending, offset, limit) =>
    ipcRenderer.invoke(engineChannel('ips'), selection, sort, descending, offset, limit),
  users: (selection, limit) => ipcRenderer.invoke(engineChannel('users'), selection, limit),
  passwords: (selection, limit) => ipcRenderer.invoke(engineChannel('passwords'), selection, limit),
  histogram: (selection) => ipcRenderer.invoke(engineChannel('histogram'), selection),
  services: (selection) => ipcRenderer.invoke(engineChannel('services'), selection),
  incidents: (threshold, services) => ipcRenderer.invoke(engineChannel('incidents'), threshold, services),
  ipDetail: (ip, selection) => ipcRenderer.invoke(engineChannel('ipDetail'), ip, selection),
  rawLines: (refs) => ipcRenderer.invoke(engineChannel('rawLines'), refs),
  blocklistPreview: (options) => ipcRenderer.invoke(engineChannel('blocklistPreview'), options),
  blocklist: (options) => ipcRenderer.invoke(engineChannel('blocklist'), options),
  tableCsv: (table, selection, options) => ipcRenderer.invoke(engineChannel('tableCsv'), table, selection, options),

  openLogsDialog: () => ipcRenderer.invoke(HOST_CHANNELS.openLogsDialog),
  openCaseDialog: () => ipcRenderer.invoke(HOST_CHANNELS.openCaseDialog),
  saveCaseDialog: () => ipcRenderer.invoke(HOST_CHANNELS.saveCaseDialog),
  saveTextFile: (suggestedName, text) => ipcRenderer.invoke(HOST_CHANNELS.saveTextDialog, suggestedName, text),
  chooseGeoDatabases: () => ipcRenderer.invoke(HOST_CHANNELS.chooseGeoDatabasesDialog),
  ingestDroppedFiles: (files) => {
    // Since Electron 32 a File no longer carries its path; only the preload can ask for it.
    const paths = Array.from(files, (file) => webUtils.getPathForFile(file)).filter((path) => path !== '');
    return ipcRenderer.invoke(HOST_CHANNELS.ingestDroppedPaths, paths);
  },
  openExternal: (url) => ipcRenderer.invoke(HOST_CHANNELS.openExternal, url),
  onEngineEvent: (callback) => subscribe<EngineEvent>(HOST_CHANNELS.engineEvent, callback),
  onMenuCommand: (callback) => subscribe<MenuCommand>(HOST_CHANNELS.menuCommand, callback),
  about: () => ipcRenderer.invoke(HOST_CHANNELS.about),
};

contextBridge.exposeInMainWorld('swarmscope', bridge);
