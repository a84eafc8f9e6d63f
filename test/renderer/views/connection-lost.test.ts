// The web host's connection going away: figures from before it must not pass for the selection's own, and a
// page that never reached the host must say so instead of opening forever.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle } from '../fakes';

let restoreSize: () => void;
beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
afterAll(() => restoreSize());

const ATTACKS = generateAttacks({ seed: 5, days: 20, backgroundIps: 40, backgroundAttempts: 200, swarmStartDay: 12, swarmIps: 60 });

/** Types a search and presses Enter, so that it applies without waiting for the typing to settle. */
async function search(text: string): Promise<void> {
  const box = screen.getByRole('searchbox');
  await fireEvent.input(box, { target: { value: text } });
  await fireEvent.keyDown(box, { key: 'Enter' });
  await settle(20);
}

const outdatedAreas = () => ['summary-area', 'map-area', 'countries-area', 'histogram-area', 'timeline-area', 'tab-area']
  .filter((id) => screen.getByTestId(id).dataset.outdated === 'true');

describe('a lost connection', () => {
  it('marks every figure as from before and says so in full, once the host is gone and the filter changes', async () => {
    const host = new FakeHost(ATTACKS);
    render(App, { props: { host } });
    await settle();
    const attempts = screen.getByTestId('summary-attempts').dataset.value;
    expect(attempts).toBe(String(ATTACKS.length));
    expect(outdatedAreas()).toEqual([]);
    expect(screen.queryByTestId('disconnected-notice')).toBeNull();

    host.loseConnection();
    await search('admin');

    expect(screen.getByTestId('selection-search').textContent).toContain('admin');
    // The old figure is still there to read, but every view is marked as not answering the filter shown.
    expect(screen.getByTestId('summary-attempts').dataset.value).toBe(attempts);
    expect(outdatedAreas()).toEqual(['summary-area', 'map-area', 'countries-area', 'histogram-area', 'timeline-area', 'tab-area']);
    const notice = screen.getByTestId('disconnected-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toMatch(/Disconnected from the Swarmscope host\..*from before the connection was lost.*may not match the selection shown/s);
    // Actions that ask the host cannot work any more; one toast per failed query would only repeat the notice.
    for (const id of ['open-logs', 'open-case', 'save-case', 'export-button']) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(true);
    }
    expect(screen.queryAllByTestId('error-toast')).toEqual([]);
  });

  it('marks only the figures whose query failed when the host is still there', async () => {
    const host = new FakeHost(ATTACKS);
    render(App, { props: { host } });
    await settle();
    host.histogram = () => Promise.reject(new Error('the engine stopped answering'));
    await search('admin');
    expect(outdatedAreas()).toEqual(['histogram-area']);
    expect(screen.getByTestId('outdated-notice').textContent).toContain('the engine stopped answering');
    expect((screen.getByTestId('export-button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says the page cannot reach the host when it never could, rather than opening forever', async () => {
    const host = new FakeHost(ATTACKS);
    host.loseConnection(false);
    render(App, { props: { host } });
    await settle();
    expect(screen.queryByTestId('app-loading')).toBeNull();
    const final = screen.getByTestId('host-unreachable');
    expect(final.textContent).toMatch(/cannot reach the Swarmscope host/);
    expect(final.textContent).toMatch(/token.*wrong or missing/s);
    expect(final.textContent).toMatch(/Open the exact address the serve command printed/);
    expect((screen.getByTestId('open-logs') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('open-case') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryAllByTestId('error-toast')).toEqual([]);
  });
});
