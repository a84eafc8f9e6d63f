import { describe, expect, it, onTestFinished } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import { CaseState } from '../../../src-renderer/src/lib/state/case.svelte';
import { SelectionState } from '../../../src-renderer/src/lib/state/selection.svelte';
import { VALUE_LIMIT, ViewData } from '../../../src-renderer/src/lib/state/view-data.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost, settle } from '../fakes';

const ATTEMPTS = generateAttacks({ seed: 3, days: 60, backgroundIps: 80, backgroundAttempts: 600, swarmStartDay: 40, swarmIps: 200 });
// 2023-01-15 + 40 days: the swarm's first day.
const dayOf = (ts: string): string => ts.slice(0, 10);
const SWARM_FROM = '2023-02-24';
const SWARM_TO = '2023-02-26';

/** The view data over `host`, its case not started yet; taken down when the test ends. */
function viewOver(host: FakeHost) {
  const selection = new SelectionState();
  const caseState = new CaseState(host);
  const view = new ViewData(host, selection, caseState);
  onTestFinished(() => {
    view.destroy();
    caseState.destroy();
  });
  return { selection, caseState, view };
}

async function setup(attempts = ATTEMPTS) {
  const host = new FakeHost(attempts);
  const { selection, caseState, view } = viewOver(host);
  await caseState.start();
  await settle();
  return { host, selection, caseState, view };
}

function lastSelection(host: FakeHost, method: string): Selection {
  const calls = host.callsOf(method);
  expect(calls.length).toBeGreaterThan(0);
  return calls[calls.length - 1].args[0] as Selection;
}

function countIn(host: FakeHost, selection: Selection): number {
  return host.selected(selection).length;
}

