import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEngine } from '../fake-engine';
import { app, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { setupEngine } = await import('../../../src-main/app/engine');

beforeEach(() => resetFakeElectron());

describe('setupEngine', () => {
  it('holds quitting until the engine worker has stopped, then quits', async () => {
    const engine = fakeEngine();
    let finishTermination!: () => void;
    engine.terminate = () => new Promise<void>((done) => { finishTermination = () => { engine.terminated = true; done(); }; });
    expect(setupEngine(() => engine)).toBe(engine);

    const quitEvent = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('will-quit', quitEvent);
    expect(quitEvent.defaultPrevented).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();

    finishTermination();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));

    const secondQuit = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('will-quit', secondQuit);
    expect(secondQuit.defaultPrevented).toBe(false);
  });
});
