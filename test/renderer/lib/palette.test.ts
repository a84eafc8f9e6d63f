import { describe, expect, it } from 'vitest';
import { PALETTES, paletteStyle, rampColors } from '../../../src-renderer/src/lib/palette';
import { MAX_CLASSES } from '../../../src-renderer/src/views/map/class-breaks';
import { colourDistance, contrastRatio, relativeLuminance, type Deficiency } from './colour-vision';

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

  // The dark map's lowest class (#253494) was 1.26:1 against land with no attempts (#2b3038), the light one's
  // (#c7e9b4) 1.21:1 against #f3f4f6: a country with a few attempts looked like one with none.
  for (const palette of schemes) {
    it(`tells the ${palette.scheme} map's lowest class from land with no attempts, at 1.5:1 or more, however many classes`, () => {
      expect(contrastRatio(palette.sequential[0], palette.zero)).toBeGreaterThanOrEqual(1.5);
      for (let count = 1; count <= MAX_CLASSES; count++) {
        const colors = rampColors(palette, count);
        for (const color of colors) expect(contrastRatio(color, palette.zero), `${count} classes: ${color}`).toBeGreaterThanOrEqual(1.5);
        // Each class stands out from land with no attempts more than the one below it.
        const contrasts = colors.map((color) => contrastRatio(color, palette.zero));
        for (let i = 1; i < contrasts.length; i++) expect(contrasts[i], `${count} classes`).toBeGreaterThan(contrasts[i - 1]);
      }
    });
  }

  it('has a step of the ramp for each class of the map', () => {
    for (const palette of schemes) expect(new Set(rampColors(palette, MAX_CLASSES)).size).toBe(MAX_CLASSES);
  });

  it('spreads a few classes over the whole ramp, low to high', () => {
    const ramp = PALETTES.light.sequential;
    expect(rampColors(PALETTES.light, 3)).toEqual([ramp[0], ramp[3], ramp.at(-1)]);
    expect(rampColors(PALETTES.light, ramp.length)).toEqual([...ramp]);
    expect(rampColors(PALETTES.light, 0)).toEqual([]);
    const two = rampColors(PALETTES.dark, 2);
    expect(two[0]).toBe(PALETTES.dark.sequential[0]);
    expect(two[1]).toBe(PALETTES.dark.sequential.at(-1));
  });

  it('exposes the accent to CSS', () => {
    expect(paletteStyle(PALETTES.dark)).toContain(`--ss-accent: ${PALETTES.dark.accent}`);
  });
});
