// Owns one MapLibre map: creates it with the offline style, keeps feature state in step with the
// figures, the selection, the projection and the colour scheme, and reports hover and clicks.
import type { Map as MapLibreMapType, MapLayerMouseEvent } from 'maplibre-gl';
import type { WorldShapes } from '../../lib/geo/world-shapes';
import type { Palette } from '../../lib/palette';
import type { MapFigures } from './country-figures';
import { fillByCode, selectedByCode, stateChanges } from './feature-state';
import { constrainFlatCamera, fitInhabitedWorld, leastZoom, type Size } from './flat-view';
import { GLOBE_CENTER, globeZoom } from './globe-view';
import {
  ATTRIBUTION, buildMapStyle, COUNTRY_SOURCE, LAYER, refuseRemoteRequests, schemePaint, type MapProjection,
} from './map-style';
import { LngLat, MapLibreMap, NavigationControl } from './maplibre-runtime';

export interface HoverInfo {
  code: string | null;
  name: string;
  /** Pointer position inside the map, in CSS pixels. */
  x: number;
  y: number;
}

export interface MapControllerOptions {
  container: HTMLElement;
  shapes: WorldShapes;
  palette: Palette;
  projection: MapProjection;
  onHover: (info: HoverInfo | null) => void;
  onToggle: (code: string) => void;
  onReady: () => void;
  onError: (error: unknown) => void;
}

type PaintProperty = Parameters<MapLibreMapType['setPaintProperty']>[1];
type PaintValue = Parameters<MapLibreMapType['setPaintProperty']>[2];

export class MapController {
  private readonly map: MapLibreMapType;
  private loaded = false;
  private userMoved = false;
  private fills = new Map<string, string>();
  private selected = new Map<string, true>();
  private hoveredCode: string | null = null;
  private pendingFigures: MapFigures | null = null;
  private pendingSelected: readonly string[] | null = null;
  private projection: MapProjection;
  private palette: Palette;
  private pendingPalette: Palette | null = null;

  constructor(private readonly options: MapControllerOptions) {
    this.projection = options.projection;
    this.palette = options.palette;
    this.map = new MapLibreMap({
      container: options.container,
      style: buildMapStyle(options.shapes.collection, options.palette, options.projection),
      attributionControl: { compact: false, customAttribution: ATTRIBUTION },
      transformRequest: refuseRemoteRequests(globalThis.location?.origin ?? 'null'),
      renderWorldCopies: false,
      minZoom: leastZoom(this.boxSize()),
      maxZoom: 6,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      // No text is ever drawn by MapLibre, so it never needs a font.
      localIdeographFontFamily: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.constrainForProjection();
    this.fitWorld();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('load', () => {
      this.loaded = true;
      this.flush();
      options.onReady();
    });
    this.map.on('error', (event) => options.onError(event.error));
    this.map.on('movestart', (event) => {
      if ('originalEvent' in event && event.originalEvent) this.userMoved = true;
    });
    this.map.on('resize', () => {
      // The least zoom follows the box, so the whole world can always be shown in it.
      this.map.setMinZoom(leastZoom(this.boxSize()));
      if (!this.userMoved) this.fitWorld();
    });
    this.map.on('mousemove', LAYER.fill, (event) => this.hover(event));
    this.map.on('mouseleave', LAYER.fill, () => this.hover(null));
    this.map.on('click', LAYER.fill, (event) => {
      const code = event.features?.[0]?.properties?.code;
      if (typeof code === 'string') options.onToggle(code);
    });
  }

  showFigures(figures: MapFigures): void {
    this.pendingFigures = figures;
    this.flush();
  }

  showSelected(codes: readonly string[]): void {
    this.pendingSelected = codes;
    this.flush();
  }

  setProjection(projection: MapProjection): void {
    if (projection === this.projection) return;
    this.projection = projection;
    this.userMoved = false;
    this.map.setProjection({ type: projection });
    this.constrainForProjection();
    this.fitWorld();
  }

  setPalette(palette: Palette): void {
    if (palette === this.palette) return;
    this.palette = palette;
    this.pendingPalette = palette;
    this.flush();
  }

  /** Back to the whole world, as when the map opened. */
  resetView(): void {
    this.userMoved = false;
    this.fitWorld();
  }

  destroy(): void {
    this.map.remove();
  }

  private boxSize(): Size {
    return { width: this.options.container.clientWidth, height: this.options.container.clientHeight };
  }

  /**
   * The flat map keeps the world in the box with its own constraint (see flat-view.ts); the globe keeps
   * MapLibre's, which holds the globe in view.
   */
  private constrainForProjection(): void {
    if (this.projection === 'globe') {
      this.map.setTransformConstrain(null);
      return;
    }
    this.map.setTransformConstrain((center, zoom) => {
      const constrained = constrainFlatCamera(
        { center, zoom: zoom ?? this.map.getZoom() }, this.boxSize(), this.map.getMinZoom(), this.map.getMaxZoom(),
      );
      return { center: new LngLat(constrained.center.lng, constrained.center.lat), zoom: constrained.zoom };
    });
  }

  private fitWorld(): void {
    const box = this.boxSize();
    if (box.width < 1 || box.height < 1) return; // not laid out yet: the first resize fits it
    if (this.projection === 'globe') {
      this.map.jumpTo({ center: [GLOBE_CENTER.lng, GLOBE_CENTER.lat], zoom: globeZoom(box) });
    } else {
      const { center, zoom } = fitInhabitedWorld(box);
      this.map.jumpTo({ center: [center.lng, center.lat], zoom });
    }
  }

  private flush(): void {
    if (!this.loaded) return;
    if (this.pendingPalette) {
      for (const [layer, paint] of Object.entries(schemePaint(this.pendingPalette))) {
        for (const [property, value] of Object.entries(paint)) this.map.setPaintProperty(layer, property as PaintProperty, value as PaintValue);
      }
      this.pendingPalette = null;
    }
    if (this.pendingFigures) {
      const next = fillByCode(this.pendingFigures);
      for (const change of stateChanges(this.fills, next)) {
        const target = { source: COUNTRY_SOURCE, id: change.code };
        if (change.value === null) this.map.removeFeatureState(target, 'fill');
        else this.map.setFeatureState(target, { fill: change.value });
      }
      this.fills = next;
      this.pendingFigures = null;
    }
    if (this.pendingSelected) {
      const next = selectedByCode(this.pendingSelected);
      for (const change of stateChanges(this.selected, next)) {
        this.map.setFeatureState({ source: COUNTRY_SOURCE, id: change.code }, { selected: change.value === true });
      }
      this.selected = next;
      this.pendingSelected = null;
    }
  }

  private hover(event: MapLayerMouseEvent | null): void {
    const feature = event?.features?.[0];
    const code = typeof feature?.properties?.code === 'string' ? feature.properties.code : null;
    if (code !== this.hoveredCode) {
      if (this.hoveredCode) this.map.setFeatureState({ source: COUNTRY_SOURCE, id: this.hoveredCode }, { hover: false });
      if (code && this.loaded) this.map.setFeatureState({ source: COUNTRY_SOURCE, id: code }, { hover: true });
      this.hoveredCode = code;
    }
    this.map.getCanvas().style.cursor = code ? 'pointer' : '';
    if (!event || !feature) {
      this.options.onHover(null);
      return;
    }
    this.options.onHover({ code, name: String(feature.properties?.name ?? ''), x: event.point.x, y: event.point.y });
  }
}
