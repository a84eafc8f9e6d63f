// Where a logged value (a user name, a password) may wrap in a narrow column: after the characters that
// separate its parts (`webmaster@` `example.` `com`), rather than anywhere (`webmaster@exa` `mple.com`).
// A run longer than `longest` without one is cut into pieces of that length, so one long password cannot
// push the table wider than its panel.

/** After these a line may end: the separators of addresses, domains, paths and user names. */
const AFTER = new Set(['@', '.', '-', '_', '/', '\\', '+', ':', ',', ';', '=', '&', '?', '!', '|']);

export function breakPoints(text: string, longest = 20): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of text) {
    current += char;
    if (AFTER.has(char) || /\s/.test(char) || [...current].length >= longest) {
      parts.push(current);
      current = '';
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}
