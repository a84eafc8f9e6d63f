// The app:// scheme that serves the built renderer (see renderer-location.ts for why). It answers only
// for files inside the renderer folder, with their content type and the app's CSP, and 404 otherwise.
import { readFile } from 'node:fs/promises';
import { normalize, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { contentTypeFor } from '../shared/content-types';
import { contentSecurityPolicy } from '../shared/csp';
import { APP_HOST, APP_SCHEME } from './renderer-location';

/** Must run before the app is ready: a standard, secure scheme gets a real origin and module workers. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The file an app:// address names inside `rendererDir`, or null for anything else (other hosts, `..`). */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = normalize(resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`));
  return file.startsWith(root + sep) ? file : null;
}

export function setupAppProtocol(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
