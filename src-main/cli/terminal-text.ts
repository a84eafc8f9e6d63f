// Log content and file names printed on the terminal.

/**
 * Text from a log (or a file name) as it may go to a terminal: control characters, with which a hostile line
 * could move the cursor, rewrite what was printed or retitle the window, are shown as `\xNN`; a long sample
 * is cut.
 */
export function terminalSafe(text: string, max = Number.POSITIVE_INFINITY): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
