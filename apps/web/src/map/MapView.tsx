import { distanceKm, defaultRuleConfig } from '@floodnet/domain';
import { useMemo, useRef, useState } from 'react';
import { MapContainer, Pane, ScaleControl, TileLayer, ZoomControl } from 'react-leaflet';
import { COMPOUND_BADGE_PANE } from '../compounds/cluster-layer';
import { useLanguage } from '../i18n/use-language';
import { cancelReporting } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useStore } from '../store/store';
import { tileAttribution } from './attribution';
import { commandMapOptions, type MapHooks } from './command-map';
import { BaseMapLayer, CommandLayers, type BaseMapGroup } from './map-layers';
import { ConnectionLostBanner } from './ConnectionLostBanner';
import { LayerControl } from './LayerControl';

/**
 * The map area, composed with react-leaflet: the container, controls, panes, tiles and base map
 * are components; the symbols that follow the picture are driven imperatively by
 * `mountCommandMap` (CommandLayers), which follows the store without re-rendering this.
 */
export function MapView() {
  const { t } = useLanguage();
  const geography = useStore((store) => store.geography);
  const config = useStore((store) => store.serverConfig);
  const reporting = useStore((store) => store.ui.reporting);
  const drill = useStore((store) => store.ui.drill);
  const live = useStore((store) => store.connection.status === 'live');
  const theme = useStore((store) => store.ui.theme);
  const language = useStore((store) => store.ui.language);
  const frame = useRef<HTMLDivElement>(null);
  const counter = useRef<HTMLOutputElement>(null);
  const labels = useRef<HTMLOutputElement>(null);
  const base = useRef<BaseMapGroup>(null);
  // Leaflet reads its options once, as MapContainer makes the map.
  const [options] = useState(commandMapOptions);
  const hooks = useMemo<MapHooks>(
    () => ({
      get frame() {
        return frame.current;
      },
      get unitCounter() {
        return counter.current;
      },
      get labelProbe() {
        return labels.current;
      },
    }),
    [],
  );

  return (
    <div className={`map-area${live ? '' : ' not-live'}`}>
      <div ref={frame} className="map" data-testid="map">
        {geography && config && (
          <MapContainer className="map-canvas" {...options}>
            <ZoomControl position="bottomright" />
            <ScaleControl position="bottomright" imperial={false} />
            {config.tiles && (
              <TileLayer
                url={config.tiles}
                maxZoom={18}
                attribution={tileAttribution(config.tiles)}
              />
            )}
            {/* The 街镇 counts of compounds, in a pane under the 街镇 names (cluster-layer.ts). */}
            <Pane name={COMPOUND_BADGE_PANE} style={{ zIndex: 590 }} />
            <BaseMapLayer
              ref={base}
              geography={geography}
              tiles={config.tiles}
              theme={theme}
              language={language}
            />
            <CommandLayers base={base} geography={geography} config={config} hooks={hooks} />
          </MapContainer>
        )}
      </div>
      {!geography && <div className="map-loading">{t('app.loading')}</div>}
      <LayerControl />
      <TyphoonBox />
      <ConnectionLostBanner />
      <div className="north-arrow" aria-label="N">
        ▲<span>N</span>
      </div>
      {reporting && (
        <div className="report-banner">
          {t('incident.reportHint')}
          <button type="button" className="link" onClick={cancelReporting}>
            {t('incident.reportCancel')}
          </button>
        </div>
      )}
      {drill && (
        // Across the map itself, so no photo or glance of the screen passes for the real night.
        <div className="drill-watermark" data-testid="drill-watermark" aria-hidden>
          <span>{t('app.drillBanner')}</span>
        </div>
      )}
      <output ref={counter} data-testid="unit-marker-count" hidden />
      <output ref={labels} data-testid="map-labels" hidden />
    </div>
  );
}

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

/** The 8-point compass direction from `from` to `to` (flat-earth: fine at typhoon distances). */
export function compassPoint(from: { lat: number; lng: number }, to: { lat: number; lng: number }) {
  const east = (to.lng - from.lng) * Math.cos((from.lat * Math.PI) / 180);
  const north = to.lat - from.lat;
  const degrees = ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360;
  return COMPASS[Math.round(degrees / 45) % 8]!;
}

/** Where the typhoon is relative to the district: its track is usually far off the map. */
function TyphoonBox() {
  const { t } = useLanguage();
  const storm = useDerived((store) => {
    const typhoon = store.picture.state?.typhoon;
    const last = typhoon?.track.at(-1);
    if (!typhoon || !last) return null;
    return {
      name: typhoon.name,
      km: Math.round(distanceKm(last, defaultRuleConfig.typhoon.centre)),
      bearing: compassPoint(defaultRuleConfig.typhoon.centre, last),
      windMs: Math.round(last.windMs),
      pressure: Math.round(last.pressureHpa),
      signal: store.picture.state?.signals.typhoon ?? null,
    };
  });
  if (!storm) return null;
  return (
    <div
      className={`typhoon-box${storm.signal ? ` sev-${storm.signal}` : ''}`}
      data-testid="typhoon"
    >
      <span aria-hidden>◎</span> {t('signal.typhoon')} {storm.name} ·{' '}
      {t('typhoon.where', { km: storm.km, bearing: t(`compass.${storm.bearing}`) })} ·{' '}
      {storm.windMs} m/s · {storm.pressure} hPa
    </div>
  );
}
