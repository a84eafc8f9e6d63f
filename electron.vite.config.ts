import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import pkg from './package.json';

const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

// One build for the three node-side entry points that share the engine (Electron main, the CLI and the
// engine worker they both start), one for the preload, one for the renderer the desktop app and the web
// host both serve.
export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      // Small CommonJS libraries are bundled: importing one from an ES module at run time makes Node scan its
      // source for exports, in every thread that loads it (tens of milliseconds of CPU each). sql.js stays
      // external (it finds its .wasm beside its script) and is loaded with require (store/sqlite.ts).
      externalizeDeps: { exclude: ['ipaddr.js', 'maxmind'] },
      rollupOptions: {
        input: {
          index: resolve('src-main/app/main.ts'),
          cli: resolve('src-main/cli/main.ts'),
          'engine-worker': resolve('src-main/engine/worker/engine-worker.ts'),
          'parse-worker': resolve('src-main/engine/ingest/parse-worker.ts'),
          'scan-worker': resolve('src-main/engine/ingest/scan-worker.ts'),
          // Not part of the app: `npm run bench` runs the built engine exactly as the app does.
          bench: resolve('bench/bench.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    define,
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
