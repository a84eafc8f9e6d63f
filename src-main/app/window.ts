// The one main window: hardened web preferences, our page only, size and place remembered in userData.
import { BrowserWindow, screen } from 'electron';
import type { RendererLocation } from './renderer-location';
import {
  MIN_WINDOW_SIZE, fitToScreens, readWindowState, writeWindowState, type WindowState,
} from './window-state';

/** Waits this long after the last move or resize before saving, so dragging does not write on every pixel. */
const SAVE_DELAY_MS = 500;

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

export function setupWindow(options: {
  renderer: RendererLocation;
  preloadPath: string;
  /** userData/window-state.json */
  stateFile: string;
  title?: string;
  /** Developer tools: for unpackaged builds only; a packaged app's page cannot open them at all. */
  devTools?: boolean;
}): BrowserWindow {
  const saved = fitToScreens(
    readWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    x: saved.x,
    y: saved.y,
    width: saved.width,
    height: saved.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: options.title ?? 'Swarmscope',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: options.devTools ?? false, preload: options.preloadPath },
  });
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  rememberPlace(window, options.stateFile);
  void loadRenderer(window, options.renderer);
  return window;
}

function loadRenderer(window: BrowserWindow, renderer: RendererLocation): Promise<void> {
  return window.loadURL(renderer.url);
}

function currentState(window: BrowserWindow): WindowState {
  // Normal bounds: what the window returns to when un-maximised, which is what the next start should use.
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

function rememberPlace(window: BrowserWindow, stateFile: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    try {
      writeWindowState(stateFile, currentState(window));
    } catch (error) {
      console.warn(`Could not remember the window's place: ${String(error)}`);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
}
