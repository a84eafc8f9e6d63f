import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import { formatRange } from '../../../src-renderer/src/lib/format';
import { selectionFileLabel, tableCsvName } from '../../../src-renderer/src/lib/table-csv-name';
import TableActions from '../../../src-renderer/src/views/tables/TableActions.svelte';
import { FakeHost } from '../fakes';

const SELECTION: Selection = { from: '2023-11-10', to: '2023-11-14', countries: ['CN'], search: '' };

function host(): FakeHost {
  return new FakeHost([
    { ts: '2023-11-10 01:00:00', ip: '61.177.172.10', country: 'CN', user: '=cmd|calc' },
    { ts: '2023-11-11 01:00:00', ip: '61.177.172.10', country: 'CN', user: 'admin' },
    { ts: '2023-11-12 01:00:00', ip: '61.177.172.11', country: 'CN', user: 'admin' },
    { ts: '2023-11-12 01:00:00', ip: '95.214.27.1', country: 'RU', user: 'admin' },
  ]);
}

afterEach(() => vi.unstubAllGlobals());

describe('TableActions', () => {
  it('copies the table for the selection as tab-separated cells, which a spreadsheet pastes into columns', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const fake = host();
    render(TableActions, { props: { host: fake, table: 'users', selection: SELECTION } });
    await fireEvent.click(screen.getByTestId('copy-users'));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    expect(fake.callsOf('tableCsv')[0].args).toEqual(['users', SELECTION]);
    expect(writeText.mock.calls[0]).toEqual(["user\tattempts\tips\nadmin\t2\t2\n'=cmd|calc\t1\t1\n"]);
    expect(screen.getByTestId('copy-users').title).toMatch(/tab-separated/);
    expect(screen.getByRole('status').textContent).toBe('Copied');
  });

  it('saves the CSV through the host, named for the days it covers', async () => {
    const fake = host();
    render(TableActions, { props: { host: fake, table: 'countries', selection: { ...SELECTION, countries: [] } } });
    expect(screen.getByTestId('save-countries').title).toBe(
      `Save as a CSV file, named for what it holds: ${formatRange('2023-11-10', '2023-11-14')}; all countries`,
    );
    await fireEvent.click(screen.getByTestId('save-countries'));
    await waitFor(() => expect(fake.savedFiles).toHaveLength(1));
    // The content stays the engine's CSV, header first: what it covers is in the name.
    expect(fake.savedFiles[0]).toEqual({ name: 'swarmscope-countries-2023-11-10_2023-11-14.csv', text: 'country,attempts,ips\nCN,3,2\nRU,1,1\n' });
    expect(screen.getByRole('status').title).toBe('Saved as swarmscope-countries-2023-11-10_2023-11-14.csv');
  });

  it('names a filtered table for its countries, search and exact values, never as the whole case', async () => {
    const fake = host();
    const filtered: Selection = { from: null, to: '2023-11-12', countries: ['CN', 'RU'], search: '61.177', exact: { user: 'admin' } };
    render(TableActions, { props: { host: fake, table: 'ips', selection: filtered } });
    await fireEvent.click(screen.getByTestId('save-ips'));
    await waitFor(() => expect(fake.savedFiles).toHaveLength(1));
    expect(fake.savedFiles[0].name).toBe('swarmscope-ips-start_2023-11-12-CN-RU-search-61-177-user-admin.csv');
  });

  // The labels blocklists of these selections get too (shared/selection-label.ts, which the engine names them with).
  it('labels a selection in a file name as a blocklist of it is labelled, keeping only letters and digits of typed text', () => {
    const hostile: Selection = { from: '2023-11-10', to: null, countries: ['CN', 'RU', 'US', 'DE', 'ZZ'], search: ' <img src=x> ', exact: { password: '"; rm -rf /' } };
    expect(selectionFileLabel({ from: null, to: null, countries: [], search: '' })).toBe('all-days');
    expect(selectionFileLabel(hostile)).toBe('2023-11-10_end-CN-RU-US-and-2-more-search-img-src-x-password-rm-rf');
    expect(selectionFileLabel({ from: null, to: '2023-01-02', countries: [], search: '', exact: { user: '', password: 'é' } }))
      .toBe('start_2023-01-02-user-value-password-value');
    expect(tableCsvName('sources', hostile)).toBe('swarmscope-sources.csv');
  });

  it('names sources as dropped and keeps a file named like a formula from running in a spreadsheet', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const fake = new FakeHost([
      { ts: '2023-11-10 01:00:00', ip: '61.177.172.10', country: 'CN', user: 'admin', source: '/tmp/swarmscope-serve-AbC123/uploads/upload-XyZ789/=SUM(1,2).log' },
      { ts: '2023-11-10 02:00:00', ip: '61.177.172.10', country: 'CN', user: 'admin', source: '/tmp/swarmscope-serve-AbC123/uploads/upload-XyZ789/logs/mail.log' },
    ]);
    render(TableActions, { props: { host: fake, table: 'sources', selection: SELECTION } });
    await fireEvent.click(screen.getByTestId('copy-sources'));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    // Tab-separated, the comma inside the name needs no quotes.
    expect(writeText.mock.calls[0]).toEqual([`path\tlines\tattempts\n'=SUM(1,2).log\t1\t1\nlogs/mail.log\t1\t1\n`]);
  });
});
