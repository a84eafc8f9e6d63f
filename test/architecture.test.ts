// The folders are layered by the runtime they run in; this test is the lint that keeps them so.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Every module specifier a source text imports or requires, with whether the import is type-only. */
function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/(^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g)) found.push({ spec: m[4], typeOnly: !!m[3] });
  // Side-effect imports (`import 'electron';`) load a module just as much.
  for (const m of text.matchAll(/(^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push({ spec: m[2], typeOnly: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  return found;
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  return importsOf(fs.readFileSync(path.join(root, file), 'utf8'));
}

/** Node's own modules (`fs`, `node:fs`, `fs/promises`...), Electron, and the packages only Node can run. */
const NODE_BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));
const NODE_ONLY_PACKAGES = /^(electron|ws|sql\.js|maxmind|yauzl|tar-stream|seek-bzip|xz-decompress)(\/|$)/;

function isNodeOnly(spec: string): boolean {
  if (spec.startsWith('node:')) return true;
  return NODE_BUILTINS.has(spec.split('/')[0]) || NODE_BUILTINS.has(spec) || NODE_ONLY_PACKAGES.test(spec);
}

function resolvesInto(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.normalize(path.join(path.dirname(file), spec));
  return target === folder || target.startsWith(folder + path.sep);
}

describe('layering', () => {
  it('the engine imports neither Electron, nor the DOM world, nor any host', () => {
    for (const file of sourceFiles('src-main/engine')) {
      for (const { spec } of imports(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^electron|svelte|maplibre|chart\.js/);
        for (const host of ['src-main/app', 'src-main/cli', 'src-main/serve', 'src-main/preload', 'src-renderer']) {
          expect(resolvesInto(file, spec, host), `${file} imports ${spec}`).toBe(false);
        }
      }
    }
  });

  it('the renderer imports no Node module, nor Electron, nor a package only Node runs', () => {
    for (const file of sourceFiles('src-renderer')) {
      for (const { spec } of imports(file)) expect(isNodeOnly(spec), `${file} imports ${spec}`).toBe(false);
    }
  });

  it('the renderer takes only types from src-main, and only from src-main/shared', () => {
    for (const file of sourceFiles('src-renderer')) {
      for (const { spec, typeOnly } of imports(file)) {
        const intoMain = resolvesInto(file, spec, 'src-main');
        if (!intoMain) continue;
        expect(resolvesInto(file, spec, 'src-main/shared'), `${file} imports ${spec}`).toBe(true);
        const valueImportOfConstants = /shared\/(channels|api|upload-folders|typed-country|country-name|count-of|csv-cell|selection-label|threshold-text)$/.test(spec) && !typeOnly;
        // Plain constants (channel names, the empty selection, the web host's folder names with the pure function
        // that hides them) and pure rules over data handed in (a typed country, a country's name, a count and its noun, a CSV cell, a
        // selection's label in a file name) are not node code; anything else must be a type.
        if (!valueImportOfConstants) expect(typeOnly, `${file} imports ${spec} without "import type"`).toBe(true);
      }
    }
  });

  it('shared contracts import nothing but each other', () => {
    for (const file of sourceFiles('src-main/shared')) {
      for (const { spec } of imports(file)) expect(spec.startsWith('./'), `${file} imports ${spec}`).toBe(true);
    }
  });

  it('the preload and the hosts reach the engine only through its worker client or its public modules', () => {
    for (const file of sourceFiles('src-main/preload')) {
      for (const { spec } of imports(file)) {
        expect(resolvesInto(file, spec, 'src-main/engine'), `${file} imports ${spec}`).toBe(false);
      }
    }
    // The case's data goes through the API (engine.ts, or its worker client): no host reads the store, the queries,
    // the parser or the thread's own side directly.
    const internals = ['store', 'query', 'parse', 'formats', 'geo'].map((dir) => `src-main/engine/${dir}`);
    let engineImports = 0;
    for (const host of ['src-main/app', 'src-main/cli', 'src-main/serve']) {
      for (const file of sourceFiles(host)) {
        for (const { spec } of imports(file)) {
          if (!resolvesInto(file, spec, 'src-main/engine')) continue;
          engineImports++;
          for (const inside of internals) expect(resolvesInto(file, spec, inside), `${file} imports ${spec}`).toBe(false);
          if (resolvesInto(file, spec, 'src-main/engine/worker')) expect(spec, `${file} imports ${spec}`).toMatch(/\/worker\/engine-client$/);
          // The Electron main process and the web host run the engine in its worker thread, never in their own.
          if (host !== 'src-main/cli') expect(resolvesInto(file, spec, 'src-main/engine/engine'), `${file} imports ${spec}`).toBe(false);
        }
      }
    }
    expect(engineImports).toBeGreaterThan(3); // the hosts were read
  });
});

// The lint above is only as good as what it sees: each way of loading a module must be found, and judged.
describe('the layering lint itself', () => {
  it('finds static, type-only, side-effect, dynamic and require imports', () => {
    const text = [
      "import { readFileSync } from 'node:fs';",
      "import type { Selection } from '../../src-main/shared/api';",
      "import 'electron';",
      "export * from './more';",
      "const late = await import('sql.js');",
      "const { app } = require('electron');",
      '<script lang="ts">',
      "  import { onMount } from 'svelte';",
    ].join('\n');
    expect(importsOf(text)).toEqual(expect.arrayContaining([
      { spec: 'node:fs', typeOnly: false },
      { spec: '../../src-main/shared/api', typeOnly: true },
      { spec: 'electron', typeOnly: false },
      { spec: './more', typeOnly: false },
      { spec: 'sql.js', typeOnly: false },
      { spec: 'svelte', typeOnly: false },
    ]));
    expect(importsOf(text).filter((found) => found.spec === 'electron')).toHaveLength(2);
  });

  it('takes Node modules, Electron and Node-only packages for what they are, and browser packages for theirs', () => {
    for (const spec of ['node:fs', 'fs', 'fs/promises', 'path', 'worker_threads', 'electron', 'ws', 'sql.js', 'maxmind']) {
      expect(isNodeOnly(spec), spec).toBe(true);
    }
    for (const spec of ['svelte', 'svelte/store', 'chart.js', 'maplibre-gl', 'topojson-client', 'i18n-iso-countries', './format']) {
      expect(isNodeOnly(spec), spec).toBe(false);
    }
  });
});

describe('the built main-process bundles', () => {
  // Node refuses `import x from 'a.json'` without an import attribute, where the renderer's bundler and vitest
  // take it: a renderer module with one (country-names.ts) that a main-process entry takes in (the bench
  // measures the renderer's live figures) stopped `npm run bench` at its start. npm test builds before this.
  it('import no JSON module bare', () => {
    const dir = path.join(root, 'out', 'main');
    const bundles = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(bundles).toContain('bench.js');
    for (const file of bundles) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const bare = [...text.matchAll(/^\s*import\s[^;]*?from\s*["']([^"']+\.json)["']\s*(with|assert)?/gm)].filter((m) => !m[2]);
      expect(bare.map((m) => m[1]), file).toEqual([]);
    }
  });
});
