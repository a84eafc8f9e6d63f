// The Incidents panel: the case's swarms with their figures and what a per-IP threshold would have missed;
// choosing one selects its hours within its days, so every view follows. User names are the attacker's text, shown literally.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import Incidents from '../../../src-renderer/src/views/panels/Incidents.svelte';
import { FAIL2BAN_DEFAULTS, type HourSpan, type Incident, type IncidentReport } from '../../../src-main/shared/api';
import { generateAttacks } from '../fake-data';
import { FakeHost, giveElementsASize, settle } from '../fakes';

let restoreSize: () => void;
beforeAll(() => { restoreSize = giveElementsASize(1280, 300); });
afterAll(() => restoreSize());

const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '{{7*7}}'];

const swarm: Incident = {
  start: '2023-03-01 03:00', end: '2023-03-03 15:00', hours: 60, firstDay: '2023-03-01', lastDay: '2023-03-03',
  attempts: 3_072, ips: 1_942, oneShotIps: 1_243, oneShotShare: 1_243 / 1_942, attemptsPerIp: 3_072 / 1_942, newIps: 1_900, countries: 87,
  users: [{ value: HOSTILE[0], attempts: 900 }, { value: HOSTILE[1], attempts: 400 }, { value: HOSTILE[2], attempts: 30 }, { value: null, attempts: 2 }],
  services: [{ service: 'imap', attempts: 2_000 }, { service: '<b>ssh</b>', attempts: 1_000 }, { service: null, attempts: 72 }],
  missedAttempts: 3_000, missedIps: 1_930,
  peak: { hour: '2023-03-02 08:00', ips: 92, baselineIps: 2, deviations: 60.7 },
};
const later: Incident = {
  ...swarm, start: '2023-03-10 22:00', end: '2023-03-11 02:00', hours: 4, firstDay: '2023-03-10', lastDay: '2023-03-11', users: [], services: [],
};
const report: IncidentReport = {
  threshold: FAIL2BAN_DEFAULTS, services: [], attempts: 30_483, ips: 8_858, undatedAttempts: 0, missedAttempts: 26_000, missedIps: 8_500, hours: 7_680,
  baseline: { medianIps: 1, madIps: 1 }, incidents: [swarm, later],
};

function renderPanel(props: Partial<{ report: IncidentReport | null; hours: HourSpan | null }> = {}) {
  const onPick = vi.fn();
  const onThreshold = vi.fn();
  const result = render(Incidents, { props: { report, threshold: FAIL2BAN_DEFAULTS, hours: null, onPick, onThreshold, ...props } });
  return { ...result, onPick, onThreshold };
}

