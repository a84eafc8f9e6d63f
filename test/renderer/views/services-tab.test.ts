// The Services tab: which services the selection's attempts tried, most attempts first, attempts whose line
// names none as "not logged", with Copy and Save CSV of the engine's services table for the selection.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Selection, ServiceRow } from '../../../src-main/shared/api';
import App from '../../../src-renderer/src/App.svelte';
import TopServices from '../../../src-renderer/src/views/panels/TopServices.svelte';
import { FakeHost, giveElementsASize, settle, type FakeAttempt } from '../fakes';

const ALL: Selection = { from: null, to: null, countries: [], search: '' };

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
    render(TopServices, { props: { host: new FakeHost(), rows, selection: ALL } });
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
    const { unmount } = render(TopServices, { props: { host: new FakeHost(), rows: [{ service: null, attempts: 7, ips: 2 }], selection: ALL } });
    expect(title()).toBe('Services (none logged)');
    expect(shown()).toEqual([['not logged', '7', '2', '100%']]);
    unmount();
    render(TopServices, { props: { host: new FakeHost(), rows: [{ service: '<img src=x onerror=alert(1)>', attempts: 1, ips: 1 }], selection: ALL } });
    expect(shown()[0][0]).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('has a clear empty state', () => {
    render(TopServices, { props: { host: new FakeHost(), rows: [], selection: ALL } });
    expect(screen.queryAllByTestId('service-row')).toEqual([]);
    expect(screen.getByTestId('services-empty').textContent).toBe('No attempts in this selection.');
    expect(title()).toBe('Services (0)');
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
    render(TopServices, { props: { host, rows: await host.services(selection), selection } });
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
});
