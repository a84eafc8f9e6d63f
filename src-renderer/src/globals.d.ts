/** The app's version from package.json, set at build time (electron.vite.config.ts; 'test' under Vitest). */
declare const __APP_VERSION__: string;
