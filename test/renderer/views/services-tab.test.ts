// The Services tab: which services the selection's attempts tried, most attempts first, attempts whose line
// names none as "not logged", with Copy and Save CSV of the engine's services table for the selection; a row
// adds its service to the selection (or takes it out), and every view follows.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Selection, ServiceRow } from '../../../src-main/shared/api';
import App from '../../../src-renderer/src/App.svelte';
import TopServices from '../../../src-renderer/src/views/panels/TopServices.svelte';
import { FakeHost, giveElementsASize, settle, type FakeAttempt } from '../fakes';
import { sourceText } from '../source-text';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };
const unchosen = { chosen: [], onToggleService: () => {} };

const shown = () => screen.getAllByTestId('service-row').map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent));
const title = () => screen.getByTestId('top-services').querySelector('h2')!.textContent;

afterEach(() => vi.unstubAllGlobals());

describe('TopServices', () => {
  it('lists each service with its attempts, IPs and share of the attempts, most attempts first, null as "not logged"', () => {
    const rows: ServiceRow[] = [
      { service: 'imap', attempts: 50, ips: 12 },
      { service: null, attempts: 30, ips: 4 },
      { service: 'ssh', attempts: 1_200, ips: 310 },
      { service: 'submission', attempts: 20, ips: 3 },
    ];
    render(TopServices, { props: { host: new FakeHost(), rows, selection: ALL, ...unchosen } });
    expect(shown()).toEqual([
      ['ssh', '1,200', '310', '92%'],
      ['imap', '50', '12', '3.8%'],
      ['not logged', '30', '4', '2.3%'],
      ['submission', '20', '3', '1.5%'],
    ]);
    expect(screen.getAllByTestId('service-row').map((row) => row.dataset.service)).toEqual(['ssh', 'imap', '', 'submission']);
    expect(title()).toBe('Services (3)');
    expect(screen.queryByTestId('services-empty')).toBeNull();
  });

  it('says "none logged" when no line named its service, and shows service text as text', () => {
    const { unmount } = render(TopServices, { props: { host: new FakeHost(), rows: [{ service: null, attempts: 7, ips: 2 }], selection: ALL, ...unchosen } });
    expect(title()).toBe('Services (none logged)');
    expect(shown()).toEqual([['not logged', '7', '2', '100%']]);
    unmount();
    render(TopServices, { props: { host: new FakeHost(), rows: [{ service: '<img src=x onerror=alert(1)>', attempts: 1, ips: 1 }], selection: ALL, ...unchosen } });
    expect(shown()[0][0]).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('has a clear empty state', () => {
    render(TopServices, { props: { host: new FakeHost(), rows: [], selection: ALL, ...unchosen } });
    expect(screen.queryAllByTestId('service-row')).toEqual([]);
    expect(screen.getByTestId('services-empty').textContent).toBe('No attempts in this selection.');
    expect(title()).toBe('Services (0)');
  });

  it('gives a row\'s service to the selection on a click, Enter or Space, "not logged" as the empty text, and marks the chosen', async () => {
    const rows: ServiceRow[] = [{ service: 'imap', attempts: 50, ips: 12 }, { service: null, attempts: 30, ips: 4 }, { service: 'ssh', attempts: 1_200, ips: 310 }];
    const toggled: string[] = [];
    render(TopServices, { props: { host: new FakeHost(), rows, selection: ALL, chosen: ['ssh'], onToggleService: (s: string) => toggled.push(s) } });
    const row = (service: string) => screen.getAllByTestId('service-row').find((r) => r.dataset.service === service)!;
    expect(screen.getAllByTestId('service-row').map((r) => r.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(row('ssh').classList.contains('selected')).toBe(true);
    await fireEvent.click(row('imap'));
    await fireEvent.keyDown(row(''), { key: 'Enter' });
    await fireEvent.keyDown(row('ssh'), { key: ' ' });
    expect(toggled).toEqual(['imap', '', 'ssh']);
    // One Tab stop for the table; the arrow keys move among the rows.
    expect(screen.getAllByTestId('service-row').map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    await fireEvent.keyDown(row('ssh'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('imap'));
  });

  it('copies and saves the engine\'s services CSV for the selection', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const host = new FakeHost([
      { ts: '2023-11-10 01:00:00', ip: '61.177.172.10', country: 'CN', user: 'admin', service: 'ssh' },
      { ts: '2023-11-10 02:00:00', ip: '61.177.172.11', country: 'CN', user: 'admin', service: 'ssh' },
      { ts: '2023-11-11 01:00:00', ip: '95.214.27.1', country: 'RU', user: 'root', service: null },
    ]);
    const selection: Selection = { from: '2023-11-10', to: '2023-11-11', countries: ['CN', 'RU'], search: '' };
    render(TopServices, { props: { host, rows: await host.services(selection), selection, ...unchosen } });
    await fireEvent.click(screen.getByTestId('copy-services'));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    expect(host.callsOf('tableCsv')[0].args).toEqual(['services', selection]);
    expect(writeText.mock.calls[0]).toEqual(['service\tattempts\tips\nssh\t2\t2\n\t1\t1\n']);
    await fireEvent.click(screen.getByTestId('save-services'));
    await waitFor(() => expect(host.savedFiles).toHaveLength(1));
    expect(host.savedFiles[0].name).toBe('swarmscope-services-2023-11-10_2023-11-11-CN-RU.csv');
  });
});

describe('the Services tab of the window', () => {
  let restoreSize: () => void;
  beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
  afterAll(() => restoreSize());

  const attempts: FakeAttempt[] = [
    ...Array.from({ length: 6 }, (_, i) => ({ ts: `2024-06-01 10:0${i}:00`, ip: `45.9.1.${i}`, country: 'NL', user: 'root', service: 'ssh' })),
    ...Array.from({ length: 3 }, (_, i) => ({ ts: `2024-06-02 10:0${i}:00`, ip: '45.9.2.1', country: 'DE', user: 'info', service: 'imap' })),
    { ts: '2024-06-02 11:00:00', ip: '45.9.2.2', country: 'DE', user: 'info', service: null },
  ];

  it('sits after Days and follows the selection', async () => {
    const host = new FakeHost(attempts);
    render(App, { props: { host } });
    await settle();
    const tabs = screen.getAllByRole('tab').map((tab) => tab.dataset.testid);
    expect(tabs.indexOf('tab-services')).toBe(tabs.indexOf('tab-days') + 1);
    await fireEvent.click(screen.getByTestId('tab-services'));
    expect(screen.getByTestId('tab-services').getAttribute('aria-selected')).toBe('true');
    expect(shown()).toEqual([['ssh', '6', '6', '60%'], ['imap', '3', '1', '30%'], ['not logged', '1', '1', '10%']]);

    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'info' } });
    await waitFor(() => expect(screen.getByTestId('selection-search').dataset.value).toBe('info'), { timeout: 2000 });
    await settle();
    expect(host.callsOf('services').at(-1)!.args[0]).toMatchObject({ search: 'info' });
    expect(shown()).toEqual([['imap', '3', '1', '75%'], ['not logged', '1', '1', '25%']]);

    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'nobody-tried-this' } });
    await waitFor(() => expect(screen.getByTestId('selection-search').dataset.value).toBe('nobody-tried-this'), { timeout: 2000 });
    await settle();
    expect(screen.queryAllByTestId('service-row')).toEqual([]);
    expect(screen.getByTestId('services-empty')).toBeTruthy();
  });

  it('narrows every view to a service clicked, keeps offering the others, and lets the chip or Clear take it out', async () => {
    const host = new FakeHost(attempts);
    render(App, { props: { host } });
    await settle();
    await fireEvent.click(screen.getByTestId('tab-services'));
    const row = (service: string) => screen.getAllByTestId('service-row').find((r) => r.dataset.service === service)!;
    const attemptsShown = () => screen.getByTestId('summary-attempts').dataset.value;
    expect(attemptsShown()).toBe('10');

    await fireEvent.click(row('ssh'));
    await settle();
    expect(screen.getAllByTestId('selection-service').map((c) => c.dataset.service)).toEqual(['ssh']);
    expect(host.callsOf('summary').at(-1)!.args[0]).toEqual({ ...ALL, services: ['ssh'] });
    expect(host.callsOf('countries').at(-1)!.args[0]).toEqual({ ...ALL, services: ['ssh'] });
    expect(host.callsOf('perDay').at(-1)!.args[0]).toEqual({ ...ALL, services: ['ssh'] });
    expect(attemptsShown()).toBe('6');
    expect(screen.getByTestId('summary-countries').dataset.value).toBe('1');
    // The tab still lists every service of the rest of the selection, the chosen one marked.
    expect(host.callsOf('services').at(-1)!.args[0]).toEqual(ALL);
    expect(shown().map((r) => r[0])).toEqual(['ssh', 'imap', 'not logged']);
    expect(row('ssh').getAttribute('aria-selected')).toBe('true');

    // From the keyboard: the tries no line names a service are added too.
    await fireEvent.keyDown(row(''), { key: 'Enter' });
    await settle();
    expect(screen.getAllByTestId('selection-service').map((c) => c.dataset.service)).toEqual(['', 'ssh']);
    expect(attemptsShown()).toBe('7');

    await fireEvent.click(screen.getAllByTestId('selection-service').find((c) => c.dataset.service === 'ssh')!.querySelector('button')!);
    await settle();
    expect(attemptsShown()).toBe('1');
    expect(row('ssh').getAttribute('aria-selected')).toBe('false');

    // Clearing the whole selection takes the services too.
    host.menu('clear-selection');
    await settle();
    expect(screen.queryAllByTestId('selection-service')).toEqual([]);
    expect(attemptsShown()).toBe('10');
  });
});

