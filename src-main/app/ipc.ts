// Engine calls from the renderer, and the host calls that need no dialog. Every handler checks the sender,
// then the arguments, before anything reaches the engine or the operating system.
import { shell, type BrowserWindow } from 'electron';
import type { AboutInfo } from '../shared/bridge';
import { ENGINE_METHODS, HOST_CHANNELS, engineChannel } from '../shared/channels';
import type { EngineHandle } from '../shared/engine-handle';
import { callEngineForPage } from '../shared/page-calls';
import { checkDroppedPaths } from './dropped-paths';
import { safeExternalUrl } from './external-links';
import { expectArgs, handleTrusted, type SenderCheck } from './trusted-ipc';

export function setupIpc(options: {
  engine: EngineHandle;
  window: BrowserWindow;
  isTrusted: SenderCheck;
  about: () => Promise<AboutInfo>;
}): void {
  const { engine, window, isTrusted } = options;

  for (const method of ENGINE_METHODS) {
    handleTrusted(engineChannel(method), isTrusted, (...args) => callEngineForPage(engine, method, args));
  }

  handleTrusted(HOST_CHANNELS.ingestDroppedPaths, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.ingestDroppedPaths, args, 1);
    return engine.ingest(await checkDroppedPaths(args[0]));
  });

  handleTrusted(HOST_CHANNELS.openExternal, isTrusted, async (...args) => {
    expectArgs(HOST_CHANNELS.openExternal, args, 1);
    const url = safeExternalUrl(args[0]);
    if (!url) return false;
    await shell.openExternal(url);
    return true;
  });

  handleTrusted(HOST_CHANNELS.about, isTrusted, (...args) => {
    expectArgs(HOST_CHANNELS.about, args, 0);
    return options.about();
  });

  const stopForwarding = engine.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(HOST_CHANNELS.engineEvent, event);
  });
  window.once('closed', stopForwarding);
}
