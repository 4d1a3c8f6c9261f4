import {
  createElementObject,
  createLayerComponent,
  useLeafletContext,
  type LayerProps,
} from '@react-leaflet/core';
import type L from 'leaflet';
import { useEffect, type RefObject } from 'react';
import type { Language } from '../i18n/translate';
import type { Geography, ServerConfig, Theme } from '../store/slices';
import {
  createBaseMap,
  jiezhenLabelSpans,
  labelBaseMap,
  styleBaseMap,
  type BaseMap,
} from './base-map';
import { spaceLabels } from './label-spacing';
import { mountCommandMap, type MapHooks } from './command-map';

/** The base map's layer group, carrying the paths and labels the command map shades. */
export type BaseMapGroup = L.LayerGroup & { base: BaseMap; respace: () => void };

interface BaseMapProps extends LayerProps {
  geography: Geography;
  tiles: string | null;
  theme: Theme;
  language: Language;
}

/**
 * The district from its own GeoJSON (base-map.ts) as a react-leaflet layer: made once, restyled
 * and renamed as the theme and language props change.
 */
export const BaseMapLayer = createLayerComponent<BaseMapGroup, BaseMapProps>(
  function createBaseMapLayer({ geography, tiles, theme, language }, context) {
    const base = createBaseMap(geography, { tiles, theme, language });
    // Names are moved apart once Leaflet has placed them: after a zoom, a resize, a relabel.
    let frame = 0;
    const respace = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => spaceLabels(jiezhenLabelSpans(base)));
    };
    const group = Object.assign(base.group, { base, respace });
    const { map } = context;
    group.on('add', () => {
      map.on('zoomend resize', group.respace);
      group.respace();
    });
    group.on('remove', () => map.off('zoomend resize', group.respace));
    return createElementObject(group, context);
  },
  function updateBaseMapLayer(group, props, prev) {
    if (props.theme !== prev.theme) styleBaseMap(group.base, props.theme);
    if (props.language !== prev.language) {
      labelBaseMap(group.base, props.geography, props.language);
      group.respace();
    }
  },
);

interface CommandLayersProps {
  base: RefObject<BaseMapGroup | null>;
  geography: Geography;
  config: ServerConfig;
  hooks: MapHooks;
}

/**
 * The symbols, shades and tracks that follow the picture: added to the map of the enclosing
 * MapContainer and driven imperatively from the store (command-map.ts), never by a re-render.
 */
export function CommandLayers({ base, geography, config, hooks }: CommandLayersProps) {
  const { map } = useLeafletContext();
  useEffect(
    function followThePicture() {
      const group = base.current;
      if (!group) return;
      return mountCommandMap(map, group.base, geography, config, hooks);
    },
    [map, base, geography, config, hooks],
  );
  return null;
}
