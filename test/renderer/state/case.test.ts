import { describe, expect, it, onTestFinished } from 'vitest';
import type { CaseInfo, IngestProgress, Overview } from '../../../src-main/shared/api';
import { CaseState, caseSpan } from '../../../src-renderer/src/lib/state/case.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, settle, userGeoDb } from '../fakes';

function make(host: FakeHost): CaseState {
  const state = new CaseState(host);
  onTestFinished(() => state.destroy());
  return state;
}

const progress = (state: 'reading' | 'done', bytesRead: number): IngestProgress => ({
  files: [{ path: '/var/log/mail.log', bytesRead, bytesTotal: 1000, lines: bytesRead / 10, attempts: bytesRead / 100, state }],
  bytesRead, bytesTotal: 1000, lines: bytesRead / 10, attempts: bytesRead / 100, current: state === 'reading' ? '/var/log/mail.log' : null,
});

describe('CaseState', () => {
  it('loads the case info and the overview', async () => {
    const attempts = generateAttacks({ seed: 2, days: 20, backgroundIps: 30, backgroundAttempts: 200, swarmIps: 20 });
    const state = make(new FakeHost(attempts));
    await state.start();
    expect(state.info?.attempts).toBe(attempts.length);
    expect(state.hasData).toBe(true);
    expect(state.overview?.cells.reduce((sum, c) => sum + c[2], 0)).toBe(attempts.length);
    expect(state.version).toBe(1);
  });

  it('loads the brush columns of each case version alongside the overview', async () => {
    const attempts = generateAttacks({ seed: 2, days: 20, backgroundIps: 30, backgroundAttempts: 200, swarmIps: 20 });
    const host = new FakeHost(attempts);
    const state = make(host);
    await state.start();
    expect(host.callsOf('brushColumns')).toHaveLength(1);
    expect(state.liveColumns?.rowAttempts.reduce((sum, n) => sum + n, 0)).toBe(attempts.length);
    expect(state.liveColumns?.days).toEqual(state.overview?.days.map((d) => d.day));

    // A newer version's overview is in while its columns are still on their way: the old ones are not offered.
    host.holding.add('brushColumns');
    host.addAttempts([{ ts: '2023-05-02 11:00:00', ip: '203.0.113.10', country: 'VN', user: 'sales' }]);
    await settle();
    expect(state.version).toBe(2);
    expect(state.liveColumns).toBeNull();
    host.release();
    await settle();
    expect(host.callsOf('brushColumns')).toHaveLength(2);
    expect(state.liveColumns?.rowAttempts.reduce((sum, n) => sum + n, 0)).toBe(attempts.length + 1);
  });

  it('knows an empty case and offers sample data when the host can load it', async () => {
    const state = make(new FakeHost());
    await state.start();
    expect(state.hasData).toBe(false);
    expect(state.canLoadSample).toBe(true);
  });

  it('follows progress events, including an ingest the host started', async () => {
    const host = new FakeHost();
    const state = make(host);
    await state.start();
    host.emit({ type: 'progress', progress: progress('reading', 400) });
    expect(state.ingesting).toBe(true);
    expect(state.progress?.bytesRead).toBe(400);
    host.emit({ type: 'progress', progress: progress('done', 1000) });
    expect(state.ingesting).toBe(false);
    expect(state.progress?.files[0].state).toBe('done');
  });

  it('reloads the overview and bumps the version when the case changes', async () => {
    const host = new FakeHost([{ ts: '2023-05-01 10:00:00', ip: '203.0.113.9', country: 'VN', user: 'info' }]);
    const state = make(host);
    await state.start();
    const version = state.version;
    host.addAttempts([{ ts: '2023-05-02 11:00:00', ip: '203.0.113.10', country: 'VN', user: 'sales' }]);
    await settle();
    expect(state.info?.attempts).toBe(2);
    expect(state.overview?.days.map((d) => d.day)).toEqual(['2023-05-01', '2023-05-02']);
    expect(state.version).toBeGreaterThan(version);
  });

  it('ingests dropped files and keeps the result for the report', async () => {
    const host = new FakeHost();
    host.nextIngest = generateAttacks({ seed: 9, days: 10, backgroundIps: 10, backgroundAttempts: 50, swarmIps: 10 });
    const expected = host.nextIngest.length;
    const state = make(host);
    await state.start();
    const done = state.ingestFiles([new File(['x'], 'mail.log')]);
    expect(state.ingesting).toBe(true);
    await done;
    expect(state.ingesting).toBe(false);
    expect(host.callsOf('ingestFiles')[0].args).toEqual([['mail.log']]);
    expect(state.lastResult?.attemptsAdded).toBe(expected);
    expect(state.info?.attempts).toBe(expected);
    state.dismissResult();
    expect(state.lastResult).toBeNull();
  });

  it('loads sample data through the host', async () => {
    const host = new FakeHost();
    host.nextIngest = [{ ts: '2023-06-01 00:00:01', ip: '192.0.2.1', country: 'NL', user: 'test' }];
    const state = make(host);
    await state.start();
    await state.loadSample();
    expect(host.callsOf('loadSampleData')).toHaveLength(1);
    expect(state.info?.attempts).toBe(1);
  });

  it('reports failures instead of throwing, and keeps going', async () => {
    const host = new FakeHost();
    host.openLogsDialog = () => Promise.reject(new Error('EACCES: /var/log/mail.log'));
    const state = make(host);
    await state.start();
    await state.openLogs();
    expect(state.errors.map((e) => [e.action, e.message])).toEqual([['Opening logs', 'EACCES: /var/log/mail.log']]);
    expect(state.ingesting).toBe(false);
    state.dismissError(state.errors[0].id);
    expect(state.errors).toEqual([]);
  });

  it('takes down the failures of opening a case once a case opens, and keeps those of other actions', async () => {
    const host = new FakeHost();
    const state = make(host);
    await state.start();
    const openDialog = host.openCaseDialog.bind(host);
    host.openLogsDialog = () => Promise.reject(new Error('EACCES: /var/log/mail.log'));
    await state.openLogs();
    // The analyst picks a log, then a damaged copy, in Open case…, then the case itself.
    host.openCaseDialog = () => Promise.reject(new Error('cannot open case mail.log.3: not a case: a case is a SQLite database'));
    await state.openCase();
    host.openCaseDialog = () => Promise.reject(new Error('cannot open case cut.sqlite: the case file is damaged'));
    await state.openCase();
    expect(state.errors.map((e) => e.action)).toEqual(['Opening logs', 'Opening a case', 'Opening a case']);
    host.openCaseDialog = openDialog;
    host.nextCaseFile = { path: '/cases/2023.sqlite', attempts: [{ ts: '2023-05-01 10:00:00', ip: '203.0.113.9', country: 'VN', user: 'info' }] };
    await state.openCase();
    expect(state.info?.path).toBe('/cases/2023.sqlite');
    expect(state.errors.map((e) => [e.action, e.message])).toEqual([['Opening logs', 'EACCES: /var/log/mail.log']]);
  });

  it('does nothing when a dialog is cancelled', async () => {
    const host = new FakeHost([{ ts: '2023-05-01 10:00:00', ip: '203.0.113.9', country: 'VN', user: 'info' }]);
    const state = make(host);
    await state.start();
    await state.openCase(); // the fake's dialog answers null, as a cancelled dialog does
    expect(state.info?.attempts).toBe(1);
    expect(state.errors).toEqual([]);
  });

  it('adds geolocation databases in Electron only, one change at a time, keeping the ones in use', async () => {
    const web = make(new FakeHost());
    expect(web.canChooseGeoDatabases).toBe(false);

    const host = new FakeHost([{ ts: '2023-05-01 10:00:00', ip: '45.83.64.7', country: 'RU', user: 'info' }]);
    host.kind = 'electron';
    const state = make(host);
    await state.start();
    expect(state.canChooseGeoDatabases).toBe(true);
    const city = userGeoDb('/geo/GeoLite2-City.mmdb');
    const asn = { ...userGeoDb('/geo/GeoLite2-ASN.mmdb'), kind: 'asn' as const };
    host.nextGeoChoice = [city];
    const adding = state.chooseGeoDatabases();
    expect(state.changingGeo).toBe(true);
    await state.chooseGeoDatabases(); // a second click while the first runs asks nothing
    await adding;
    expect(host.callsOf('chooseGeoDatabases')).toHaveLength(1);
    expect(state.changingGeo).toBe(false);
    host.nextGeoChoice = [asn];
    await state.chooseGeoDatabases();
    expect(state.info?.geo.map((db) => db.path)).toEqual(['/geo/GeoLite2-ASN.mmdb', '/geo/GeoLite2-City.mmdb', 'bundled']);

    await state.removeGeoDatabase('/geo/GeoLite2-City.mmdb');
    expect(host.callsOf('setGeoDatabases').map((call) => call.args)).toEqual([[['/geo/GeoLite2-ASN.mmdb']]]);
    expect(state.info?.geo.map((db) => db.path)).toEqual(['/geo/GeoLite2-ASN.mmdb', 'bundled']);

    const version = state.version;
    await state.chooseGeoDatabases(); // cancelled: nextGeoChoice is null again
    expect(state.info?.geo.map((db) => db.path)).toEqual(['/geo/GeoLite2-ASN.mmdb', 'bundled']);
    expect(state.version).toBe(version);
    expect(state.errors).toEqual([]);
  });
});

