import type { Asset, LatLng } from '../../model/assets.js';
import { isDispatchUnit } from '../../model/assets.js';
import { distanceKm } from '../../model/geo.js';
import { own, type State } from '../../model/state.js';
import type { MovementConfig } from './config.js';

/** Units that carry a tracker: teams, squads and their vehicles. */
export function isTracked(asset: Asset): boolean {
  return isDispatchUnit(asset) || asset.kind === 'vehicle';
}

/** Where a unit is believed to be, and since when: its last fix, else where it is based. */
export interface UnitWhere extends LatLng {
  /** Time of the fix, or null for the base (no fix yet). */
  at: number | null;
  source: 'fix' | 'vehicle' | 'base';
}

/**
 * A squad without its own tracker is where its vehicles are: the newest fix among them. A unit
 * never tracked is at its base.
 */
export function whereIs(state: State, unitId: string): UnitWhere | null {
  const asset = own(state.assets, unitId);
  if (!asset) return null;
  const fix = own(state.positions, unitId);
  if (fix) return { lat: fix.lat, lng: fix.lng, at: fix.at, source: 'fix' };
  let newest: UnitWhere | null = null;
  for (const vehicle of vehiclesOf(state, unitId)) {
    const vehicleFix = own(state.positions, vehicle.id);
    if (vehicleFix && (newest === null || vehicleFix.at > (newest.at ?? 0)))
      newest = { lat: vehicleFix.lat, lng: vehicleFix.lng, at: vehicleFix.at, source: 'vehicle' };
  }
  return newest ?? { lat: asset.lat, lng: asset.lng, at: null, source: 'base' };
}

/** A squad's vehicles, in catalogue order. */
export function vehiclesOf(state: State, squadId: string): Extract<Asset, { kind: 'vehicle' }>[] {
  const vehicles: Extract<Asset, { kind: 'vehicle' }>[] = [];
  for (const asset of Object.values(state.assets))
    if (asset.kind === 'vehicle' && asset.squadId === squadId) vehicles.push(asset);
  return vehicles;
}

/** Road distance and driving time between two places, from the straight line (est.). */
export function roadEstimate(from: LatLng, to: LatLng, config: MovementConfig) {
  const km = distanceKm(from, to) * config.detourFactor.value;
  return { km, minutes: (km / config.stormSpeedKmh.value) * 60 };
}

export interface ArrivalEstimate {
  unitId: string;
  incidentId: string;
  /** Road km still to drive from the last known place. */
  remainingKm: number;
  /** When the unit should arrive (epoch ms): the time of the fix plus the driving time. */
  etaAt: number;
  /** Where the estimate starts from. */
  from: UnitWhere;
}

/**
 * How far an assigned or en-route unit still has to go to its incident, and when it should get
 * there. The arrival time is anchored to the fix, so a screen counts it down between fixes.
 */
export function arrivalEstimate(
  state: State,
  unitId: string,
  now: number,
  config: MovementConfig,
): ArrivalEstimate | null {
  const unit = own(state.units, unitId);
  if (!unit || !unit.incidentId || (unit.status !== 'assigned' && unit.status !== 'en-route'))
    return null;
  const incident = own(state.incidents, unit.incidentId);
  const from = whereIs(state, unitId);
  if (!incident || !from) return null;
  const road = roadEstimate(from, incident.location, config);
  const start = from.at ?? Math.max(unit.since, now);
  return {
    unitId,
    incidentId: incident.id,
    remainingKm: Math.round(road.km * 10) / 10,
    etaAt: Math.round(start + road.minutes * 60_000),
    from,
  };
}

/** True when a fix is older than its usual interval allows (it is drawn stale, with its age). */
export function isPositionStale(
  state: State,
  unitId: string,
  now: number,
  config: MovementConfig,
): boolean {
  const fix = own(state.positions, unitId);
  if (!fix) return false;
  return now - fix.at > config.staleAfterIntervals * fix.intervalMs;
}
