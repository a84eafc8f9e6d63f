// The window with a case that has unsaved changes: the top bar says so, and Open case… asks in a modal
// dialog (focus on Cancel, Escape cancels) before the additions are thrown away.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle } from '../fakes';

let restoreSize: () => void;
beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
afterAll(() => restoreSize());

const YEAR = generateAttacks({ seed: 7, days: 40, backgroundIps: 60, backgroundAttempts: 400, swarmIps: 50 });
const DROPPED = generateAttacks({ seed: 8, days: 3, backgroundIps: 5, backgroundAttempts: 14, swarmIps: 0 });

async function openedCaseWithDrop(): Promise<FakeHost> {
  const host = new FakeHost();
  host.nextCaseFile = { path: '/cases/mail-2023.swarmscope', attempts: YEAR };
  render(App, { props: { host } });
  await settle();
  await fireEvent.click(screen.getByTestId('open-case'));
  await settle();
  expect(screen.getByTestId('case-name').textContent).toContain('mail-2023.swarmscope');
  expect(screen.queryByTestId('case-unsaved')).toBeNull();
  host.addAttempts(DROPPED, 'dropped.log');
  await settle();
  return host;
}

describe('unsaved changes in the window', () => {
  it('marks the case name once a log is added to a case opened from its file, and clears the mark when saved', async () => {
    const host = await openedCaseWithDrop();
    const name = screen.getByTestId('case-name');
    expect(name.dataset.unsaved).toBe('true');
    expect(name.textContent?.replace(/\s+/g, ' ')).toContain(`mail-2023.swarmscope • unsaved · ${(YEAR.length + DROPPED.length).toLocaleString('en-US')} attempts`);
    host.nextSavePath = '/cases/mail-2023.swarmscope';
    await fireEvent.click(screen.getByTestId('save-case'));
    await settle();
    expect(screen.queryByTestId('case-unsaved')).toBeNull();
    expect(name.dataset.unsaved).toBe('false');
  });

  it('asks in a modal dialog before Open case… discards them; Escape keeps the case', async () => {
    const host = await openedCaseWithDrop();
    await fireEvent.click(screen.getByTestId('open-case'));
    await settle();
    const dialog = screen.getByRole('alertdialog', { name: 'Unsaved changes' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('“mail-2023.swarmscope” has changes that are not saved');
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(host.callsOf('openCaseDialog')).toHaveLength(1);
    expect(screen.getByTestId('summary-attempts').getAttribute('data-value')).toBe(String(YEAR.length + DROPPED.length));

    host.nextCaseFile = { path: '/cases/other.swarmscope', attempts: YEAR.slice(0, 100) };
    await fireEvent.click(screen.getByTestId('open-case'));
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Discard and open…' }));
    await waitFor(() => expect(screen.getByTestId('summary-attempts').getAttribute('data-value')).toBe('100'));
    expect(screen.getByTestId('case-name').textContent).toContain('other.swarmscope');
    expect(screen.queryByTestId('case-unsaved')).toBeNull();
  });

  it('asks before the menu\'s Close case, and keeps the selection when the user keeps the case', async () => {
    const host = await openedCaseWithDrop();
    await fireEvent.click(screen.getAllByTestId('country-row')[0]);
    await settle();
    const selected = screen.getByTestId('map').dataset.selected;
    expect(selected).not.toBe('');
    host.menu('close-case');
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(host.callsOf('openCase')).toHaveLength(0);
    expect(screen.getByTestId('map').dataset.selected).toBe(selected);
  });
});
