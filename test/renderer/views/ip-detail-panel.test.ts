import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import IpDetailPanel from '../../../src-renderer/src/views/detail/IpDetailPanel.svelte';
import { FakeHost, type FakeAttempt } from '../fakes';

const IP = '45.83.64.7';
const ALL: Selection = { from: null, to: null, countries: [], search: '' };

function attempts(): FakeAttempt[] {
  const users = ['admin', 'admin', 'root', '<b>admin</b>'];
  return users.map((user, i) => ({ ts: `2023-11-10 0${i}:00:00`, ip: IP, country: 'RU', user, password: i % 2 ? '123456' : 'qwerty' }));
}

describe('IpDetailPanel', () => {
  it('says nothing more than "in the selection" when only the range and countries apply', async () => {
    render(IpDetailPanel, { props: { host: new FakeHost(attempts()), ip: IP, selection: { ...ALL, countries: ['RU'] }, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('4'));
    expect(screen.queryByTestId('detail-narrowed')).toBeNull();
  });

  it('counts the selection’s attempts and says which user name, password and search narrow them, as text', async () => {
    const host = new FakeHost(attempts());
    const selection: Selection = { ...ALL, search: 'adm', exact: { user: '<b>admin</b>', password: '123456' } };
    const { container } = render(IpDetailPanel, { props: { host, ip: IP, selection, onClose: () => {} } });
    await waitFor(() => expect(screen.getByTestId('detail-attempts').dataset.value).toBe('1'));
    expect(host.callsOf('ipDetail').at(-1)!.args).toEqual([IP, selection]);
    const said = screen.getByTestId('detail-narrowed').textContent!.replace(/\s+/g, ' ');
    expect(said).toContain('with user name = <b>admin</b>');
    expect(said).toContain('and password = 123456');
    expect(said).toContain('matching “adm”');
    expect(container.querySelector('b')).toBeNull(); // the logged text is shown, never made markup
  });
});