describe('ViewData', () => {
  it('asks every query for the whole case once the case is known', async () => {
    const { host, view } = await setup();
    const all = { from: null, to: null, countries: [], search: '' };
    for (const method of ['summary', 'countries', 'users', 'passwords', 'histogram', 'services']) {
      expect(lastSelection(host, method)).toEqual(all);
    }
    expect(lastSelection(host, 'perDay')).toEqual(all);
    expect(host.callsOf('perHour')).toHaveLength(0);
    expect(host.callsOf('summary')).toHaveLength(1);
    expect(view.summary?.attempts).toBe(ATTEMPTS.length);
    expect(view.countries.reduce((sum, c) => sum + c.attempts, 0)).toBe(ATTEMPTS.length);
    expect(view.histogram.reduce((sum, r) => sum + r.attempts, 0)).toBe(ATTEMPTS.length);
    expect(view.services.reduce((sum, r) => sum + r.attempts, 0)).toBe(ATTEMPTS.length);
    expect(view.timelineDays.reduce((sum, d) => sum + d.attempts, 0)).toBe(ATTEMPTS.length);
  });

  it('keeps the timeline on the whole case when an incident\'s hours are chosen, and counts the Days table within them', async () => {
    const { host, selection, view } = await setup();
    const hours = { start: `${SWARM_FROM} 06:00`, end: `${SWARM_TO} 12:00` };
    selection.setHours(SWARM_FROM, SWARM_TO, hours);
    await settle();
    // The timeline's bars and overview: every day of the case, as without the incident (its mean of countries too).
    const perDayAsked = host.callsOf('perDay').map((c) => c.args[0] as Selection);
    expect(perDayAsked).toContainEqual({ from: null, to: null, countries: [], search: '' });
    expect(view.timelineDays.reduce((sum, d) => sum + d.attempts, 0)).toBe(ATTEMPTS.length);
    // The Days table: the incident's days, counted within its hours, as the summary is.
    expect(view.days.map((d) => d.day)).toEqual([SWARM_FROM, '2023-02-25', SWARM_TO]);
    const withinHours = ATTEMPTS.filter((a) => a.ts.slice(0, 16) >= hours.start && a.ts.slice(0, 16) < hours.end);
    expect(withinHours.length).toBeLessThan(ATTEMPTS.filter((a) => dayOf(a.ts) >= SWARM_FROM && dayOf(a.ts) <= SWARM_TO).length);
    expect(view.days.reduce((sum, d) => sum + d.attempts, 0)).toBe(withinHours.length);
    expect(view.summary?.attempts).toBe(withinHours.length);
    // Back to whole days: the Days table reads the timeline's days again.
    selection.clearHours();
    await settle();
    expect(view.hourDays).toBeNull();
    expect(view.days.reduce((sum, d) => sum + d.attempts, 0)).toBe(view.summary?.attempts);
  });

  it('follows a range, countries and search with the right Selection', async () => {
    const { host, selection, view } = await setup();
    selection.setRange(SWARM_FROM, SWARM_TO);
    selection.toggleCountry('CN');
    selection.setSearch('admin');
    await settle();
    const expected = { from: SWARM_FROM, to: SWARM_TO, countries: ['CN'], search: 'admin' };
    for (const method of ['summary', 'countries', 'users', 'passwords', 'histogram', 'services', 'perHour']) {
      expect(lastSelection(host, method)).toEqual(expected);
    }
    // The timeline shows the whole case for the same countries and search, so the brush can move.
    expect(lastSelection(host, 'perDay')).toEqual({ ...expected, from: null, to: null });
    expect(view.summary?.attempts).toBe(countIn(host, expected));
    expect(view.summary?.attempts).toBeGreaterThan(0);
    expect(view.days.every((d) => d.day >= SWARM_FROM && d.day <= SWARM_TO)).toBe(true);
    expect(view.days.reduce((sum, d) => sum + d.attempts, 0)).toBe(view.summary?.attempts);
    expect(view.services.reduce((sum, r) => sum + r.attempts, 0)).toBe(view.summary?.attempts);
  });

  it('asks for hours only when the range spans three days or fewer', async () => {
    const { host, selection, view } = await setup();
    selection.setRange('2023-02-01', '2023-02-20');
    await settle();
    expect(host.callsOf('perHour')).toHaveLength(0);
    expect(view.hours).toBeNull();
    selection.setRange(SWARM_FROM, SWARM_TO);
    await settle();
    expect(host.callsOf('perHour')).toHaveLength(1);
    expect(view.hours?.reduce((sum, h) => sum + h.attempts, 0)).toBe(view.summary?.attempts);
    selection.clearRange();
    await settle();
    expect(view.hours).toBeNull();
  });

  it('keeps the hours shown while the brush is dragged, also when those of the range before arrive meanwhile', async () => {
    // The timeline zooms to the days the hours came for: hours arriving in the middle of a drag moved the chart
    // under the pointer, and the day the drag started on with it.
    const { host, selection, view } = await setup();
    selection.setRange(SWARM_FROM, SWARM_TO);
    await settle();
    const shown = view.hours;
    expect(new Set(shown?.map((h) => h.hour.slice(0, 10)))).toEqual(new Set(['2023-02-24', '2023-02-25', '2023-02-26']));
    host.holding.add('perHour');
    selection.setRange('2023-02-26', '2023-02-26');
    await settle();
    selection.setRange('2023-02-24', '2023-02-25', 'live');
    await settle();
    host.release();
    await settle();
    expect(view.hours).toBe(shown);
    host.holding.delete('perHour');
    selection.setRange('2023-02-24', '2023-02-25');
    await settle();
    expect(new Set(view.hours?.map((h) => h.hour.slice(0, 10)))).toEqual(new Set(['2023-02-24', '2023-02-25']));
  });

  it('reads a case of three days or fewer hour by hour without a range', async () => {
    // Three days: the swarm's, from the first day on.
    const short = generateAttacks({ seed: 5, days: 3, backgroundIps: 30, backgroundAttempts: 200, swarmStartDay: 0, swarmIps: 40 });
    const { host, view } = await setup(short);
    expect(lastSelection(host, 'perHour')).toEqual({ from: null, to: null, countries: [], search: '' });
    expect(view.hours?.reduce((sum, h) => sum + h.attempts, 0)).toBe(short.length);
    expect(new Set(view.hours?.map((h) => h.hour.slice(0, 10))).size).toBe(3);
  });

  it('does not ask again for a selection it already has', async () => {
    const { host, selection } = await setup();
    const before = host.callsOf('summary').length;
    selection.setSearch('');
    selection.clearCountries();
    await settle();
    expect(host.callsOf('summary')).toHaveLength(before);
    // Changing only the range does not change what the timeline shows.
    const perDayBefore = host.callsOf('perDay').length;
    selection.setRange(SWARM_FROM, SWARM_TO);
    await settle();
    expect(host.callsOf('perDay')).toHaveLength(perDayBefore);
    expect(host.callsOf('summary')).toHaveLength(before + 1);
  });

  it('drops answers that arrive after a newer request of the same kind', async () => {
    const { host, selection, view } = await setup();
    host.holding.add('summary');
    selection.toggleCountry('CN');
    await settle();
    selection.toggleCountry('CN');
    selection.toggleCountry('US');
    await settle();
    expect(host.held.map((h) => (h.args[0] as Selection).countries)).toEqual([['CN'], ['US']]);
    // The newer answer arrives first, then the older one.
    host.release([1]);
    await settle();
    host.release();
    await settle();
    const us = { from: null, to: null, countries: ['US'], search: '' };
    expect(view.summary?.attempts).toBe(countIn(host, us));
    expect(countIn(host, us)).not.toBe(countIn(host, { ...us, countries: ['CN'] }));
    expect(view.pending.has('summary')).toBe(false);
  });

  it('computes live figures from the overview and the brush columns while brushing, then asks the engine when the brush ends', async () => {
    const { host, selection, view } = await setup();
    const summaryCalls = host.callsOf('summary').length;
    const countryCalls = host.callsOf('countries').length;
    const histogramCalls = host.callsOf('histogram').length;
    const userCalls = host.callsOf('users').length;
    const passwordCalls = host.callsOf('passwords').length;

    selection.setRange('2023-02-10', '2023-02-20', 'live');
    await settle();
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    expect(host.callsOf('summary')).toHaveLength(summaryCalls);
    expect(host.callsOf('countries')).toHaveLength(countryCalls);
    expect(host.callsOf('histogram')).toHaveLength(histogramCalls);
    expect(host.callsOf('ips')).toHaveLength(0);
    const swarm = { from: SWARM_FROM, to: SWARM_TO, countries: [], search: '' };
    // The user name and password tables follow the drag from the columns too: exact attempts, IPs at most.
    expect(host.callsOf('users')).toHaveLength(userCalls);
    expect(host.callsOf('passwords')).toHaveLength(passwordCalls);
    for (const [live, exact] of [[view.users, await host.users(swarm, VALUE_LIMIT)], [view.passwords, await host.passwords(swarm, VALUE_LIMIT)]]) {
      expect(live.length).toBeGreaterThan(0);
      expect(new Map(live.map((r) => [r.value, r.attempts]))).toEqual(new Map(exact.map((r) => [r.value, r.attempts])));
      const exactIps = new Map(exact.map((r) => [r.value, r.ips]));
      for (const row of live) {
        if (row.ipsAtMost) expect(row.ips).toBeGreaterThanOrEqual(exactIps.get(row.value)!);
        else expect(row.ips).toBe(exactIps.get(row.value));
      }
    }
    expect(view.users.some((r) => r.ipsAtMost)).toBe(true);

    const inSwarm = host.selected(swarm);
    expect(view.liveSummary?.attempts).toBe(inSwarm.length);
    expect(view.liveSummary?.days).toBe(new Set(inSwarm.map((a) => a.ts.slice(0, 10))).size);
    expect(view.liveSummary?.ipsAtMost).toBeGreaterThanOrEqual(new Set(inSwarm.map((a) => a.ip)).size);
    // Distinct and one-shot IPs and the histogram are exact, from the brush columns.
    const exact = await host.summary(swarm);
    expect(view.liveSummary?.ips).toBe(exact.ips);
    expect(view.liveSummary?.oneShotIps).toBe(exact.oneShotIps);
    expect(exact.oneShotIps).toBeGreaterThan(0);
    expect(view.histogram).toEqual(await host.histogram(swarm));
    const cn = view.countries.find((c) => c.country === 'CN');
    expect(cn?.attempts).toBe(inSwarm.filter((a) => a.country === 'CN').length);

    selection.setRange(SWARM_FROM, SWARM_TO, 'end');
    await settle();
    expect(lastSelection(host, 'summary')).toEqual(swarm);
    expect(view.liveSummary).toBeNull();
    expect(view.summary?.attempts).toBe(inSwarm.length);
    expect(view.summary?.ips).toBe(new Set(inSwarm.map((a) => a.ip)).size);
    expect(view.countries.find((c) => c.country === 'CN')?.ips).toBe(new Set(inSwarm.filter((a) => a.country === 'CN').map((a) => a.ip)).size);
  });

  it('gives the attempts of the range being brushed as the total the value tables take shares of', async () => {
    const { host, selection, view } = await setup();
    expect(view.selectionAttempts).toBe(ATTEMPTS.length);
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    const swarm = { from: SWARM_FROM, to: SWARM_TO, countries: [], search: '' };
    // The live user names are the swarm's: their shares are of the swarm's attempts, not of the whole case's.
    expect(view.selectionAttempts).toBe(host.selected(swarm).length);
    expect(view.users.reduce((sum, r) => sum + r.attempts, 0)).toBe(host.selected(swarm).length);
    selection.setRange(SWARM_FROM, SWARM_TO, 'end');
    await settle();
    expect(view.liveSummary).toBeNull();
    expect(view.selectionAttempts).toBe(host.selected(swarm).length);
  });

  it('applies the country filter to live figures too', async () => {
    const { host, selection, view } = await setup();
    selection.toggleCountry('US');
    await settle();
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    const us = { from: SWARM_FROM, to: SWARM_TO, countries: ['US'], search: '' };
    expect(view.liveSummary?.attempts).toBe(host.selected(us).length);
    expect(view.liveSummary?.ips).toBe((await host.summary(us)).ips);
    expect(view.histogram).toEqual(await host.histogram(us));
    expect(view.countries.map((c) => c.country)).toEqual(['US']);
    // The per-day value rollups know no countries: the user name and password tables ask the engine.
    expect(lastSelection(host, 'users')).toEqual(us);
    expect(lastSelection(host, 'passwords')).toEqual(us);
    expect(view.users).toEqual(await host.users(us, VALUE_LIMIT));
  });

  it('asks the engine for the histogram during a brush until the brush columns have arrived', async () => {
    const host = new FakeHost(ATTEMPTS);
    host.holding.add('brushColumns');
    const { selection, caseState, view } = viewOver(host);
    void caseState.start();
    await settle();
    expect(caseState.loaded).toBe(true);
    expect(caseState.liveColumns).toBeNull();
    const before = host.callsOf('histogram').length;
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    expect(host.callsOf('histogram')).toHaveLength(before + 1);
    expect(view.liveSummary?.ips).toBeNull();
    expect(view.liveSummary?.oneShotIps).toBeNull();
    host.release();
    await settle();
    expect(caseState.liveColumns).not.toBeNull();
    selection.setRange('2023-02-23', SWARM_TO, 'live');
    await settle();
    expect(host.callsOf('histogram')).toHaveLength(before + 1);
    expect(view.liveSummary?.ips).toBe((await host.summary({ from: '2023-02-23', to: SWARM_TO, countries: [], search: '' })).ips);
  });

  it('follows a brush with the engine\'s answers when the case is too big for brush columns', async () => {
    const host = new FakeHost(ATTEMPTS);
    host.tooBigToBrushLive = true;
    const { selection, caseState, view } = viewOver(host);
    await caseState.start();
    await settle();
    expect(host.callsOf('brushColumns')).toHaveLength(1);
    expect(caseState.liveColumns).toBeNull();
    expect(caseState.errors).toEqual([]);
    const swarm = { from: SWARM_FROM, to: SWARM_TO, countries: [], search: '' };
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    // While the brush moves: the attempts from the overview, no distinct IPs it cannot count.
    expect(view.liveSummary?.attempts).toBe(host.selected(swarm).length);
    expect(view.liveSummary?.ips).toBeNull();
    selection.setRange(SWARM_FROM, SWARM_TO);
    await settle();
    expect(view.summary).toEqual(await host.summary(swarm));
    expect(view.histogram).toEqual(await host.histogram(swarm));
    expect(view.users).toEqual(await host.users(swarm, VALUE_LIMIT));
  });

  it('asks for the timeline first, which the engine answers from its day rollups at once on any case, each question naming its view', async () => {
    const { host, selection } = await setup();
    selection.setRange('2023-02-26', '2023-02-27');
    await settle();
    const before = host.calls.length;
    // A country changes every question, the timeline's days included; two days are read hour by hour too.
    selection.toggleCountry('US');
    await settle();
    const asked = host.calls.slice(before).map((c) => c.method);
    expect(asked.slice(0, 2)).toEqual(['perDay', 'perHour']);
    // Each names its view, so that the engine thread answers only the newest of a view's questions still waiting.
    // The lanes start with the page's own letters: another page the web host serves has its own.
    const lanes = host.calls.slice(before).map((c) => c.lane ?? '');
    const prefix = /^[a-z]{8}-/.exec(lanes[0])?.[0];
    expect(prefix).toBeDefined();
    expect(Object.fromEntries(host.calls.slice(before).map((c) => [c.method, c.lane]))).toEqual(Object.fromEntries(Object.entries({
      perDay: 'timelineDays', perHour: 'hours', summary: 'summary', countries: 'countries', histogram: 'histogram',
      users: 'users', passwords: 'passwords', services: 'services',
    }).map(([method, kind]) => [method, `${prefix}${kind}`])));
    const otherHost = new FakeHost(ATTEMPTS);
    await viewOver(otherHost).caseState.start();
    await settle();
    const otherLanes = otherHost.callsOf('summary').map((c) => c.lane);
    expect(otherLanes).toHaveLength(1);
    expect(otherLanes[0]).toMatch(/^[a-z]{8}-summary$/);
    expect(otherLanes[0]).not.toBe(`${prefix}summary`);
    expect(asked).toEqual(expect.arrayContaining(['summary', 'countries', 'histogram', 'users', 'passwords', 'services']));
  });

  it('keeps to the engine during a brush while a search is active', async () => {
    const { host, selection, view } = await setup();
    selection.setSearch('admin');
    await settle();
    const before = host.callsOf('histogram').length;
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    expect(host.callsOf('histogram')).toHaveLength(before + 1);
    expect(view.histogram).toEqual(await host.histogram({ from: SWARM_FROM, to: SWARM_TO, countries: [], search: 'admin' }));
  });

  it('keeps to the engine during a brush while an exact user name is chosen, live values and all', async () => {
    const { host, selection, view } = await setup();
    selection.setExact('user', 'admin');
    await settle();
    const exact: Selection = { from: SWARM_FROM, to: SWARM_TO, countries: [], search: '', exact: { user: 'admin' } };
    const before = { histogram: host.callsOf('histogram').length, passwords: host.callsOf('passwords').length };
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    expect(host.callsOf('histogram')).toHaveLength(before.histogram + 1);
    expect(host.callsOf('passwords')).toHaveLength(before.passwords + 1);
    expect(view.histogram).toEqual(await host.histogram(exact));
    // The passwords of admin's attempts only: the brush columns' rollups could not have said which.
    expect(view.passwords).toEqual(await host.passwords(exact, VALUE_LIMIT));
    expect(view.passwords.reduce((n, p) => n + p.attempts, 0)).toBe(countIn(host, exact));
    expect(view.liveSummary).toBeNull();
  });

  it('keeps to the engine during a brush while services are chosen, which the overview and columns do not know', async () => {
    const { host, selection, view } = await setup(ATTEMPTS.map((a, i) => ({ ...a, service: i % 3 ? 'imap' : 'ssh' })));
    selection.toggleService('ssh');
    await settle();
    const ssh: Selection = { from: SWARM_FROM, to: SWARM_TO, countries: [], search: '', services: ['ssh'] };
    const before = { histogram: host.callsOf('histogram').length, users: host.callsOf('users').length };
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    expect(host.callsOf('histogram')).toHaveLength(before.histogram + 1);
    expect(host.callsOf('users')).toHaveLength(before.users + 1);
    expect(view.histogram).toEqual(await host.histogram(ssh));
    expect(view.users.reduce((n, u) => n + u.attempts, 0)).toBe(countIn(host, ssh));
    expect(countIn(host, ssh)).toBeLessThan(countIn(host, { ...ssh, services: [] }));
    expect(view.liveSummary).toBeNull();
    selection.setRange(SWARM_FROM, SWARM_TO, 'end');
    await settle();
    expect(view.summary?.attempts).toBe(countIn(host, ssh));
  });

  it('lists as days only those with attempts for the filter, not every day of the range', async () => {
    const { host, selection, view } = await setup();
    selection.setSearch(ATTEMPTS.find((a) => dayOf(a.ts) === SWARM_FROM)!.ip); // one address: a day or few
    await settle();
    const days = new Set(host.selected(selection.value).map((a) => dayOf(a.ts)));
    expect(view.timelineDays.length).toBeGreaterThan(days.size); // the timeline keeps its axis
    expect(view.days.map((d) => d.day)).toEqual([...days].sort());
    expect(view.days.every((d) => d.attempts > 0)).toBe(true);
  });

  it('ignores an exact answer for an earlier range that arrives during a brush', async () => {
    const { host, selection, view } = await setup();
    host.holding.add('summary');
    selection.setRange('2023-01-20', '2023-01-30');
    await settle();
    selection.setRange(SWARM_FROM, SWARM_TO, 'live');
    await settle();
    host.release();
    await settle();
    const liveAttempts = host.selected({ from: SWARM_FROM, to: SWARM_TO, countries: [], search: '' }).length;
    expect(view.liveSummary?.attempts).toBe(liveAttempts);
    expect(view.summary?.attempts).toBe(ATTEMPTS.length); // still the previous exact figure, not 20–30 Jan
  });

  it('asks again when the case changes', async () => {
    const { host, view } = await setup();
    const before = host.callsOf('summary').length;
    host.addAttempts([{ ts: '2023-03-20 10:00:00', ip: '198.51.100.7', country: 'BG', user: 'office' }]);
    await settle();
    expect(host.callsOf('summary').length).toBeGreaterThan(before);
    expect(view.summary?.attempts).toBe(ATTEMPTS.length + 1);
  });

  it('reports a failing query and asks again for the same selection later', async () => {
    const { host, selection, view } = await setup();
    const original = host.users.bind(host);
    host.users = () => Promise.reject(new Error('database is locked'));
    selection.toggleCountry('BR');
    await settle();
    expect(view.error).toBe('database is locked');
    host.users = original;
    selection.toggleCountry('BR');
    selection.toggleCountry('BR');
    await settle();
    expect(view.error).toBeNull();
    expect(view.users.reduce((sum, u) => sum + u.attempts, 0)).toBe(countIn(host, { from: null, to: null, countries: ['BR'], search: '' }));
  });
});
