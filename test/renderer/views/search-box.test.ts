import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import SearchBox from '../../../src-renderer/src/views/layout/SearchBox.svelte';

describe('SearchBox', () => {
  it('sets the search once typing settles, at once on Enter, and clears on Escape', async () => {
    const selection = new SelectionState();
    render(SearchBox, { props: { selection, delayMs: 20 } });
    const input = screen.getByTestId('search-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '61.177.0.0/16' } });
    expect(selection.search).toBe('');
    await waitFor(() => expect(selection.search).toBe('61.177.0.0/16'));
    await fireEvent.input(input, { target: { value: 'admin' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(selection.search).toBe('admin');
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(selection.search).toBe('');
    expect(input.value).toBe('');
  });

  it('follows a search cleared elsewhere', async () => {
    const selection = new SelectionState();
    selection.setSearch('info');
    render(SearchBox, { props: { selection } });
    const input = screen.getByTestId('search-input') as HTMLInputElement;
    expect(input.value).toBe('info');
    selection.setSearch('');
    flushSync();
    expect(input.value).toBe('');
  });
});
