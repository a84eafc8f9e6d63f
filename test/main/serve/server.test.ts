import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Selection } from '../../../src-main/shared/api';
import type { CaseDownload } from '../../../src-main/shared/ws-protocol';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { fakeEngine, type FakeEngine } from '../fake-engine';
import { INDEX_HTML, makeRendererFixture } from './renderer-fixture';

// The shared vitest config adds the `browser` condition (for Svelte) to every project, even to node's
// own resolution, which maps `ws` to its browser stub. The host is node code: give it (and this test's
// client) ws's node build by file path, which export conditions do not touch.
vi.mock('ws', async () => {
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  const require = createRequire(import.meta.url);
  const ws = require(join(dirname(require.resolve('ws/package.json')), 'index.js'));
  return { default: ws, WebSocket: ws.WebSocket, WebSocketServer: ws.WebSocketServer };
});

// The browser's side of the protocol, run here against the real host. It belongs to the renderer's
// TypeScript project (it is DOM-free, so node runs it); importing it by a computed path keeps the node
// project from compiling renderer files, and these local types say what the test relies on.
interface UploadSource {
  relativePath: string;
  size: number;
  lastModified?: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}
interface TransferProgress { bytesSent: number; bytesTotal: number; filesDone: number; filesTotal: number; current: string | null }
interface WsTransport {
  call(method: string, args: unknown[]): Promise<unknown>;
  request(body: Record<string, unknown>): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  upload(files: UploadSource[], commit: { action: 'ingest' | 'openCase' }, onProgress?: (progress: TransferProgress) => void): Promise<unknown>;
}
const transportModule = '../../../src-renderer/src/lib/api/ws-transport';
const { WsTransport } = (await import(/* @vite-ignore */ transportModule)) as { WsTransport: new (socket: WebSocket) => WsTransport };

const fixture = makeRendererFixture();
afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

const selection: Selection = { from: '2024-03-11', to: '2024-03-13', countries: [], search: '' };
const failedLogin = (ip: string, user: string) =>
  `Mar 11 10:00:01 mx dovecot: imap-login: Disconnected: auth failed, 1 attempts in 2 secs: user=<${user}>, method=PLAIN, rip=${ip}, lip=192.0.2.1\n`;

let engine: FakeEngine;
let server: RunningServer;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  engine = fakeEngine();
  server = await startServer({ engine, rendererDir: fixture.rendererDir });
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server.close();
});

function origin(): string {
  return `http://127.0.0.1:${server.port}`;
}

/** A request exactly as written, without the normalisation fetch applies to `..`. */
function rawRequest(text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const response = Buffer.concat(chunks).toString('utf8');
      const [head, ...body] = response.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), headers: head, body: body.join('\r\n\r\n') });
    });
  });
}

