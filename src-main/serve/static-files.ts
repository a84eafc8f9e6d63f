// Serves the built renderer folder and nothing outside it: the request path is decoded once, must not
// climb out with `..` (plain or encoded), and the file it names must really lie inside the folder after
// symbolic links are followed.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, join, relative, sep } from 'node:path';
import { contentTypeFor } from '../shared/content-types';

/** The file under `root` that `urlPath` names, or null when it names nothing we may serve. */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const realRoot = await realpath(root);
  const wanted = segments.length === 0 ? 'index.html' : segments.join(sep);
  let real: string;
  try {
    real = await realpath(join(realRoot, wanted));
  } catch {
    return null;
  }
  const inside = relative(realRoot, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  const kind = await stat(real);
  return kind.isFile() ? real : null;
}

export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  const urlPath = new URL(request.url ?? '/', 'http://host').pathname;
  const file = await resolveStaticFile(root, urlPath);
  if (!file) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const { size } = await stat(file);
  const type = contentTypeFor(file);
  response.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(size),
    // The page carries the session token in its address; it must always come fresh from the host.
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).on('error', () => response.destroy()).pipe(response);
}
