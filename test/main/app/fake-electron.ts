// A stand-in for the parts of Electron the shell uses, recording what the code under test asks of it.
// Tests mock 'electron' with this module: `vi.mock('electron', async () => (await import('./fake-electron')).electron)`.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcHandlers = new Map<string, IpcHandler>();

export class FakeFrame {
  constructor(
    public url: string,
    public processId = 7,
    public routingId = 1,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url);
  }

  send(channel: string, value: unknown): void {
    this.sent.push([channel, value]);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents('app://swarmscope/index.html');
  destroyed = false;
  maximized = false;
  shown = false;
  loaded: { file?: string; url?: string } = {};
  normalBounds: { x: number; y: number; width: number; height: number };

  constructor(public options: Record<string, unknown> & { x?: number; y?: number; width: number; height: number }) {
    super();
    this.normalBounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    FakeBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean { return this.destroyed; }
  loadFile(file: string): Promise<void> { this.loaded = { file }; return Promise.resolve(); }
  loadURL(url: string): Promise<void> { this.loaded = { url }; return Promise.resolve(); }
  getNormalBounds() { return { ...this.normalBounds }; }
  isMaximized(): boolean { return this.maximized; }
  maximize(): void { this.maximized = true; }
  show(): void { this.shown = true; }
}

type Listener = (...args: any[]) => any;

function fakeSession() {
  const ses = {
    headersListener: null as null | Listener,
    permissionRequestHandler: null as null | Listener,
    permissionCheckHandler: null as null | Listener,
    devicePermissionHandler: null as null | Listener,
    webRequest: {
      onHeadersReceived(listener: Listener) { ses.headersListener = listener; },
    },
    setPermissionRequestHandler(handler: Listener) { ses.permissionRequestHandler = handler; },
    setPermissionCheckHandler(handler: Listener) { ses.permissionCheckHandler = handler; },
    setDevicePermissionHandler(handler: Listener) { ses.devicePermissionHandler = handler; },
  };
  return ses;
}

export const session = { defaultSession: fakeSession() };

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  getPath: vi.fn((name: string) => `/home/analyst/${name}`),
  getVersion: vi.fn(() => '0.1.0'),
  quit: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
});

export const ipcMain = {
  handle: vi.fn((channel: string, handler: IpcHandler) => {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
  }),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({ canceled: true, filePaths: [] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
};

// Preload side.
export const exposed = new Map<string, unknown>();
export const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) };
export const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined) });
export const webUtils = { getPathForFile: vi.fn((_file: unknown) => '') };

export function resetFakeElectron(): void {
  ipcHandlers.clear();
  FakeBrowserWindow.instances = [];
  session.defaultSession = fakeSession();
  app.removeAllListeners();
  app.isPackaged = false;
  exposed.clear();
  ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
}

export const electron = {
  app, ipcMain, session, shell, dialog, Menu, screen, BrowserWindow: FakeBrowserWindow, contextBridge, ipcRenderer, webUtils,
};

/** Calls a registered ipcMain.handle handler as Electron would. */
export async function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
}

/** The IPC event our window's top frame produces. */
export function eventFrom(window: FakeBrowserWindow, frame: FakeFrame = window.webContents.mainFrame): unknown {
  return { sender: window.webContents, senderFrame: frame };
}
