import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoLocator, bundledGeoDbPath, userDatabaseLicence } from '../../../src-main/engine/geo/geo-locator';

describe('GeoLocator', () => {
  const geo = GeoLocator.open();

  it('locates public IPv4 and IPv6 addresses offline with the bundled database', () => {
    const v4 = geo.locate('8.8.8.8');
    expect(v4.dbIndex).toBe(0);
    // The countries the networks are registered in (whois): Google LLC's resolver in the US, Yandex's in Russia,
    // Google Ireland's IPv6 block in Ireland. Any two-letter code, or one code for every address, does not pass.
    expect(v4.country).toBe('US');
    expect(geo.locate('77.88.8.8').country).toBe('RU');
    expect(geo.locate('2a00:1450:4001:800::200e').country).toBe('IE');
    expect(geo.locate('2a02:6b8::2:242').country).toBe('RU');
  });

  it('does not locate private addresses', () => {
    expect(geo.locate('10.1.2.3').country).toBeNull();
    expect(geo.locate('192.168.1.1').country).toBeNull();
  });

  it('describes the bundled database with its build date and licence', () => {
    const [info] = geo.databases;
    expect(info.bundled).toBe(true);
    expect(info.kind).toBe('country');
    expect(info.buildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(info.licence).toMatch(/CC/);
  });

  it('refuses a file that is not a MaxMind database, naming it', () => {
    const bad = path.join(os.tmpdir(), `not-a-db-${process.pid}.mmdb`);
    fs.writeFileSync(bad, 'hello');
    expect(() => GeoLocator.open([bad])).toThrow(bad);
    fs.rmSync(bad);
  });

  it('credits MaxMind only for a user database that MaxMind made', () => {
    // Another vendor's MMDB (here a copy of the bundled ip-location-db one, given as the user's own).
    const copy = path.join(os.tmpdir(), `user-copy-${process.pid}.mmdb`);
    fs.copyFileSync(bundledGeoDbPath(), copy);
    try {
      const user = GeoLocator.open([copy]).databases[0];
      expect(user.bundled).toBe(false);
      expect(user.licence).not.toMatch(/MaxMind/);
      expect(user.licence).toMatch(/vendor/);
    } finally {
      fs.rmSync(copy);
    }
    expect(userDatabaseLicence('GeoLite2-City')).toMatch(/MaxMind/);
    expect(userDatabaseLicence('GeoIP2-Country')).toMatch(/MaxMind/);
    expect(userDatabaseLicence('DBIP-Country-Lite')).not.toMatch(/MaxMind/);
  });
});
