import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (request: { url: string }) => Promise<Response>>();
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, handler: (request: { url: string }) => Promise<Response>) => handlers.set(scheme, handler)),
  },
}));

const { registerAppScheme, rendererFileFor, setupAppProtocol } = await import('../../../src-main/app/app-protocol');
const { protocol } = await import('electron');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
const rendererDir = path.join(dir, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Swarmscope</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'maplibre-gl-worker.mjs'), 'export {};');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme, so the page gets a real origin and module workers', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('maps addresses to files inside the renderer folder only', () => {
    expect(rendererFileFor(rendererDir, 'app://swarmscope/index.html')).toBe(path.join(rendererDir, 'index.html'));
    expect(rendererFileFor(rendererDir, 'app://swarmscope/')).toBe(path.join(rendererDir, 'index.html'));
    expect(rendererFileFor(rendererDir, 'app://swarmscope/assets/maplibre-gl-worker.mjs?v=1')).toBe(path.join(rendererDir, 'assets', 'maplibre-gl-worker.mjs'));
    // Dot segments are resolved by the URL parser itself, so they can only ever land inside the folder.
    for (const dotted of ['app://swarmscope/../secret.txt', 'app://swarmscope/%2e%2e/secret.txt']) {
      expect(rendererFileFor(rendererDir, dotted)).toBe(path.join(rendererDir, 'secret.txt'));
    }
    for (const evil of ['app://swarmscope/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://swarmscope/..%2fsecret.txt',
      'app://other/index.html', 'file:///etc/passwd', 'app://swarmscope/%00index.html', 'app://swarmscope/%E0%A4%A']) {
      expect({ evil, file: rendererFileFor(rendererDir, evil) }).toEqual({ evil, file: null });
    }
  });

  it('answers with the file, its content type and the CSP, and 404 for anything else', async () => {
    setupAppProtocol(rendererDir);
    const handle = handlers.get('app')!;
    const page = await handle({ url: 'app://swarmscope/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('<title>Swarmscope</title>');
    const worker = await handle({ url: 'app://swarmscope/assets/maplibre-gl-worker.mjs' });
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await handle({ url: 'app://swarmscope/%2e%2e/secret.txt' })).status).toBe(404);
    expect((await handle({ url: 'app://swarmscope/missing.js' })).status).toBe(404);
  });
});
