// Locks the app down before any window exists: every renderer sandboxed, a strict CSP on our pages, no
// navigation away, no new windows or webviews, no permissions beyond writing to the clipboard.
import { app, session, shell, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../shared/csp';
import { safeExternalUrl } from './external-links';
import type { RendererLocation } from './renderer-location';

/** Copy buttons (IPs, blocklists) need it; it only writes, and only our page can ask. */
const GRANTED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function setupSecurity(renderer: RendererLocation): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, renderer));
  void app.whenReady().then(() => hardenSession(session.defaultSession, renderer));
}

/** In dev the page talks to the dev server's HMR socket; the built page needs nothing beyond itself. */
function pageCsp(renderer: RendererLocation): string {
  if (renderer.kind !== 'dev') return contentSecurityPolicy();
  const dev = new URL(renderer.url);
  return contentSecurityPolicy([`${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`]);
}

export function hardenSession(ses: Session, renderer: RendererLocation): void {
  const csp = pageCsp(renderer);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Replace, not add to, any policy the response came with, whatever the header's case.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });

  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(GRANTED_PERMISSIONS.has(permission) && renderer.isOurPage(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((contents, permission, _requestingOrigin, details) => {
    // The frame's address (or its window's) says whether the request comes from our page.
    const url = details.requestingUrl ?? contents?.getURL() ?? '';
    return GRANTED_PERMISSIONS.has(permission) && renderer.isOurPage(url);
  });
  ses.setDevicePermissionHandler(() => false);
}

/** Navigations within the page itself (its own address with another query or fragment) are all we allow. */
export function hardenWebContents(contents: WebContents, renderer: RendererLocation): void {
  const refuseLeavingPage = (event: { url: string; preventDefault(): void }): void => {
    if (!renderer.isOurPage(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseLeavingPage);
  contents.on('will-frame-navigate', refuseLeavingPage);
  contents.on('will-redirect', refuseLeavingPage);

  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}
