import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import topology from 'world-atlas/countries-50m.json';
import { buildWorldShapes, loadWorldShapes, shapeCode, type CountryShape } from '../../../../src-renderer/src/lib/geo/world-shapes';
import { signedArea } from '../../../../src-renderer/src/lib/geo/antimeridian';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shapes = buildWorldShapes(topology as any);

function polygonsOf(shape: CountryShape): Position[][][] {
  return shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
}

function byCode(code: string): CountryShape[] {
  return shapes.collection.features.filter((f) => f.properties.code === code);
}

function longitudeWidth(ring: Position[]): number {
  const lons = ring.map(([lon]) => lon);
  return Math.max(...lons) - Math.min(...lons);
}

describe('shapeCode', () => {
  it('maps numeric ids, and names for the shapes world-atlas leaves without one', () => {
    expect(shapeCode('643', 'Russia')).toBe('RU');
    expect(shapeCode(undefined, 'Kosovo')).toBe('XK');
    expect(shapeCode(undefined, 'N. Cyprus')).toBe('CY');
    expect(shapeCode(undefined, 'Somaliland')).toBe('SO');
    expect(shapeCode(undefined, 'Siachen Glacier')).toBeNull();
  });
});

describe('world shapes from countries-50m', () => {
  it('tags the countries with alpha-2 codes and English names', () => {
    expect(shapes.collection.features.length).toBeGreaterThan(230);
    expect(shapes.codes.size).toBeGreaterThan(220);
    for (const code of ['CN', 'US', 'IN', 'RU', 'BR', 'FJ', 'AQ', 'XK', 'SG', 'BG']) expect(shapes.codes.has(code), code).toBe(true);
    expect(byCode('RU')[0].properties.name).toBe('Russia');
    expect(byCode('XK')[0].properties.name).toBe('Kosovo');
    // Northern Cyprus is drawn as part of Cyprus, so both shapes carry CY.
    expect(byCode('CY')).toHaveLength(2);
    const unnamed = shapes.collection.features.filter((f) => !f.properties.code).map((f) => f.properties.name);
    expect(unnamed.sort()).toEqual(['Indian Ocean Ter.', 'Siachen Glacier']);
  });

  it('leaves no ring that jumps across the map', () => {
    for (const shape of shapes.collection.features) {
      for (const polygon of polygonsOf(shape)) {
        for (const ring of polygon) {
          for (let i = 1; i < ring.length; i++) {
            const alongPole = Math.abs(ring[i][1]) === 90 && ring[i][1] === ring[i - 1][1];
            if (alongPole) continue;
            expect(Math.abs(ring[i][0] - ring[i - 1][0]), shape.properties.name).toBeLessThanOrEqual(180);
          }
        }
      }
    }
  });

  it('keeps Russia and Fiji as compact pieces across the antimeridian', () => {
    for (const [code, widest] of [['RU', 170], ['FJ', 5]] as const) {
      const polygons = polygonsOf(byCode(code)[0]);
      for (const polygon of polygons) expect(longitudeWidth(polygon[0])).toBeLessThan(widest);
      // The pieces that crossed ±180° now reach past it instead of wrapping around.
      expect(polygons.some((polygon) => polygon[0].some(([lon]) => lon > 180 || lon < -180))).toBe(true);
    }
  });

  it('closes Antarctica along the south pole and drops the pole cap', () => {
    const polygons = polygonsOf(byCode('AQ')[0]);
    const mainland = polygons.reduce((a, b) => (Math.abs(signedArea(b[0])) > Math.abs(signedArea(a[0])) ? b : a));
    expect(longitudeWidth(mainland[0])).toBeCloseTo(360, 6);
    expect(mainland[0].filter(([, lat]) => lat === -90)).toHaveLength(2);
    for (const polygon of polygons) expect(polygon[0].every(([, lat]) => lat <= -89.99)).toBe(false);
  });

  it('winds every outer ring counter-clockwise and every hole clockwise', () => {
    for (const shape of shapes.collection.features) {
      for (const [outer, ...holes] of polygonsOf(shape)) {
        expect(signedArea(outer), shape.properties.name).toBeGreaterThan(0);
        for (const hole of holes) expect(signedArea(hole), shape.properties.name).toBeLessThan(0);
      }
    }
  });

  it('loads the bundled shapes once', async () => {
    const first = await loadWorldShapes();
    expect(await loadWorldShapes()).toBe(first);
    expect(first.codes).toEqual(shapes.codes);
  });
});
