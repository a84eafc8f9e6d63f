// The room the map leaves its key over open sea, in the map boxes real windows give it (measured in Chromium:
// the map area left of the panels). In a 1024px window's map the key covered Central America and the west of
// South America; in an 800px window's, half the continent.
import { describe, expect, it } from 'vitest';
import { fitInhabitedWorld, mercatorX, mercatorY, worldSizeAt, type Size } from '../../../../src-renderer/src/views/map/flat-view';
import { LEGEND_INSET, fitsRoom, legendRoom } from '../../../../src-renderer/src/views/map/legend-room';

const BOXES: Record<string, Size> = {
  '1920×1080': { width: 1189, height: 337 },
  '1280×800': { width: 793, height: 200 },
  '1024×900': { width: 623, height: 237 },
  '1024×768': { width: 608, height: 200 },
  '800×900': { width: 399, height: 219 },
  '800×600': { width: 384, height: 200 },
};

/** The coasts nearest the map's bottom-left corner, [lng, lat]: no key may reach them. */
const COASTS: Record<string, [number, number]> = {
  'Puerto Ángel, Mexico': [-96.49, 15.67],
  'Puerto Chiapas, Mexico': [-92.4, 14.7],
  'Nicoya, Costa Rica': [-85.9, 10],
  'Punta Pariñas, Peru': [-81.33, -4.68],
  'Isla Madre de Dios, Chile': [-75.7, -50.5],
  'Cape Horn': [-67.3, -55.98],
  'Cabo San Lucas, Mexico': [-109.9, 22.9],
  'Unalaska, Aleutians': [-166.5, 53.9],
};

/** Where a place lies in the fitted flat map, in CSS pixels from the box's top left. */
function pixelOf(box: Size, [lng, lat]: [number, number]): { x: number; y: number } {
  const camera = fitInhabitedWorld(box);
  const size = worldSizeAt(camera.zoom);
  return {
    x: box.width / 2 + (mercatorX(lng) - mercatorX(camera.center.lng)) * size,
    y: box.height / 2 + (mercatorY(lat) - mercatorY(camera.center.lat)) * size,
  };
}

describe('the room for the map key', () => {
  for (const [name, box] of Object.entries(BOXES)) {
    it(`reaches no coast in the map of a ${name} window`, () => {
      const room = legendRoom(box, 'mercator');
      // The key's corner is the map's bottom left, less the inset; it spans the room at most.
      const right = LEGEND_INSET + room.width;
      const top = box.height - LEGEND_INSET - room.height;
      for (const [place, where] of Object.entries(COASTS)) {
        const { x, y } = pixelOf(box, where);
        expect(x > right || y < top, `${place} at ${x.toFixed(0)},${y.toFixed(0)}`).toBe(true);
      }
    });
  }

  it('holds two columns of classes and a line or two of places off the map beside a 1024px window\'s world, not an 800px one\'s', () => {
    // The key measured in Chromium at 10px type: its classes in two columns are 128px wide; with the places off
    // the map on two lines it is 85px high.
    const key = { width: 128, height: 85 };
    expect(fitsRoom(key, legendRoom(BOXES['1024×768'], 'mercator'))).toBe(true);
    expect(fitsRoom(key, legendRoom(BOXES['1024×900'], 'mercator'))).toBe(true);
    expect(fitsRoom(key, legendRoom(BOXES['1280×800'], 'mercator'))).toBe(true);
    expect(fitsRoom(key, legendRoom(BOXES['800×600'], 'mercator'))).toBe(false);
    expect(fitsRoom(key, legendRoom(BOXES['800×900'], 'mercator'))).toBe(false);
    // Folded, its title wraps to the room: the 800px window's is wider than a word.
    expect(legendRoom(BOXES['800×600'], 'mercator').width).toBeGreaterThan(70);
  });

  it('is the space beside the globe, below the buttons', () => {
    const room = legendRoom(BOXES['1024×768'], 'globe');
    expect(room.width).toBeCloseTo((608 - 0.9 * 200) / 2 - LEGEND_INSET, 6);
    expect(room.height).toBe(200 - 36 - LEGEND_INSET);
    expect(legendRoom(BOXES['800×600'], 'globe').width).toBeLessThan(128);
  });

  it('is none before the map is laid out', () => {
    expect(legendRoom({ width: 0, height: 0 }, 'mercator')).toEqual({ width: 0, height: 0 });
  });
});
