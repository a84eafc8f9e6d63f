// The year given to stamps without one, for logs copied without their times: set before a drop on the first-run
// card or later in the Sources tab, sent to the engine, shown until cleared.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import StartYear from '../../../src-renderer/src/views/settings/StartYear.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle } from '../fakes';

describe('StartYear', () => {
  it('takes a year from 1970 to 2100 only', async () => {
    const onChange = vi.fn();
    render(StartYear, { props: { year: null, onChange } });
    const input = screen.getByTestId('start-year-input') as HTMLInputElement;
    const set = screen.getByTestId('start-year-set') as HTMLButtonElement;
    for (const refused of ['', '21', '1969', '2101', '20x1', '2021.5']) {
      await fireEvent.input(input, { target: { value: refused } });
      expect(set.disabled, refused).toBe(true);
    }
    await fireEvent.input(input, { target: { value: '2021' } });
    expect(set.disabled).toBe(false);
    await fireEvent.click(set);
    expect(onChange).toHaveBeenCalledWith(2021);
  });

  it('shows the year in use, says logs already read keep theirs, and goes back to the files\u2019 times', async () => {
    const onChange = vi.fn();
    render(StartYear, { props: { year: 2021, onChange } });
    expect(screen.getByTestId('start-year-value').textContent).toBe('2021');
    expect(screen.getByTestId('start-year').textContent).toContain('Logs already in the case keep their dates');
    await fireEvent.click(screen.getByTestId('start-year-clear'));
    expect(onChange).toHaveBeenCalledWith(null);
  });
});

describe('the year the logs begin, in the app', () => {
  let restoreSize: () => void;
  beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
  afterAll(() => restoreSize());

  it('is set on the first-run card before a drop, and shown in the Sources tab afterwards', async () => {
    const host = new FakeHost();
    render(App, { props: { host } });
    await settle();
    await fireEvent.input(screen.getByTestId('start-year-input'), { target: { value: '2021' } });
    await fireEvent.click(screen.getByTestId('start-year-set'));
    await waitFor(() => expect(screen.getByTestId('start-year-value').textContent).toBe('2021'));
    expect(host.callsOf('setStartYear').map((call) => call.args)).toEqual([[2021]]);

    host.nextIngest = generateAttacks({ seed: 3, days: 10, backgroundIps: 20, backgroundAttempts: 60, swarmIps: 0 });
    await host.ingest(['/logs/mail.log']);
    await settle();
    await fireEvent.click(screen.getByTestId('tab-sources'));
    await waitFor(() => expect(screen.getByTestId('start-year-value').textContent).toBe('2021'));
    await fireEvent.click(screen.getByTestId('start-year-clear'));
    await waitFor(() => expect(screen.getByTestId('start-year-input')).toBeTruthy());
    expect(host.callsOf('setStartYear').map((call) => call.args)).toEqual([[2021], [null]]);
  });
});
