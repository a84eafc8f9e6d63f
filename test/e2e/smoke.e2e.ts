// Smoke test: the viewer loads from the web host, reaches the engine over its WebSocket and offers to
// read logs. The full end-to-end suite lives beside this file.
/// <reference types="@wdio/globals/types" />
/// <reference types="@wdio/mocha-framework" />
import { join } from 'node:path';
import { $, browser, expect } from '@wdio/globals';

const screenshots = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');

describe('Swarmscope in a browser', () => {
  it('opens on an empty case with the drop zone ready', async () => {
    const url = process.env.SWARMSCOPE_URL;
    if (!url) throw new Error('SWARMSCOPE_URL is not set: run through `wdio run wdio.conf.ts`');
    await browser.url(url);

    await expect($('[data-testid="drop-zone"]')).toBeDisplayed();
    // The first-run prompt appears only once caseInfo came back through the token-checked socket.
    await expect($('[data-testid="open-logs-first-run"]')).toBeDisplayed();
    await expect($('[data-testid="error-toast"]')).not.toBeExisting();

    await browser.saveScreenshot(join(screenshots, 'smoke-first-run.png'));
  });
});
