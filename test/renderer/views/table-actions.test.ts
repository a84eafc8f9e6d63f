import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
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
  it('copies the table as CSV for the selection', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const fake = host();
    render(TableActions, { props: { host: fake, table: 'users', selection: SELECTION } });
    await fireEvent.click(screen.getByTestId('copy-users'));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    expect(fake.callsOf('tableCsv')[0].args).toEqual(['users', SELECTION]);
    expect(writeText.mock.calls[0]).toEqual(["user,attempts,ips\nadmin,2,2\n'=cmd|calc,1,1\n"]);
    expect(screen.getByRole('status').textContent).toBe('Copied');
  });

  it('saves the CSV through the host', async () => {
    const fake = host();
    render(TableActions, { props: { host: fake, table: 'countries', selection: { ...SELECTION, countries: [] } } });
    await fireEvent.click(screen.getByTestId('save-countries'));
    await waitFor(() => expect(fake.savedFiles).toHaveLength(1));
    expect(fake.savedFiles[0]).toEqual({ name: 'swarmscope-countries.csv', text: 'country,attempts,ips\nCN,3,2\nRU,1,1\n' });
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
    expect(writeText.mock.calls[0]).toEqual([`path,lines,attempts\n"'=SUM(1,2).log",1,1\nlogs/mail.log,1,1\n`]);
  });
});
