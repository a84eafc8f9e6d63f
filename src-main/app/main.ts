// Electron main: a short list of setup steps. Each step lives in its own module.
import { app, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngine } from '../engine/worker/engine-client';
import { PRODUCT_NAME, aboutInfo, appIdentity, showAboutDialog } from './about';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { setupDialogs } from './dialogs';
import { setupEngine } from './engine';
import { setupIpc } from './ipc';
import { setupMenu } from './menu';
import { rendererLocation } from './renderer-location';
import { setupSecurity } from './security';
import { setupSingleInstance } from './single-instance';
import { ourMainFrameOnly } from './trusted-ipc';
import { askBeforeClosingUnsaved } from './unsaved-close';
import { setupWindow } from './window';

const mainFile = fileURLToPath(import.meta.url);
const mainDir = dirname(mainFile);
const renderer = rendererLocation({ mainDir, isPackaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL });
let mainWindow: BrowserWindow | null = null;

if (!setupSingleInstance(() => mainWindow)) {
  app.quit();
} else {
  setupSecurity(renderer);
  registerAppScheme();
  // One window, one case: closing it ends the app on every platform.
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    if (renderer.rendererDir) setupAppProtocol(renderer.rendererDir);
    const engine = setupEngine(() => startEngine());
    const window = setupWindow({
      renderer,
      preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      title: PRODUCT_NAME,
      devTools: !app.isPackaged,
    });
    mainWindow = window;
    askBeforeClosingUnsaved({ window, engine });
    const isTrusted = ourMainFrameOnly(window, renderer);
    const about = () => aboutInfo(engine, appIdentity(mainFile));
    setupIpc({ engine, window, isTrusted, about });
    setupDialogs({ engine, window, isTrusted });
    setupMenu({
      window,
      appName: PRODUCT_NAME,
      isPackaged: app.isPackaged,
      showAbout: () => void about().then((info) => showAboutDialog(window, info)),
    });
  });
}