describe('Incidents panel', () => {
  it('lists the incidents by start with their figures, and says what a threshold of 5 tries in 10 min would have missed', () => {
    renderPanel();
    const rows = screen.getAllByTestId('incident-row');
    expect(rows.map((r) => r.dataset.start)).toEqual(['2023-03-01 03:00', '2023-03-10 22:00']);
    expect(within(rows[0]).getByTestId('incident-span').textContent).toBe('2023-03-01 03:00 – 2023-03-03 15:00');
    expect(within(rows[0]).getByTestId('incident-missed').textContent!.replace(/\s+/g, ' ').trim())
      .toBe('A per-IP threshold of 5 tries in 10 min would have missed 3,000 of 3,072 attempts (98%), and never caught 1,930 of its 1,942 IPs.');
    expect(within(rows[0]).getByTestId('incident-ips').textContent).toBe('1,942');
    expect(rows[0].textContent).toContain('1,243 (64%)');
    expect(within(rows[0]).getByTestId('incident-peak').textContent).toBe('2023-03-02 08:00: 92 IPs not caught, usually 2 IPs');
    expect(screen.getByTestId('incidents-case-missed').textContent!.replace(/\s+/g, ' '))
      .toContain('a per-IP threshold of 5 tries in 10 min (banned 10 min) would have missed 26,000 of 30,483 attempts and never caught 8,500 of 8,858 IPs.');
    expect(screen.getByTestId('incidents').textContent).toContain('whole case');
  });

  it('says how many attempts it left out for want of a time stamp, and nothing of it when there are none', () => {
    renderPanel();
    expect(screen.queryByTestId('incidents-undated')).toBeNull();
    cleanup();
    renderPanel({ report: { ...report, undatedAttempts: 469 } });
    expect(screen.getByTestId('incidents-undated').textContent!.replace(/\s+/g, ' '))
      .toBe("469 attempts read from lines without a time stamp, all dated at their file's last change, are left out (see Sources).");
  });

  it('says which services the incidents are of when they are of some, in its title and its first line', () => {
    renderPanel({ report: { ...report, services: ['', 'ssh'] } });
    expect(screen.getByRole('heading').textContent).toBe('Incidents · not logged, ssh');
    expect(screen.getByTestId('incidents-scope').textContent).toBe("the case's attempts at not logged, ssh");
    expect(screen.getByTestId('incidents').textContent).not.toContain('whole case');
  });

  it('says the case holds no attempts at the services chosen, not that it holds none', () => {
    renderPanel({ report: { ...report, services: ['ssh'], attempts: 0, ips: 0, missedAttempts: 0, missedIps: 0, hours: 0, incidents: [] } });
    expect(screen.getByTestId('incidents-empty').textContent).toContain('The case holds no attempts at ssh.');
  });

  it('shows user names from the log as text, never as markup', () => {
    const { container } = renderPanel();
    const users = within(screen.getAllByTestId('incident-row')[0]).getAllByTestId('incident-user');
    expect(users.map((u) => u.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      `${HOSTILE[0]} 900`, `${HOSTILE[1]} 400`, `${HOSTILE[2]} 30`, '(not logged) 2',
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).not.toContain('49');
  });

  it('names the services each incident knocked on, most first, as text', () => {
    const { container } = renderPanel();
    expect(screen.getAllByTestId('incident-services').map((s) => s.textContent)).toEqual(['imap 2,000 · <b>ssh</b> 1,000 · not logged 72', '–']);
    expect(container.querySelector('.figures b')).toBeNull();
  });

  it('picks an incident on click, on Enter and on Space, and the arrow keys move between them', async () => {
    const { onPick } = renderPanel();
    const rows = screen.getAllByTestId('incident-row');
    await fireEvent.click(rows[1]);
    expect(onPick).toHaveBeenLastCalledWith(later);
    expect(rows[0].tabIndex).toBe(0);
    expect(rows[1].tabIndex).toBe(-1);
    rows[0].focus();
    await fireEvent.keyDown(rows[0], { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith(swarm);
    await fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    await fireEvent.keyDown(rows[1], { key: ' ' });
    expect(onPick).toHaveBeenLastCalledWith(later);
    expect(onPick).toHaveBeenCalledTimes(3);
  });

  it('marks the incident whose hours are selected', () => {
    renderPanel({ hours: { start: later.start, end: later.end } });
    const rows = screen.getAllByTestId('incident-row');
    expect(rows.map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(within(rows[1]).getByTestId('incident-selected').textContent).toBe('selected');
    expect(within(rows[0]).queryByTestId('incident-selected')).toBeNull();
  });

  it('tells two incidents of the same day apart by their hours, and marks neither for that day brushed by hand', async () => {
    // Two bursts on one day, hours apart (as swarmscope incidents lists them).
    const morning: Incident = { ...later, start: '2023-03-02 02:00', end: '2023-03-02 04:00', hours: 2, firstDay: '2023-03-02', lastDay: '2023-03-02' };
    const afternoon: Incident = { ...morning, start: '2023-03-02 15:00', end: '2023-03-02 17:00' };
    const sameDay = { ...report, incidents: [morning, afternoon] };
    const { onPick, rerender } = renderPanel({ report: sameDay });
    await fireEvent.click(screen.getAllByTestId('incident-row')[1]);
    expect(onPick).toHaveBeenLastCalledWith(afternoon);
    await rerender({ hours: { start: afternoon.start, end: afternoon.end } });
    expect(screen.getAllByTestId('incident-row').map((r) => r.dataset.selected)).toEqual(['false', 'true']);
    await fireEvent.keyDown(screen.getAllByTestId('incident-row')[0], { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith(morning);
    await rerender({ hours: { start: morning.start, end: morning.end } });
    expect(screen.getAllByTestId('incident-row').map((r) => r.dataset.selected)).toEqual(['true', 'false']);
    // The day brushed by hand is whole: it is neither incident.
    await rerender({ hours: null });
    expect(screen.getAllByTestId('incident-row').map((r) => r.dataset.selected)).toEqual(['false', 'false']);
  });

  it('says when none was found, what that rules out and what it does not', () => {
    renderPanel({ report: { ...report, incidents: [] } });
    expect(screen.queryByTestId('incident-row')).toBeNull();
    const empty = screen.getByTestId('incidents-empty').textContent!.replace(/\s+/g, ' ');
    expect(empty).toContain('No incident found.');
    expect(empty).toContain('without this threshold catching them, so no large swarm of addresses that each try a few times hides in these logs');
    expect(empty).toContain('A thin one, a few more IPs an hour than usual, would not stand out');
    expect(empty).toMatch(/per-IP threshold/);
    expect(screen.queryByTestId('incidents-too-short')).toBeNull();
  });

  it('counts the usual hour and the peak in IPs the threshold did not catch, as the engine does, not in IPs that tried', () => {
    renderPanel({ report: { ...report, baseline: { medianIps: 3, madIps: 1 } } });
    expect(screen.getByTestId('incidents-what').textContent!.replace(/\s+/g, ' '))
      .toBe('An incident: hours in which far more IPs got past this threshold than in a usual hour (3 IPs it did not catch).');
  });

  it('does not say that no swarm tried when the threshold catches every IP (1 try): it says the threshold leaves none to stand out', () => {
    renderPanel({ report: { ...report, threshold: { ...FAIL2BAN_DEFAULTS, maxretry: 1 }, missedIps: 0, baseline: { medianIps: 0, madIps: 0 }, incidents: [] } });
    const empty = screen.getByTestId('incidents-empty').textContent!.replace(/\s+/g, ' ');
    expect(empty).toContain('No incident found.');
    expect(empty).not.toMatch(/At no time did dozens more IPs than usual try/);
    expect(screen.getByTestId('incidents-all-caught').textContent!.replace(/\s+/g, ' '))
      .toContain('This threshold catches every IP of the case, so no hour has more of them getting past it than usual');
  });

  it('does not say that no swarm hides when the case spans too few hours to know its usual hour', () => {
    // A day of logs that a swarm fills: its hours are the usual, so none stands out.
    renderPanel({ report: { ...report, hours: 23, attempts: 520, ips: 410, missedAttempts: 515, missedIps: 405, incidents: [] } });
    const empty = screen.getByTestId('incidents-empty').textContent!.replace(/\s+/g, ' ');
    expect(empty).toContain('No incident found.');
    expect(empty).not.toMatch(/hides in these logs/);
    expect(screen.getByTestId('incidents-too-short').textContent!.replace(/\s+/g, ' '))
      .toContain('the case holds only 23 hours of logs: too few to know what a usual hour is');
  });

  it('applies a threshold typed as jail.conf writes it, and refuses one it cannot read', async () => {
    const { onThreshold } = renderPanel();
    await fireEvent.input(screen.getByTestId('threshold-maxretry'), { target: { value: '3' } });
    await fireEvent.input(screen.getByTestId('threshold-findtime'), { target: { value: '1h' } });
    await fireEvent.input(screen.getByTestId('threshold-bantime'), { target: { value: '1d' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    expect(onThreshold).toHaveBeenLastCalledWith({ maxretry: 3, findtime: 3600, bantime: 86_400 });
    await fireEvent.input(screen.getByTestId('threshold-findtime'), { target: { value: 'ten minutes' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    expect(onThreshold).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('threshold-error').textContent).toMatch(/^Within: a duration/);
    expect(screen.getByTestId('threshold-findtime').getAttribute('aria-invalid')).toBe('true');
  });

  it('applies a threshold typed with spaces, as "1 h" and "1h 30m", and still says what a duration is for "1 30"', async () => {
    const { onThreshold } = renderPanel();
    await fireEvent.input(screen.getByTestId('threshold-findtime'), { target: { value: '1 h' } });
    await fireEvent.input(screen.getByTestId('threshold-bantime'), { target: { value: '1h 30m' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    expect(onThreshold).toHaveBeenLastCalledWith({ maxretry: 5, findtime: 3600, bantime: 5400 });
    await fireEvent.input(screen.getByTestId('threshold-findtime'), { target: { value: '1 30' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    expect(onThreshold).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('threshold-error').textContent).toMatch(/^Within: a duration such as 600, 10m, 1h or 1d/);
  });

  it('says what is wrong with the threshold beside its form, which scrolling the list never hides, and ties it to the field', async () => {
    renderPanel();
    await fireEvent.input(screen.getByTestId('threshold-maxretry'), { target: { value: '0' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    const error = screen.getByTestId('threshold-error');
    expect(error.textContent).toMatch(/^Tries: a whole number from 1 to 10,000/);
    expect(screen.getByTestId('threshold-form').contains(error)).toBe(true);
    expect(screen.getByTestId('incident-list').closest('.body')!.contains(error)).toBe(false);
    expect(screen.getByTestId('threshold-maxretry').getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByTestId('threshold-findtime').hasAttribute('aria-describedby')).toBe(false);
  });

  it('groups the digits of a duration\'s amounts, as every other number it shows ("3,660 days", not "3660 days")', async () => {
    renderPanel({ report: { ...report, threshold: { maxretry: 5, findtime: 600, bantime: 1_200 * 86_400 } } });
    expect(screen.getByTestId('incidents-case-missed').textContent!.replace(/\s+/g, ' ')).toContain('(banned 1,200 days)');
    await fireEvent.input(screen.getByTestId('threshold-bantime'), { target: { value: '-1' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    expect(screen.getByTestId('threshold-error').textContent).toBe('Ban: a duration such as 600, 10m, 1h or 1d, up to 3,660 days.');
  });
});

describe('Incidents tab in the window', () => {
  const ATTACKS = generateAttacks({ seed: 13, days: 60, firstDay: '2023-01-15', backgroundIps: 100, backgroundAttempts: 800, swarmStartDay: 45, swarmIps: 300 });

  it('asks for the whole case\'s incidents once, selects an incident\'s hours when it is chosen, and asks again with another threshold', async () => {
    const host = new FakeHost(ATTACKS);
    host.incidentReport = report;
    render(App, { props: { host } });
    await settle();
    expect(screen.getByTestId('tab-incidents').textContent).toBe('Incidents (2)');
    await fireEvent.click(screen.getByTestId('tab-incidents'));
    const rows = screen.getAllByTestId('incident-row');
    expect(rows.every((r) => r.dataset.selected === 'false')).toBe(true);
    await fireEvent.click(rows[0]);
    await settle();
    const range = screen.getByTestId('selection-range');
    expect([range.dataset.from, range.dataset.to]).toEqual(['2023-03-01', '2023-03-03']);
    expect(range.dataset.hours).toBe('2023-03-01 03:00 – 2023-03-03 15:00');
    expect(screen.getAllByTestId('incident-row')[0].dataset.selected).toBe('true');
    // Every view asks the engine for the incident's hours, not its whole days.
    expect(host.callsOf('summary').at(-1)!.args[0]).toMatchObject({ from: '2023-03-01', to: '2023-03-03', hours: { start: '2023-03-01 03:00', end: '2023-03-03 15:00' } });
    expect(range.textContent).toMatch(/^Mar 1, 2023 03:00 – Mar 3, 2023 15:00/);
    // The timeline says them too, under a brush that spans their days.
    expect(screen.getByTestId('brush-range').textContent!.trim()).toBe('Mar 1 03:00 – Mar 3 15:00');
    // "whole days" goes back to its days, and the incident is no longer the selection.
    await fireEvent.click(screen.getByTestId('selection-hours-clear'));
    await settle();
    expect(screen.getByTestId('selection-range').dataset.hours).toBe('');
    expect(screen.getByTestId('brush-range').textContent!.trim()).toBe('Mar 1, 2023 – Mar 3, 2023');
    expect([screen.getByTestId('selection-range').dataset.from, screen.getByTestId('selection-range').dataset.to]).toEqual(['2023-03-01', '2023-03-03']);
    expect(host.callsOf('summary').at(-1)!.args[0]).not.toHaveProperty('hours');
    expect(screen.getAllByTestId('incident-row')[0].dataset.selected).toBe('false');
    expect(screen.queryByTestId('selection-hours-clear')).toBeNull();
    // The incidents are the whole case's: a new range asks nothing again.
    expect(host.callsOf('incidents')).toEqual([{ method: 'incidents', args: [FAIL2BAN_DEFAULTS] }]);

    await fireEvent.input(screen.getByTestId('threshold-maxretry'), { target: { value: '10' } });
    await fireEvent.submit(screen.getByTestId('threshold-form'));
    await waitFor(() => expect(host.callsOf('incidents')).toHaveLength(2));
    expect(host.callsOf('incidents')[1].args).toEqual([{ ...FAIL2BAN_DEFAULTS, maxretry: 10 }]);
    await waitFor(() => expect(screen.getByTestId('incidents-case-missed').textContent).toContain('10 tries in 10 min'));
  });

  it('asks for the incidents of the services chosen in the Services tab, and says which they are', async () => {
    // A mail server's and an SSH server's tries in one case.
    const host = new FakeHost(ATTACKS.map((a, i) => ({ ...a, service: i % 4 === 0 ? 'ssh' : 'imap' })));
    render(App, { props: { host } });
    await settle();
    await fireEvent.click(screen.getByTestId('tab-services'));
    await fireEvent.click(screen.getAllByTestId('service-row').find((row) => row.dataset.service === 'ssh')!);
    await settle();
    await fireEvent.click(screen.getByTestId('tab-incidents'));
    await settle();
    expect(host.callsOf('incidents').map((c) => c.args)).toEqual([[FAIL2BAN_DEFAULTS], [FAIL2BAN_DEFAULTS, ['ssh']]]);
    expect(screen.getByTestId('incidents').getAttribute('aria-label')).toBe('Incidents · ssh');
    const sshAttempts = ATTACKS.filter((_, i) => i % 4 === 0).length;
    expect(screen.getByTestId('incidents-case-missed').textContent!.replace(/\s+/g, ' '))
      .toContain(`Over the case's attempts at ssh, a per-IP threshold of 5 tries in 10 min (banned 10 min) would have missed ${sshAttempts.toLocaleString('en-US')} of ${sshAttempts.toLocaleString('en-US')} attempts`);
    // Its chip's × in the top bar takes it out: the whole case's again.
    await fireEvent.click(screen.getByTestId('selection-service-clear'));
    await settle();
    expect(host.callsOf('incidents').at(-1)!.args).toEqual([FAIL2BAN_DEFAULTS]);
    expect(screen.getByTestId('incidents').getAttribute('aria-label')).toBe('Incidents · whole case');
  });

  it('says so when the engine finds none', async () => {
    const host = new FakeHost(ATTACKS);
    render(App, { props: { host } });
    await settle();
    expect(screen.getByTestId('tab-incidents').textContent).toBe('Incidents');
    await fireEvent.click(screen.getByTestId('tab-incidents'));
    expect(screen.getByTestId('incidents-empty').textContent).toContain('No incident found.');
  });
});

describe('Incidents panel while logs are read', () => {
  it('says the incidents are looked for again once the logs are in', () => {
    render(Incidents, { props: { report, threshold: FAIL2BAN_DEFAULTS, hours: null, waitingForIngest: true, onPick: () => {}, onThreshold: () => {} } });
    expect(screen.getByTestId('incidents-waiting').textContent).toContain('looked for again once they are all in; these are from before');
    expect(screen.getAllByTestId('incident-row')).toHaveLength(2);
  });
});
