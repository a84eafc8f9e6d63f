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

  it('takes a pasted year with spaces around it, whole, and nothing else around it', async () => {
    const onChange = vi.fn();
    render(StartYear, { props: { year: null, onChange } });
    const input = screen.getByTestId('start-year-input') as HTMLInputElement;
    const set = screen.getByTestId('start-year-set') as HTMLButtonElement;
    // A browser cuts what is typed or pasted to the box's maxlength (jsdom does not): " 2021 " must fit whole.
    const pasted = ' 2021 ';
    expect(input.maxLength === -1 || input.maxLength >= pasted.length, `maxlength ${input.maxLength}`).toBe(true);
    for (const refused of ['20 21', '2021 x', '\u200b2021', '2021\u200b', '+2021']) {
      await fireEvent.input(input, { target: { value: refused } });
      expect(set.disabled, refused).toBe(true);
    }
    await fireEvent.input(input, { target: { value: pasted } });
    expect(set.disabled).toBe(false);
    expect(screen.queryByTestId('start-year-error')).toBeNull();
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

describe('StartYear, a year it cannot use', () => {
  it('says which years it takes once the entry is done, not only grey out the button', async () => {
    render(StartYear, { props: { year: null, onChange: vi.fn() } });
    const input = screen.getByTestId('start-year-input') as HTMLInputElement;
    // Typing on: "20" may still become 2024.
    await fireEvent.input(input, { target: { value: '20' } });
    expect(screen.queryByTestId('start-year-error')).toBeNull();
    for (const refused of ['1969', '2101', '20x1']) {
      await fireEvent.input(input, { target: { value: refused } });
      expect(screen.getByTestId('start-year-error').textContent, refused).toBe('A year of four digits, from 1970 to 2100.');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toBe(screen.getByTestId('start-year-error').id);
    }
    // Two digits and Enter, or the box left: done, and refused.
    await fireEvent.input(input, { target: { value: '23' } });
    expect(screen.queryByTestId('start-year-error')).toBeNull();
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('start-year-error')).toBeTruthy();
    await fireEvent.input(input, { target: { value: '2021' } });
    expect(screen.queryByTestId('start-year-error')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });
});
