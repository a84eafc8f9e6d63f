import { describe, expect, it } from 'vitest';
import { PALETTES, paletteStyle, rampColors } from '../../../src-renderer/src/lib/palette';
import { colourDistance, relativeLuminance, type Deficiency } from './colour-vision';

const schemes = Object.values(PALETTES);
const visions: (Deficiency | null)[] = [null, 'protanopia', 'deuteranopia', 'tritanopia'];
// CIE76 ≈ 10 is a difference anyone notices side by side; the accent must be unmistakable.
const DISTINCT = 10;
const UNMISTAKABLE = 30;

describe('palette', () => {
  it('orders the light ramp from light to dark and the dark ramp from dark to light', () => {
    const light = PALETTES.light.sequential.map(relativeLuminance);
    const dark = PALETTES.dark.sequential.map(relativeLuminance);
    for (let i = 1; i < light.length; i++) expect(light[i]).toBeLessThan(light[i - 1]);
    for (let i = 1; i < dark.length; i++) expect(dark[i]).toBeGreaterThan(dark[i - 1]);
  });

  for (const palette of schemes) {
    for (const vision of visions) {
      it(`keeps the ${palette.scheme} colours apart with ${vision ?? 'normal vision'}`, () => {
        const ramp = palette.sequential;
        for (let i = 1; i < ramp.length; i++) {
          expect(colourDistance(ramp[i - 1], ramp[i], vision), `${ramp[i - 1]} vs ${ramp[i]}`).toBeGreaterThan(DISTINCT);
        }
        expect(colourDistance(palette.zero, ramp[0], vision)).toBeGreaterThan(DISTINCT);
        expect(colourDistance(palette.zero, palette.water, vision)).toBeGreaterThan(DISTINCT);
        for (const step of ramp) expect(colourDistance(palette.accent, step, vision)).toBeGreaterThan(UNMISTAKABLE);
      });
    }
  }

  it('spreads a few classes over the whole ramp, low to high', () => {
    const ramp = PALETTES.light.sequential;
    expect(rampColors(PALETTES.light, 3)).toEqual([ramp[0], ramp[3], ramp[6]]);
    expect(rampColors(PALETTES.light, 7)).toEqual([...ramp]);
    expect(rampColors(PALETTES.light, 0)).toEqual([]);
    const two = rampColors(PALETTES.dark, 2);
    expect(two[0]).toBe(PALETTES.dark.sequential[0]);
    expect(two[1]).toBe(PALETTES.dark.sequential[6]);
  });

  it('exposes the accent to CSS', () => {
    expect(paletteStyle(PALETTES.dark)).toContain(`--ss-accent: ${PALETTES.dark.accent}`);
  });
});
