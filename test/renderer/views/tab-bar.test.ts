// The tabs above the tables follow the WAI-ARIA tabs pattern: the arrow keys move to the tab beside (wrapping
// around), Home and End to the first and last tab, each choosing the tab it moves to and taking the focus there.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TabBar, { type TabId } from '../../../src-renderer/src/views/layout/TabBar.svelte';

const TABS: { id: TabId; label: string }[] = [
  { id: 'ips', label: 'IPs' },
  { id: 'users', label: 'Users' },
  { id: 'passwords', label: 'Passwords' },
  { id: 'days', label: 'Days' },
  { id: 'incidents', label: 'Incidents (2)' },
  { id: 'sources', label: 'Sources' },
];

function renderTabs(active: TabId) {
  const onSelect = vi.fn();
  const result = render(TabBar, { props: { tabs: TABS, active, onSelect } });
  return { ...result, onSelect };
}

describe('TabBar', () => {
  it('moves to the first tab with Home and to the last with End, and takes the focus there', async () => {
    const { onSelect } = renderTabs('days');
    const days = screen.getByTestId('tab-days');
    days.focus();
    const home = new KeyboardEvent('keydown', { key: 'Home', bubbles: true, cancelable: true });
    days.dispatchEvent(home);
    expect(onSelect).toHaveBeenLastCalledWith('ips');
    expect(document.activeElement).toBe(screen.getByTestId('tab-ips'));
    // The page must not scroll to its top as well, which Home does by default.
    expect(home.defaultPrevented).toBe(true);
    await fireEvent.keyDown(screen.getByTestId('tab-ips'), { key: 'End' });
    expect(onSelect).toHaveBeenLastCalledWith('sources');
    expect(document.activeElement).toBe(screen.getByTestId('tab-sources'));
  });

  it('still moves to the tab beside with the arrow keys, wrapping around, and leaves other keys alone', async () => {
    const { onSelect } = renderTabs('sources');
    await fireEvent.keyDown(screen.getByTestId('tab-sources'), { key: 'ArrowRight' });
    expect(onSelect).toHaveBeenLastCalledWith('ips');
    await fireEvent.keyDown(screen.getByTestId('tab-ips'), { key: 'ArrowLeft' });
    expect(onSelect).toHaveBeenLastCalledWith('sources');
    await fireEvent.keyDown(screen.getByTestId('tab-users'), { key: 'ArrowRight' });
    expect(onSelect).toHaveBeenLastCalledWith('passwords');
    onSelect.mockClear();
    await fireEvent.keyDown(screen.getByTestId('tab-users'), { key: 'a' });
    await fireEvent.keyDown(screen.getByTestId('tab-users'), { key: 'PageDown' });
    expect(onSelect).not.toHaveBeenCalled();
  });
});
