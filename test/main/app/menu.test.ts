import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { HOST_CHANNELS } from '../../../src-main/shared/channels';
import { FakeBrowserWindow, Menu, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { setupMenu } = await import('../../../src-main/app/menu');

beforeEach(() => resetFakeElectron());

function installedMenu(): MenuItemConstructorOptions[] {
  return (Menu.buildFromTemplate.mock.calls[0][0] as MenuItemConstructorOptions[]);
}

function item(menu: MenuItemConstructorOptions[], top: string, label: string): MenuItemConstructorOptions {
  const submenu = menu.find((entry) => entry.label === top || entry.role === top)?.submenu as MenuItemConstructorOptions[];
  const found = submenu.find((entry) => entry.label === label);
  if (!found) throw new Error(`no ${top} › ${label}`);
  return found;
}

describe('application menu', () => {
  it('sends the File commands to the renderer', () => {
    const window = new FakeBrowserWindow({ width: 1, height: 1 });
    setupMenu({ window: window as never, appName: 'Swarmscope', isPackaged: true, showAbout: () => undefined });
    const menu = installedMenu();
    for (const label of ['Open logs…', 'Open case…', 'Save case as…', 'Export blocklist…', 'Close case']) {
      (item(menu, 'File', label).click as () => void)();
    }
    expect(window.webContents.sent).toEqual([
      [HOST_CHANNELS.menuCommand, 'open-logs'],
      [HOST_CHANNELS.menuCommand, 'open-case'],
      [HOST_CHANNELS.menuCommand, 'save-case'],
      [HOST_CHANNELS.menuCommand, 'export-blocklist'],
      [HOST_CHANNELS.menuCommand, 'close-case'],
    ]);
    // The menu installed is the one built from this template, not some other (or none).
    expect(Menu.setApplicationMenu.mock.calls).toEqual([[Menu.buildFromTemplate.mock.results[0].value]]);
    expect(Menu.setApplicationMenu.mock.calls[0][0]).toEqual({ template: menu });
  });

  it('offers the geolocation databases in File, handled by the renderer (it shows them in the Sources tab)', () => {
    const window = new FakeBrowserWindow({ width: 1, height: 1 });
    setupMenu({ window: window as never, appName: 'Swarmscope', isPackaged: true, showAbout: () => undefined });
    (item(installedMenu(), 'File', 'Geolocation databases…').click as () => void)();
    expect(window.webContents.sent).toEqual([[HOST_CHANNELS.menuCommand, 'geo-databases']]);
  });

  it('shows About from Help', () => {
    const showAbout = vi.fn();
    setupMenu({ window: new FakeBrowserWindow({ width: 1, height: 1 }) as never, appName: 'Swarmscope', isPackaged: true, showAbout });
    (item(installedMenu(), 'help', 'About Swarmscope').click as () => void)();
    expect(showAbout).toHaveBeenCalledTimes(1);
  });

  it('offers developer tools only in unpackaged builds', () => {
    const roles = (isPackaged: boolean) => {
      Menu.buildFromTemplate.mockClear();
      setupMenu({ window: new FakeBrowserWindow({ width: 1, height: 1 }) as never, appName: 'Swarmscope', isPackaged, showAbout: () => undefined });
      const view = installedMenu().find((entry) => entry.label === 'View')!.submenu as MenuItemConstructorOptions[];
      return view.map((entry) => entry.role).filter(Boolean);
    };
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('sends nothing to a closed window', () => {
    const window = new FakeBrowserWindow({ width: 1, height: 1 });
    setupMenu({ window: window as never, appName: 'Swarmscope', isPackaged: true, showAbout: () => undefined });
    window.destroyed = true;
    (item(installedMenu(), 'File', 'Open logs…').click as () => void)();
    expect(window.webContents.sent).toEqual([]);
  });
});
