import {
  arrivalEstimate,
  defaultRuleConfig,
  isPositionStale,
  whereIs,
  type Asset,
  type State,
} from '@floodnet/domain';
import { nameIn, translate, type Language } from '../i18n/translate';
import type { ViewContext } from '../map/views';
import type { MarkerView } from '../map/marker-layer';
import { BASE_COLOURS, SQUAD_STATUS_COLOURS, STALE_COLOUR } from '../map/palette';

const config = defaultRuleConfig.movement;

/** "3 min" or "2:05" until `etaAt`, counted on the stream's clock. */
export function etaText(language: Language, etaAt: number, now: number): string {
  const left = Math.round((etaAt - now) / 1000);
  if (left <= 30) return translate(language, 'move.arriving');
  if (left < 600) {
    const sec = String(left % 60).padStart(2, '0');
    return translate(language, 'move.etaSec', { min: Math.floor(left / 60), sec });
  }
  return translate(language, 'move.eta', { min: Math.round(left / 60) });
}

function ageText(language: Language, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const age = minutes < 1 ? `${Math.round(ms / 1000)} s` : `${minutes} min`;
  return translate(language, 'move.stale', { age });
}

/**
 * A team or squad drawn where it is now (its last fix, or its vehicles'), not at its base. On
 * its way to an incident it says how far it still has to go and when it should arrive; a fix
 * older than its tracker's usual interval is drawn grey with its age.
 */
export function placeUnit(view: MarkerView, state: State, context: ViewContext): MarkerView {
  const where = whereIs(state, view.id);
  if (!where || where.source === 'base') return view;
  const now = state.clock ?? where.at ?? 0;
  const fixOf = where.source === 'fix' ? view.id : newestVehicle(state, view.id);
  const stale = fixOf !== null && isPositionStale(state, fixOf, now, config);
  const placed = { ...view, lat: where.lat, lng: where.lng };
  if (stale) {
    return {
      ...placed,
      fill: STALE_COLOUR,
      label: `${view.label ?? ''} · ${ageText(context.language, now - (where.at ?? now))}`,
      labelKind: 'stale',
    };
  }
  const estimate = arrivalEstimate(state, view.id, now, config);
  if (!estimate) return placed;
  const km = translate(context.language, 'move.remaining', { km: estimate.remainingKm });
  return {
    ...placed,
    label: `${view.label ?? ''} · ${km} · ${etaText(context.language, estimate.etaAt, now)}`,
    labelKind: 'alert',
  };
}

function newestVehicle(state: State, squadId: string): string | null {
  let best: { id: string; at: number } | null = null;
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'vehicle' || asset.squadId !== squadId) continue;
    const fix = state.positions[asset.id];
    if (fix && (!best || fix.at > best.at)) best = { id: asset.id, at: fix.at };
  }
  return best?.id ?? null;
}

type Vehicle = Extract<Asset, { kind: 'vehicle' }>;

/**
 * Every vehicle: parked at its staging point until its tracker reports, then where it is, in
 * the colour of its squad's status (so a pump truck on the road is amber with its squad), named
 * with its squad and plate.
 */
export function vehicleViews(state: State, context: ViewContext): MarkerView[] {
  const colours = BASE_COLOURS[context.theme];
  const views: MarkerView[] = [];
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'vehicle') continue;
    const vehicle: Vehicle = asset;
    const fix = state.positions[vehicle.id];
    const home = state.assets[vehicle.homeId];
    const squad = state.assets[vehicle.squadId];
    const status = state.units[vehicle.squadId]?.status ?? 'standby';
    const now = state.clock ?? fix?.at ?? 0;
    const stale = fix !== undefined && isPositionStale(state, vehicle.id, now, config);
    const selected = context.selected?.kind === 'asset' && context.selected.id === vehicle.id;
    const name = `${nameIn(context.language, vehicle)} · ${
      squad ? nameIn(context.language, squad) : vehicle.squadId
    } · ${vehicle.plate}`;
    views.push({
      id: vehicle.id,
      lat: fix?.lat ?? home?.lat ?? vehicle.lat,
      lng: fix?.lng ?? home?.lng ?? vehicle.lng,
      shape: vehicle.vehicleType === 'boat' ? 'triangle' : 'square',
      radius: 3.5,
      fill: stale ? STALE_COLOUR : SQUAD_STATUS_COLOURS[status],
      stroke: selected ? colours.selected : colours.markerStroke,
      weight: selected ? 3 : 1,
      hatch: false,
      ring: null,
      cross: false,
      label: stale && fix ? `${name} · ${ageText(context.language, now - fix.at)}` : name,
      labelKind: stale ? 'stale' : 'name',
      selects: { kind: 'asset', id: vehicle.id },
    });
  }
  return views;
}
