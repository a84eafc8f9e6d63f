// An EngineApi whose every method becomes `call(method, args)`: one named function per method, so a
// transport (IPC bridge, WebSocket) never has to be a Proxy or know the method list at run time.
import type { EngineApi, EngineMethod } from '../../../../src-main/shared/api';

export type EngineCall = (method: EngineMethod, args: unknown[]) => Promise<unknown>;

export function engineProxy(call: EngineCall): EngineApi {
  const invoke = <T>(method: EngineMethod, ...args: unknown[]): Promise<T> => call(method, args) as Promise<T>;
  return {
    caseInfo: () => invoke('caseInfo'),
    openCase: (path) => invoke('openCase', path),
    saveCase: (path) => invoke('saveCase', path),
    ingest: (paths, options) => (options === undefined ? invoke('ingest', paths) : invoke('ingest', paths, options)),
    cancelIngest: () => invoke('cancelIngest'),
    setGeoDatabases: (paths) => invoke('setGeoDatabases', paths),
    setStartYear: (year) => invoke('setStartYear', year),
    loadSampleData: () => invoke('loadSampleData'),
    overview: () => invoke('overview'),
    brushColumns: () => invoke('brushColumns'),
    summary: (selection) => invoke('summary', selection),
    perDay: (selection) => invoke('perDay', selection),
    perHour: (selection) => invoke('perHour', selection),
    countries: (selection) => invoke('countries', selection),
    ips: (selection, sort, descending, offset, limit) => invoke('ips', selection, sort, descending, offset, limit),
    users: (selection, limit) => invoke('users', selection, limit),
    passwords: (selection, limit) => invoke('passwords', selection, limit),
    histogram: (selection) => invoke('histogram', selection),
    services: (selection) => invoke('services', selection),
    // A threshold left out before services goes as null, which the hosts read as the defaults (engine-args.ts).
    incidents: (threshold, services) => (services?.length ? invoke('incidents', threshold ?? null, services)
      : threshold === undefined ? invoke('incidents') : invoke('incidents', threshold)),
    ipDetail: (ip, selection) => invoke('ipDetail', ip, selection),
    rawLines: (refs) => invoke('rawLines', refs),
    blocklistPreview: (options) => invoke('blocklistPreview', options),
    blocklist: (options) => invoke('blocklist', options),
    tableCsv: (table, selection, options) => (options === undefined ? invoke('tableCsv', table, selection) : invoke('tableCsv', table, selection, options)),
  };
}
