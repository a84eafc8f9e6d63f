import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions } from 'electron';
import { rendererLocation } from '../../../src-main/app/renderer-location';
import type { CaseInfo } from '../../../src-main/shared/api';
import { HOST_CHANNELS } from '../../../src-main/shared/channels';
import { fakeEngine, type FakeEngine } from '../fake-engine';
import { FakeBrowserWindow, dialog, eventFrom, invoke, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { setupDialogs } = await import('../../../src-main/app/dialogs');
const { ourMainFrameOnly } = await import('../../../src-main/app/trusted-ipc');

const renderer = rendererLocation({ mainDir: '/app/out/main', isPackaged: true, devUrl: undefined });
const blocklist = 'table inet filter {\n  set swarmscope_block {\n    type ipv4_addr\n    elements = { 203.0.113.9, 198.51.100.23 }\n  }\n}\n';

let engine: FakeEngine;
let window: FakeBrowserWindow;
let folder: string;

beforeEach(() => {
  resetFakeElectron();
  engine = fakeEngine();
  window = new FakeBrowserWindow({ width: 1280, height: 800 });
  setupDialogs({ engine, window: window as never, isTrusted: ourMainFrameOnly(window as never, renderer) });
  folder = mkdtempSync(join(tmpdir(), 'swarmscope-dialogs-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('saveTextFile', () => {
  it('writes the text where the user chose, leaving no temporary file', async () => {
    const target = join(folder, 'blocklist-nftables.nft');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(HOST_CHANNELS.saveTextDialog, eventFrom(window), 'blocklist-nftables.nft', blocklist)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(blocklist);
    expect(readdirSync(folder)).toEqual(['blocklist-nftables.nft']);
  });

  it('replaces an existing file whole', async () => {
    const target = join(folder, 'ips.csv');
    writeFileSync(target, 'old content that is longer than the new one\n'.repeat(100));
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await invoke(HOST_CHANNELS.saveTextDialog, eventFrom(window), 'ips.csv', 'ip,attempts\r\n203.0.113.9,4\r\n');
    expect(readFileSync(target, 'utf8')).toBe('ip,attempts\r\n203.0.113.9,4\r\n');
  });

  it('suggests a plain file name in Downloads, whatever name the page proposes', async () => {
    await invoke(HOST_CHANNELS.saveTextDialog, eventFrom(window), '../../.bashrc\u0007:evil?.txt', 'x');
    const options = dialog.showSaveDialog.mock.calls[0][1] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(options.defaultPath).toBe(join('/home/analyst/downloads', 'bashrc__evil_.txt'));
    expect(options.filters[0].extensions).toEqual(['txt']);
  });

  it('writes nothing when the user cancels', async () => {
    expect(await invoke(HOST_CHANNELS.saveTextDialog, eventFrom(window), 'ips.csv', 'x')).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses text that is not a string and wrong argument counts', async () => {
    await expect(invoke(HOST_CHANNELS.saveTextDialog, eventFrom(window), 'a.txt', { length: 1 })).rejects.toThrow(/string/);
    await expect(invoke(HOST_CHANNELS.saveTextDialog, eventFrom(window), 'a.txt')).rejects.toThrow(/expected 2/);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('geolocation databases dialog', () => {
  const city = '/home/analyst/GeoIP/GeoLite2-City.mmdb';
  const asn = '/home/analyst/GeoIP/GeoLite2-ASN.mmdb';
  const newerCity = '/home/analyst/Downloads/GeoLite2-City_20260505/GeoLite2-City.mmdb';

  it('offers .mmdb files, several at once, and makes the picked ones the user’s databases', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [city, asn] });
    const info = await invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(window)) as CaseInfo;
    const options = dialog.showOpenDialog.mock.calls[0][1] as OpenDialogOptions;
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(options.filters?.map((filter) => filter.extensions)).toEqual([['mmdb']]);
    expect(engine.calls.filter((call) => call.method === 'setGeoDatabases')).toEqual([{ method: 'setGeoDatabases', args: [[city, asn]] }]);
    expect(info.geo.map((db) => [db.path, db.bundled])).toEqual([[city, false], [asn, false], ['/app/geo.mmdb', true]]);
  });

  it('adds later picks in front of the databases already in use, each file once', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [city, asn] });
    await invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(window));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [newerCity, asn] });
    const info = await invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(window)) as CaseInfo;
    expect(engine.calls.filter((call) => call.method === 'setGeoDatabases').at(-1)!.args).toEqual([[newerCity, asn, city]]);
    expect(info.geo.map((db) => db.path)).toEqual([newerCity, asn, city, '/app/geo.mmdb']);
  });

  it('changes nothing when the user cancels', async () => {
    expect(await invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(window))).toBeNull();
    expect(engine.calls).toEqual([]);
  });

  it('passes the engine’s refusal of a file on to the page', async () => {
    engine = fakeEngine({ setGeoDatabases: async (paths) => { throw new Error(`${paths[0]} is not a MaxMind database: unexpected end`); } });
    resetFakeElectron();
    setupDialogs({ engine, window: window as never, isTrusted: ourMainFrameOnly(window as never, renderer) });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/analyst/GeoLite2-City.tar.gz.mmdb'] });
    await expect(invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(window)))
      .rejects.toThrow('/home/analyst/GeoLite2-City.tar.gz.mmdb is not a MaxMind database');
  });

  it('shows no dialog to another sender, and takes no arguments from the page', async () => {
    await expect(invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(new FakeBrowserWindow({ width: 1, height: 1 })))).rejects.toThrow(/refused/);
    await expect(invoke(HOST_CHANNELS.chooseGeoDatabasesDialog, eventFrom(window), ['/etc/shadow'])).rejects.toThrow(/expected 0/);
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(engine.calls).toEqual([]);
  });
});

