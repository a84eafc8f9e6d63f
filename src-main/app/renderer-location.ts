// Where the window's page comes from, and how to recognise it again when a frame sends IPC or navigates.
// Only two sources exist: the built renderer, served from the app's own `app://swarmscope/` scheme, or
// (unpackaged, during `electron-vite dev`) the dev server on this machine. Nothing remote is ever loaded.
//
// Why a scheme of our own rather than file://: a file:// page has an opaque origin, so 'self' in the CSP
// matches nothing useful and module workers (the map's) cannot start; app://swarmscope is a real, secure
// origin that holds the renderer's files and nothing else.
import { join } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'swarmscope';
const PAGE_PATH = '/index.html';

export interface RendererLocation {
  kind: 'app' | 'dev';
  /** The address the window loads. */
  url: string;
  /** The folder the app:// scheme serves (app kind only). */
  rendererDir: string | null;
  /** True when `url` is our page (any query or fragment). */
  isOurPage(url: string): boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A dev-server address electron-vite gives us, accepted only when it points at this machine. */
function loopbackDevUrl(devUrl: string | undefined): URL | null {
  const url = devUrl ? parse(devUrl) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  return LOOPBACK_HOSTS.has(url.hostname) ? url : null;
}

export function rendererLocation(options: {
  /** The folder holding the main bundle (out/main). */
  mainDir: string;
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devUrl: string | undefined;
}): RendererLocation {
  const dev = options.isPackaged ? null : loopbackDevUrl(options.devUrl);
  if (dev) {
    return {
      kind: 'dev',
      url: dev.href,
      rendererDir: null,
      isOurPage: (url) => parse(url)?.origin === dev.origin,
    };
  }
  return {
    kind: 'app',
    url: `${APP_SCHEME}://${APP_HOST}${PAGE_PATH}`,
    rendererDir: join(options.mainDir, '..', 'renderer'),
    isOurPage: (url) => {
      const candidate = parse(url);
      return candidate?.protocol === `${APP_SCHEME}:` && candidate.host === APP_HOST && candidate.pathname === PAGE_PATH;
    },
  };
}
