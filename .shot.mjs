import { remote } from 'webdriverio';
const url = process.argv[2]; const out = process.argv[3] || '/tmp/shots';
const b = await remote({ logLevel: 'error', capabilities: { browserName: 'chrome', 'goog:chromeOptions': { binary: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--enable-unsafe-swiftshader','--use-angle=swiftshader','--window-size=1280,800'] }, 'wdio:chromedriverOptions': { binary: '/usr/bin/chromedriver' } } });
try {
  await b.url(url);
  await b.pause(1500);
  await b.saveScreenshot(`${out}/1-empty.png`);
  const btn = await b.$('[data-testid="sample-data-button"]');
  if (await btn.isExisting()) { await btn.click(); }
  await b.pause(8000);
  await b.saveScreenshot(`${out}/2-loaded.png`);
  const logs = await b.getLogs?.('browser').catch(()=>[]);
  console.log(JSON.stringify(logs).slice(0, 2000));
} finally { await b.deleteSession(); }
