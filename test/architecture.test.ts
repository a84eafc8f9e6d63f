// The folders are layered by the runtime they run in; this test is the lint that keeps them so.
import fs from 'node:fs';
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

/** Every module specifier a file imports, with whether the import is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/(^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g)) found.push({ spec: m[4], typeOnly: !!m[3] });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  return found;
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

  it('the renderer takes only types from src-main, and only from src-main/shared', () => {
    for (const file of sourceFiles('src-renderer')) {
      for (const { spec, typeOnly } of imports(file)) {
        const intoMain = resolvesInto(file, spec, 'src-main');
        if (!intoMain) continue;
        expect(resolvesInto(file, spec, 'src-main/shared'), `${file} imports ${spec}`).toBe(true);
        const valueImportOfConstants = /shared\/(channels|api|upload-folders|typed-country|count-of|csv-cell|selection-label|threshold-text)$/.test(spec) && !typeOnly;
        // Plain constants (channel names, the empty selection, the web host's folder names with the pure function
        // that hides them) and pure rules over data handed in (a typed country, a count and its noun, a CSV cell, a
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
