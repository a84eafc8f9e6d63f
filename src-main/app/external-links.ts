// The only addresses the app hands to the operating system's browser: the links the app itself names (the
// sources and licences of its bundled data), as plain http(s) without credentials. Anything else (another
// site a page script makes up, file:, javascript:, custom schemes that launch programs) is refused.
const MAX_URL_LENGTH = 2048;

/** Where the bundled data comes from and its licences, which the About box and the Sources tab credit. Add a link here when the app shows it. */
export const SHOWN_LINKS: ReadonlySet<string> = new Set([
  'https://github.com/sapics/ip-location-db',
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'https://creativecommons.org/licenses/by/4.0/',
  'https://www.nro.net/',
  'https://www.naturalearthdata.com/',
  'https://github.com/topojson/world-atlas',
]);

export function safeExternalUrl(candidate: unknown, shown: ReadonlySet<string> = SHOWN_LINKS): string | null {
  if (typeof candidate !== 'string' || candidate.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return shown.has(url.href) ? url.href : null;
}
