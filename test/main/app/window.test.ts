import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rendererLocation } from '../../../src-main/app/renderer-location';
import { DEFAULT_WINDOW_STATE, fitToScreens, readWindowState } from '../../../src-main/app/window-state';
import { FakeBrowserWindow, resetFakeElectron, screen } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { setupWindow } = await import('../../../src-main/app/window');

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };
let userData: string;

beforeEach(() => {
  resetFakeElectron();
  userData = mkdtempSync(join(tmpdir(), 'swarmscope-window-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(userData, { recursive: true, force: true });
});

describe('window state', () => {
  it('falls back to the default when nothing was saved or the file is damaged', () => {
    expect(readWindowState(join(userData, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(userData, 'broken.json'), '{"width": 1200, "height"');
    expect(readWindowState(join(userData, 'broken.json'))).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(userData, 'nonsense.json'), JSON.stringify({ width: -5, height: 'tall' }));
    expect(readWindowState(join(userData, 'nonsense.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a saved place that is still on a screen', () => {
    expect(fitToScreens({ x: 1600, y: 40, width: 1400, height: 1000, maximized: false }, [laptop, external]))
      .toEqual({ x: 1600, y: 40, width: 1400, height: 1000, maximized: false });
  });

  it('drops a place on a screen that was unplugged, and shrinks to the largest screen left', () => {
    expect(fitToScreens({ x: 1600, y: 40, width: 2400, height: 1300, maximized: true }, [laptop]))
      .toEqual({ width: 1440, height: 900, maximized: true });
  });

  it('never goes below the minimum size', () => {
    expect(fitToScreens({ width: 200, height: 100, maximized: false }, [laptop])).toEqual({ width: 800, height: 560, maximized: false });
  });
});

describe('setupWindow', () => {
  const renderer = rendererLocation({ mainDir: '/opt/app/out/main', isPackaged: true, devUrl: undefined });

  it('creates the window with locked-down web preferences and our preload', () => {
    setupWindow({ renderer, preloadPath: '/opt/app/out/preload/index.cjs', stateFile: join(userData, 'window-state.json') });
    const [window] = FakeBrowserWindow.instances;
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('allows developer tools only when the caller says so (unpackaged builds)', () => {
    setupWindow({ renderer, preloadPath: '/p.cjs', stateFile: join(userData, 'window-state.json'), devTools: true });
    expect(FakeBrowserWindow.instances[0].options.webPreferences).toMatchObject({ devTools: true });
  });

  it('loads the built renderer from the app:// scheme, never a remote address', () => {
    setupWindow({ renderer, preloadPath: '/p.cjs', stateFile: join(userData, 'window-state.json') });
    expect(FakeBrowserWindow.instances[0].loaded).toEqual({ url: 'app://swarmscope/index.html' });
  });

  it('loads the dev server in development', () => {
    const dev = rendererLocation({ mainDir: '/src/out/main', isPackaged: false, devUrl: 'http://localhost:5173' });
    setupWindow({ renderer: dev, preloadPath: '/p.cjs', stateFile: join(userData, 'window-state.json') });
    expect(FakeBrowserWindow.instances[0].loaded).toEqual({ url: 'http://localhost:5173/' });
  });

  it('reopens where it was closed, maximised again if it was', () => {
    const stateFile = join(userData, 'window-state.json');
    screen.getAllDisplays.mockReturnValue([{ workArea: laptop }, { workArea: external }]);
    const first = setupWindow({ renderer, preloadPath: '/p.cjs', stateFile });
    const window = FakeBrowserWindow.instances[0];
    expect(first).toBe(window);
    window.normalBounds = { x: 1700, y: 60, width: 1500, height: 950 };
    window.maximized = true;
    window.emit('close');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ x: 1700, y: 60, width: 1500, height: 950, maximized: true });

    setupWindow({ renderer, preloadPath: '/p.cjs', stateFile });
    const second = FakeBrowserWindow.instances[1];
    expect(second.options).toMatchObject({ x: 1700, y: 60, width: 1500, height: 950 });
    expect(second.maximized).toBe(true);
  });

  it('saves after moves and resizes settle, not on every event', () => {
    vi.useFakeTimers();
    const stateFile = join(userData, 'window-state.json');
    setupWindow({ renderer, preloadPath: '/p.cjs', stateFile });
    const window = FakeBrowserWindow.instances[0];
    for (let x = 100; x < 140; x += 10) {
      window.normalBounds = { ...window.normalBounds, x };
      window.emit('move');
    }
    expect(() => readFileSync(stateFile)).toThrow();
    vi.runAllTimers();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ x: 130 });
  });

  it('shows the window once its page is ready', () => {
    setupWindow({ renderer, preloadPath: '/p.cjs', stateFile: join(userData, 'window-state.json') });
    const window = FakeBrowserWindow.instances[0];
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });
});
