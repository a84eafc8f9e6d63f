import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
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
    const ipFigures = liveIpFigures((await host.brushColumns())!, range.from, range.to, range.countries);
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
    const explanation = (): string => screen.getByTestId('summary-logins-help-text').textContent!.trim();
    expect(explanation()).toMatch(/^Logins that succeeded in the selected days, from IPs of the selected countries/);
    expect(explanation()).toContain('the server\'s own users\' logins as well as any attacker\'s');
    expect(explanation()).toContain('tells a break-in apart from noise');

    // Reached with the keyboard, not only by a mouse finding a title: the "?" is a button, described by the
    // explanation (for a screen reader), which shows while it has the focus and hides on Escape or when left.
    const help = screen.getByRole('button', { name: 'What the successful logins count' });
    expect(help).toBe(screen.getByTestId('summary-logins-help'));
    expect(help.getAttribute('aria-describedby')).toBe(screen.getByRole('tooltip', { hidden: true }).id);
    expect(screen.getByTestId('summary-logins-help-text').hidden).toBe(true);
    help.focus();
    await tick();
    expect(screen.getByRole('tooltip').textContent!.trim()).toBe(explanation());
    expect(help.getAttribute('aria-expanded')).toBe('true');
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    help.dispatchEvent(escape);
    await tick();
    expect(escape.defaultPrevented).toBe(true); // the tooltip's Escape, which must not also clear the day range
    expect(screen.queryByRole('tooltip')).toBeNull();
    await fireEvent.click(help);
    expect(screen.getByRole('tooltip')).toBeTruthy();
    help.blur();
    await tick();
    expect(screen.queryByRole('tooltip')).toBeNull();

    // A selection without logins in a case that has some says 0, rather than dropping the figure.
    await rerender({ summary: { ...summary, logins: 0 }, caseHasLogins: true });
    expect(screen.getByTestId('summary-logins').dataset.value).toBe('0');
    // A chosen password matches no login (logins log none): not 0, but not known, and why.
    await rerender({ summary: { ...summary, logins: 0 }, caseHasLogins: true, passwordChosen: true });
    expect(screen.getByTestId('summary-logins').querySelector('.value')!.textContent).toBe('–');
    expect(screen.getByTestId('summary-logins-help-text').textContent).toMatch(/Logins log no password/);
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

/** The component's compiled styles: the rules for every width, then those of each `@media (max-width: N)` block. */
async function stripCss(): Promise<{ base: string; narrow: { maxWidth: number; css: string }[] }> {
  const file = 'src-renderer/src/views/summary/SummaryStrip.svelte';
  const css = (compile(await sourceText(file), { filename: file, css: 'external' }).css?.code ?? '').replace(/\/\*[\s\S]*?\*\//g, '');
  const narrow: { maxWidth: number; css: string }[] = [];
  let base = css;
  for (const match of css.matchAll(/@media\s*\(max-width:\s*(\d+)px\)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}/g)) {
    narrow.push({ maxWidth: Number(match[1]), css: match[2] });
    base = base.replace(match[0], '');
  }
  return { base, narrow };
}

/** A declaration of a class's rule as it applies in a window `width` wide: the last rule that says it wins. */
function declared(styles: { base: string; narrow: { maxWidth: number; css: string }[] }, width: number, className: string, property: string): string | null {
  let found: string | null = null;
  for (const css of [styles.base, ...styles.narrow.filter((n) => width <= n.maxWidth).map((n) => n.css)]) {
    for (const [, body] of css.matchAll(new RegExp(`(?:^|\\})\\s*\\.${className}\\.svelte-[\\w-]+\\s*\\{([^}]*)\\}`, 'g'))) {
      const value = new RegExp(`(?:^|;)\\s*${property}:\\s*([^;]+)`).exec(body)?.[1].trim();
      if (value !== undefined) found = value;
    }
  }
  return found;
}

/**
 * The nine figures of a generated year of 969,126 attempts from 278,624 IPs, as measured in Chromium at full
 * size (values 18px, sub-figures 13px, labels 11px): widths of their texts in px.
 */
const MILLION_CASE = [
  { value: 82.0, label: 49.9 }, // 969,126 attempts
  { value: 82.0, label: 59.4 }, // 278,624 distinct IPs
  { value: 37.6, label: 51.1 }, // 214 countries
  { value: 37.6, label: 106.2 }, // 365 days with attempts
  { value: 120.9, label: 45.2 }, // Mar 1, 2023 first day
  { value: 131.2, label: 43.6 }, // Feb 28, 2024 last day
  { value: 137.7, sub: 55.6, label: 50.6 }, // Nov 12, 2023 (57,382) peak day
  { value: 47.1, sub: 63.9, label: 67.1 }, // 60% (166,709) one-shot IPs
  { value: 69.5, label: 164.9 }, // 30,531 successful logins, anyone's ?
];

describe('SummaryStrip in a narrow window', () => {
  /** The width of the nine figures in a window `width` wide, from the full-size texts scaled to the sizes in effect there. */
  async function figuresWidth(width: number): Promise<number> {
    const styles = await stripCss();
    const px = (className: string, property: string): number => Number.parseFloat(declared(styles, width, className, property) ?? 'NaN');
    const [valueSize, subSize, labelSize] = [px('value', 'font-size') / 18, px('sub', 'font-size') / 13, px('label', 'font-size') / 11];
    const subGap = px('sub', 'margin-left');
    const sides = Number.parseFloat((declared(styles, width, 'figure', 'padding') ?? '').split(/\s+/)[1]);
    expect([valueSize, subSize, labelSize, subGap, sides].every(Number.isFinite)).toBe(true);
    return MILLION_CASE.reduce((sum, f) => {
      const value = f.value * valueSize + (f.sub ? subGap + f.sub * subSize : 0);
      return sum + Math.max(value, f.label * labelSize) + 2 * sides;
    }, 0);
  }

  it('keeps the nine figures of a million attempts on one line from 1024px up, with room for a wider system font', async () => {
    // 20px: the strip's sides. 4%: a system font wider than the one measured (the first try held by 11px at 1024px).
    for (const width of [1024, 1100, 1199, 1200, 1279, 1280, 1920]) {
      expect(await figuresWidth(width) * 1.04, `${width}px`).toBeLessThanOrEqual(width - 20);
    }
  });

  it('starts a wrapped line without a separator and ends none with one', async () => {
    // The separator is each figure's left border, pulled out of its place by a negative margin as wide as the
    // border: the first figure of a line puts it outside the row, which clips it. A right border left a bar
    // to nothing at the end of the first line.
    const styles = await stripCss();
    const border = declared(styles, 800, 'figure', 'border-left');
    expect(border).toMatch(/^1px solid/);
    expect(declared(styles, 800, 'figure', 'margin-left')).toBe('-1px');
    expect(declared(styles, 800, 'figure', 'border-right')).toBeNull();
    expect(declared(styles, 800, 'figures', 'overflow')).toBe('hidden');
    expect(declared(styles, 800, 'figures', 'flex-wrap')).toBe('wrap');
  });
});
