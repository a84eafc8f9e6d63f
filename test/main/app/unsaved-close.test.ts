// The window's close button (and Cmd+Q, Alt+F4) with a case whose changes are not saved: the user is asked,
// and the window stays unless they choose to quit without saving.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseInfo, EngineApi } from '../../../src-main/shared/api';
import { FakeBrowserWindow, dialog, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { askBeforeClosingUnsaved, ENGINE_ANSWER_MS } = await import('../../../src-main/app/unsaved-close');

const CASE: CaseInfo = {
  path: '/cases/mail-2023.swarmscope', unsaved: true, attempts: 14_263, logins: 0, ips: 3_702,
  firstDay: '2023-01-09', lastDay: '2023-11-24', sources: [], unread: [], geo: [], startYear: null,
};

/** A window that closes as Electron's does: 'close' first, and only when no listener prevents it. */
class ClosingWindow extends FakeBrowserWindow {
  closes = 0;
  close(): void {
    this.closes++;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
  }
}

let window: ClosingWindow;
beforeEach(() => {
  resetFakeElectron();
  window = new ClosingWindow({ width: 1280, height: 800 });
});
afterEach(() => vi.useRealTimers());

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function guard(caseInfo: EngineApi['caseInfo']): void {
  askBeforeClosingUnsaved({ window: window as never, engine: { caseInfo } });
}

describe('closing the window', () => {
  it('closes at once when the case is saved', async () => {
    guard(async () => ({ ...CASE, unsaved: false }));
    window.close();
    await settle();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(window.destroyed).toBe(true);
  });

  it('asks when the case has unsaved changes, and stays open on Cancel', async () => {
    guard(async () => CASE);
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    window.close();
    expect(window.destroyed).toBe(false);
    await settle();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const options = dialog.showMessageBox.mock.calls[0][1] as { buttons: string[]; cancelId: number; defaultId: number; message: string };
    // A sheet on this window, whose other button (the answer 0 below) says what it does.
    expect(dialog.showMessageBox.mock.calls[0][0]).toBe(window);
    expect(options.buttons).toEqual(['Quit without saving', 'Cancel']);
    expect(options.buttons[options.cancelId]).toBe('Cancel');
    expect(options.defaultId).toBe(options.cancelId);
    expect(options.message).toBe('The case has changes that are not saved.');
    expect(window.destroyed).toBe(false);

    // Asked again next time, and this time the user quits.
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    window.close();
    await settle();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(window.destroyed).toBe(true);
  });

  it('asks once however often close is pressed while the question is open', async () => {
    guard(async () => CASE);
    let answer: (value: { response: number }) => void = () => undefined;
    dialog.showMessageBox.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    window.close();
    await settle();
    window.close();
    window.close();
    await settle();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    answer({ response: 0 });
    await settle();
    expect(window.destroyed).toBe(true);
  });

  it('asks anyway when the engine does not answer in time, and closes when the engine has failed', async () => {
    vi.useFakeTimers();
    guard(() => new Promise(() => undefined));
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    window.close();
    await vi.advanceTimersByTimeAsync(ENGINE_ANSWER_MS + 1);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect((dialog.showMessageBox.mock.calls[0][1] as { message: string }).message).toBe('The case may have changes that are not saved.');
    expect(window.destroyed).toBe(false);
    vi.useRealTimers();

    const other = new ClosingWindow({ width: 800, height: 600 });
    askBeforeClosingUnsaved({ window: other as never, engine: { caseInfo: () => Promise.reject(new Error('engine exited')) } });
    other.close();
    await settle();
    expect(other.destroyed).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });
});
