import { render, screen } from '@testing-library/svelte';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../../src-main/shared/api';
import { liveIpFigures } from '../../../src-renderer/src/lib/state/brush-columns';
import { liveFigures } from '../../../src-renderer/src/lib/state/live-figures';
import SummaryStrip from '../../../src-renderer/src/views/summary/SummaryStrip.svelte';
import { generateAttacks } from '../fake-data';
import { FakeHost } from '../fakes';
import { sourceText } from '../source-text';

const value = (id: string) => screen.getByTestId(id).getAttribute('data-value');

describe('SummaryStrip', () => {
  it('shows the exact summary with raw values for tests and formatted text for people', async () => {
    const host = new FakeHost(generateAttacks({ seed: 21, days: 50, backgroundIps: 200, backgroundAttempts: 1500, swarmStartDay: 40, swarmIps: 700 }));
    const selection: Selection = { from: null, to: null, countries: [], search: '' };
    const summary = await host.summary(selection);
    render(SummaryStrip, { props: { summary } });
    expect(Number(value('summary-attempts'))).toBe(host.attempts.length);
    expect(Number(value('summary-ips'))).toBe(new Set(host.attempts.map((a) => a.ip)).size);
    expect(Number(value('summary-countries'))).toBe(summary.countries);
    expect(Number(value('summary-days'))).toBe(summary.days);
    expect(value('summary-first-day')).toBe(host.attempts[0].ts.slice(0, 10));
    expect(value('summary-last-day')).toBe(host.attempts.at(-1)!.ts.slice(0, 10));
    expect(value('summary-peak-day')).toBe(summary.peakDay!.day);
    expect(Number(value('summary-one-shot'))).toBeCloseTo(summary.oneShotIps / summary.ips, 12);
    const attemptsText = screen.getByTestId('summary-attempts').textContent!;
    expect(attemptsText).toContain(new Intl.NumberFormat().format(host.attempts.length));
  });

  it('marks live figures from the overview alone: IPs as an upper bound, one-shot share not known yet', async () => {
    const host = new FakeHost(generateAttacks({ seed: 22, days: 30, backgroundIps: 50, backgroundAttempts: 300, swarmStartDay: 20, swarmIps: 100 }));
    const overview = await host.overview();
    const live = liveFigures(overview, { from: '2023-02-04', to: '2023-02-06', countries: [] });
    render(SummaryStrip, { props: { summary: null, live: live.summary } });
    expect(Number(value('summary-attempts'))).toBe(live.summary.attempts);
    expect(live.summary.attempts).toBeGreaterThan(0);
    expect(screen.getByTestId('summary-ips').textContent).toContain('≤');
    expect(screen.getByTestId('summary-ips').getAttribute('data-upper-bound')).toBe('true');
    // The bound is the per-day IPs added up, as the attempts of those days give them: above the distinct count.
    const inRange = host.attempts.filter((a) => a.ts >= '2023-02-04' && a.ts < '2023-02-07');
    const perDayIps = [...new Set(inRange.map((a) => a.ts.slice(0, 10)))]
      .reduce((sum, day) => sum + new Set(inRange.filter((a) => a.ts.startsWith(day)).map((a) => a.ip)).size, 0);
    expect(perDayIps).toBeGreaterThan(new Set(inRange.map((a) => a.ip)).size);
    expect(Number(value('summary-ips'))).toBe(perDayIps);
    expect(screen.getByTestId('summary-ips').textContent).toContain(`≤ ${new Intl.NumberFormat().format(perDayIps)}`);
    expect(value('summary-one-shot')).toBe('');
    expect(screen.getByTestId('summary-strip').getAttribute('data-live')).toBe('true');
  });

  it('shows exact live IPs and one-shot IPs once the brush columns are known', async () => {
    const host = new FakeHost(generateAttacks({ seed: 22, days: 30, backgroundIps: 50, backgroundAttempts: 300, swarmStartDay: 20, swarmIps: 100 }));
    const range = { from: '2023-02-04', to: '2023-02-06', countries: [], search: '' };
    const live = liveFigures(await host.overview(), range);
    const ipFigures = liveIpFigures(await host.brushColumns(), range.from, range.to, range.countries);
    render(SummaryStrip, { props: { summary: null, live: { ...live.summary, ips: ipFigures.ips, oneShotIps: ipFigures.oneShotIps } } });
    const exact = await host.summary(range);
    expect(exact.oneShotIps).toBeGreaterThan(0);
    expect(Number(value('summary-ips'))).toBe(exact.ips);
    expect(screen.getByTestId('summary-ips').textContent).not.toContain('≤');
    expect(screen.getByTestId('summary-ips').hasAttribute('data-upper-bound')).toBe(false);
    expect(Number(screen.getByTestId('summary-one-shot').getAttribute('data-count'))).toBe(exact.oneShotIps);
    expect(Number(value('summary-one-shot'))).toBeCloseTo(exact.oneShotShare, 12);
    expect(screen.getByTestId('summary-one-shot').textContent).not.toContain('…');
    expect(screen.getByTestId('summary-strip').getAttribute('data-live')).toBe('true');
  });

  it('says what the successful logins count and why a selection may show none, rather than reading as break-ins', async () => {
    const summary = { attempts: 10, ips: 4, countries: 2, days: 1, firstDay: '2023-05-01', lastDay: '2023-05-01', peakDay: null, oneShotIps: 1, oneShotShare: 0.25, logins: 7 };
    const { rerender } = render(SummaryStrip, { props: { summary, caseHasLogins: true } });
    const logins = screen.getByTestId('summary-logins');
    expect(logins.textContent).toContain("successful logins, anyone's");
    expect(logins.title).toMatch(/^Logins that succeeded in the selected days, from IPs of the selected countries/);
    expect(logins.title).toContain('the server\'s own users\' logins as well as any attacker\'s');
    expect(logins.title).toContain('tells a break-in apart from noise');
    // The explanation is text in the page too, not only a tooltip a mouse must find.
    expect(logins.querySelector('.sr-only')!.textContent).toBe(logins.title);

    // A selection without logins in a case that has some says 0, rather than dropping the figure.
    await rerender({ summary: { ...summary, logins: 0 }, caseHasLogins: true });
    expect(screen.getByTestId('summary-logins').dataset.value).toBe('0');
    // A chosen password matches no login (logins log none): not 0, but not known, and why.
    await rerender({ summary: { ...summary, logins: 0 }, caseHasLogins: true, passwordChosen: true });
    expect(screen.getByTestId('summary-logins').querySelector('.value')!.textContent).toBe('–');
    expect(screen.getByTestId('summary-logins').title).toMatch(/Logins log no password/);
    // A case without any login has nothing to say about them.
    await rerender({ summary: { ...summary, logins: 0 }, caseHasLogins: false, passwordChosen: false });
    expect(screen.queryByTestId('summary-logins')).toBeNull();
  });

  it('shows no one-shot share for a selection without IPs, rather than "0% (0)"', () => {
    const empty = { attempts: 0, ips: 0, countries: 0, days: 0, firstDay: null, lastDay: null, peakDay: null, oneShotIps: 0, oneShotShare: 0, logins: 0 };
    render(SummaryStrip, { props: { summary: empty } });
    const oneShot = screen.getByTestId('summary-one-shot');
    expect(oneShot.querySelector('.value')!.textContent).toBe('–');
    expect(oneShot.textContent).not.toContain('0%');
  });
});

describe('SummaryStrip layout', () => {
  it('keeps its figures narrow enough for one line at 1280px with six-digit counts (8px sides, not 12)', async () => {
    // Measured in Chromium at 1280×800 on a case of 387,916 attempts from 113,626 IPs: the nine figures needed
    // 1,308px with 12px sides and put the logins on a second line; 8px sides take 72px off. jsdom lays nothing
    // out, so the rule is read.
    const file = 'src-renderer/src/views/summary/SummaryStrip.svelte';
    const css = compile(await sourceText(file), { filename: file, css: 'external' }).css?.code ?? '';
    const figure = /\.figure\.svelte-[\w-]+\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const padding = /padding:\s*([^;]+)/.exec(figure)?.[1].trim().split(/\s+/) ?? [];
    expect(padding).toHaveLength(2);
    expect(Number.parseFloat(padding[1])).toBeLessThanOrEqual(8);
  });
});
