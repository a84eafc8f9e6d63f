// IncidentsState: the whole case's incidents, asked once per case version and threshold, and not while logs
// are being read (each answer reads the whole case again).
import { describe, expect, it, onTestFinished } from 'vitest';
import { FAIL2BAN_DEFAULTS, type IngestProgress } from '../../../src-main/shared/api';
import { isFail2banDefault } from '../../../src-main/shared/threshold-text';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { IncidentsState } from '../../../src-renderer/src/lib/state/incidents.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, settle } from '../fakes';

const ATTEMPTS = generateAttacks({ seed: 3, days: 60, backgroundIps: 80, backgroundAttempts: 600, swarmStartDay: 40, swarmIps: 200 });

async function setup() {
  const host = new FakeHost(ATTEMPTS);
  const caseState = new CaseState(host);
  const incidents = new IncidentsState(host, caseState);
  onTestFinished(() => {
    incidents.destroy();
    caseState.destroy();
  });
  await caseState.start();
  await settle();
  return { host, caseState, incidents };
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
