import { describe, expect, it } from 'vitest';
import { callEngineForPage } from '../../../src-main/shared/page-calls';
import { fakeEngine } from '../fake-engine';

// The page shows what attackers wrote: a script that got into it must not read or write files of its choosing.
describe('engine calls from a page', () => {
  it('passes ordinary calls on with checked arguments', async () => {
    const engine = fakeEngine();
    const selection = { from: null, to: null, countries: [], search: '' };
    await callEngineForPage(engine, 'summary', [selection]);
    expect(engine.calls).toEqual([{ method: 'summary', args: [selection] }]);
    await expect(callEngineForPage(engine, 'summary', [{ ...selection, extra: 1 }])).rejects.toThrow(/unexpected field/);
    await expect(callEngineForPage(engine, 'terminate', [])).rejects.toThrow(/not an engine method/);
  });

  it('refuses to write a case where the page says', async () => {
    const engine = fakeEngine();
    await expect(callEngineForPage(engine, 'saveCase', ['/home/user/.bashrc'])).rejects.toThrow(/cannot choose where a case is written/);
    expect(engine.calls).toEqual([]);
  });

  it('refuses to read files the page names', async () => {
    const engine = fakeEngine();
    await expect(callEngineForPage(engine, 'ingest', [['/etc/shadow']])).rejects.toThrow(/cannot name files to read/);
    await expect(callEngineForPage(engine, 'openCase', ['/home/user/other.swarmscope'])).rejects.toThrow(/cannot name a case file/);
    expect(engine.calls).toEqual([]);
  });

  it('closes the case when asked (openCase with null)', async () => {
    const engine = fakeEngine();
    await callEngineForPage(engine, 'openCase', [null]);
    expect(engine.calls).toEqual([{ method: 'openCase', args: [null] }]);
  });

  it('reads raw lines of the case\'s own sources only', async () => {
    const engine = fakeEngine();
    await engine.ingest([new URL(import.meta.url).pathname]);
    const source = new URL(import.meta.url).pathname;
    engine.calls.length = 0;
    await callEngineForPage(engine, 'rawLines', [[{ source, line: 1 }]]);
    expect(engine.calls.map((call) => call.method)).toEqual(['caseInfo', 'rawLines']);
    engine.calls.length = 0;
    await expect(callEngineForPage(engine, 'rawLines', [[{ source, line: 1 }, { source: '/etc/passwd', line: 1 }]]))
      .rejects.toThrow(/\/etc\/passwd is not a source of this case/);
    expect(engine.calls.map((call) => call.method)).toEqual(['caseInfo']);
  });

  it('passes a raw line\'s source id on with its path, which must still be the case\'s', async () => {
    const engine = fakeEngine();
    const source = new URL(import.meta.url).pathname;
    await engine.ingest([source]);
    engine.calls.length = 0;
    await callEngineForPage(engine, 'rawLines', [[{ source, line: 1, sourceId: 2 }]]);
    expect(engine.calls.at(-1)).toEqual({ method: 'rawLines', args: [[{ source, line: 1, sourceId: 2 }]] });
    // An id does not stand in for the path: a file the case never read is refused whatever id comes with it.
    await expect(callEngineForPage(engine, 'rawLines', [[{ source: '/etc/passwd', line: 1, sourceId: 2 }]])).rejects.toThrow(/not a source of this case/);
    expect(engine.calls.map((call) => call.method)).toEqual(['caseInfo', 'rawLines', 'caseInfo']);
  });

  it('lets the page leave out geolocation databases in use, not bring in its own', async () => {
    const engine = fakeEngine();
    await engine.setGeoDatabases(['/geo/GeoLite2-City.mmdb', '/geo/GeoLite2-ASN.mmdb']);
    engine.calls.length = 0;
    await callEngineForPage(engine, 'setGeoDatabases', [['/geo/GeoLite2-ASN.mmdb']]);
    await callEngineForPage(engine, 'setGeoDatabases', [[]]);
    expect(engine.calls.filter((call) => call.method === 'setGeoDatabases').map((call) => call.args))
      .toEqual([[['/geo/GeoLite2-ASN.mmdb']], [[]]]);
    await expect(callEngineForPage(engine, 'setGeoDatabases', [['/home/user/evil.mmdb']])).rejects.toThrow(/only keep or leave out/);
  });
});
