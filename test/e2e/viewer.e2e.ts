// The viewer as a user meets it, in Chromium against the real web host and engine: drop a generated year of
// logs, check the figures against what the generator put in, brush the swarm with the mouse and watch every
// view follow, export a blocklist, and drop a log of hostile user names. Screenshots of each step go to
// test-artifacts/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { browser, $, $$, expect } from '@wdio/globals';
import type { GeneratedTruth } from '../../src-main/engine/generate/truth';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const DOWNLOADS = process.env.SWARMSCOPE_DOWNLOADS ?? path.join(ROOT, 'test-artifacts', 'downloads');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-e2e-'));
const logs = path.join(work, 'logs');

const shot = (name: string) => browser.saveScreenshot(path.join(SHOTS, `${name}.png`));
const value = async (testid: string) => (await $(`[data-testid="${testid}"]`)).getAttribute('data-value');

/** Drops files on the window as a user's drag and drop would: a DataTransfer of File objects on a drop event. */
async function dropFiles(files: string[]): Promise<void> {
  const payload = files.map((f) => ({ name: path.basename(f), b64: fs.readFileSync(f).toString('base64'), lastModified: fs.statSync(f).mtimeMs }));
  await browser.execute((items: { name: string; b64: string; lastModified: number }[]) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { lastModified: item.lastModified }));
    }
    const target = document.querySelector('[data-testid="drop-zone"]') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, payload);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

