import { describe, expect, it, vi } from 'vitest';
import { fakeEngine } from '../fake-engine';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { aboutInfo, aboutText, appIdentity } = await import('../../../src-main/app/about');

describe('About', () => {
  it('names the version, the build date, the licence and the geo database with its licence', async () => {
    const identity = { ...appIdentity(new URL(import.meta.url).pathname), buildDate: '2026-06-20' };
    const info = await aboutInfo(fakeEngine(), identity);
    expect(info.version).toBe('0.1.0');
    expect(info.versions.node).toBe(process.versions.node);
    const text = aboutText(info);
    expect(text).toContain('Version 0.1.0, built 2026-06-20');
    expect(text).toContain('released under the MIT licence');
    expect(text).toContain('Geolocation (country): geo-whois-asn-country, built 2026-06-17, bundled. Licence: CC0-1.0.');
  });

  it('says so when no geo database is loaded', async () => {
    const engine = fakeEngine({ caseInfo: async () => ({ path: null, attempts: 0, logins: 0, ips: 0, firstDay: null, lastDay: null, sources: [], unread: [], geo: [], startYear: null }) });
    expect(aboutText(await aboutInfo(engine, appIdentity('/nonexistent/main.js')))).toContain('No geolocation database is loaded.');
  });

  it('dates the build from the main bundle', () => {
    expect(appIdentity('/nonexistent/main.js').buildDate).toBe('unknown');
    expect(appIdentity(new URL(import.meta.url).pathname).buildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
