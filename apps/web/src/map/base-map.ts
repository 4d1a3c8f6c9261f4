import L from 'leaflet';
import type { Language } from '../i18n/translate';
import { nameIn, shortJiezhenName } from '../i18n/translate';
import type { Geography, JiezhenProperties, Theme } from '../store/slices';
import { OSM_ATTRIBUTION } from './attribution';
import { BASE_COLOURS, RAIN_SHADE_COLOUR, rainShadeOpacity } from './palette';
import { projectGeoJson } from './projection';

/**
 * The base map from the project's own GeoJSON: it needs no tile server, because command rooms
 * often sit on closed networks.
 */
export interface BaseMap {
  group: L.LayerGroup;
  district: L.GeoJSON;
  river: L.GeoJSON;
  keyAreas: L.GeoJSON;
  jiezhen: Map<string, L.Path>;
  labels: Map<string, L.Marker>;
  keyAreaLabels: L.Marker[];
  properties: Map<string, JiezhenProperties>;
}

export function createBaseMap(
  geography: Geography,
  options: { tiles: string | null; theme: Theme; language: Language },
): BaseMap {
  const { tiles } = options;
  const project = <T extends Parameters<typeof projectGeoJson>[0]>(g: T) =>
    projectGeoJson(g, tiles);
  const group = L.layerGroup();
  const river = L.geoJSON(project(geography.huangpu), { interactive: false });
  const jiezhen = new Map<string, L.Path>();
  const properties = new Map<string, JiezhenProperties>();
  const labels = new Map<string, L.Marker>();
  const jiezhenLayer = L.geoJSON(project(geography.jiezhen), {
    interactive: false,
    onEachFeature(feature, layer) {
      const props = feature.properties as JiezhenProperties;
      jiezhen.set(props.code, layer as L.Path);
      properties.set(props.code, props);
    },
  });
  const keyAreas = L.geoJSON(project(geography.keyAreas), { interactive: false });
  // The district outline is on the map whenever the base map is: it carries the OSM credit.
  const district = L.geoJSON(project(geography.district), {
    interactive: false,
    attribution: OSM_ATTRIBUTION,
  });
  const keyAreaLabels: L.Marker[] = [];
  for (const feature of geography.keyAreas.features) {
    const centre = L.geoJSON(project(feature)).getBounds().getCenter();
    keyAreaLabels.push(
      L.marker(centre, {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'key-area-label zoom-label', html: '', iconSize: undefined }),
      }),
    );
  }
  for (const [code, props] of properties) {
    const [lat, lng] = [props.labelLat, props.labelLng];
    const at = project({ type: 'Point', coordinates: [lng, lat] } as GeoJSON.Point).coordinates;
    labels.set(
      code,
      L.marker([at[1]!, at[0]!], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'jiezhen-label', html: '', iconSize: undefined }),
      }),
    );
  }
  group.addLayer(river).addLayer(jiezhenLayer).addLayer(keyAreas).addLayer(district);
  for (const label of labels.values()) group.addLayer(label);
  for (const label of keyAreaLabels) group.addLayer(label);
  const base: BaseMap = {
    group,
    district,
    river,
    keyAreas,
    jiezhen,
    labels,
    keyAreaLabels,
    properties,
  };
  styleBaseMap(base, options.theme);
  labelBaseMap(base, geography, options.language);
  return base;
}

export function styleBaseMap(base: BaseMap, theme: Theme): void {
  const colours = BASE_COLOURS[theme];
  base.river.setStyle({
    color: colours.riverStroke,
    weight: 1,
    fillColor: colours.river,
    fillOpacity: 0.9,
  });
  base.district.setStyle({ color: colours.district, weight: 3, fill: false });
  base.keyAreas.setStyle({ color: colours.keyArea, weight: 2, dashArray: '6 4', fill: false });
  for (const path of base.jiezhen.values()) {
    path.setStyle({ color: colours.jiezhen, weight: 1, fillColor: RAIN_SHADE_COLOUR });
  }
}

/** The 街镇 names as drawn (those on the map now). */
export function jiezhenLabelSpans(base: BaseMap): HTMLElement[] {
  const spans: HTMLElement[] = [];
  for (const marker of base.labels.values()) {
    const span = marker.getElement()?.firstElementChild;
    if (span instanceof HTMLElement) spans.push(span);
  }
  return spans;
}

export function labelBaseMap(base: BaseMap, geography: Geography, language: Language): void {
  for (const [code, marker] of base.labels) {
    const props = base.properties.get(code);
    if (props) setLabel(marker, shortJiezhenName(language, props), 'jiezhen-label');
  }
  geography.keyAreas.features.forEach((feature, i) => {
    const marker = base.keyAreaLabels[i];
    if (marker) setLabel(marker, nameIn(language, feature.properties), 'key-area-label zoom-label');
  });
}

function setLabel(marker: L.Marker, text: string, className: string): void {
  const html = document.createElement('span');
  html.textContent = text;
  marker.setIcon(L.divIcon({ className, html, iconSize: undefined }));
}

/** Shades each 街镇 by the rain of the last hour; `enabled` false leaves them unshaded. */
export function updateRainShade(
  base: BaseMap,
  next: Record<string, number>,
  prev: Record<string, number> | null,
  enabled: boolean,
): void {
  for (const [code, path] of base.jiezhen) {
    const mm = next[code] ?? 0;
    if (prev && prev[code] === next[code]) continue;
    path.setStyle({ fillOpacity: enabled ? rainShadeOpacity(mm) : 0 });
  }
}
