// Country shapes for the map: world-atlas's Natural Earth 1:50m countries, converted from TopoJSON to
// GeoJSON, tagged with ISO alpha-2 codes and English names, and made drawable on the plane.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { encirclesPole, planarGeometry } from './antimeridian';
import { countryName, numericToAlpha2 } from './country-names';

export interface ShapeProperties {
  /** ISO alpha-2; absent for the few shapes no country code stands for (e.g. Siachen Glacier). */
  code?: string;
  name: string;
  /**
   * Set on shapes closed along a pole (Antarctica): their outline has edges along the pole and ±180°
   * that are not coasts, so the map draws no border for them.
   */
  polar?: true;
}

export type CountryShape = Feature<Polygon | MultiPolygon, ShapeProperties>;

export interface WorldShapes {
  collection: FeatureCollection<Polygon | MultiPolygon, ShapeProperties>;
  /** Every code that has a shape. */
  codes: ReadonlySet<string>;
}

/**
 * Shapes world-atlas leaves without an ISO numeric id, by their Natural Earth name. Geolocation
 * databases put Kosovo under the user-assigned code XK, and Somaliland and Northern Cyprus under the
 * country ISO 3166 counts them in.
 */
const CODES_BY_NAME: Readonly<Record<string, string>> = {
  Kosovo: 'XK',
  Somaliland: 'SO',
  'N. Cyprus': 'CY',
};

/** The alpha-2 code for one world-atlas shape, or null when no country code stands for it. */
export function shapeCode(id: string | number | undefined, name: string | undefined): string | null {
  if (id !== undefined && id !== null && id !== '') {
    const code = numericToAlpha2(id);
    if (code) return code;
  }
  return (name && CODES_BY_NAME[name]) || null;
}

type CountriesTopology = Topology<{ countries: GeometryCollection<{ name?: string }> }>;

export function buildWorldShapes(topology: CountriesTopology): WorldShapes {
  const source = feature(topology, topology.objects.countries);
  const features: CountryShape[] = [];
  const codes = new Set<string>();
  for (const shape of source.features) {
    const geometry = shape.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const planar = planarGeometry(geometry);
    if (!planar) continue;
    const code = shapeCode(shape.id, shape.properties?.name);
    const properties: ShapeProperties = code
      ? { code, name: countryName(code) }
      : { name: shape.properties?.name ?? 'Unnamed' };
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    if (polygons.some(encirclesPole)) properties.polar = true;
    if (code) codes.add(code);
    features.push({ type: 'Feature', properties, geometry: planar });
  }
  return { collection: { type: 'FeatureCollection', features }, codes };
}

let loading: Promise<WorldShapes> | null = null;

/** The shapes, built once; the 750 kB TopoJSON is its own chunk, loaded when the map first shows. */
export function loadWorldShapes(): Promise<WorldShapes> {
  loading ??= import('world-atlas/countries-50m.json').then((module) =>
    buildWorldShapes(module.default as unknown as CountriesTopology));
  return loading;
}
