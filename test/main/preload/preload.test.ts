import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import type { SwarmscopeBridge } from '../../../src-main/shared/bridge';
import { ENGINE_METHODS, HOST_CHANNELS, engineChannel } from '../../../src-main/shared/channels';
import { contextBridge, exposed, ipcRenderer, webUtils } from '../app/fake-electron';

vi.mock('electron', async () => (await import('../app/fake-electron')).electron);

const selection: Selection = { from: '2024-03-11', to: '2024-03-13', countries: ['VN'], search: 'admin' };
let bridge: SwarmscopeBridge;

beforeAll(async () => {
  await import('../../../src-main/preload/index');
  bridge = exposed.get('swarmscope') as SwarmscopeBridge;
});
beforeEach(() => {
  ipcRenderer.invoke.mockClear();
  ipcRenderer.removeAllListeners();
});

describe('preload bridge', () => {
  it('exposes one object, under `swarmscope`, made only of functions', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...exposed.keys()]).toEqual(['swarmscope']);
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
  });

  it('never hands over ipcRenderer or its methods', () => {
    for (const value of Object.values(bridge)) {
      expect(value).not.toBe(ipcRenderer);
      expect(value).not.toBe(ipcRenderer.invoke);
      expect(value).not.toBe(ipcRenderer.on);
    }
    expect(Object.keys(bridge)).not.toContain('ipcRenderer');
    expect(Object.keys(bridge)).not.toContain('invoke');
    expect(Object.keys(bridge)).not.toContain('send');
  });

  it('has a function for every engine method, invoking its channel with exactly its arguments', async () => {
    for (const method of ENGINE_METHODS) expect(bridge[method], method).toBeTypeOf('function');
    await bridge.ips(selection, 'attempts', true, 100, 50);
    await bridge.summary(selection);
    await bridge.caseInfo();
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [engineChannel('ips'), selection, 'attempts', true, 100, 50],
      [engineChannel('summary'), selection],
      [engineChannel('caseInfo')],
    ]);
  });

  it('drops extra arguments a page might add', async () => {
    await (bridge.summary as (...args: unknown[]) => Promise<unknown>)(selection, 'extra', { evil: true });
    expect(ipcRenderer.invoke.mock.calls).toEqual([[engineChannel('summary'), selection]]);
  });

  it('maps the host calls to their channels', async () => {
    await bridge.openLogsDialog();
    await bridge.openCaseDialog();
    await bridge.saveCaseDialog();
    await bridge.saveTextFile('blocklist-plain.txt', '203.0.113.9\n');
    await bridge.openExternal('https://example.org/');
    await bridge.about();
    await bridge.chooseGeoDatabases();
    await bridge.setGeoDatabases(['/usr/share/GeoIP/GeoLite2-City.mmdb']);
    await bridge.setStartYear(2021);
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [HOST_CHANNELS.openLogsDialog],
      [HOST_CHANNELS.openCaseDialog],
      [HOST_CHANNELS.saveCaseDialog],
      [HOST_CHANNELS.saveTextDialog, 'blocklist-plain.txt', '203.0.113.9\n'],
      [HOST_CHANNELS.openExternal, 'https://example.org/'],
      [HOST_CHANNELS.about],
      [HOST_CHANNELS.chooseGeoDatabasesDialog],
      [engineChannel('setGeoDatabases'), ['/usr/share/GeoIP/GeoLite2-City.mmdb']],
      [engineChannel('setStartYear'), 2021],
    ]);
  });

  it('turns dropped files into their paths on disk, skipping those without one', async () => {
    const paths = new Map<unknown, string>();
    const log = { name: 'dovecot.log' };
    const folder = { name: 'rotated' };
    const pasted = { name: 'clipboard.txt' };
    paths.set(log, '/var/log/dovecot.log');
    paths.set(folder, '/var/log/rotated');
    webUtils.getPathForFile.mockImplementation((file: unknown) => paths.get(file) ?? '');
    await bridge.ingestDroppedFiles([log, folder, pasted] as unknown as File[]);
    expect(ipcRenderer.invoke.mock.calls).toEqual([[HOST_CHANNELS.ingestDroppedPaths, ['/var/log/dovecot.log', '/var/log/rotated']]]);
  });

  it('delivers engine events and menu commands without the IPC event, until unsubscribed', () => {
    const events: unknown[] = [];
    const commands: unknown[] = [];
    const stopEvents = bridge.onEngineEvent((event) => events.push(event));
    const stopMenu = bridge.onMenuCommand((command) => commands.push(command));
    const ipcEvent = { sender: ipcRenderer, senderId: 0 };
    const changed = { type: 'caseChanged', info: { path: null } };
    ipcRenderer.emit(HOST_CHANNELS.engineEvent, ipcEvent, changed);
    ipcRenderer.emit(HOST_CHANNELS.menuCommand, ipcEvent, 'export-blocklist');
    expect(events).toEqual([changed]);
    expect(commands).toEqual(['export-blocklist']);

    stopEvents();
    stopMenu();
    ipcRenderer.emit(HOST_CHANNELS.engineEvent, ipcEvent, changed);
    ipcRenderer.emit(HOST_CHANNELS.menuCommand, ipcEvent, 'close-case');
    expect(events).toHaveLength(1);
    expect(commands).toHaveLength(1);
    expect(ipcRenderer.listenerCount(HOST_CHANNELS.engineEvent)).toBe(0);
  });
});
