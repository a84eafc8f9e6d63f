import { describe, expect, it } from 'vitest';
import { loadWorldShapes } from '../../../../src-renderer/src/lib/geo/world-shapes';
import { PALETTES } from '../../../../src-renderer/src/lib/palette';
import {
  ATTRIBUTION, buildMapStyle, COUNTRY_SOURCE, isLocalUrl, LAYER, refuseRemoteRequests, schemePaint,
} from '../../../../src-renderer/src/views/map/map-style';

const shapes = await loadWorldShapes();

describe('buildMapStyle', () => {
  const style = buildMapStyle(shapes.collection, PALETTES.light, 'mercator');

  it('needs nothing from a server: no glyphs, sprites, tiles or source URLs', () => {
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    for (const source of Object.values(style.sources)) {
      expect(source.type).toBe('geojson');
      expect(typeof (source as { data: unknown }).data).toBe('object');
      expect(source).not.toHaveProperty('url');
      expect(source).not.toHaveProperty('tiles');
    }
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('draws no text, so no font is ever asked for', () => {
    expect(style.layers.map((layer) => layer.type)).not.toContain('symbol');
  });

  it('keys countries by alpha-2 code and credits Natural Earth', () => {
    const countries = style.sources[COUNTRY_SOURCE] as { promoteId: string; attribution: string; data: unknown };
    expect(countries.promoteId).toBe('code');
    expect(countries.attribution).toBe(ATTRIBUTION);
    expect(countries.data).toBe(shapes.collection);
    for (const layer of style.layers) if ('source' in layer) expect(Object.keys(style.sources)).toContain(layer.source);
  });

  it('colours countries from feature state, falling back to the no-attempt colour', () => {
    const fill = style.layers.find((layer) => layer.id === LAYER.fill) as { paint: Record<string, unknown> };
    expect(JSON.stringify(fill.paint['fill-color'])).toContain('"feature-state","fill"');
    expect(JSON.stringify(fill.paint['fill-color'])).toContain(PALETTES.light.zero);
  });

  it('sets the projection and follows the colour scheme', () => {
    expect(buildMapStyle(shapes.collection, PALETTES.dark, 'globe').projection).toEqual({ type: 'globe' });
    expect(schemePaint(PALETTES.dark)[LAYER.background]).toEqual({ 'background-color': PALETTES.dark.space });
  });
});

describe('request guard', () => {
  const origin = 'http://127.0.0.1:5173';

  it('lets the app load its own files, blobs and data URLs', () => {
    expect(isLocalUrl('http://127.0.0.1:5173/assets/maplibre-gl-worker.mjs', origin)).toBe(true);
    expect(isLocalUrl('/assets/countries.js', origin)).toBe(true);
    expect(isLocalUrl('blob:http://127.0.0.1:5173/1234', origin)).toBe(true);
    expect(isLocalUrl('file:///opt/swarmscope/resources/app/index.html', 'null')).toBe(true);
  });

  it('refuses anything on the network', () => {
    const guard = refuseRemoteRequests(origin);
    expect(guard('/assets/worker.mjs')).toEqual({ url: '/assets/worker.mjs' });
    expect(() => guard('https://demotiles.maplibre.org/style.json')).toThrow(/offline/);
    expect(() => guard('http://127.0.0.1:8080/tiles/0/0/0.pbf')).toThrow();
    expect(isLocalUrl('https://example.org/font.pbf', 'null')).toBe(false);
  });
});
