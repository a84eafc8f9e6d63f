import { describe, expect, it } from 'vitest';
import { planarPolygon, turnsAroundPole, unwrapRing } from '../../../../src-renderer/src/lib/geo/antimeridian';

describe('unwrapRing', () => {
  it('continues an island across 180° instead of jumping to -180°', () => {
    const island = [[179, -16], [-179.5, -16.2], [-179, -17], [179.5, -17], [179, -16]];
    const unwrapped = unwrapRing(island);
    expect(unwrapped.map(([lon]) => lon)).toEqual([179, 180.5, 181, 179.5, 179]);
    expect(turnsAroundPole(unwrapped)).toBe(0);
  });

  it('counts one turn for a ring around the pole', () => {
    const aroundPole = [[-180, -70], [-90, -72], [0, -69], [90, -71], [179, -70], [-180, -70]];
    expect(Math.abs(turnsAroundPole(unwrapRing(aroundPole)))).toBe(1);
  });
});

describe('planarPolygon', () => {
  it('closes a ring around the south pole along the pole', () => {
    const aroundPole = [[-180, -70], [-90, -72], [0, -69], [90, -71], [179, -70], [-180, -70]];
    const [outer] = planarPolygon([aroundPole])!;
    const text = outer.map(([lon, lat]) => `${lon},${lat}`).join(' ');
    // Closed via the pole at both edges of the map, in whichever direction the ring runs.
    expect(text).toMatch(/180,-70 180,-90 -180,-90 -180,-70|-180,-70 -180,-90 180,-90 180,-70/);
    expect(Math.max(...outer.map(([lon]) => lon)) - Math.min(...outer.map(([lon]) => lon))).toBe(360);
  });

  it('drops polygons made only of a pole cap', () => {
    const cap = [[-180, -89.999], [0, -89.999], [179, -89.999], [-180, -89.999]];
    expect(planarPolygon([cap])).toBeNull();
  });

  it('moves a hole by a whole turn to sit inside its outer ring', () => {
    const outer = [[170, 10], [190, 10], [190, 20], [170, 20], [170, 10]];
    const hole = [[-178, 14], [-178, 16], [-176, 16], [-176, 14], [-178, 14]];
    const [, shiftedHole] = planarPolygon([outer, hole])!;
    expect(Math.min(...shiftedHole.map(([lon]) => lon))).toBe(182);
  });
});