describe('caseSpan', () => {
  const info = (attempts: number, firstDay: string | null, lastDay: string | null): CaseInfo => ({
    path: null, attempts, logins: 0, ips: 0, firstDay, lastDay, sources: [], unread: [], geo: [], startYear: null,
  });
  const overview = (days: [string, number][]): Overview => ({
    days: days.map(([day, attempts]) => ({ day, attempts, ips: 1, countries: 1 })), countries: [], cells: [],
  });

  it('is the info alone without a newer overview', () => {
    expect(caseSpan(info(7, '2024-01-03', '2024-01-07'), null)).toEqual({ attempts: 7, firstDay: '2024-01-03', lastDay: '2024-01-07' });
    expect(caseSpan(null, null)).toEqual({ attempts: 0, firstDay: null, lastDay: null });
  });

  it('counts the attempts and widens the days with a newer overview, keeping days of logins only', () => {
    const newer = overview([['2024-01-03', 5], ['2024-01-14', 9]]);
    expect(caseSpan(info(7, '2024-01-03', '2024-01-07'), newer)).toEqual({ attempts: 14, firstDay: '2024-01-03', lastDay: '2024-01-14' });
    // a login on Jan 1 is not in the overview's days
    expect(caseSpan(info(14, '2024-01-01', '2024-01-14'), newer)).toEqual({ attempts: 14, firstDay: '2024-01-01', lastDay: '2024-01-14' });
    expect(caseSpan(info(0, null, null), overview([]))).toEqual({ attempts: 0, firstDay: null, lastDay: null });
  });

  it('follows the overview answered after a caseChanged, and the info again once a newer one is set', async () => {
    const host = new FakeHost([{ ts: '2024-01-03 10:00:00', ip: '45.9.1.1', country: 'NL', user: 'admin' }]);
    const state = make(host);
    await state.start();
    const announced = await host.caseInfo();
    host.attempts.push({ ts: '2024-01-09 10:00:00', ip: '45.9.1.2', country: 'NL', user: 'root', source: 'b.log', line: 1 });
    host.emit({ type: 'caseChanged', info: announced });
    expect(state.span).toEqual({ attempts: 1, firstDay: '2024-01-03', lastDay: '2024-01-03' });
    await settle();
    expect(state.span).toEqual({ attempts: 2, firstDay: '2024-01-03', lastDay: '2024-01-09' });
  });
});
