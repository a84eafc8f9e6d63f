import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import { rendererLocation } from '../../../src-main/app/renderer-location';
import { ENGINE_METHODS, HOST_CHANNELS, engineChannel } from '../../../src-main/shared/channels';
import { fakeEngine, type FakeEngine } from '../fake-engine';
import { FakeBrowserWindow, FakeFrame, eventFrom, invoke, ipcHandlers, resetFakeElectron, shell } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { setupIpc } = await import('../../../src-main/app/ipc');
const { ourMainFrameOnly } = await import('../../../src-main/app/trusted-ipc');

const renderer = rendererLocation({ mainDir: '/app/out/main', isPackaged: true, devUrl: undefined });
const selection: Selection = { from: '2024-03-11', to: '2024-03-13', countries: ['BR'], search: '' };
const about = { name: 'Swarmscope', version: '0.1.0', buildDate: '2026-06-20', versions: {}, licence: 'MIT', geo: [], startYear: null };

let engine: FakeEngine;
let window: FakeBrowserWindow;
let logs: string;

beforeEach(() => {
  resetFakeElectron();
  engine = fakeEngine();
  window = new FakeBrowserWindow({ width: 1280, height: 800 });
  setupIpc({ engine, window: window as never, isTrusted: ourMainFrameOnly(window as never, renderer), about: async () => about });
  logs = mkdtempSync(join(tmpdir(), 'swarmscope-ipc-'));
});
afterEach(() => rmSync(logs, { recursive: true, force: true }));

describe('engine channels', () => {
  it('registers one handler per engine method', () => {
    for (const method of ENGINE_METHODS) expect(ipcHandlers.has(engineChannel(method)), method).toBe(true);
  });

  it('forwards a call from our window to the engine', async () => {
    const summary = await invoke(engineChannel('summary'), eventFrom(window), selection);
    expect(summary).toMatchObject({ attempts: 0 });
    expect(engine.calls).toEqual([{ method: 'summary', args: [selection] }]);
  });

  it('refuses a subframe, another window, a foreign page and a frame-less event', async () => {
    const subframe = new FakeFrame(window.webContents.mainFrame.url, 7, 2, window.webContents.mainFrame);
    const otherWindow = new FakeBrowserWindow({ width: 800, height: 600 });
    const navigatedAway = new FakeFrame('https://attacker.example/', 7, 1);
    const events = [
      eventFrom(window, subframe),
      eventFrom(otherWindow),
      { sender: window.webContents, senderFrame: navigatedAway },
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of events) {
      await expect(invoke(engineChannel('caseInfo'), event)).rejects.toThrow(/refused/);
    }
    expect(engine.calls).toEqual([]);
  });

  it('refuses once the window is gone', async () => {
    window.destroyed = true;
    await expect(invoke(engineChannel('caseInfo'), eventFrom(window))).rejects.toThrow(/refused/);
  });

  it('checks arguments before the engine sees them', async () => {
    await expect(invoke(engineChannel('ips'), eventFrom(window), selection, 'attempts', true, Number.NaN, 100)).rejects.toThrow(/finite/);
    await expect(invoke(engineChannel('openCase'), eventFrom(window), '../case.swarmscope')).rejects.toThrow(/absolute/);
    await expect(invoke(engineChannel('summary'), eventFrom(window), { ...selection, countries: [{ toString: 1 }] })).rejects.toThrow(/country/);
    expect(engine.calls).toEqual([]);
  });

  it('refuses files the page names itself: writing a case there, reading them, or their raw lines', async () => {
    await expect(invoke(engineChannel('saveCase'), eventFrom(window), '/home/user/.bashrc')).rejects.toThrow(/cannot choose where/);
    await expect(invoke(engineChannel('ingest'), eventFrom(window), ['/etc/shadow'])).rejects.toThrow(/cannot name files/);
    await expect(invoke(engineChannel('openCase'), eventFrom(window), '/tmp/planted.swarmscope')).rejects.toThrow(/cannot name a case/);
    await expect(invoke(engineChannel('rawLines'), eventFrom(window), [{ source: '/etc/passwd', line: 1 }])).rejects.toThrow(/not a source/);
    expect(engine.calls.map((call) => call.method)).not.toContain('saveCase');
    expect(engine.calls.map((call) => call.method)).not.toContain('rawLines');
    expect(engine.calls.map((call) => call.method)).not.toContain('ingest');
  });

  it('passes engine events to our window until it closes', () => {
    const progress = { type: 'progress' as const, progress: { files: [], bytesRead: 10, bytesTotal: 20, lines: 3, attempts: 1, current: '/var/log/dovecot.log' } };
    engine.emit(progress);
    expect(window.webContents.sent).toEqual([[HOST_CHANNELS.engineEvent, progress]]);
    window.emit('closed');
    expect(engine.listenerCount()).toBe(0);
  });
});

