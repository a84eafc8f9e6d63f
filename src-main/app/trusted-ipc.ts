// IPC handlers answer our window's top frame showing our page, and nothing else: not a subframe, not
// another window, not a page the window was somehow navigated to.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { RendererLocation } from './renderer-location';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function ourMainFrameOnly(window: BrowserWindow, renderer: RendererLocation): SenderCheck {
  return (event) => {
    if (window.isDestroyed()) return false;
    const contents = window.webContents;
    const frame = event.senderFrame;
    if (event.sender !== contents || !frame || frame.parent !== null) return false;
    const mainFrame = contents.mainFrame;
    return frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId &&
      renderer.isOurPage(frame.url);
  };
}

/** ipcMain.handle, refusing senders that fail the check before the handler sees any argument. */
export function handleTrusted(
  channel: string,
  isTrusted: SenderCheck,
  handler: (...args: unknown[]) => unknown,
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    if (!isTrusted(event)) throw new Error(`${channel}: refused, not sent by the Swarmscope window`);
    return handler(...args);
  });
}

/** Refuses calls with a different number of arguments than the channel takes. */
export function expectArgs(channel: string, args: readonly unknown[], count: number): void {
  if (args.length !== count) throw new Error(`${channel}: expected ${count} arguments, got ${args.length}`);
}
