// The "Attempts per IP" chart takes its colours from the palette the timeline and the map draw with, and follows
// the system's switch between light and dark while the window is open: it read its colours from CSS once, so after
// a switch to dark its grid lines stayed the light theme's (bright lines on the dark panel) and its bars another blue.
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistogramRow } from '../../../src-main/shared/api';
import { PALETTES } from '../../../src-renderer/src/lib/palette';

interface ChartConfig {
  data: { labels: string[]; datasets: { data: number[]; backgroundColor: string }[] };
  options: { scales: { x: { ticks: { color: string } }; y: { ticks: { color: string }; grid: { color: string } } } };
}
const charts = vi.hoisted(() => [] as { config: unknown; destroyed: boolean }[]);

vi.mock('chart.js', () => {
  class Chart {
    static register(): void {}
    data: unknown;
    private readonly record: { config: unknown; destroyed: boolean };
    constructor(_context: unknown, config: { data: unknown }) {
      this.data = config.data;
      this.record = { config, destroyed: false };
      charts.push(this.record);
    }
    update(): void {}
    destroy(): void { this.record.destroyed = true; }
  }
  return { Chart, BarController: {}, BarElement: {}, CategoryScale: {}, LinearScale: {}, Tooltip: {} };
});

const ROWS: HistogramRow[] = [
  { times: 1, computers: 600, attempts: 600, shareOfComputers: 0.6 },
  { times: 2, computers: 100, attempts: 200, shareOfComputers: 0.1 },
];

/** A system colour scheme the test can switch, as matchMedia reports it. */
function systemScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() { return dark; },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => query);
  return { switchTo(next: boolean) { dark = next; for (const listener of listeners) listener(); flushSync(); } };
}

const live = (): ChartConfig => charts.filter((chart) => !chart.destroyed).at(-1)!.config as ChartConfig;

describe('the attempts-per-IP chart and the colour scheme', () => {
  let restore: PropertyDescriptor | undefined;
  beforeEach(() => {
    charts.length = 0;
    restore = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext');
    Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => ({}) });
  });
  afterEach(() => {
    if (restore) Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', restore);
    vi.unstubAllGlobals();
  });

  it('draws with the palette of the scheme in use, and again with the other one when the system switches', async () => {
    const system = systemScheme(false);
    const { default: HistogramChart } = await import('../../../src-renderer/src/views/panels/HistogramChart.svelte');
    render(HistogramChart, { props: { rows: ROWS } });
    flushSync();
    const light = live();
    expect(light.data.datasets[0].backgroundColor).toBe(PALETTES.light.bar);
    expect(light.options.scales.y.grid.color).toBe(PALETTES.light.grid);
    expect(light.options.scales.x.ticks.color).toBe(PALETTES.light.inkMuted);

    system.switchTo(true);
    const dark = live();
    expect(dark).not.toBe(light);
    expect(dark.data.datasets[0].backgroundColor).toBe(PALETTES.dark.bar);
    expect(dark.options.scales.y.grid.color).toBe(PALETTES.dark.grid);
    expect(dark.options.scales.y.ticks.color).toBe(PALETTES.dark.inkMuted);
    // The bars are still there: the chart drawn again holds the same counts.
    expect(dark.data.datasets[0].data).toEqual(light.data.datasets[0].data);
    expect(dark.data.datasets[0].data.slice(0, 2)).toEqual([600, 100]);
    expect(screen.getByTestId('histogram-chart').dataset.scheme).toBe('dark');
    expect(charts.filter((chart) => !chart.destroyed)).toHaveLength(1);
  });
});
