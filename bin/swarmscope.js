#!/usr/bin/env node
// The CLI runs from the build in out/ (made by `npm install` through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('swarmscope: the app is not built yet; run `npm run build` in the project folder first\n');
  process.exit(1);
}
await import(cli);
