// File names suggested by the renderer (derived from case data, so possibly attacker-shaped) reduced to a
// plain name: no folders, no characters Windows or macOS refuse, no control characters.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const MAX_NAME_LENGTH = 200;

export function safeFileName(suggested: unknown, fallback = 'export.txt'): string {
  if (typeof suggested !== 'string') return fallback;
  const lastPart = suggested.split(/[/\\]/).pop() ?? '';
  const name = lastPart.replace(FORBIDDEN, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, MAX_NAME_LENGTH);
  return name || fallback;
}

/** The extension without its dot, lower case, or null. */
export function extensionOf(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1].toLowerCase() : null;
}