describe('a chosen service row under the pointer', () => {
  /** Ids, then classes and pseudo-classes, then elements: enough for app.css's table rules (no :not, :is or ::). */
  function specificity(selector: string): [number, number, number] {
    return [
      (selector.match(/#[\w-]+/g) ?? []).length,
      (selector.match(/\.[\w-]+|\[[^\]]*\]|:[\w-]+/g) ?? []).length,
      (selector.replace(/[#.:][\w-]+|\[[^\]]*\]/g, ' ').match(/[a-z][\w-]*/gi) ?? []).length,
    ];
  }

  function atLeast(a: [number, number, number], b: [number, number, number]): boolean {
    const differing = a.findIndex((n, i) => n !== b[i]);
    return differing < 0 || a[differing] > b[differing];
  }

  it('keeps the chosen background: the row just clicked showed the hover colour, as if the click had done nothing', async () => {
    const style = document.createElement('style');
    style.textContent = await sourceText('src-renderer/src/app.css');
    document.head.append(style);
    try {
      const rows: ServiceRow[] = [{ service: 'ssh', attempts: 9_837, ips: 2_254 }, { service: 'imap', attempts: 1_465, ips: 642 }];
      render(TopServices, { props: { host: new FakeHost(), rows, selection: ALL, chosen: ['ssh'], onToggleService: () => {} } });
      const row = screen.getAllByTestId('service-row').find((r) => r.dataset.service === 'ssh')!;
      expect(row.getAttribute('aria-selected')).toBe('true');
      // jsdom neither hovers nor computes backgrounds from a style sheet: the rules that match the row as if hovered
      // are weighed as a browser does, by specificity and then by order.
      let winner: { weight: [number, number, number]; value: string } | null = null;
      for (const rule of [...style.sheet!.cssRules]) {
        if (!(rule instanceof CSSStyleRule)) continue;
        const value = rule.style.getPropertyValue('background');
        if (!value) continue;
        for (const selector of rule.selectorText.split(',').map((part) => part.trim())) {
          if (!row.matches(selector.replace(/:hover/g, ''))) continue;
          const weight = specificity(selector);
          // Equal weight: the later rule wins.
          if (!winner || atLeast(weight, winner.weight)) winner = { weight, value };
        }
      }
      expect(winner?.value).toBe('var(--bg-selected)');
    } finally {
      style.remove();
    }
  });
});
