/// <reference types="@wdio/globals/types" />
/// <reference types="@wdio/mocha-framework" />
// Browser end-to-end tests: the built viewer served by the real web host (`swarmscope serve`, from out/),
// driven in headless Debian Chromium. Run `npm run build` first; `npm run test:e2e` runs this.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { browser } from '@wdio/globals';

const ROOT = import.meta.dirname;
const CLI = join(ROOT, 'out', 'main', 'cli.js');
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const HOST_START_TIMEOUT_MS = 60_000;
/** Where Chromium saves what the viewer offers as downloads (exported blocklists, saved cases). */
const DOWNLOADS = join(ROOT, 'test-artifacts', 'downloads');
process.env.SWARMSCOPE_DOWNLOADS = DOWNLOADS;

let host: ChildProcess | null = null;

/** Starts `swarmscope serve` on a free port and resolves with the page address it prints. */
function startWebHost(paths: string[]): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the e2e tests.`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...paths], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  host = child;
  return new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`the web host printed no address in time:\n${printed}`)), HOST_START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[web host] ${chunk}`));
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(printed)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (code ${code}) before printing its address:\n${printed}`));
    });
  });
}

function stopWebHost(): Promise<void> {
  const child = host;
  host = null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

export const config: WebdriverIO.Config = {
  runner: 'local',
  specs: ['./test/e2e/**/*.e2e.ts'],
  maxInstances: 1,
  capabilities: [{
    browserName: 'chrome',
    'goog:chromeOptions': {
      binary: '/usr/bin/chromium',
      prefs: { 'download.default_directory': DOWNLOADS, 'download.prompt_for_download': false },
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-unsafe-swiftshader',
        '--use-angle=swiftshader',
        '--window-size=1280,800',
      ],
    },
    'wdio:chromedriverOptions': { binary: '/usr/bin/chromedriver' },
  }],
  // Chromium runs headless: no virtual display needed.
  autoXvfb: false,
  logLevel: 'warn',
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 120_000 },
  waitforTimeout: 20_000,

  /** The launcher starts the host once; workers find its address in SWARMSCOPE_URL. */
  onPrepare: async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(DOWNLOADS, { recursive: true });
    process.env.SWARMSCOPE_URL = await startWebHost([]);
  },

  afterTest: async (test, _context, result) => {
    if (result.passed) return;
    const name = `${test.parent} ${test.title}`.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 120);
    await browser.saveScreenshot(join(SCREENSHOTS, `FAILED-${name}.png`));
  },

  onComplete: async () => {
    await stopWebHost();
  },
};
