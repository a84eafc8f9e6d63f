// Where the map's key can lie, at the map's bottom-left corner, without covering a country: the room the
// fitted view leaves there over open sea. The world is centred in the map, so in a map wider than it the key
// may also lie beside it, but its corner is the South Pacific, and a key reaching further east covered
// Central and South America (the map of a 1024px window).
import { fitInhabitedWorld, mercatorX, mercatorY, worldSizeAt, type Size } from './flat-view';
import { globeDiameter } from './globe-view';
import type { MapProjection } from './map-style';

/**
 * The South Pacific holds no land but islands west of 95°W and south of 15°N: Central America's Pacific
 * coast reaches 92°W at 14°N, Mexico's 95°W only north of 16°N, South America's westmost point is 81°W.
 */
export const OPEN_SEA_CORNER = { east: -95, north: 15 } as const;
/** The key's offset from the map's left and bottom edges, as WorldMap.svelte places it. */
export const LEGEND_INSET = 8;
/** Below the Globe and Reset view buttons at the map's top left, which the key must not reach on the globe. */
const BUTTONS_BOTTOM = 36;

/** The room, in CSS pixels, for the key in a map box of this size, fitted to the whole world. */
export function legendRoom(box: Size, projection: MapProjection): Size {
  if (box.width <= 0 || box.height <= 0) return { width: 0, height: 0 };
  if (projection === 'globe') {
    // Beside the disc, the whole height below the buttons is space.
    const side = (box.width - globeDiameter(box)) / 2;
    return roomOf(side, box.height - BUTTONS_BOTTOM);
  }
  const camera = fitInhabitedWorld(box);
  const worldSize = worldSizeAt(camera.zoom);
  const east = box.width / 2 + (mercatorX(OPEN_SEA_CORNER.east) - mercatorX(camera.center.lng)) * worldSize;
  const north = box.height / 2 + (mercatorY(OPEN_SEA_CORNER.north) - mercatorY(camera.center.lat)) * worldSize;
  return roomOf(east, box.height - north);
}

function roomOf(fromLeft: number, fromBottom: number): Size {
  return { width: Math.max(0, fromLeft - LEGEND_INSET), height: Math.max(0, fromBottom - LEGEND_INSET) };
}

/** Whether a key of this size lies within the room. */
export function fitsRoom(size: Size, room: Size): boolean {
  return size.width <= room.width && size.height <= room.height;
}
