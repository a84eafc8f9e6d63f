// The web host: the built renderer over HTTP and the engine over a WebSocket, on 127.0.0.1 only, for
// logs that live on a headless server (reached through an SSH tunnel) or for the browser end-to-end tests.
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { IngestOptions, IngestResult } from '../shared/api';
import { contentSecurityPolicy } from '../shared/csp';
import type { EngineHandle } from '../shared/engine-handle';
import type { CaseDownload } from '../shared/ws-protocol';
import { SERVE_FOLDER_PREFIX, UPLOADS_FOLDER } from '../shared/upload-folders';
import { hasOwnHost, hasOwnOrigin, newToken, queryToken, tokenMatches } from './request-guard';
import { serveStatic } from './static-files';
import { serveSession } from './ws-session';

export const WS_PATH = '/ws';
/** Bounds the memory one frame can take; the page sends files in 1 MiB chunks. */
export const WS_MAX_PAYLOAD = 16 * 1024 * 1024;
const DOWNLOAD_PREFIX = '/download/';
const CASE_FILE_NAME = 'case.swarmscope';
const REFUSALS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

export interface StartServerOptions {
  engine: EngineHandle;
  /** 0 or absent: any free port. */
  port?: number;
  host?: '127.0.0.1';
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Absolute paths to ingest as soon as the host listens. */
  paths?: string[];
  ingestOptions?: IngestOptions;
}

export interface RunningServer {
  /** The page address, token included: `http://127.0.0.1:PORT/?token=...` */
  url: string;
  token: string;
  port: number;
  /** The ingest of `paths` (null without paths). */
  initialIngest: Promise<IngestResult | null>;
  close(): Promise<void>;
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    // The page address holds the token: never pass it on as a referrer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { engine, rendererDir } = options;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` first.`);
  }
  const token = newToken();
  const workDir = await mkdtemp(join(tmpdir(), SERVE_FOLDER_PREFIX));
  const downloads = new Map<string, { path: string; fileName: string }>();
  let port = 0;
  let headers: Record<string, string> = {};

  const serveDownload = (request: IncomingMessage, response: ServerResponse): void => {
    const id = new URL(request.url ?? '/', 'http://host').pathname.slice(DOWNLOAD_PREFIX.length);
    const download = downloads.get(id);
    downloads.delete(id);
    if (!download || request.method !== 'GET') {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${download.fileName}"`,
      'Cache-Control': 'no-store',
    });
    createReadStream(download.path).on('error', () => response.destroy()).pipe(response);
  };

  const server = createServer((request, response) => {
    if (!hasOwnHost(request, port)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    if (request.url?.startsWith(DOWNLOAD_PREFIX)) return serveDownload(request, response);
    serveStatic(rendererDir, request, response, headers).catch(() => {
      if (!response.headersSent) response.writeHead(500, headers);
      response.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const status = path !== WS_PATH ? 404
      : !hasOwnHost(request, port) || !hasOwnOrigin(request, port) ? 403
        : !tokenMatches(queryToken(request), token) ? 401
          : 0;
    if (status !== 0) {
      socket.end(`HTTP/1.1 ${status} ${REFUSALS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      serveSession(ws, {
        engine,
        uploadsDir: join(workDir, UPLOADS_FOLDER),
        saveCaseDownload: async (): Promise<CaseDownload> => {
          // Saved under the name the browser downloads it as: the case's path, which the page's top bar names
          // the case by, then is that name (it said case.swarmscope for swarmscope-2023-01-09-to-….swarmscope).
          const extent = await engine.caseInfo();
          const fileName = extent.firstDay && extent.lastDay ? `swarmscope-${extent.firstDay}-to-${extent.lastDay}.swarmscope` : CASE_FILE_NAME;
          const path = join(workDir, fileName);
          const info = await engine.saveCase(path);
          const id = newToken();
          downloads.set(id, { path, fileName });
          return { info, href: `${DOWNLOAD_PREFIX}${id}`, fileName };
        },
      });
    });
  });

  const stopEvents = engine.onEvent((event) => {
    const frame = JSON.stringify({ event });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = securityHeaders(port);

  const initialIngest = options.paths?.length
    ? engine.ingest(options.paths, options.ingestOptions)
    : Promise.resolve(null);
  // Marks the promise handled: the caller decides whether to wait for it, a failure is not a crash.
  initialIngest.catch(() => undefined);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopEvents();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(workDir, { recursive: true, force: true });
    })();
    return closing;
  };

  return { url: `http://127.0.0.1:${port}/?token=${token}`, token, port, initialIngest, close };
}
