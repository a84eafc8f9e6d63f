// One Swarmscope at a time: a second start focuses the running window instead of opening another engine.
import { app, type BrowserWindow } from 'electron';

/** False when another instance already runs; this one should then quit. */
export function setupSingleInstance(currentWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = currentWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
}
