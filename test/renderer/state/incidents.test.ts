// IncidentsState: the case's incidents, asked once per case version, threshold and services chosen, and not
// while logs are being read (each answer reads the whole case again).
import { describe, expect, it, onTestFinished } from 'vitest';
import { FAIL2BAN_DEFAULTS, type IngestProgress } from '../../../src-main/shared/api';
import { isFail2banDefault } from '../../../src-main/shared/threshold-text';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { IncidentsState } from '../../../src-renderer/src/lib/state/incidents.svelte';
import { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, settle } from '../fakes';

const ATTEMPTS = generateAttacks({ seed: 3, days: 60, backgroundIps: 80, backgroundAttempts: 600, swarmStartDay: 40, swarmIps: 200 });

async function setup(attempts = ATTEMPTS) {
  const host = new FakeHost(attempts);
  const caseState = new CaseState(host);
  const selection = new SelectionState();
  const incidents = new IncidentsState(host, caseState, () => selection.services);
  onTestFinished(() => {
    incidents.destroy();
    caseState.destroy();
  });
  await caseState.start();
  await settle();
  return { host, caseState, incidents, selection };
}

const progress = (state: 'reading' | 'done'): IngestProgress => ({
  files: [{ path: '/var/log/mail.log', bytesRead: 10, bytesTotal: 100, lines: 1, attempts: 1, state }],
  bytesRead: 10, bytesTotal: 100, lines: 1, attempts: 1, current: state === 'reading' ? '/var/log/mail.log' : null,
});

describe('IncidentsState', () => {
  it("asks with fail2ban's defaults once the case is known, and again only for another threshold", async () => {
    const { host, incidents } = await setup();
    expect(host.callsOf('incidents')).toEqual([{ method: 'incidents', args: [FAIL2BAN_DEFAULTS] }]);
    expect(incidents.report?.attempts).toBe(ATTEMPTS.length);
    expect(isFail2banDefault(incidents.threshold)).toBe(true);
    incidents.setThreshold({ ...FAIL2BAN_DEFAULTS });
    await settle();
    expect(host.callsOf('incidents')).toHaveLength(1);
    incidents.setThreshold({ maxretry: 3, findtime: 3600, bantime: 3600 });
    await settle();
    expect(host.callsOf('incidents').map((c) => c.args)).toEqual([[FAIL2BAN_DEFAULTS], [{ maxretry: 3, findtime: 3600, bantime: 3600 }]]);
    expect(incidents.report?.threshold).toEqual({ maxretry: 3, findtime: 3600, bantime: 3600 });
    expect(isFail2banDefault(incidents.threshold)).toBe(false);
  });

  it('asks with the services chosen in the Services tab, again when they change, and of every service once none is', async () => {
    // A mail server's and an SSH server's tries in one case.
    const mixed = ATTEMPTS.map((a, i) => ({ ...a, service: i % 3 === 0 ? 'ssh' : 'imap' }));
    const { host, incidents, selection } = await setup(mixed);
    selection.toggleService('ssh');
    await settle();
    expect(host.callsOf('incidents').map((c) => c.args)).toEqual([[FAIL2BAN_DEFAULTS], [FAIL2BAN_DEFAULTS, ['ssh']]]);
    expect(incidents.report?.services).toEqual(['ssh']);
    expect(incidents.report?.attempts).toBe(mixed.filter((a) => a.service === 'ssh').length);
    // Another threshold keeps the services; a brushed range is no part of the question.
    incidents.setThreshold({ maxretry: 3, findtime: 3600, bantime: 3600 });
    selection.setRange('2023-01-05', '2023-01-09');
    await settle();
    expect(host.callsOf('incidents').at(-1)!.args).toEqual([{ maxretry: 3, findtime: 3600, bantime: 3600 }, ['ssh']]);
    selection.toggleService('imap');
    await settle();
    expect(host.callsOf('incidents').at(-1)!.args).toEqual([{ maxretry: 3, findtime: 3600, bantime: 3600 }, ['imap', 'ssh']]);
    expect(host.callsOf('incidents')).toHaveLength(4);
    selection.clearServices();
    await settle();
    expect(host.callsOf('incidents').at(-1)!.args).toEqual([{ maxretry: 3, findtime: 3600, bantime: 3600 }]);
    expect(incidents.report?.services).toEqual([]);
    expect(incidents.report?.attempts).toBe(mixed.length);
  });

  it('waits while logs are read, and asks once they are in', async () => {
    const { host, caseState, incidents } = await setup();
    host.emit({ type: 'progress', progress: progress('reading') });
    host.addAttempts(ATTEMPTS.slice(0, 50).map((a) => ({ ...a, ip: `198.51.100.${ATTEMPTS.indexOf(a) % 250}` })), 'more.log');
    // addAttempts announces the progress as done; say the file is still being read.
    host.emit({ type: 'progress', progress: progress('reading') });
    await settle();
    expect(caseState.ingesting).toBe(true);
    expect(incidents.waitingForIngest).toBe(true);
    expect(host.callsOf('incidents')).toHaveLength(1);
    host.emit({ type: 'progress', progress: progress('done') });
    host.emit({ type: 'caseChanged', info: await host.caseInfo() });
    await settle();
    expect(incidents.waitingForIngest).toBe(false);
    // Once when the reading ends, and once more for the change the engine announces after it.
    expect(host.callsOf('incidents').length).toBeGreaterThanOrEqual(2);
    expect(incidents.report?.attempts).toBe(ATTEMPTS.length + 50);
  });

  it('keeps the last report and says why when an answer fails, and asks again next time', async () => {
    const { host, incidents } = await setup();
    const before = incidents.report;
    const original = host.incidents.bind(host);
    host.incidents = () => Promise.reject(new Error('engine worker exited (code 1)'));
    incidents.setThreshold({ maxretry: 2, findtime: 600, bantime: 600 });
    await settle();
    expect(incidents.error).toBe('engine worker exited (code 1)');
    expect(incidents.report).toBe(before);
    host.incidents = original;
    incidents.setThreshold({ ...FAIL2BAN_DEFAULTS });
    await settle();
    expect(incidents.error).toBeNull();
  });
});