describe('case and log dialogs', () => {
  it('ingests the picked logs, or returns null when cancelled', async () => {
    const log = join(folder, 'dovecot.log');
    writeFileSync(log, 'Mar 11 10:00:01 mx dovecot: auth failed\n');
    expect(await invoke(HOST_CHANNELS.openLogsDialog, eventFrom(window))).toBeNull();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [log] });
    expect(await invoke(HOST_CHANNELS.openLogsDialog, eventFrom(window))).toMatchObject({ attemptsAdded: 1 });
    expect(engine.calls.map((call) => call.method)).toEqual(['ingest']);
  });

  it('offers to save the case where it was last saved, else in Documents', async () => {
    await invoke(HOST_CHANNELS.saveCaseDialog, eventFrom(window));
    expect((dialog.showSaveDialog.mock.calls[0][1] as { defaultPath: string }).defaultPath).toBe(join('/home/analyst/documents', 'case.swarmscope'));
    await engine.openCase('/cases/march.swarmscope');
    await invoke(HOST_CHANNELS.saveCaseDialog, eventFrom(window));
    expect((dialog.showSaveDialog.mock.calls[1][1] as { defaultPath: string }).defaultPath).toBe('/cases/march.swarmscope');
  });

  it('opens the picked case', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/cases/march.swarmscope'] });
    expect(await invoke(HOST_CHANNELS.openCaseDialog, eventFrom(window))).toMatchObject({ path: '/cases/march.swarmscope' });
    expect(engine.calls).toEqual([{ method: 'openCase', args: ['/cases/march.swarmscope'] }]);
    // Case files only, one at a time.
    const options = dialog.showOpenDialog.mock.calls[0][1] as OpenDialogOptions;
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
  });

  it('saves the case with the case extension when the user typed none', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(folder, 'march') });
    expect(await invoke(HOST_CHANNELS.saveCaseDialog, eventFrom(window))).toMatchObject({ path: join(folder, 'march.swarmscope') });
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(folder, 'april.sqlite') });
    expect(await invoke(HOST_CHANNELS.saveCaseDialog, eventFrom(window))).toMatchObject({ path: join(folder, 'april.sqlite') });
    expect(readdirSync(folder).sort()).toEqual(['april.sqlite', 'march.swarmscope']);
  });

  it('shows no dialog to a sender that is not our window', async () => {
    const other = new FakeBrowserWindow({ width: 1, height: 1 });
    for (const channel of [HOST_CHANNELS.openLogsDialog, HOST_CHANNELS.openCaseDialog, HOST_CHANNELS.saveCaseDialog]) {
      await expect(invoke(channel, eventFrom(other))).rejects.toThrow(/refused/);
    }
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});
