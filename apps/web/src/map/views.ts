import {
  defaultRuleConfig,
  isDispatchUnit,
  type Asset,
  type SensorState,
  type State,
} from '@floodnet/domain';
import { formatAge, nameIn, translate, type Language } from '../i18n/translate';
import { rainInHour } from '../store/derive';
import type { LayerKey, Selection, Theme } from '../store/slices';
import type { MarkerView } from './marker-layer';
import {
  BASE_COLOURS,
  depthColour,
  EQUIPMENT_STROKE,
  GATE_FILL,
  GAUGE_COLOUR,
  INCIDENT_COLOURS,
  LOGISTICS_COLOUR,
  PUMP_COLOURS,
  SHELTER_COLOUR,
  SQUAD_STATUS_COLOURS,
  STALE_COLOUR,
} from './palette';
import type { Shape } from './shape-marker';
import { hazardViews, shelterView } from '../plans/map-views';
import { compoundFill, compoundSeverity, latestDepthLabel } from '../compounds/compound-views';
import { placeUnit, vehicleViews } from '../movement/map-views';

export interface ViewContext {
  language: Language;
  theme: Theme;
  selected: Selection | null;
}

/** Shape tells kind: one symbol per asset kind, the same in the legend. */
export const SHAPES: Record<Asset['kind'] | 'incident', { shape: Shape; radius: number }> = {
  'subdistrict-team': { shape: 'circle', radius: 7 },
  'specialist-squad': { shape: 'hexagon', radius: 7 },
  'pump-station': { shape: 'square', radius: 6 },
  sluice: { shape: 'diamond', radius: 6 },
  'tide-gate': { shape: 'bar', radius: 6 },
  'waterlogging-point': { shape: 'drop', radius: 6 },
  underpass: { shape: 'tunnel', radius: 6 },
  'resettlement-site': { shape: 'house', radius: 6 },
  'rain-gauge': { shape: 'triangle', radius: 4.5 },
  'water-level-gauge': { shape: 'triangle-down', radius: 5 },
  warehouse: { shape: 'pentagon', radius: 6 },
  'vehicle-staging': { shape: 'plus', radius: 6 },
  vehicle: { shape: 'plus', radius: 4 },
  'residential-compound': { shape: 'house', radius: 4 },
  'hazard-site': { shape: 'diamond', radius: 5 },
  incident: { shape: 'star', radius: 8 },
};

/**
 * Which layer each asset kind belongs to; `null` is not drawn. Vehicles, the 256 compounds and
 * hazard sites wait for their own layers (moving vehicles; compounds clustered per 街镇; hazards
 * with their inspection findings): drawn as plain points they would bury the district map.
 */
export const LAYER_OF: Record<Asset['kind'], LayerKey | null> = {
  'subdistrict-team': 'units',
  'specialist-squad': 'units',
  'pump-station': 'waterworks',
  sluice: 'waterworks',
  'tide-gate': 'gates',
  'waterlogging-point': 'points',
  underpass: 'underpasses',
  'resettlement-site': 'shelters',
  'rain-gauge': 'gauges',
  'water-level-gauge': 'gauges',
  warehouse: 'logistics',
  'vehicle-staging': 'logistics',
  vehicle: null,
  'residential-compound': 'compounds',
  'hazard-site': null,
};

export type MarkerLayerKey = Exclude<LayerKey, 'rainShade' | 'typhoon'>;

export function base(asset: Asset, context: ViewContext, fill: string | null): MarkerView {
  const selected = context.selected?.kind === 'asset' && context.selected.id === asset.id;
  const colours = BASE_COLOURS[context.theme];
  const { shape, radius } = SHAPES[asset.kind];
  return {
    id: asset.id,
    lat: asset.lat,
    lng: asset.lng,
    shape,
    radius,
    fill,
    stroke: selected ? colours.selected : colours.markerStroke,
    weight: selected ? 3 : 1.5,
    hatch: false,
    ring: null,
    cross: false,
    label: nameIn(context.language, asset),
    labelKind: 'name',
    selects: { kind: 'asset', id: asset.id },
  };
}

/** Stale when flagged by the rules or silent for three reporting intervals of stream time. */
export function isStale(sensor: SensorState | undefined, clock: number | null): boolean {
  if (!sensor) return true;
  if (sensor.stale) return true;
  if (sensor.lastAt === null || clock === null) return sensor.lastAt === null && clock !== null;
  return clock - sensor.lastAt > 3 * sensor.intervalSec * 1000;
}

export function ageMinutes(sensor: SensorState | undefined, clock: number | null): number | null {
  if (!sensor || sensor.lastAt === null || clock === null) return null;
  return Math.max(0, Math.round((clock - sensor.lastAt) / 60_000));
}

function staleLabel(value: string, sensor: SensorState | undefined, state: State, lang: Language) {
  const age = ageMinutes(sensor, state.clock);
  const when = age === null ? translate(lang, 'details.never') : formatAge(lang, age);
  return `${value} · ${when}`;
}

