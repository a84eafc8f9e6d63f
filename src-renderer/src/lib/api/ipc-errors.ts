// Electron rejects ipcRenderer.invoke with its own wrapping of what the main process threw:
// "Error invoking remote method 'engine:setGeoDatabases': Error: /x/bad.mmdb is not a MaxMind database…".
// The user is shown the message the engine or main wrote (error toasts, dialogs), not the channel it came by.

const WRAPPING = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

/** The error with Electron's wrapping taken off its message (the same error when it has none). */
export function unwrapIpcError(error: unknown): unknown {
  if (!(error instanceof Error) || !WRAPPING.test(error.message)) return error;
  return new Error(error.message.replace(WRAPPING, ''));
}

/** `call`'s answer, or its rejection with Electron's wrapping taken off. */
export async function unwrapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw unwrapIpcError(error);
  }
}
