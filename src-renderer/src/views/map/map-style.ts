// The map's style, built in code so the map needs nothing from a server: no tiles, no glyphs, no
// sprites. A background (space around the globe), the sea as one polygon, and the countries as one
// GeoJSON source drawn as a fill (colour per country from feature state), borders, and a haloed outline
// for hovered and selected countries. Labels and the tooltip are DOM, so no font is ever requested.
import type { MapOptions, RequestParameters } from 'maplibre-gl';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ShapeProperties } from '../../lib/geo/world-shapes';
import type { Palette } from '../../lib/palette';

export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
type LayerSpecification = StyleSpecification['layers'][number];
export type MapProjection = 'mercator' | 'globe';

export const COUNTRY_SOURCE = 'countries';
export const WATER_SOURCE = 'water';
/** The feature property MapLibre uses as feature id, so feature state can be set per country code. */
export const COUNTRY_ID_PROPERTY = 'code';
export const LAYER = {
  background: 'space',
  water: 'water',
  fill: 'country-fill',
  border: 'country-border',
  halo: 'country-halo',
  outline: 'country-outline',
} as const;

export const ATTRIBUTION = 'Natural Earth';

/** The sea is a polygon over the whole earth, so that on the globe it ends at the horizon. */
const WHOLE_EARTH: Polygon = { type: 'Polygon', coordinates: [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]] };

/** Borders are not drawn around shapes closed along a pole: those edges are not coasts. */
const NOT_POLAR = ['!', ['has', 'polar']];

/** Paint properties that follow the colour scheme, per layer. */
export function schemePaint(palette: Palette): Record<string, Record<string, unknown>> {
  return {
    [LAYER.background]: { 'background-color': palette.space },
    [LAYER.water]: { 'fill-color': palette.water },
    [LAYER.fill]: { 'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], palette.zero]] },
    [LAYER.border]: { 'line-color': palette.border },
    [LAYER.halo]: { 'line-color': palette.space },
    [LAYER.outline]: { 'line-color': palette.outline },
  };
}

export function buildMapStyle(
  shapes: FeatureCollection<Polygon | MultiPolygon, ShapeProperties>,
  palette: Palette,
  projection: MapProjection,
): StyleSpecification {
  const paint = schemePaint(palette);
  const layers: LayerSpecification[] = [
    { id: LAYER.background, type: 'background', paint: paint[LAYER.background] },
    { id: LAYER.water, type: 'fill', source: WATER_SOURCE, paint: paint[LAYER.water] },
    { id: LAYER.fill, type: 'fill', source: COUNTRY_SOURCE, paint: { ...paint[LAYER.fill], 'fill-antialias': true } },
    {
      id: LAYER.border, type: 'line', source: COUNTRY_SOURCE, filter: NOT_POLAR,
      paint: { ...paint[LAYER.border], 'line-width': 0.5 },
    },
    {
      // A light (dark) halo under the outline keeps it visible on the darkest (lightest) class.
      id: LAYER.halo, type: 'line', source: COUNTRY_SOURCE, filter: NOT_POLAR,
      paint: {
        ...paint[LAYER.halo],
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 5, 0],
      },
    },
    {
      id: LAYER.outline, type: 'line', source: COUNTRY_SOURCE, filter: NOT_POLAR,
      paint: {
        ...paint[LAYER.outline],
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.2, ['boolean', ['feature-state', 'hover'], false], 1.2, 0],
      },
    },
  ] as LayerSpecification[];
  return {
    version: 8,
    projection: { type: projection },
    sources: {
      [WATER_SOURCE]: { type: 'geojson', data: WHOLE_EARTH },
      [COUNTRY_SOURCE]: { type: 'geojson', data: shapes, promoteId: COUNTRY_ID_PROPERTY, attribution: ATTRIBUTION },
    },
    layers,
  };
}

/** True for URLs that never leave the machine: the page's own origin, blob: and data: URLs. */
export function isLocalUrl(url: string, origin: string): boolean {
  if (url.startsWith('blob:') || url.startsWith('data:')) return true;
  try {
    const parsed = new URL(url, origin === 'null' ? undefined : origin);
    return parsed.origin === origin || (origin === 'null' && parsed.protocol === 'file:');
  } catch {
    return false;
  }
}

/**
 * MapLibre's request hook: the style asks for nothing remote, and this makes sure nothing ever is
 * (a stray style URL would fail here instead of reaching the network).
 */
export function refuseRemoteRequests(origin: string): (url: string) => RequestParameters {
  return (url) => {
    if (isLocalUrl(url, origin)) return { url };
    throw new Error(`Swarmscope works offline; refused to fetch ${url}`);
  };
}
