// The flat map's camera, in Web Mercator pixels: the view that fits the inhabited world into the map's
// box, the least zoom (a little below that view), and the constraint that keeps the world in sight while
// panning and zooming.
//
// MapLibre's own constraint, without world copies, never lets the world be narrower than the map: in a
// wide, short box (the map beside the side panels) the world is then as wide as the box and far too tall
// for it, and everything south of about 15°S is cut off. This one lets the world be smaller than the box
// along either axis, and centres it there instead.

/** MapLibre's tile size: at zoom z the whole world is TILE_SIZE · 2^z pixels square. */
const TILE_SIZE = 512;
/** Web Mercator's edge: the world square ends at these latitudes. */
const MAX_LATITUDE = 85.051129;

/** Where people are, and so where attacks come from: Tierra del Fuego and New Zealand to the Arctic coasts. */
export const INHABITED_WORLD = { west: -180, east: 180, south: -60, north: 75 } as const;
/** Space kept between the fitted world and the map's edges, in CSS pixels. */
export const FIT_PADDING = 4;
/** How far below the fitted view the user may zoom out (one step: the world at half that size). */
export const ZOOM_OUT_MARGIN = 1;
/** MapLibre refuses a lower minZoom. */
const LOWEST_ZOOM = -2;

export interface Size {
  width: number;
  height: number;
}

export interface FlatCamera {
  center: { lng: number; lat: number };
  zoom: number;
}

/** x of a longitude as a fraction of the world's width, from its west edge. */
export function mercatorX(lng: number): number {
  return (lng + 180) / 360;
}

/** y of a latitude as a fraction of the world's height, from its north edge. */
export function mercatorY(lat: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const radians = (clamped * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + radians / 2)) / Math.PI) / 2;
}

export function lngOfX(x: number): number {
  return x * 360 - 180;
}

export function latOfY(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** The whole world's side in CSS pixels at `zoom`. */
export const worldSizeAt = (zoom: number): number => TILE_SIZE * 2 ** zoom;

/** The camera showing the whole inhabited world as large as it fits in `box`, less the padding. */
export function fitInhabitedWorld(box: Size, padding = FIT_PADDING): FlatCamera {
  const { west, east, south, north } = INHABITED_WORLD;
  const spanX = mercatorX(east) - mercatorX(west);
  const spanY = mercatorY(south) - mercatorY(north);
  const width = Math.max(1, box.width - 2 * padding);
  const height = Math.max(1, box.height - 2 * padding);
  const worldSize = Math.min(width / spanX, height / spanY);
  return {
    center: { lng: lngOfX((mercatorX(west) + mercatorX(east)) / 2), lat: latOfY((mercatorY(north) + mercatorY(south)) / 2) },
    zoom: Math.log2(worldSize / TILE_SIZE),
  };
}

/** The least zoom for `box`: the fitted world's, less a margin, so the fitted view is always reachable. */
export function leastZoom(box: Size): number {
  return Math.max(LOWEST_ZOOM, fitInhabitedWorld(box).zoom - ZOOM_OUT_MARGIN);
}

/**
 * `camera` with its zoom inside [minZoom, maxZoom] and its centre moved so the world stays in the box:
 * along an axis where the world is smaller than the box it is centred, where it is larger it covers the
 * box edge to edge (no space beyond the 180th meridian or the poles' cut-off shows).
 */
export function constrainFlatCamera(camera: FlatCamera, box: Size, minZoom: number, maxZoom: number): FlatCamera {
  const zoom = Math.max(minZoom, Math.min(maxZoom, camera.zoom));
  const worldSize = worldSizeAt(zoom);
  const keepInside = (position: number, viewport: number): number => {
    if (worldSize <= viewport) return 0.5;
    const half = viewport / 2 / worldSize;
    return Math.max(half, Math.min(1 - half, position));
  };
  const x = keepInside(mercatorX(camera.center.lng), box.width);
  const y = keepInside(mercatorY(camera.center.lat), box.height);
  return { center: { lng: lngOfX(x), lat: latOfY(y) }, zoom };
}

/** The latitudes and longitudes a camera shows in `box` (for tests and checks; north-up, no pitch). */
export function visibleExtent(camera: FlatCamera, box: Size): { west: number; east: number; south: number; north: number } {
  const worldSize = worldSizeAt(camera.zoom);
  const x = mercatorX(camera.center.lng);
  const y = mercatorY(camera.center.lat);
  const halfX = box.width / 2 / worldSize;
  const halfY = box.height / 2 / worldSize;
  return {
    west: lngOfX(x - halfX),
    east: lngOfX(x + halfX),
    south: latOfY(Math.min(1, y + halfY)),
    north: latOfY(Math.max(0, y - halfY)),
  };
}