const get = (path: string, host = `127.0.0.1:${server.port}`) =>
  rawRequest(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

/** Opens a socket; resolves with it once open, or with the HTTP status the upgrade was refused with. */
function openSocket(options: { token?: string | null; origin?: string | null; path?: string } = {}): Promise<WebSocket | number> {
  const token = options.token === undefined ? server.token : options.token;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const headers: Record<string, string> = {};
  const socketOrigin = options.origin === undefined ? origin() : options.origin;
  if (socketOrigin !== null) headers.Origin = socketOrigin;
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${options.path ?? '/ws'}${query}`, { headers });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

async function transport(): Promise<WsTransport> {
  const socket = await openSocket();
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
  return new WsTransport(socket);
}

function source(relativePath: string, content: Buffer | string, lastModified?: number): UploadSource {
  const blob = new Blob([content]);
  return { relativePath, size: blob.size, lastModified, slice: (start, end) => blob.slice(start, end) };
}

describe('web host: pages', () => {
  it('prints a loopback address with a fresh random token', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startServer({ engine, rendererDir: fixture.rendererDir });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('serves the page with a strict CSP and no referrer', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves assets with their content types', async () => {
    const script = await fetch(`${origin()}/assets/index-4f2a.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const wasm = await fetch(`${origin()}/assets/sql-wasm.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(Buffer.from(await wasm.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('\0asm');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/leak.txt'])(
    'does not serve %s from outside the renderer folder',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('hunter2');
    },
  );

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const response = await get('/', `attacker.example:${server.port}`);
    expect(response.status).toBe(421);
    expect(response.body).not.toContain('<div id="app">');
    expect((await get('/', `localhost:${server.port}`)).status).toBe(200);
  });

  it('answers only GET and HEAD', async () => {
    const response = await rawRequest(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(405);
  });

  it('listens on loopback only', async () => {
    const address = new URL(server.url);
    expect(address.hostname).toBe('127.0.0.1');
  });
});

describe('web host: socket admission', () => {
  it('admits the page with its token and origin', async () => {
    expect(await openSocket()).toBeInstanceOf(WebSocket);
  });

  it('refuses a socket without the token, or with a wrong one', async () => {
    expect(await openSocket({ token: null })).toBe(401);
    expect(await openSocket({ token: 'guess' })).toBe(401);
    expect(await openSocket({ token: server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A') })).toBe(401);
  });

  it('refuses a socket opened by another site, or by no page at all', async () => {
    expect(await openSocket({ origin: 'https://attacker.example' })).toBe(403);
    expect(await openSocket({ origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await openSocket({ origin: null })).toBe(403);
  });

  it('has no socket anywhere but /ws', async () => {
    expect(await openSocket({ path: '/socket' })).toBe(404);
  });
});

describe('web host: engine calls', () => {
  it('answers calls by sequence number', async () => {
    const client = await transport();
    const [info, summary] = await Promise.all([client.call('caseInfo', []), client.call('summary', [selection])]);
    expect(info).toMatchObject({ attempts: 0, geo: [{ licence: 'CC0-1.0' }] });
    expect(summary).toMatchObject({ attempts: 0 });
    expect(engine.calls.map((call) => call.method)).toEqual(['caseInfo', 'summary']);
  });

  it('refuses what is not an engine method and arguments that fail the checks', async () => {
    const client = await transport();
    await expect(client.call('terminate', [])).rejects.toThrow(/not an engine method/);
    await expect(client.call('ips', [selection, 'attempts', true, 0, 1e9])).rejects.toThrow(/limit/);
    await expect(client.call('ingest', [['relative/dovecot.log']])).rejects.toThrow(/absolute/);
    expect(engine.terminated).toBe(false);
    expect(engine.calls).toEqual([]);
  });

  it('refuses paths on the host that the page names itself', async () => {
    const client = await transport();
    await expect(client.call('saveCase', ['/tmp/planted.sqlite'])).rejects.toThrow(/cannot choose where/);
    await expect(client.call('ingest', [['/etc']])).rejects.toThrow(/cannot name files/);
    await expect(client.call('rawLines', [[{ source: '/etc/passwd', line: 1 }]])).rejects.toThrow(/not a source/);
    expect(engine.calls.map((call) => call.method).filter((method) => method !== 'caseInfo')).toEqual([]);
  });

  it('ends the session on a frame that is not JSON with a sequence number', async () => {
    const socket = (await openSocket()) as WebSocket;
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.send('{"method":"caseInfo","args":[]}');
    expect(await closed).toBe(1008);
  });

  it('pushes engine events to every open page', async () => {
    const first = await transport();
    const second = await transport();
    const seen: unknown[][] = [[], []];
    first.onEvent((event) => seen[0].push(event));
    second.onEvent((event) => seen[1].push(event));
    const progress = { type: 'progress' as const, progress: { files: [], bytesRead: 512, bytesTotal: 1024, lines: 9, attempts: 4, current: '/var/log/dovecot.log' } };
    engine.emit(progress);
    await first.call('caseInfo', []);
    await second.call('caseInfo', []);
    expect(seen).toEqual([[progress], [progress]]);
  });
});

describe('web host: uploads', () => {
  it('streams dropped files into a temporary folder, keeping their folders, and ingests the dropped items', async () => {
    const client = await transport();
    const rotated = failedLogin('203.0.113.9', 'admin').repeat(2);
    const current = failedLogin('198.51.100.23', 'info') + 'Mar 12 00:00:00 mx dovecot: master: Dovecot v2.3 starting up\n';
    const result = await client.upload([
      source('var-log/dovecot.log.1', rotated),
      source('var-log/2024/dovecot.log', current),
      source('extra.log', failedLogin('192.0.2.77', 'root')),
    ], { action: 'ingest' });

    const [call] = engine.calls;
    expect(call.method).toBe('ingest');
    const [paths] = call.args as [string[]];
    expect(paths.map((path) => relative(dirname(paths[0]), path))).toEqual(['var-log', 'extra.log']);
    const byName = new Map([...engine.ingestedText].map(([path, text]) => [relative(dirname(paths[0]), path), text]));
    expect(byName).toEqual(new Map([
      ['var-log/2024/dovecot.log', current],
      ['var-log/dovecot.log.1', rotated],
      ['extra.log', failedLogin('192.0.2.77', 'root')],
    ]));
    expect(result).toMatchObject({ attemptsAdded: 4 });
  });

  it('keeps the modification time the browser reported', async () => {
    const client = await transport();
    const lastWeek = Date.UTC(2023, 10, 19, 0, 0, 0);
    let mtime = 0;
    engine.ingest = async (paths) => {
      mtime = statSync(paths[0]).mtimeMs;
      return { sources: [], skipped: [], readBefore: [], cancelled: false, attemptsAdded: 0, loginsAdded: 0, elapsedMs: 0 };
    };
    await client.upload([source('mail.log.1', failedLogin('203.0.113.9', 'admin'), lastWeek)], { action: 'ingest' });
    expect(mtime).toBe(lastWeek);
  });

  it('sends a large file in chunks and reports progress up to the last byte', async () => {
    const client = await transport();
    const big = randomBytes(5 * 1024 * 1024 + 123);
    const updates: TransferProgress[] = [];
    let received: Buffer | null = null;
    engine.ingest = async (paths) => {
      received = readFileSync(join(paths[0]));
      return { sources: [], skipped: [], readBefore: [], cancelled: false, attemptsAdded: 0, loginsAdded: 0, elapsedMs: 0 };
    };
    await client.upload([source('dovecot.log.gz', big)], { action: 'ingest' }, (progress) => updates.push(progress));
    expect(createHash('sha256').update(received!).digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ bytesTotal: big.length, filesDone: 1, filesTotal: 1, current: null });
    expect(updates.some((update) => update.current === 'dovecot.log.gz')).toBe(true);
    for (let i = 1; i < updates.length; i++) expect(updates[i].filesDone).toBeGreaterThanOrEqual(updates[i - 1].filesDone);
  });

  it('refuses a path that climbs out of the upload folder, and writes nothing there', async () => {
    const client = await transport();
    const target = join(tmpdir(), `swarmscope-escape-${process.pid}.log`);
    await expect(client.upload([source(`${'../'.repeat(12)}${target.slice(1)}`, 'pwned')], { action: 'ingest' }))
      .rejects.toThrow(/not allowed in a path/);
    await expect(client.upload([source('/etc/cron.d/swarmscope', 'pwned')], { action: 'ingest' })).rejects.toThrow(/not a relative path/);
    expect(existsSync(target)).toBe(false);
    expect(engine.calls).toEqual([]);
  });

  it('opens an uploaded case file', async () => {
    const client = await transport();
    const info = await client.upload([source('march.swarmscope', 'SQLite format 3\0')], { action: 'openCase' });
    expect(info).toMatchObject({ path: expect.stringMatching(/march\.swarmscope$/) });
    expect(engine.calls.map((call) => call.method)).toEqual(['openCase']);
  });

  it('lets a second upload wait for the first instead of mixing their bytes', async () => {
    const client = await transport();
    const a = randomBytes(3 * 1024 * 1024);
    const b = randomBytes(2 * 1024 * 1024);
    const received: Buffer[] = [];
    engine.ingest = async (paths) => {
      received.push(readFileSync(paths[0]));
      return { sources: [], skipped: [], readBefore: [], cancelled: false, attemptsAdded: 0, loginsAdded: 0, elapsedMs: 0 };
    };
    await Promise.all([client.upload([source('a.log', a)], { action: 'ingest' }), client.upload([source('b.log', b)], { action: 'ingest' })]);
    expect(received.map((buffer) => buffer.equals(a) || buffer.equals(b))).toEqual([true, true]);
    expect(received[0].equals(a)).toBe(true);
  });

  it('refuses to commit a half-sent file, and still lets the page abort it', async () => {
    const client = await transport();
    await client.request({ upload: 'begin', relativePath: 'dovecot.log', size: 100 });
    await expect(client.request({ upload: 'commit', action: 'ingest' })).rejects.toThrow('dovecot.log is still open');
    await expect(client.request({ upload: 'end' })).rejects.toThrow('dovecot.log: received 0 of 100 bytes');
    await expect(client.request({ upload: 'abort' })).resolves.toBeNull();
    await expect(client.request({ upload: 'commit', action: 'ingest' })).rejects.toThrow('no upload in progress');
    expect(engine.calls).toEqual([]);
  });

  it('ends the session when file data arrives outside an upload', async () => {
    const socket = (await openSocket()) as WebSocket;
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.send(Buffer.from('stray bytes'));
    expect(await closed).toBe(1008);
  });

  it('removes its temporary folder on close', async () => {
    const client = await transport();
    const seen: string[] = [];
    engine.ingest = async (paths) => {
      seen.push(...paths);
      return { sources: [], skipped: [], readBefore: [], cancelled: false, attemptsAdded: 0, loginsAdded: 0, elapsedMs: 0 };
    };
    await client.upload([source('dovecot.log', failedLogin('203.0.113.9', 'admin'))], { action: 'ingest' });
    expect(existsSync(seen[0])).toBe(true);
    await server.close();
    expect(existsSync(seen[0])).toBe(false);
  });
});

describe('web host: saving the case', () => {
  it('saves the case on the host and offers it once as a download', async () => {
    const client = await transport();
    const download = (await client.request({ host: 'saveCaseDownload' })) as CaseDownload;
    expect(download.fileName).toBe('case.swarmscope');
    const response = await fetch(`${origin()}${download.href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="case.swarmscope"');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect((await fetch(`${origin()}${download.href}`)).status).toBe(404);
    expect((await fetch(`${origin()}/download/guessed-id`)).status).toBe(404);
  });

  it('saves the case under the name it is downloaded as, so the page names the case by it', async () => {
    const client = await transport();
    const unsaved = await engine.caseInfo();
    engine.caseInfo = async () => ({ ...unsaved, attempts: 14_249, firstDay: '2023-01-09', lastDay: '2023-11-24' });
    const download = (await client.request({ host: 'saveCaseDownload' })) as CaseDownload;
    expect(download.fileName).toBe('swarmscope-2023-01-09-to-2023-11-24.swarmscope');
    expect(basename(download.info.path ?? '')).toBe(download.fileName);
    const response = await fetch(`${origin()}${download.href}`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="swarmscope-2023-01-09-to-2023-11-24.swarmscope"');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });
});

describe('web host: logs given at start', () => {
  it('ingests them once listening', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'swarmscope-start-'));
    try {
      mkdirSync(join(logs, 'rotated'));
      writeFileSync(join(logs, 'rotated', 'dovecot.log.1'), failedLogin('203.0.113.9', 'admin'));
      const startEngine = fakeEngine();
      const started = await startServer({ engine: startEngine, rendererDir: fixture.rendererDir, paths: [join(logs, 'rotated')] });
      await expect(started.initialIngest).resolves.toMatchObject({ attemptsAdded: 1 });
      // One ingest of the folder given, which read the file in it as written.
      expect(startEngine.calls.filter((call) => call.method === 'ingest')).toEqual([{ method: 'ingest', args: [[join(logs, 'rotated')]] }]);
      expect([...startEngine.ingestedText]).toEqual([[join(logs, 'rotated', 'dovecot.log.1'), failedLogin('203.0.113.9', 'admin')]]);
      // And the host is listening: the page is served.
      expect((await fetch(started.url)).status).toBe(200);
      await started.close();
    } finally {
      rmSync(logs, { recursive: true, force: true });
    }
  });

  it('refuses to start without a built renderer', async () => {
    await expect(startServer({ engine, rendererDir: join(fixture.root, 'nothing-here') })).rejects.toThrow(/npm run build/);
  });
});
