// Starts the engine and makes quitting wait until its worker has stopped, so a case being written is not
// cut off half way.
import { app } from 'electron';
import type { EngineHandle } from '../shared/engine-handle';

export function setupEngine(start: () => EngineHandle): EngineHandle {
  const engine = start();
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    stopped = true;
    event.preventDefault();
    engine.terminate()
      .catch((error: unknown) => console.error(`The engine did not stop cleanly: ${String(error)}`))
      .finally(() => app.quit());
  });
  return engine;
}