export function assetView(asset: Asset, state: State, context: ViewContext): MarkerView | null {
  const lang = context.language;
  const colours = BASE_COLOURS[context.theme];
  const sensor = state.sensors[asset.id];
  switch (asset.kind) {
    case 'subdistrict-team':
    case 'specialist-squad': {
      const status = state.units[asset.id]?.status ?? 'standby';
      return {
        ...base(asset, context, SQUAD_STATUS_COLOURS[status]),
        hatch: status === 'unavailable',
      };
    }
    case 'pump-station':
    case 'sluice': {
      const status = state.pumps[asset.id] ?? 'stopped';
      const view = base(asset, context, PUMP_COLOURS[status]);
      return status === 'stopped'
        ? {
            ...view,
            stroke: view.weight > 2 ? view.stroke : EQUIPMENT_STROKE,
            weight: Math.max(2, view.weight),
          }
        : { ...view, cross: status === 'fault' };
    }
    case 'tide-gate': {
      const view = base(asset, context, GATE_FILL[state.gates[asset.id] ?? 'open']);
      return { ...view, stroke: view.weight > 2 ? view.stroke : EQUIPMENT_STROKE, weight: 2 };
    }
    case 'waterlogging-point':
    case 'underpass': {
      const depth = sensor?.lastValue ?? null;
      const closed = asset.kind === 'underpass' && state.closedUnderpasses[asset.id] !== undefined;
      if (depth === null) return base(asset, context, STALE_COLOUR); // no reading yet: name only
      const stale = isStale(sensor, state.clock);
      const view = base(asset, context, stale ? STALE_COLOUR : depthColour(depth));
      const limit = asset.kind === 'underpass' ? asset.closeAtCm : asset.thresholdCm;
      const rising = depth > (sensor?.previousValue ?? depth);
      const depthText = `${Math.round(depth)} cm`;
      const crossed = !stale && (closed || depth >= limit);
      const label = closed ? `${translate(lang, 'legend.closed')} ${depthText}` : depthText;
      return {
        ...view,
        ring: !stale && depth >= limit && rising ? colours.selected : null,
        cross: closed,
        stroke: closed && view.weight < 3 ? colours.selected : view.stroke,
        label: stale
          ? staleLabel(depthText, sensor, state, lang)
          : depth >= 5 || closed
            ? label
            : view.label,
        labelKind: stale ? 'stale' : crossed ? 'alert' : depth >= 5 ? 'value' : 'name',
      };
    }
    case 'rain-gauge':
    case 'water-level-gauge': {
      if (sensor?.lastAt == null) return base(asset, context, STALE_COLOUR);
      const stale = isStale(sensor, state.clock);
      const view = base(asset, context, stale ? STALE_COLOUR : GAUGE_COLOUR);
      const value =
        asset.kind === 'rain-gauge'
          ? rainInHour(state, asset.id, state.clock ?? sensor.lastAt).mm
          : (sensor.lastValue ?? 0);
      const text =
        asset.kind === 'rain-gauge' ? `${value.toFixed(1)} mm/h` : `${value.toFixed(2)} m`;
      if (stale)
        return { ...view, label: staleLabel(text, sensor, state, lang), labelKind: 'stale' };
      const high =
        asset.kind === 'rain-gauge'
          ? value >= defaultRuleConfig.rainstorm.oneHourMm.value.blue
          : value >= asset.warningLevelM;
      return { ...view, label: text, labelKind: high ? 'alert' : 'value' };
    }
    case 'resettlement-site':
      return shelterView(base(asset, context, SHELTER_COLOUR), asset, state, lang);
    case 'warehouse':
    case 'vehicle-staging':
      return base(asset, context, LOGISTICS_COLOUR);
    case 'residential-compound': {
      const depth = latestDepthLabel(state, asset.id);
      const view = base(asset, context, compoundFill(state, asset));
      return depth && compoundSeverity(state, asset.id)
        ? { ...view, label: depth, labelKind: 'alert' }
        : view;
    }
    default:
      return null;
  }
}

/** The symbols of every asset layer, from the picture. */
export function assetViews(
  state: State,
  context: ViewContext,
): Record<MarkerLayerKey, MarkerView[]> {
  const layers: Record<MarkerLayerKey, MarkerView[]> = {
    units: [],
    incidents: [],
    points: [],
    underpasses: [],
    waterworks: [],
    gates: [],
    gauges: [],
    shelters: [],
    logistics: [],
    compounds: [],
    vehicles: [],
  };
  for (const asset of Object.values(state.assets)) {
    const key = LAYER_OF[asset.kind] as MarkerLayerKey | null | undefined;
    if (!key) continue;
    const view = assetView(asset, state, context);
    if (view) layers[key].push(view);
  }
  layers.incidents = incidentViews(state, context);
  layers.incidents.push(
    ...hazardViews(state, context.language, (a, fill) => base(a, context, fill)),
  );
  layers.units = layers.units.map((view) => placeUnit(view, state, context));
  layers.vehicles = vehicleViews(state, context);
  return layers;
}

/** Teams and squads only: what the unit layer shows. */
export function unitViews(state: State, context: ViewContext): MarkerView[] {
  return Object.values(state.assets)
    .filter(isDispatchUnit)
    .map((asset) => assetView(asset, state, context)!);
}

export function incidentViews(state: State, context: ViewContext): MarkerView[] {
  const colours = BASE_COLOURS[context.theme];
  return Object.values(state.incidents)
    .filter((incident) => incident.status !== 'resolved')
    .map((incident) => {
      const selected = context.selected?.kind === 'incident' && context.selected.id === incident.id;
      return {
        id: incident.id,
        lat: incident.location.lat,
        lng: incident.location.lng,
        ...SHAPES.incident,
        fill: incident.status === 'open' ? INCIDENT_COLOURS.open : INCIDENT_COLOURS.assigned,
        stroke: selected ? colours.selected : colours.markerStroke,
        weight: selected ? 3 : 1.5,
        hatch: false,
        ring: null,
        cross: false,
        label: translate(context.language, `incidentKind.${incident.kind}`),
        labelKind: 'alert' as const,
        labelSide: 'left' as const,
        selects: { kind: 'incident' as const, id: incident.id },
      };
    });
}
