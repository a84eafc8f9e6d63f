// MapLibre and its stylesheet, loaded only when a map is shown. MapLibre 6 starts its worker from a
// separate module; the bundler copies that file and hands its URL over, so the worker loads from the
// app itself rather than from wherever MapLibre would guess.
import { LngLat, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

export { LngLat, MapLibreMap, NavigationControl };
