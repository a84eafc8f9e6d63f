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

  it('says when it reads the text as a country, and that user names are then not searched', async () => {
    const selection = new SelectionState();
    render(SearchBox, { props: { selection } });
    const input = screen.getByTestId('search-input') as HTMLInputElement;
    expect(screen.queryByTestId('search-meaning')).toBeNull();
    for (const [typed, name] of [['Norway', 'Norway'], ['united states', 'United States'], ['US', 'United States']]) {
      await fireEvent.input(input, { target: { value: typed } });
      await fireEvent.keyDown(input, { key: 'Enter' });
      const meaning = screen.getByTestId('search-meaning');
      expect(meaning.dataset.kind).toBe('country');
      expect(meaning.textContent).toBe(`country: ${name}`);
      expect(meaning.title).toContain('User names containing');
      expect(meaning.title).toContain('not searched');
      expect(input.getAttribute('aria-describedby')).toBe('search-reading');
      expect(document.getElementById('search-reading')!.textContent).toBe(meaning.title);
    }
    await fireEvent.input(input, { target: { value: 'admin' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByTestId('search-meaning')).toBeNull();
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });

  it('asks for a code when a name is that of two countries, and says when a country is not among those chosen', async () => {
    const selection = new SelectionState();
    render(SearchBox, { props: { selection } });
    const input = screen.getByTestId('search-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'Congo' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('search-meaning').textContent).toBe('“Congo” is 2 countries: type CD or CG');
    selection.toggleCountry('CN');
    await fireEvent.input(input, { target: { value: 'us' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    const meaning = screen.getByTestId('search-meaning');
    expect(meaning.dataset.kind).toBe('country-not-chosen');
    expect(meaning.textContent).toBe('user names only: United States is not a chosen country');
  });

  it('says when an address typed is no IP address, rather than finding nothing without a word', async () => {
    const selection = new SelectionState();
    render(SearchBox, { props: { selection } });
    const input = screen.getByTestId('search-input') as HTMLInputElement;
    for (const typed of ['999.1.1.1', '10.0.0.256', '10.0.0.0/40']) {
      await fireEvent.input(input, { target: { value: typed } });
      await fireEvent.keyDown(input, { key: 'Enter' });
      const meaning = screen.getByTestId('search-meaning');
      expect(meaning.dataset.kind).toBe('bad-address');
      expect(meaning.textContent).toBe('not a valid IP address');
      expect(meaning.title).toBe(`“${typed}” is not a valid IP address: each of its four numbers is 0 to 255 (and a network's prefix, after /, 0 to 32). It is searched as text in user names and addresses instead.`);
    }
    for (const fine of ['203.0.113.255', '10.0.0.0/8', '61.177']) {
      await fireEvent.input(input, { target: { value: fine } });
      await fireEvent.keyDown(input, { key: 'Enter' });
      expect(screen.queryByTestId('search-meaning')).toBeNull();
    }
  });
});
