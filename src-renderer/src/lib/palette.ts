// The colours the map and the charts share. One sequential ramp encodes intensity everywhere (ColorBrewer
// YlGnBu: it stays ordered for the common colour-vision deficiencies), a distinct orange accent marks the
// brushed range (the same values as `--accent` in app.css), and "no attempts" gets a neutral that is not
// part of the ramp. Canvas and WebGL cannot read CSS, so the values live here; components expose them to
// their own CSS with `paletteStyle`.

export type ColorScheme = 'light' | 'dark';

export interface Palette {
  scheme: ColorScheme;
  /**
   * Low to high intensity; each step stands out more from the background than the one before, and the first at
   * least 1.5:1 from `zero`. As many steps as the map has classes (class-breaks.ts, MAX_CLASSES).
   */
  sequential: readonly string[];
  /** Land or bars with no attempts. */
  zero: string;
  /** The brushed range: handles and edges. */
  accent: string;
  /** The brushed range's translucent band. */
  accentWash: string;
  /** Ocean behind the map. */
  water: string;
  /** Around the globe, where there is no earth at all. */
  space: string;
  /** Borders between countries. */
  border: string;
  /** Outline of selected countries. */
  outline: string;
  /** Lines and text drawn on canvas. */
  ink: string;
  inkMuted: string;
  grid: string;
  /** Bars of a single series (a middle step of the ramp). */
  bar: string;
}

const LIGHT: Palette = {
  scheme: 'light',
  // YlGnBu from its fourth step: its third (#c7e9b4) was 1.21:1 against `zero`, a country with a few attempts
  // barely told from one with none.
  sequential: ['#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  zero: '#f3f4f6',
  accent: '#c2410c',
  accentWash: 'rgba(194, 65, 12, 0.16)',
  water: '#cbd6e2',
  space: '#f6f7f9',
  border: '#b8c0cb',
  outline: '#111418',
  ink: '#1b1f24',
  inkMuted: '#5b6573',
  grid: '#e3e7ec',
  bar: '#1d91c0',
};

const DARK: Palette = {
  scheme: 'dark',
  // YlGnBu reversed, from its seventh step: its eighth (#253494) was 1.26:1 against `zero`. #edf8b1 is left out,
  // too close to #ffffd9 to tell apart as classes.
  sequential: ['#225ea8', '#1d91c0', '#41b6c4', '#7fcdbb', '#c7e9b4', '#ffffd9'],
  zero: '#2b3038',
  accent: '#fb923c',
  accentWash: 'rgba(251, 146, 60, 0.22)',
  water: '#10151b',
  space: '#1c2129',
  border: '#4a525d',
  outline: '#ffffff',
  ink: '#e3e7ec',
  inkMuted: '#9aa5b3',
  grid: '#2a3039',
  bar: '#41b6c4',
};

export const PALETTES: Readonly<Record<ColorScheme, Palette>> = { light: LIGHT, dark: DARK };

export function paletteFor(scheme: ColorScheme): Palette {
  return PALETTES[scheme];
}

/**
 * `count` colours spread evenly over the ramp, low to high, so that a legend with few classes still
 * spans the whole range of contrast.
 */
export function rampColors(palette: Palette, count: number): string[] {
  const ramp = palette.sequential;
  if (count <= 0) return [];
  if (count === 1) return [ramp[ramp.length - 2]];
  if (count >= ramp.length) return Array.from({ length: count }, (_, i) => ramp[Math.min(i, ramp.length - 1)]);
  return Array.from({ length: count }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (count - 1))]);
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function currentColorScheme(): ColorScheme {
  if (typeof matchMedia !== 'function') return 'light';
  return matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Calls `onChange` whenever the system switches between light and dark; returns the unsubscribe. */
export function watchColorScheme(onChange: (scheme: ColorScheme) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(DARK_QUERY);
  const listener = (): void => onChange(query.matches ? 'dark' : 'light');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/** The palette as CSS custom properties for a component's root element. */
export function paletteStyle(palette: Palette): string {
  return [
    `--ss-accent: ${palette.accent}`,
    `--ss-accent-wash: ${palette.accentWash}`,
    `--ss-zero: ${palette.zero}`,
    `--ss-water: ${palette.water}`,
    `--ss-space: ${palette.space}`,
    `--ss-ink: ${palette.ink}`,
    `--ss-ink-muted: ${palette.inkMuted}`,
    `--ss-bar: ${palette.bar}`,
  ].join('; ');
}