describe('host channels', () => {
  it('ingests dropped files and folders that exist', async () => {
    const file = join(logs, 'dovecot.log');
    writeFileSync(file, 'Mar 11 10:00:01 mx dovecot: imap-login: Disconnected: auth failed, 1 attempts (auth failed, 1 attempts in 2 secs): user=<admin>, method=PLAIN, rip=203.0.113.9\n');
    mkdirSync(join(logs, 'rotated'));
    writeFileSync(join(logs, 'rotated', 'dovecot.log.1'), '');
    const result = await invoke(HOST_CHANNELS.ingestDroppedPaths, eventFrom(window), [file, join(logs, 'rotated')]);
    expect(result).toMatchObject({ attemptsAdded: 1 });
    expect(engine.calls).toEqual([{ method: 'ingest', args: [[file, join(logs, 'rotated')]] }]);
  });

  it('refuses dropped paths that do not exist, are relative, or are not files or folders', async () => {
    await expect(invoke(HOST_CHANNELS.ingestDroppedPaths, eventFrom(window), [join(logs, 'gone.log')])).rejects.toThrow(/does not exist/);
    await expect(invoke(HOST_CHANNELS.ingestDroppedPaths, eventFrom(window), ['dovecot.log'])).rejects.toThrow(/absolute/);
    await expect(invoke(HOST_CHANNELS.ingestDroppedPaths, eventFrom(window), ['/dev/null'])).rejects.toThrow(/neither a file nor a folder/);
    await expect(invoke(HOST_CHANNELS.ingestDroppedPaths, eventFrom(window), [])).rejects.toThrow(/Nothing was dropped/);
    await expect(invoke(HOST_CHANNELS.ingestDroppedPaths, eventFrom(window), '/var/log')).rejects.toThrow(/array/);
    expect(engine.calls).toEqual([]);
  });

  it('opens only plain http(s) links in the system browser', async () => {
    expect(await invoke(HOST_CHANNELS.openExternal, eventFrom(window), 'https://github.com/sapics/ip-location-db')).toBe(true);
    expect(await invoke(HOST_CHANNELS.openExternal, eventFrom(window), 'file:///etc/shadow')).toBe(false);
    expect(await invoke(HOST_CHANNELS.openExternal, eventFrom(window), 'vbscript:msgbox')).toBe(false);
    // A well-formed https address the app does not show is a page script's choice, not the user's.
    expect(await invoke(HOST_CHANNELS.openExternal, eventFrom(window), 'https://attacker.example/phish')).toBe(false);
    expect(shell.openExternal.mock.calls).toEqual([['https://github.com/sapics/ip-location-db']]);
  });

  it('answers About and refuses it to other senders', async () => {
    expect(await invoke(HOST_CHANNELS.about, eventFrom(window))).toEqual(about);
    await expect(invoke(HOST_CHANNELS.about, eventFrom(new FakeBrowserWindow({ width: 1, height: 1 })))).rejects.toThrow(/refused/);
  });
});
