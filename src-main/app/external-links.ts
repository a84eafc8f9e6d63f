// The only addresses the app hands to the operating system's browser: plain http(s) links without
// credentials. Anything else (file:, javascript:, custom schemes that launch programs) is refused.
const MAX_URL_LENGTH = 2048;

export function safeExternalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}
