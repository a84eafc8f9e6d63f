// Log content and file names printed on the terminal.

/**
 * Text from a log (or a file name) as it may go to a terminal: control characters, with which a hostile line
 * could move the cursor, rewrite what was printed or retitle the window, are shown as `\xNN`.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
