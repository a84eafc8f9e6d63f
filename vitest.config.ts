import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Node tests for the engine and hosts; jsdom for the renderer's components and state.
export default defineConfig({
  plugins: [svelte()],
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/engine/**/*.test.ts', 'test/main/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/*.test.ts'], testTimeout: 120_000 },
      },
      {
        extends: true,
        // Only the renderer resolves packages' browser builds (svelteTesting sets that condition).
        plugins: [svelteTesting()],
        test: { name: 'renderer', environment: 'jsdom', include: ['test/renderer/**/*.test.ts'] },
      },
    ],
  },
});
