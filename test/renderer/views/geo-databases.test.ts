// The geolocation databases in the Sources tab: what is listed, who may add or drop a MaxMind file, and
// names (read from the files' metadata) shown as text. The menu item lands here too.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GeoDbInfo } from '../../../src-main/shared/api';
import App from '../../../src-renderer/src/App.svelte';
import GeoDatabases from '../../../src-renderer/src/views/settings/GeoDatabases.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle, userGeoDb } from '../fakes';

const BUNDLED: GeoDbInfo = {
  name: 'geo-whois-asn-country (bundled)', kind: 'country', buildDate: '2026-06-17',
  licence: 'geo-whois-asn-country by sapics/ip-location-db (CC0 1.0)', path: '/app/geo-whois-asn-country.mmdb', bundled: true,
};
const CITY = userGeoDb('/home/analyst/GeoIP/GeoLite2-City.mmdb', 'GeoLite2-City (GeoLite2-City.mmdb)');
const HOSTILE = userGeoDb('/home/analyst/<img src=x onerror=alert(1)>.mmdb', '<img src=x onerror=alert(1)> {{7*7}} (evil.mmdb)');
const EARLIER: GeoDbInfo = { ...userGeoDb('/media/old/GeoLite2-Country.mmdb', 'GeoLite2-Country (GeoLite2-Country.mmdb)'), buildDate: '2023-01-10', kind: 'country' };

const items = () => screen.getAllByTestId('geo-database');

describe('GeoDatabases', () => {
  it('lists each database with its kind, build date, licence and whether it is bundled, the user’s first', () => {
    render(GeoDatabases, { props: { geo: [CITY, BUNDLED, EARLIER], canChoose: true, onAdd: () => {}, onRemove: () => {} } });
    const [city, bundled, earlier] = items();
    expect(city.textContent).toContain('GeoLite2-City (GeoLite2-City.mmdb)');
    expect(city.textContent).toContain('city, built 2026-05-05');
    expect(city.textContent).toContain('your file');
    expect(city.textContent).toContain('/home/analyst/GeoIP/GeoLite2-City.mmdb');
    expect(city.textContent).toContain('MaxMind GeoLite2/GeoIP2 terms apply');
    expect(bundled.textContent).toContain('country, built 2026-06-17');
    expect(bundled.textContent).toContain('bundled');
    expect(bundled.textContent).toContain('CC0 1.0');
    expect(bundled.textContent).not.toContain('earlier');
    // Listed after the bundled one: it located addresses of this case before, but is not used now.
    expect(earlier.textContent).toContain('earlier');
    expect(within(earlier).queryByRole('button')).toBeNull();
  });

  it('shows a hostile database name and path as text', () => {
    const { container } = render(GeoDatabases, { props: { geo: [HOSTILE, BUNDLED], canChoose: true } });
    expect(items()[0].textContent).toContain('<img src=x onerror=alert(1)> {{7*7}} (evil.mmdb)');
    expect(items()[0].textContent).toContain('/home/analyst/<img src=x onerror=alert(1)>.mmdb');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).not.toContain('49');
  });

  it('lets the Electron user add a database or stop using one of theirs', async () => {
    const onAdd = vi.fn();
    const onRemove = vi.fn();
    render(GeoDatabases, { props: { geo: [CITY, BUNDLED], canChoose: true, onAdd, onRemove } });
    await fireEvent.click(screen.getByTestId('geo-add'));
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(within(items()[1]).queryByRole('button')).toBeNull();
    await fireEvent.click(within(items()[0]).getByRole('button', { name: 'Stop using' }));
    expect(onRemove).toHaveBeenCalledWith('/home/analyst/GeoIP/GeoLite2-City.mmdb');
  });

  it('disables its buttons while the case is being located again', () => {
    render(GeoDatabases, { props: { geo: [CITY, BUNDLED], canChoose: true, busy: true, onAdd: () => {}, onRemove: () => {} } });
    expect((screen.getByTestId('geo-add') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('geo-add').textContent).toMatch(/Locating/);
    expect((within(items()[0]).getByRole('button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers no button in the web host, and says how its admin adds databases', () => {
    render(GeoDatabases, { props: { geo: [CITY, BUNDLED], canChoose: false } });
    expect(screen.queryByTestId('geo-add')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByTestId('geo-databases').textContent).toContain('swarmscope serve --geoip');
  });

  it('in the web host, says the files in use are those it was started with, and how to use others', () => {
    const hint = () => screen.getByTestId('geo-databases').querySelector('.hint')!.textContent!.replace(/\s+/g, ' ');
    const { unmount } = render(GeoDatabases, { props: { geo: [CITY, BUNDLED], canChoose: false } });
    expect(hint()).toBe('Your files here are those the host was started with (swarmscope serve --geoip FILE.mmdb); start it again to use others.');
    unmount();
    // A file that located addresses earlier, not in use now: the host was started without one.
    render(GeoDatabases, { props: { geo: [BUNDLED, EARLIER], canChoose: false } });
    expect(hint()).toBe('To use MaxMind databases here, start the host with swarmscope serve --geoip FILE.mmdb.');
  });
});

describe('geolocation databases in the app', () => {
  let restoreSize: () => void;
  beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
  afterAll(() => restoreSize());
  const attacks = generateAttacks({ seed: 5, days: 20, backgroundIps: 40, backgroundAttempts: 200, swarmIps: 30 });

  it('opens the dialog from the File menu and shows the new list in the Sources tab', async () => {
    const host = new FakeHost(attacks);
    host.kind = 'electron';
    host.nextGeoChoice = [CITY];
    render(App, { props: { host } });
    await settle();
    host.menu('geo-databases');
    await waitFor(() => expect(items().map((item) => item.textContent)).toEqual([
      expect.stringContaining('GeoLite2-City (GeoLite2-City.mmdb)'), expect.stringContaining('bundled'),
    ]));
    expect(screen.getByTestId('tab-sources').getAttribute('aria-selected')).toBe('true');
    expect(host.callsOf('chooseGeoDatabases')).toHaveLength(1);
    // Busy until the overview of the relocated case is back.
    await waitFor(() => expect((screen.getByTestId('geo-add') as HTMLButtonElement).disabled).toBe(false));

    await fireEvent.click(within(items()[0]).getByRole('button', { name: 'Stop using' }));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(host.callsOf('setGeoDatabases').map((call) => call.args)).toEqual([[[]]]);
  });

  it('shows what the engine says when it refuses a file', async () => {
    const host = new FakeHost(attacks);
    host.kind = 'electron';
    host.chooseGeoDatabases = () => Promise.reject(new Error('/home/analyst/GeoLite2-City.tar.gz is not a MaxMind database'));
    render(App, { props: { host } });
    await settle();
    await fireEvent.click(screen.getByTestId('tab-sources'));
    await fireEvent.click(screen.getByTestId('geo-add'));
    await waitFor(() => expect(screen.getByTestId('error-toast').textContent)
      .toContain('Adding geolocation databases failed: /home/analyst/GeoLite2-City.tar.gz is not a MaxMind database'));
    expect(items()).toHaveLength(1);
  });

  it('hides the button in the web host', async () => {
    const host = new FakeHost(attacks);
    render(App, { props: { host } });
    await settle();
    await fireEvent.click(screen.getByTestId('tab-sources'));
    expect(screen.getByTestId('geo-databases')).toBeTruthy();
    expect(screen.queryByTestId('geo-add')).toBeNull();
  });
});
