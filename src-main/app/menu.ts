// The application menu. Items that start a workflow in the page are forwarded to the renderer as menu
// commands; About is a native dialog.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/bridge';
import { HOST_CHANNELS } from '../shared/channels';

export function menuTemplate(options: {
  appName: string;
  isMac: boolean;
  isPackaged: boolean;
  sendCommand(command: MenuCommand): void;
  showAbout(): void;
}): MenuItemConstructorOptions[] {
  const { sendCommand } = options;
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions =>
    ({ label, accelerator, click: () => sendCommand(name) });

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('Open logs…', 'open-logs', 'CmdOrCtrl+O'),
      command('Open case…', 'open-case', 'CmdOrCtrl+Shift+O'),
      command('Save case as…', 'save-case', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      command('Geolocation databases…', 'geo-databases'),
      { type: 'separator' },
      command('Export blocklist…', 'export-blocklist', 'CmdOrCtrl+E'),
      { type: 'separator' },
      command('Close case', 'close-case'),
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Clear selection', 'clear-selection'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${options.appName}`, click: () => options.showAbout() }],
  };
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}

export function setupMenu(options: { window: BrowserWindow; appName: string; isPackaged: boolean; showAbout(): void }): void {
  const { window } = options;
  const template = menuTemplate({
    appName: options.appName,
    isMac: process.platform === 'darwin',
    isPackaged: options.isPackaged,
    showAbout: options.showAbout,
    sendCommand: (command) => {
      if (!window.isDestroyed()) window.webContents.send(HOST_CHANNELS.menuCommand, command);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
