// A small EngineHandle for testing the hosts' transport and security code (the engine is not under test
// here). It records every call; ingest reads the files it is given, so tests see what really landed on disk.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseInfo, EngineApi, EngineEvent, IngestResult, SourceReport } from '../../src-main/shared/api';
import type { EngineHandle } from '../../src-main/shared/engine-handle';

export interface FakeEngine extends EngineHandle {
  calls: { method: string; args: unknown[] }[];
  /** What each ingested file contained, by path. */
  ingestedText: Map<string, string>;
  emit(event: EngineEvent): void;
  listenerCount(): number;
  terminated: boolean;
}

const GEO = [{
  name: 'geo-whois-asn-country', kind: 'country' as const, buildDate: '2026-06-17', licence: 'CC0-1.0',
  path: '/app/geo.mmdb', bundled: true,
}];

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

function report(path: string, text: string): SourceReport {
  const lines = text.split('\n').filter((line) => line !== '');
  const attempts = lines.filter((line) => line.includes('auth failed')).length;
  return {
    path, encoding: 'plain', bytes: Buffer.byteLength(text), lines: lines.length, attemptLines: attempts, loginLines: 0,
    ignoredLines: lines.length - attempts, unparsedLines: 0, attempts, logins: 0, firstTs: null, lastTs: null,
    notes: [], warnings: [], errors: [], unparsed: [],
  };
}

export function fakeEngine(overrides: Partial<EngineApi> = {}): FakeEngine {
  const listeners = new Set<(event: EngineEvent) => void>();
  let info: CaseInfo = { path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources: [], unread: [], geo: GEO, startYear: null };
  const engine = {
    calls: [] as { method: string; args: unknown[] }[],
    ingestedText: new Map<string, string>(),
    terminated: false,
    emit: (event: EngineEvent) => listeners.forEach((listener) => listener(event)),
    listenerCount: () => listeners.size,
    onEvent(listener: (event: EngineEvent) => void) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async terminate() { engine.terminated = true; },
  } as FakeEngine;

  const record = <T>(method: string, args: unknown[], answer: () => T | Promise<T>): Promise<T> => {
    engine.calls.push({ method, args });
    return Promise.resolve().then(answer);
  };
  const api: EngineApi = {
    caseInfo: () => record('caseInfo', [], () => info),
    openCase: (path) => record('openCase', [path], () => (info = { ...info, path })),
    saveCase: (path) => record('saveCase', [path], () => {
      info = { ...info, path };
      writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.from(JSON.stringify(info))]));
      return info;
    }),
    ingest: (paths, options) => record('ingest', options === undefined ? [paths] : [paths, options], (): IngestResult => {
      const sources = paths.flatMap(filesUnder).map((file) => {
        const text = readFileSync(file, 'utf8');
        engine.ingestedText.set(file, text);
        return report(file, text);
      });
      const attemptsAdded = sources.reduce((sum, source) => sum + source.attempts, 0);
      info = { ...info, attempts: info.attempts + attemptsAdded, sources: [...info.sources, ...sources] };
      return { sources, skipped: [], readBefore: [], cancelled: false, attemptsAdded, loginsAdded: 0, elapsedMs: 1 };
    }),
    cancelIngest: () => record('cancelIngest', [], () => undefined),
    setGeoDatabases: (paths) => record('setGeoDatabases', [paths], () => {
      const user = paths.map((path) => ({
        name: `GeoLite2-City (${path.split(/[\\/]/).pop()})`, kind: 'city' as const, buildDate: '2026-05-01',
        licence: 'as supplied by the user', path, bundled: false,
      }));
      info = { ...info, geo: [...user, ...GEO] };
      return info;
    }),
    setStartYear: (year) => record('setStartYear', [year], () => (info = { ...info, startYear: year })),
    loadSampleData: () => record('loadSampleData', [], () => ({ sources: [], skipped: [], readBefore: [], cancelled: false, attemptsAdded: 0, loginsAdded: 0, elapsedMs: 1 })),
    overview: () => record('overview', [], () => ({ days: [], countries: [], cells: [] })),
    brushColumns: () => record('brushColumns', [], () => ({
      days: [], ips: [], ipCountry: [], rowDay: [], rowIp: [], rowAttempts: [],
      users: [], userRowDay: [], userRowValue: [], userRowAttempts: [], userRowIps: [],
      passwords: [], passwordRowDay: [], passwordRowValue: [], passwordRowAttempts: [], passwordRowIps: [],
    })),
    summary: (selection) => record('summary', [selection], () => ({
      attempts: info.attempts, ips: 0, countries: 0, days: 0, firstDay: null, lastDay: null, peakDay: null,
      oneShotIps: 0, oneShotShare: 0, logins: 0,
    })),
    perDay: (selection) => record('perDay', [selection], () => []),
    perHour: (selection) => record('perHour', [selection], () => []),
    countries: (selection) => record('countries', [selection], () => []),
    ips: (...args) => record('ips', args, () => ({ total: 0, rows: [] })),
    users: (...args) => record('users', args, () => []),
    passwords: (...args) => record('passwords', args, () => []),
    histogram: (selection) => record('histogram', [selection], () => []),
    services: (selection) => record('services', [selection], () => []),
    incidents: (...args) => record('incidents', args, () => ({
      threshold: { maxretry: 5, findtime: 600, bantime: 600 }, services: [], attempts: 0, ips: 0, undatedAttempts: 0, missedAttempts: 0, missedIps: 0, hours: 0,
      baseline: { medianIps: 0, madIps: 0 }, incidents: [],
    })),
    ipDetail: (...args) => record('ipDetail', args, () => null),
    rawLines: (refs) => record('rawLines', [refs], () => refs.map((ref) => ({ source: ref.source, line: ref.line, text: null, status: 'unreadable' as const }))),
    blocklistPreview: (options) => record('blocklistPreview', [options], () => ({ ips: 0, entries: 0, allowlisted: 0, excludedPrivate: 0, head: [], moreLines: false })),
    blocklist: (options) => record('blocklist', [options], () => ({ text: '', entries: 0, suggestedName: `blocklist-${options.format}.txt` })),
    tableCsv: (...args) => record('tableCsv', args, () => 'ip,attempts\r\n'),
    ...overrides,
  };
  return Object.assign(engine, api);
}
