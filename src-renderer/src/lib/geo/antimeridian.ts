// world-atlas is made for d3's spherical rendering: its rings may cross ±180° (Russia's Chukotka, Fiji)
// and Antarctica is a ring around the pole plus a zero-width cap. MapLibre draws coordinates on the
// plane, where such a ring would smear across the whole map. So rings are made continuous (longitudes
// may go past ±180°; MapLibre's tiler wraps them onto the other edge), a ring around a pole is closed
// along the pole, and pole caps are dropped.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Consecutive points further apart than this (in longitude) have crossed the antimeridian. */
const HALF_TURN = 180;
/** Rings lying this close to a pole are artefacts of spherical topology, not land. */
const POLE_CAP_LATITUDE = 89.99;

/** The ring with longitudes shifted by whole turns so no step is longer than half a turn. */
export function unwrapRing(ring: Position[]): Position[] {
  if (ring.length === 0) return [];
  const result: Position[] = [[ring[0][0], ring[0][1]]];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > HALF_TURN) shift -= 360;
    else if (step < -HALF_TURN) shift += 360;
    result.push([ring[i][0] + shift, ring[i][1]]);
  }
  return result;
}

/** Whole turns an unwrapped ring makes around a pole: 0 for ordinary land, ±1 for Antarctica. */
export function turnsAroundPole(unwrapped: Position[]): number {
  if (unwrapped.length < 2) return 0;
  return Math.round((unwrapped[unwrapped.length - 1][0] - unwrapped[0][0]) / 360);
}

function isPoleCap(ring: Position[]): boolean {
  return ring.every(([, lat]) => Math.abs(lat) >= POLE_CAP_LATITUDE);
}

/** Twice the signed area on the plane; positive for counter-clockwise rings. */
export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return sum;
}

/** A ring that goes once around a pole, closed along that pole so it encloses the land on the plane. */
function closeAroundPole(unwrapped: Position[]): Position[] {
  const open = unwrapped.slice(0, -1);
  const meanLatitude = open.reduce((sum, [, lat]) => sum + lat, 0) / open.length;
  const pole = meanLatitude < 0 ? -90 : 90;
  const first = open[0];
  const last = open[open.length - 1];
  const endLongitude = first[0] + 360 * turnsAroundPole(unwrapped);
  return [...open, [endLongitude, last[1]], [endLongitude, pole], [first[0], pole], [first[0], first[1]]];
}

function closeRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, [first[0], first[1]]];
}

/** Shifts a hole by whole turns so it lies within its outer ring's longitudes. */
function alignWith(hole: Position[], outer: Position[]): Position[] {
  const outerMid = outer.reduce((sum, [lon]) => sum + lon, 0) / outer.length;
  const holeMid = hole.reduce((sum, [lon]) => sum + lon, 0) / hole.length;
  const turns = Math.round((outerMid - holeMid) / 360);
  return turns === 0 ? hole : hole.map(([lon, lat]) => [lon + turns * 360, lat]);
}

/** Outer rings counter-clockwise and holes clockwise, as RFC 7946 asks and MapLibre's ring grouping needs. */
function orient(ring: Position[], outer: boolean): Position[] {
  const counterClockwise = signedArea(ring) > 0;
  return counterClockwise === outer ? ring : [...ring].reverse();
}

/** One polygon's rings made drawable on the plane, or null when nothing but pole caps is left. */
export function planarPolygon(rings: Position[][]): Position[][] | null {
  const kept = rings.filter((ring) => ring.length >= 4 && !isPoleCap(ring));
  if (kept.length === 0) return null;
  const planar = kept.map((ring) => {
    const unwrapped = unwrapRing(ring);
    return closeRing(turnsAroundPole(unwrapped) === 0 ? unwrapped : closeAroundPole(unwrapped));
  });
  const [outer, ...holes] = planar;
  return [orient(outer, true), ...holes.map((hole) => orient(alignWith(hole, outer), false))];
}

/** Whether a polygon has a ring that goes around a pole (and so gets edges along the pole and ±180°). */
export function encirclesPole(rings: Position[][]): boolean {
  return rings.some((ring) => !isPoleCap(ring) && turnsAroundPole(unwrapRing(ring)) !== 0);
}

export function planarGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  if (geometry.type === 'Polygon') {
    const rings = planarPolygon(geometry.coordinates);
    return rings ? { type: 'Polygon', coordinates: rings } : null;
  }
  const polygons = geometry.coordinates.map(planarPolygon).filter((rings): rings is Position[][] => rings !== null);
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}
