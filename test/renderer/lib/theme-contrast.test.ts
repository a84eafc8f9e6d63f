// The theme's text on its backgrounds, read from app.css in both colour schemes: WCAG AA asks 4.5:1 for text.
// The primary buttons (Export blocklist…, Open logs…, Save…) had white text on the dark theme's light blue
// (2.2:1), and, hovered, white text on the plain buttons' light grey hover colour in the light theme (1.2:1).
import { describe, expect, it } from 'vitest';
import { sourceText } from '../source-text';
import { relativeLuminance } from './colour-vision';

const CSS = (await sourceText('src-renderer/src/app.css')).replace(/\/\*[\s\S]*?\*\//g, '');
const DARK_AT = CSS.indexOf('@media (prefers-color-scheme: dark)');

type Scheme = 'light' | 'dark';

/** Where the dark block's rules begin and end (inside its braces). */
function darkBlock(): [number, number] {
  const open = CSS.indexOf('{', DARK_AT);
  let depth = 1;
  let i = open + 1;
  for (; depth > 0; i++) depth += CSS[i] === '{' ? 1 : CSS[i] === '}' ? -1 : 0;
  return [open + 1, i - 1];
}

/** The rules outside the dark block, or inside it: selector -> declarations, in source order. */
function rules(scheme: Scheme): { selector: string; decls: Map<string, string> }[] {
  const [start, end] = darkBlock();
  const text = scheme === 'dark' ? CSS.slice(start, end) : CSS.slice(0, DARK_AT) + CSS.slice(end + 1);
  return [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)].flatMap(([, selectors, body]) => {
    const decls = new Map([...body.matchAll(/([\w-]+)\s*:\s*([^;]+)/g)].map(([, k, v]) => [k.trim(), v.trim()]));
    return selectors.split(',').map((selector: string) => ({ selector: selector.trim(), decls }));
  });
}

/** The custom properties of a scheme: the light ones, overridden by the dark block's. */
function variables(scheme: Scheme): Map<string, string> {
  const vars = new Map<string, string>();
  for (const s of scheme === 'dark' ? (['light', 'dark'] as const) : (['light'] as const)) {
    for (const rule of rules(s)) if (rule.selector === ':root') for (const [k, v] of rule.decls) if (k.startsWith('--')) vars.set(k, v);
  }
  return vars;
}

/** A specificity good enough for `button`, `button.x` and their `:hover:not(:disabled)`: [classes + pseudo-classes, elements]. */
function specificity(selector: string): number {
  const classes = (selector.match(/[.:][\w-]+/g) ?? []).filter((p) => p !== ':not').length;
  return classes * 10 + (/^[a-z]/.test(selector) ? 1 : 0);
}

/** What a button with `classes` shows, hovered or not: the cascade of the rules that match it. */
function buttonColours(scheme: Scheme, classes: string[], hovered: boolean): { color: string; background: string } {
  const vars = variables(scheme);
  // `inherit` is the page's text colour (a button sits on the page); #abc is #aabbcc.
  const resolve = (value: string): string => value
    .replace(/^inherit$/, 'var(--fg)')
    .replace(/var\((--[\w-]+)\)/g, (_, name: string) => vars.get(name) ?? `?${name}`)
    .replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/i, '#$1$1$2$2$3$3');
  const matching = (['light', 'dark'] as const)
    .filter((s) => s === 'light' || scheme === 'dark')
    .flatMap((s) => rules(s))
    .filter(({ selector }) => {
      const match = /^button((?:\.[\w-]+)*)(:hover:not\(:disabled\))?$/.exec(selector);
      if (!match) return false;
      const needs = match[1].split('.').filter(Boolean);
      return needs.every((c) => classes.includes(c)) && (!match[2] || hovered);
    });
  const ordered = matching.map((rule, order) => ({ ...rule, order })).sort((a, b) => specificity(a.selector) - specificity(b.selector) || a.order - b.order);
  let color = vars.get('--fg')!;
  let background = '';
  for (const { decls } of ordered) {
    if (decls.has('color')) color = resolve(decls.get('color')!);
    if (decls.has('background')) background = resolve(decls.get('background')!);
  }
  return { color, background };
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('button text against its background', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const hovered of [false, true]) {
      it(`is readable on a primary button, ${scheme} theme${hovered ? ', hovered' : ''}`, () => {
        const { color, background } = buttonColours(scheme, ['primary'], hovered);
        expect(contrast(color, background), `${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      });
      it(`is readable on a plain button, ${scheme} theme${hovered ? ', hovered' : ''}`, () => {
        const { color, background } = buttonColours(scheme, [], hovered);
        expect(contrast(color, background), `${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});
