import type { State } from '@floodnet/domain';
import L from 'leaflet';
import { SEVERITY_COLOURS, TYPHOON_TRACK_COLOUR } from './palette';
import { wgs84, type Projection } from './projection';

export interface TyphoonView {
  name: string | null;
  track: [number, number][];
  /** The signal in force colours the storm's position (a warning colour, by meaning). */
  colour: string;
}

export function typhoonView(state: State): TyphoonView {
  const level = state.signals.typhoon;
  return {
    name: state.typhoon.name,
    track: state.typhoon.track.map((fix) => [fix.lat, fix.lng]),
    colour: level ? SEVERITY_COLOURS[level] : TYPHOON_TRACK_COLOUR,
  };
}

export interface TyphoonLayer {
  group: L.LayerGroup;
  line: L.Polyline;
  position: L.CircleMarker;
  project: Projection;
}

export function createTyphoonLayer(options: { renderer?: L.Renderer; project?: Projection } = {}) {
  const line = L.polyline([], {
    renderer: options.renderer,
    color: TYPHOON_TRACK_COLOUR,
    weight: 2,
    dashArray: '4 6',
    interactive: false,
  });
  const position = L.circleMarker([0, 0], {
    renderer: options.renderer,
    radius: 10,
    weight: 3,
    color: TYPHOON_TRACK_COLOUR,
    fillOpacity: 0.35,
    interactive: false,
  });
  const layer: TyphoonLayer = {
    group: L.layerGroup([line]),
    line,
    position,
    project: options.project ?? wgs84,
  };
  return layer;
}

/** Redraws the track only when a new position came in, and recolours on a new signal. */
export function updateTyphoon(layer: TyphoonLayer, next: TyphoonView, prev: TyphoonView | null) {
  if (!prev || prev.track.length !== next.track.length) {
    layer.line.setLatLngs(next.track.map(([lat, lng]) => layer.project(lat, lng)));
    const last = next.track.at(-1);
    if (last) {
      layer.position.setLatLng(layer.project(last[0], last[1]));
      if (!layer.group.hasLayer(layer.position)) layer.group.addLayer(layer.position);
    } else if (layer.group.hasLayer(layer.position)) {
      layer.group.removeLayer(layer.position);
    }
  }
  if (!prev || prev.colour !== next.colour) {
    layer.position.setStyle({ color: next.colour, fillColor: next.colour });
  }
}
