import { describe, expect, it, vi } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import type { SwarmscopeBridge } from '../../../src-main/shared/bridge';
import { createIpcClient } from '../../../src-renderer/src/lib/api/ipc-client';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { fakeDrop } from './fake-entries';

const selection: Selection = { from: null, to: null, countries: ['CN'], search: '' };

function recordingBridge() {
  const calls: [string, unknown[]][] = [];
  const bridge = new Proxy({} as SwarmscopeBridge, {
    get: (_target, name: string) => (...args: unknown[]) => {
      calls.push([name, args]);
      if (name === 'onEngineEvent' || name === 'onMenuCommand') return () => calls.push([`stop:${name}`, []]);
      return Promise.resolve(`answer of ${name}`);
    },
  });
  return { bridge, calls };
}

describe('Electron client', () => {
  it('says it is Electron', () => {
    expect(createIpcClient(recordingBridge().bridge).kind).toBe('electron');
  });

  it('forwards engine calls with their arguments', async () => {
    const { bridge, calls } = recordingBridge();
    const host = createIpcClient(bridge);
    expect(await host.ips(selection, 'lastSeen', false, 0, 100)).toBe('answer of ips');
    await host.ingest(['/var/log/dovecot.log']);
    await host.tableCsv('ips', selection);
    expect(calls).toEqual([
      ['ips', [selection, 'lastSeen', false, 0, 100]],
      ['ingest', [['/var/log/dovecot.log']]],
      ['tableCsv', ['ips', selection]],
    ]);
  });

  it('hands a drop\'s top-level items (folders too) to the preload, which resolves their paths', async () => {
    const { bridge, calls } = recordingBridge();
    const drop = fakeDrop({ mail: { 'dovecot.log': 'x' }, 'extra.log': 'y' });
    await createIpcClient(bridge).ingestFiles(drop);
    expect(calls[0][0]).toBe('ingestDroppedFiles');
    expect((calls[0][1][0] as File[]).map((file) => file.name)).toEqual(['mail', 'extra.log']);
  });

  it('passes host calls and subscriptions through', async () => {
    const { bridge, calls } = recordingBridge();
    const host = createIpcClient(bridge);
    const listener = vi.fn();
    const stop = host.onEvent(listener);
    stop();
    await host.saveTextFile('blocklist-ipset.txt', 'create swarmscope hash:ip\n');
    await host.openLogsDialog();
    expect(await host.chooseGeoDatabases()).toBe('answer of chooseGeoDatabases');
    await host.setGeoDatabases(['/usr/share/GeoIP/GeoLite2-City.mmdb']);
    expect(calls.map(([name]) => name)).toEqual([
      'onEngineEvent', 'stop:onEngineEvent', 'saveTextFile', 'openLogsDialog', 'chooseGeoDatabases', 'setGeoDatabases',
    ]);
    expect(calls.at(-1)![1]).toEqual([['/usr/share/GeoIP/GeoLite2-City.mmdb']]);
    expect(calls[0][1][0]).toBe(listener);
  });
});

describe('Electron client, a call that fails', () => {
  /** A bridge whose calls reject as ipcRenderer.invoke does when main throws: the channel and the error's name first. */
  function failingBridge(message: string): SwarmscopeBridge {
    return new Proxy({} as SwarmscopeBridge, {
      get: (_target, name: string) => () => Promise.reject(new Error(`Error invoking remote method 'host:${name}': Error: ${message}`)),
    });
  }
  const NOT_MAXMIND = '/home/me/Downloads/countries.csv is not a MaxMind database: Unknown type 117 at offset 1';

  it('rejects with what main or the engine said, not with Electron\'s "Error invoking remote method"', async () => {
    const host = createIpcClient(failingBridge(NOT_MAXMIND));
    await expect(host.chooseGeoDatabases()).rejects.toThrow(new Error(NOT_MAXMIND));
    await expect(host.setGeoDatabases(['/x.mmdb'])).rejects.toThrow(new Error(NOT_MAXMIND));
    await expect(host.saveTextFile('a.txt', 'a')).rejects.toThrow(new Error(NOT_MAXMIND));
  });

  it('so adding a file that is no geolocation database says why, as the engine put it', async () => {
    const state = new CaseState(createIpcClient(failingBridge(NOT_MAXMIND)));
    await state.chooseGeoDatabases();
    expect(state.errors.map((error) => `${error.action} failed: ${error.message}`)).toEqual([
      `Adding geolocation databases failed: ${NOT_MAXMIND}`,
    ]);
    state.destroy();
  });
});