describe('Swarmscope viewer', () => {
  let truth: GeneratedTruth;
  let firstDay: string;
  let lastDay: string;
  const brushed = { from: '', to: '' };

  /** IPs with at least one attempt in the range, by the generator's own record of each IP's days. */
  function ipsInRange(from: string, to: string): Set<string> {
    return new Set(Object.entries(truth.perIp).filter(([, t]) => Object.keys(t.days).some((d) => d >= from && d <= to)).map(([ip]) => ip));
  }

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'swarmscope.js'), 'generate', '--out', logs, '--seed', '5', '--start', '2023-01-09',
      '--days', '320', '--lines', '80000', '--gzip'], { stdio: 'pipe' });
    truth = JSON.parse(fs.readFileSync(path.join(logs, 'truth.json'), 'utf8'));
    fs.rmSync(path.join(logs, 'truth.json'));
    const active = truth.perDay.filter((d) => d.attempts > 0);
    firstDay = active[0].day;
    lastDay = active[active.length - 1].day;
    await browser.setWindowSize(1280, 800);
    await browser.url(process.env.SWARMSCOPE_URL!);
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('explains what to drop when no case is open', async () => {
    await expect($('[data-testid="drop-zone"]')).toBeDisplayed();
    await expect($('[data-testid="sample-data-button"]')).toBeDisplayed();
    await shot('01-first-run');
  });

  it('ingests a dropped year of rotated logs and shows the figures the generator put in', async () => {
    const files = fs.readdirSync(logs).map((f) => path.join(logs, f));
    expect(files.some((f) => f.endsWith('.gz'))).toBe(true);
    await dropFiles(files);
    await browser.waitUntil(async () => (await value('summary-attempts')) === String(truth.attempts), {
      timeout: 90_000, timeoutMsg: `summary never showed ${truth.attempts} attempts`,
    });
    await browser.waitUntil(async () => (await value('summary-ips')) === String(truth.ips), { timeout: 20_000 });
    expect(await value('summary-countries')).toBe(String(truth.countries));
    expect(await value('summary-first-day')).toBe(firstDay);
    expect(await value('summary-last-day')).toBe(lastDay);
    expect(await value('summary-days')).toBe(String(truth.perDay.filter((d) => d.attempts > 0).length));
    expect(Number(await (await $('[data-testid="summary-one-shot"]')).getAttribute('data-count'))).toBe(truth.oneShotIps);
    expect(await (await $('[data-testid="ip-table"]')).getAttribute('data-total')).toBe(String(truth.ips));
    await browser.waitUntil(async () => (await (await $('[data-testid="map"]')).getAttribute('data-status')) === 'ready', { timeout: 30_000 });
    const card = await $('[data-testid="ingest-progress"]');
    await browser.waitUntil(async () => (await card.getAttribute('data-state')) === 'finished', { timeout: 20_000 });
    expect(Number(await (await $('[data-testid="ingest-result"]')).getAttribute('data-attempts'))).toBe(truth.attempts);
    await shot('02-year-loaded');
    await (await $('[data-testid="ingest-dismiss"]')).click();
    await expect(card).not.toBeDisplayed();
  });

  it('follows a brush dragged across the swarm days with the mouse', async () => {
    const swarm = truth.swarm!;
    const from = swarm.days[0];
    const to = swarm.days[swarm.days.length - 1];
    const layer = await $('[data-testid="timeline"] .brush-layer');
    const rect = await browser.execute((el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    }, layer as unknown as HTMLElement);
    const total = daysBetween(firstDay, lastDay) + 1;
    const xOf = (day: string) => Math.round(rect.x + ((daysBetween(firstDay, day) + 0.5) / total) * rect.width);
    const y = Math.round(rect.y + rect.height / 2);
    const countriesBefore = await (await $('[data-testid="map"]')).getAttribute('data-countries');

    const mouse = () => browser.action('pointer', { parameters: { pointerType: 'mouse' } });
    // Press and drag halfway: the views follow while the button is still down.
    await mouse()
      .move({ x: xOf(from), y, origin: 'viewport' })
      .down({ button: 0 })
      .move({ x: Math.round((xOf(from) + xOf(to)) / 2), y, origin: 'viewport', duration: 200 })
      .pause(100)
      .perform(true);
    await browser.waitUntil(async () => (await (await $('[data-testid="summary-strip"]')).getAttribute('data-live')) === 'true', { timeout: 5_000, timeoutMsg: 'the summary did not go live during the drag' });
    // Mid-drag figures are exact for the range under the mouse, not estimates.
    const liveRange = await $('[data-testid="brush-range"]');
    const liveFrom = (await liveRange.getAttribute('data-from'))!;
    const liveTo = (await liveRange.getAttribute('data-to'))!;
    const liveAttempts = truth.perDay.filter((d) => d.day >= liveFrom && d.day <= liveTo).reduce((n, d) => n + d.attempts, 0);
    expect(Number(await value('summary-attempts'))).toBe(liveAttempts);
    expect(Number(await value('summary-ips'))).toBe(ipsInRange(liveFrom, liveTo).size);
    await browser.waitUntil(async () => Number(await (await $('[data-testid="ip-table"]')).getAttribute('data-total')) < truth.ips, { timeout: 10_000, timeoutMsg: 'the IP table did not follow the drag' });
    await shot('03a-brushing');
    await mouse()
      .move({ x: xOf(to), y, origin: 'viewport', duration: 200 })
      .up({ button: 0 })
      .perform();

    const range = await $('[data-testid="brush-range"]');
    await browser.waitUntil(async () => (await range.getAttribute('data-from')) !== '', { timeout: 10_000 });
    const brushedFrom = (await range.getAttribute('data-from'))!;
    const brushedTo = (await range.getAttribute('data-to'))!;
    expect(Math.abs(daysBetween(from, brushedFrom))).toBeLessThanOrEqual(1);
    expect(Math.abs(daysBetween(to, brushedTo))).toBeLessThanOrEqual(1);

    const inRange = truth.perDay.filter((d) => d.day >= brushedFrom && d.day <= brushedTo);
    const attempts = inRange.reduce((n, d) => n + d.attempts, 0);
    Object.assign(brushed, { from: brushedFrom, to: brushedTo });
    const ips = ipsInRange(brushedFrom, brushedTo);
    await browser.waitUntil(async () => (await value('summary-attempts')) === String(attempts), { timeout: 20_000, timeoutMsg: `summary never showed ${attempts}` });
    await browser.waitUntil(async () => (await value('summary-ips')) === String(ips.size), { timeout: 20_000 });
    expect(await (await $('[data-testid="summary-strip"]')).getAttribute('data-live')).toBe('false');
    await browser.waitUntil(async () => (await (await $('[data-testid="ip-table"]')).getAttribute('data-total')) === String(ips.size), { timeout: 20_000 });
    // The first rows of the IP table are IPs active in the range.
    const firstRows = Array.from(await $$('[data-testid="ip-row"]'));
    expect(firstRows.length).toBeGreaterThan(0);
    for (const row of firstRows.slice(0, 5)) expect(ips.has((await row.getAttribute('data-ip'))!)).toBe(true);
    // The map now shows the range's countries, each with the attempts its IPs made in the range.
    await browser.waitUntil(async () => (await (await $('[data-testid="map"]')).getAttribute('data-countries')) !== countriesBefore, { timeout: 20_000 });
    const expected = new Map<string, number>();
    for (const t of Object.values(truth.perIp)) {
      const n = Object.entries(t.days).filter(([d]) => d >= brushedFrom && d <= brushedTo).reduce((sum, [, k]) => sum + k, 0);
      if (n && t.country) expected.set(t.country, (expected.get(t.country) ?? 0) + n);
    }
    const shown = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="map-data"] [data-country]'))
      .map((el) => [el.getAttribute('data-country'), Number(el.getAttribute('data-attempts'))] as [string, number]));
    expect(shown.length).toBeGreaterThan(5);
    for (const [country, n] of shown) expect({ country, attempts: n }).toEqual({ country, attempts: expected.get(country) ?? 0 });
    await shot('03-swarm-brushed');
  });

  it('exports a blocklist of the brushed range as an nftables set', async () => {
    fs.mkdirSync(DOWNLOADS, { recursive: true });
    for (const f of fs.readdirSync(DOWNLOADS)) fs.rmSync(path.join(DOWNLOADS, f));
    await (await $('[data-testid="export-button"]')).click();
    const dialog = await $('[data-testid="export-dialog"]');
    await expect(dialog).toBeDisplayed();
    await (await $('[data-testid="export-format"]')).selectByAttribute('value', 'nftables');
    const count = await $('[data-testid="export-preview-count"]');
    await browser.waitUntil(async () => Number(await count.getAttribute('data-value')) > 0, { timeout: 20_000 });
    const entries = Number(await count.getAttribute('data-value'));
    await shot('04-export-dialog');
    await (await $('[data-testid="export-save"]')).click();
    // Chromium may show the file under its final name before it has written it (an empty file, seen once in CI):
    // the download is in when no partial file is left and the saved one holds something.
    const arrived = (): string | undefined => {
      const names = fs.readdirSync(DOWNLOADS);
      if (names.some((f) => f.endsWith('.crdownload'))) return undefined;
      // A name read a moment ago may be gone (renamed): it is no download yet.
      return names.find((f) => (fs.statSync(path.join(DOWNLOADS, f), { throwIfNoEntry: false })?.size ?? 0) > 0);
    };
    await browser.waitUntil(() => arrived() !== undefined, { timeout: 20_000, timeoutMsg: 'no download arrived' });
    const file = arrived()!;
    const text = fs.readFileSync(path.join(DOWNLOADS, file), 'utf8');
    expect(text).toMatch(/table inet/);
    // Every element of the v4 and v6 sets, one per line between `elements = {` and `}`.
    const listed = [...text.matchAll(/elements = \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((e) => e.trim()).filter(Boolean));
    expect(new Set(listed).size).toBe(entries);
    // Exactly the IPs that tried in the brushed range (all attackers are on public addresses).
    expect([...new Set(listed)].sort()).toEqual([...ipsInRange(brushed.from, brushed.to)].sort());
  });

  it('lists the swarm in the Incidents tab, and selects its hours when it is chosen from the keyboard', async () => {
    const swarm = truth.swarm!;
    await (await $('[data-testid="tab-incidents"]')).click();
    await browser.waitUntil(async () => Array.from(await $$('[data-testid="incident-row"]')).length > 0, { timeout: 20_000, timeoutMsg: 'no incident listed' });
    const rows = Array.from(await $$('[data-testid="incident-row"]'));
    expect(rows).toHaveLength(1);
    const firstDay = (await rows[0].getAttribute('data-first-day'))!;
    const lastDay = (await rows[0].getAttribute('data-last-day'))!;
    expect(await (await rows[0].$('[data-testid="incident-span"]')).getText()).toMatch(new RegExp(`^${firstDay} \\d\\d:00 – `));
    // Within the swarm's planned days, and covering its middle.
    expect(firstDay >= swarm.days[0] && lastDay <= swarm.days[swarm.days.length - 1]).toBe(true);
    expect(firstDay <= swarm.days[1] && lastDay >= swarm.days[1]).toBe(true);
    expect(await (await $('[data-testid="incidents"]')).getText()).toMatch(/would have missed [\d,]+ of [\d,]+ attempts/);
    await rows[0].click();
    await browser.keys('Enter');
    const range = await $('[data-testid="brush-range"]');
    await browser.waitUntil(async () => (await range.getAttribute('data-from')) === firstDay && (await range.getAttribute('data-to')) === lastDay,
      { timeout: 10_000, timeoutMsg: 'choosing the incident did not brush its days' });
    await browser.waitUntil(async () => (await rows[0].getAttribute('data-selected')) === 'true', { timeout: 5_000 });
    // Its hours, not its whole days: the figures are the incident's own.
    const start = (await rows[0].getAttribute('data-start'))!;
    const end = (await rows[0].getAttribute('data-end'))!;
    expect(await (await $('[data-testid="selection-range"]')).getAttribute('data-hours')).toBe(`${start} – ${end}`);
    const incidentAttempts = (await rows[0].getAttribute('data-attempts'))!;
    await browser.waitUntil(async () => (await value('summary-attempts')) === incidentAttempts, { timeout: 20_000, timeoutMsg: `summary never showed ${incidentAttempts}` });
    await shot('04b-incidents');
    // "whole days" counts its days: every attempt the generator wrote on them.
    await (await $('[data-testid="selection-hours-clear"]')).click();
    const attempts = truth.perDay.filter((d) => d.day >= firstDay && d.day <= lastDay).reduce((n, d) => n + d.attempts, 0);
    expect(attempts).toBeGreaterThan(Number(incidentAttempts));
    await browser.waitUntil(async () => (await value('summary-attempts')) === String(attempts), { timeout: 20_000, timeoutMsg: `summary never showed ${attempts}` });
    await (await $('[data-testid="tab-ips"]')).click();
  });

  it('shows hostile user names literally and runs nothing', async () => {
    await browser.keys('Escape');
    await (await $('[data-testid="brush-clear"]')).click().catch(() => {});
    const hostile = path.join(ROOT, 'test', 'fixtures', 'hostile-users.log');
    await dropFiles([hostile]);
    await (await $('[data-testid="tab-users"]')).click();
    const rows = () => browser.execute(() => Array.from(document.querySelectorAll('[data-testid="value-row"]')).map((r) => r.textContent ?? ''));
    await browser.waitUntil(async () => (await rows()).some((t) => t.includes('<img src=x onerror=alert(1)>')), { timeout: 30_000, timeoutMsg: 'the hostile user name never showed' });
    const texts = (await rows()).join('\n');
    expect(texts).toContain('{{7*7}}');
    expect(texts).toContain('<script>window.__pwned = true</script>');
    expect(await browser.execute(() => (window as unknown as { __pwned?: boolean }).__pwned === true || document.querySelectorAll('img[src="x"]').length > 0)).toBe(false);
    // Searching for the markup itself narrows every view to those user names, shown as text.
    await (await $('[data-testid="ingest-dismiss"]')).click().catch(() => {});
    await (await $('[data-testid="search-input"]')).setValue('onerror');
    await browser.keys('Enter');
    await browser.waitUntil(async () => (await value('summary-attempts')) === '1', { timeout: 20_000, timeoutMsg: 'the search did not narrow the case to the one hostile attempt' });
    expect((await rows()).join('\n')).toContain('<img src=x onerror=alert(1)>');
    expect(await browser.execute(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    await shot('05-hostile-users');
  });

  it('keeps every figure and the selection in view in a small window, and the tables within reach', async () => {
    await browser.setWindowSize(1024, 700);
    try {
      await browser.pause(500);
      const boxes = await browser.execute(() => {
        const box = (el: Element) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, height: r.height }; };
        return {
          width: document.documentElement.clientWidth,
          figures: Array.from(document.querySelectorAll('[data-testid="summary-strip"] .figure')).map(box),
          chips: Array.from(document.querySelectorAll('[data-testid="selection-bar"] *')).filter((e) => e.children.length === 0).map(box),
        };
      });
      expect(boxes.figures.length).toBeGreaterThanOrEqual(8);
      for (const f of [...boxes.figures, ...boxes.chips]) {
        expect(f.right).toBeLessThanOrEqual(boxes.width);
        expect(f.left).toBeGreaterThanOrEqual(0);
      }
      // Figures keep their full height (two lines of text), whatever the window's height.
      for (const f of boxes.figures) expect(f.height).toBeGreaterThanOrEqual(30);
      const exportButton = await $('[data-testid="export-button"]');
      await exportButton.scrollIntoView();
      await expect(exportButton).toBeDisplayedInViewport();
      await shot('06-small-window');
    } finally {
      await browser.setWindowSize(1280, 800);
    }
  });
});
