// Where the window's page comes from, and how to recognise it again when a frame sends IPC or navigates.
// Only two sources exist: the built renderer file, or (unpackaged, during `electron-vite dev`) the dev
// server on this machine. Nothing remote is ever loaded.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  kind: 'file' | 'dev';
  /** The address the window loads. */
  url: string;
  /** The built index.html, for `loadFile` (file kind only). */
  filePath: string | null;
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
      filePath: null,
      isOurPage: (url) => parse(url)?.origin === dev.origin,
    };
  }
  const filePath = join(options.mainDir, '..', 'renderer', 'index.html');
  const fileUrl = pathToFileURL(filePath);
  return {
    kind: 'file',
    url: fileUrl.href,
    filePath,
    isOurPage: (url) => {
      const candidate = parse(url);
      return candidate?.protocol === 'file:' && candidate.host === fileUrl.host && candidate.pathname === fileUrl.pathname;
    },
  };
}
