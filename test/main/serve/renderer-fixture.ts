// A small built-renderer folder, with a secret beside it that the web host must never serve.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RendererFixture {
  root: string;
  rendererDir: string;
  secret: string;
}

export const INDEX_HTML = '<!doctype html><html><head><script type="module" src="./assets/index-4f2a.js"></script></head><body><div id="app"></div></body></html>\n';
export const SECRET = 'dovecot admin password: hunter2\n';

export function makeRendererFixture(): RendererFixture {
  const root = mkdtempSync(join(tmpdir(), 'swarmscope-renderer-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'index-4f2a.js'), 'console.log("swarmscope");\n');
  writeFileSync(join(rendererDir, 'assets', 'index-9c1e.css'), 'body { margin: 0; }\n');
  writeFileSync(join(rendererDir, 'assets', 'sql-wasm.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  writeFileSync(join(rendererDir, 'assets', 'world-110m.unknownext'), 'data');
  const secret = join(root, 'secret.txt');
  writeFileSync(secret, SECRET);
  symlinkSync(secret, join(rendererDir, 'assets', 'leak.txt'));
  return { root, rendererDir, secret };
}
