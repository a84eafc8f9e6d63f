import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../src-main/shared/content-types';
import { resolveStaticFile } from '../../../src-main/serve/static-files';
import { makeRendererFixture } from './renderer-fixture';

const fixture = makeRendererFixture();
afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

describe('resolveStaticFile', () => {
  it('maps / to index.html and finds the assets', async () => {
    expect(await resolveStaticFile(fixture.rendererDir, '/')).toBe(join(fixture.rendererDir, 'index.html'));
    expect(await resolveStaticFile(fixture.rendererDir, '/assets/index-4f2a.js')).toBe(join(fixture.rendererDir, 'assets', 'index-4f2a.js'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', async (path) => {
    expect(await resolveStaticFile(fixture.rendererDir, path)).toBeNull();
  });

  it('refuses a symbolic link that leads out of the folder', async () => {
    expect(await resolveStaticFile(fixture.rendererDir, '/assets/leak.txt')).toBeNull();
  });

  it('refuses folders and missing files', async () => {
    expect(await resolveStaticFile(fixture.rendererDir, '/assets')).toBeNull();
    expect(await resolveStaticFile(fixture.rendererDir, '/assets/missing.js')).toBeNull();
  });
});

describe('content types', () => {
  it('names what a built renderer holds', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/index-4f2a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/index.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('sql-wasm.wasm')).toBe('application/wasm');
    expect(contentTypeFor('countries.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('world.unknownext')).toBe('application/octet-stream');
  });
});
