// Every IPC channel name in one place. Engine calls use `engine:<method>`; the rest are the host's own.
import type { EngineMethod } from './api';

export const ENGINE_METHODS = [
  'caseInfo', 'openCase', 'saveCase', 'ingest', 'cancelIngest', 'setGeoDatabases', 'setStartYear', 'loadSampleData', 'overview', 'brushColumns', 'summary', 'perDay', 'perHour',
  'countries', 'ips', 'users', 'passwords', 'histogram', 'services', 'incidents', 'ipDetail', 'rawLines', 'blocklistPreview', 'blocklist', 'tableCsv',
] as const satisfies readonly EngineMethod[];

export const engineChannel = (method: EngineMethod): string => `engine:${method}`;

export const HOST_CHANNELS = {
  /** main -> renderer: engine events (progress, case changed). */
  engineEvent: 'host:engine-event',
  /** main -> renderer: a menu item the renderer handles (export blocklist, close case...). */
  menuCommand: 'host:menu-command',
  openLogsDialog: 'host:open-logs-dialog',
  openCaseDialog: 'host:open-case-dialog',
  saveCaseDialog: 'host:save-case-dialog',
  saveTextDialog: 'host:save-text-dialog',
  chooseGeoDatabasesDialog: 'host:choose-geo-databases-dialog',
  ingestDroppedPaths: 'host:ingest-dropped-paths',
  openExternal: 'host:open-external',
  about: 'host:about',
} as const;
