import { SQUAD_STATUSES } from '@floodnet/domain';
import { useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { toggleLayer } from '../store/actions';
import { LAYER_KEYS, type LayerKey } from '../store/slices';
import { useStore } from '../store/store';
import { LegendSymbol } from './LegendSymbol';
import {
  BASE_COLOURS,
  DEPTH_STEPS,
  EQUIPMENT_STROKE,
  GATE_FILL,
  GAUGE_COLOUR,
  INCIDENT_COLOURS,
  LOGISTICS_COLOUR,
  PUMP_COLOURS,
  RAIN_SHADE_COLOUR,
  RAIN_SHADE_STEPS,
  rainShadeOpacity,
  SHELTER_COLOUR,
  SQUAD_STATUS_COLOURS,
  STALE_COLOUR,
  TYPHOON_TRACK_COLOUR,
} from './palette';
import { SHAPES } from './views';
import { COMPOUND_COLOUR } from '../compounds/compound-views';

const LEGEND_KEY: Record<LayerKey, MessageKey> = {
  rainShade: 'legend.rainShade',
  units: 'legend.units',
  incidents: 'legend.incidents',
  points: 'legend.points',
  underpasses: 'legend.underpasses',
  waterworks: 'legend.waterworks',
  gates: 'legend.gates',
  gauges: 'legend.gauges',
  shelters: 'legend.shelters',
  logistics: 'legend.logistics',
  compounds: 'legend.compounds',
  vehicles: 'legend.vehicles',
  typhoon: 'legend.typhoon',
};

/** Layer toggles with the legend of each layer beside it (top-left of the map). */
export function LayerControl() {
  const { t } = useLanguage();
  const [open, setOpen] = useState(true);
  const layers = useStore((store) => store.ui.layers);
  const theme = useStore((store) => store.ui.theme);
  const item = (children: ReactNode, text: string) => (
    <span className="legend-item">
      {children}
      {text}
    </span>
  );
  const details: Record<LayerKey, ReactNode> = {
    rainShade: RAIN_SHADE_STEPS.map((mm) => (
      <span key={mm} className="legend-item">
        <span
          className="ramp"
          style={{
            background: RAIN_SHADE_COLOUR,
            opacity: Math.min(1, rainShadeOpacity(mm) * 2 + 0.1),
          }}
        />
        {mm}
      </span>
    )),
    units: (
      <>
        {item(<LegendSymbol {...SHAPES['subdistrict-team']} fill="#9e9e9e" />, t('legend.team'))}
        {item(<LegendSymbol {...SHAPES['specialist-squad']} fill="#9e9e9e" />, t('legend.squad'))}
        {SQUAD_STATUSES.filter((status) => status !== 'en-route').map((status) => (
          <span key={status} className="legend-item">
            <LegendSymbol
              shape="circle"
              fill={SQUAD_STATUS_COLOURS[status]}
              hatch={status === 'unavailable'}
            />
            {status === 'assigned'
              ? `${t('status.assigned')}/${t('status.en-route')}`
              : t(`status.${status}`)}
          </span>
        ))}
      </>
    ),
    incidents: (
      <>
        {item(<LegendSymbol shape="star" fill={INCIDENT_COLOURS.open} />, t('incidentStatus.open'))}
        {item(
          <LegendSymbol shape="star" fill={INCIDENT_COLOURS.assigned} />,
          t('incidentStatus.assigned'),
        )}
      </>
    ),
    points: (
      <>
        {DEPTH_STEPS.map(([cm, colour]) => (
          <span key={cm} className="legend-item">
            <LegendSymbol shape="drop" fill={colour} />≥{cm}
          </span>
        ))}
        {item(
          <LegendSymbol
            shape="drop"
            fill={DEPTH_STEPS[3]![1]}
            ring={BASE_COLOURS[theme].selected}
          />,
          t('legend.rising'),
        )}
      </>
    ),
    underpasses: item(
      <LegendSymbol shape="tunnel" fill={DEPTH_STEPS[4]![1]} cross />,
      t('legend.closed'),
    ),
    waterworks: (
      <>
        {(['running', 'stopped', 'fault'] as const).map((status) => (
          <span key={status} className="legend-item">
            <LegendSymbol
              shape="square"
              fill={PUMP_COLOURS[status]}
              stroke={EQUIPMENT_STROKE}
              cross={status === 'fault'}
            />
            {t(`pump.${status}`)}
          </span>
        ))}
        {item(<LegendSymbol shape="diamond" fill={PUMP_COLOURS.running} />, t('kind.sluice'))}
      </>
    ),
    gates: (
      <>
        {item(
          <LegendSymbol shape="bar" fill={GATE_FILL.open} stroke={EQUIPMENT_STROKE} />,
          t('gate.open'),
        )}
        {item(<LegendSymbol shape="bar" fill={GATE_FILL.closed} />, t('gate.closed'))}
      </>
    ),
    gauges: (
      <>
        {item(<LegendSymbol shape="triangle" fill={GAUGE_COLOUR} />, t('kind.rain-gauge'))}
        {item(
          <LegendSymbol shape="triangle-down" fill={GAUGE_COLOUR} />,
          t('kind.water-level-gauge'),
        )}
        {item(<LegendSymbol shape="triangle" fill={STALE_COLOUR} />, t('legend.stale'))}
      </>
    ),
    shelters: item(
      <LegendSymbol shape="house" fill={SHELTER_COLOUR} />,
      t('kind.resettlement-site'),
    ),
    logistics: (
      <>
        {item(<LegendSymbol shape="pentagon" fill={LOGISTICS_COLOUR} />, t('kind.warehouse'))}
        {item(<LegendSymbol shape="plus" fill={LOGISTICS_COLOUR} />, t('kind.vehicle-staging'))}
      </>
    ),
    compounds: (
      <>
        {item(
          <LegendSymbol {...SHAPES['residential-compound']} fill={COMPOUND_COLOUR} />,
          t('kind.residential-compound'),
        )}
        {item(<span className="compound-cluster legend">12</span>, t('legend.compoundCluster'))}
      </>
    ),
    vehicles: item(
      <LegendSymbol shape="square" fill={SQUAD_STATUS_COLOURS['en-route']} />,
      t('kind.vehicle'),
    ),
    typhoon: (
      <span className="legend-item">
        <span className="track" style={{ borderColor: TYPHOON_TRACK_COLOUR }} />
      </span>
    ),
  };
  if (!open) {
    return (
      <button type="button" className="layer-control collapsed" onClick={() => setOpen(true)}>
        {t('legend.show')}
      </button>
    );
  }
  return (
    <div className="layer-control" data-testid="layer-control">
      <div className="layer-control-head">
        <strong>{t('legend.title')}</strong>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          {t('legend.hide')}
        </button>
      </div>
      {LAYER_KEYS.map((key) => (
        <div key={key} className={`layer-row${layers[key] ? '' : ' off'}`}>
          <label>
            <input
              type="checkbox"
              data-testid={`layer-${key}`}
              checked={layers[key]}
              onChange={() => toggleLayer(key)}
            />
            {t(LEGEND_KEY[key])}
          </label>
          <div className="legend-items">{details[key]}</div>
        </div>
      ))}
    </div>
  );
}
