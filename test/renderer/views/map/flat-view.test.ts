// The flat map's camera in the boxes the map really gets: beside the side panels at 1280×800 and
// 1920×1080 (wide and short), a narrow window, and a tall box.
import { describe, expect, it } from 'vitest';
import {
  constrainFlatCamera, fitInhabitedWorld, latOfY, leastZoom, mercatorY, visibleExtent, type Size,
} from '../../../../src-renderer/src/views/map/flat-view';

/** The map's box in windows of 1280×800 and 1920×1080 (measured in Chromium: the map area left of the panels). */
const BOXES: Record<string, Size> = {
  '1280×800': { width: 793, height: 200 },
  '1920×1080': { width: 1189, height: 337 },
  narrow: { width: 420, height: 200 },
  tall: { width: 300, height: 700 },
};

/** Places the QA pass could not reach without panning. */
const SOUTH = { 'Hobart, Tasmania': [147.3, -42.9], 'Porto Alegre, Brazil': [-51.2, -30], 'Cape Town': [18.4, -33.9], 'Invercargill, NZ': [168.4, -46.4], 'Ushuaia': [-68.3, -54.8] };
const NORTH = { 'Tromsø': [18.9, 69.6], 'Anchorage': [-149.9, 61.2], 'Chukotka': [177.5, 64.7] };

describe('the flat map fitted to its box', () => {
  for (const [name, box] of Object.entries(BOXES)) {
    it(`shows the inhabited world, 60°S to 75°N and every longitude, in a ${name} box`, () => {
      const fitted = fitInhabitedWorld(box);
      // MapLibre applies the constraint to every camera it is given.
      const camera = constrainFlatCamera(fitted, box, leastZoom(box), 6);
      expect(camera.zoom).toBeCloseTo(fitted.zoom, 6);
      const seen = visibleExtent(camera, box);
      expect(seen.south).toBeLessThanOrEqual(-60);
      expect(seen.north).toBeGreaterThanOrEqual(75);
      expect(seen.west).toBeLessThanOrEqual(-180);
      expect(seen.east).toBeGreaterThanOrEqual(180);
      for (const [lng, lat] of [...Object.values(SOUTH), ...Object.values(NORTH)]) {
        expect(lat).toBeGreaterThan(seen.south);
        expect(lat).toBeLessThan(seen.north);
        expect(lng).toBeGreaterThan(seen.west);
        expect(lng).toBeLessThan(seen.east);
      }
    });
  }

  it('fills the box along its tighter side, less the padding', () => {
    const box = BOXES['1280×800'];
    const { zoom } = fitInhabitedWorld(box);
    const band = (mercatorY(-60) - mercatorY(75)) * 512 * 2 ** zoom;
    expect(band).toBeCloseTo(box.height - 8, 6); // the short box: the band from 60°S to 75°N is its height
    const wide = fitInhabitedWorld({ width: 400, height: 1000 });
    expect(512 * 2 ** wide.zoom).toBeCloseTo(392, 6); // the tall box: 360° is its width
  });

  it('lets the user zoom out a step beyond the fitted view, and no further', () => {
    for (const box of Object.values(BOXES)) {
      const fitted = fitInhabitedWorld(box);
      expect(leastZoom(box)).toBeCloseTo(fitted.zoom - 1, 6);
      expect(constrainFlatCamera({ ...fitted, zoom: fitted.zoom - 3 }, box, leastZoom(box), 6).zoom).toBeCloseTo(fitted.zoom - 1, 6);
    }
    expect(leastZoom({ width: 0, height: 0 })).toBe(-2); // before layout: MapLibre's own floor
  });
});

describe('the flat map while panning and zooming', () => {
  const box = BOXES['1920×1080'];

  it('keeps a world smaller than the box centred in it, however it is dragged', () => {
    const small = { center: { lng: 120, lat: -50 }, zoom: leastZoom(box) };
    const camera = constrainFlatCamera(small, box, leastZoom(box), 6);
    expect(camera.center.lng).toBeCloseTo(0, 6);
    expect(camera.center.lat).toBeCloseTo(0, 6);
  });

  it('keeps the fitted view where it is: the world is narrower than the box, the band taller than the world square is not', () => {
    const fitted = fitInhabitedWorld(box);
    const camera = constrainFlatCamera({ center: { lng: 0, lat: fitted.center.lat }, zoom: fitted.zoom }, box, leastZoom(box), 6);
    expect(camera.center.lat).toBeCloseTo(fitted.center.lat, 6);
  });

  it('zoomed in, pans freely inside the world but not past its edges', () => {
    const zoom = 4; // the world 8,192 px wide: the box shows 52° of longitude
    const inside = constrainFlatCamera({ center: { lng: 151.2, lat: -33.9 }, zoom }, box, 0, 6);
    expect(inside.center.lng).toBeCloseTo(151.2, 6);
    expect(inside.center.lat).toBeCloseTo(-33.9, 6);
    const pastEast = constrainFlatCamera({ center: { lng: 179, lat: 0 }, zoom }, box, 0, 6);
    expect(visibleExtent(pastEast, box).east).toBeCloseTo(180, 6);
    const pastSouth = constrainFlatCamera({ center: { lng: 0, lat: -89 }, zoom }, box, 0, 6);
    expect(visibleExtent(pastSouth, box).south).toBeCloseTo(latOfY(1), 6);
  });

  it('holds the zoom inside its range', () => {
    expect(constrainFlatCamera({ center: { lng: 0, lat: 0 }, zoom: 9 }, box, 0, 6).zoom).toBe(6);
  });
});
