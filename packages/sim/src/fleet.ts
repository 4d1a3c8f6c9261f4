import {
  distanceKm,
  toShanghaiIso,
  vehiclesOf,
  type Asset,
  type LatLng,
  type Position,
  type State,
} from '@floodnet/domain';
import { travelMinutes, type TimedCommand } from './policy';

/** A polygon ring as GeoJSON has it: [lng, lat] pairs. */
export type Ring = readonly (readonly [number, number])[];

const MINUTE_MS = 60_000;
/** A parked vehicle's tracker reports every few minutes; a moving one every minute (est.). */
const PARKED_EVERY_MIN = 5;
/** How many of a squad's vehicles drive out with it: the first in its list (its pump truck). */
const VEHICLES_PER_JOB = 2;
/** Nudge west, a street at a time, until off the water. */
const NUDGE_DEG = 0.001;

export function insideRing(point: LatLng, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (
      yi > point.lat !== yj > point.lat &&
      point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi
    )
      inside = !inside;
  }
  return inside;
}

/**
 * A plausible road path between two places on the Puxi side: an L of two straight legs whose
 * corner lies on the western of the two longitudes, so the path bends away from the Huangpu, never
 * towards it. Its length over the straight line is the detour (≤ √2, about the 1.3 estimate).
 */
export function roadPath(from: LatLng, to: LatLng): LatLng[] {
  const east = from.lng >= to.lng ? from : to;
  const corner = { lat: east.lat, lng: Math.min(from.lng, to.lng) };
  return [from, corner, to];
}

/** The point `share` (0–1) of the way along a path, by length, kept off the river. */
export function alongPath(path: LatLng[], share: number, river?: Ring): LatLng {
  const legs = path.slice(1).map((point, i) => distanceKm(path[i]!, point));
  const total = legs.reduce((sum, km) => sum + km, 0);
  let left = Math.min(1, Math.max(0, share)) * total;
  let point = path[path.length - 1]!;
  for (const [i, km] of legs.entries()) {
    if (left <= km || i === legs.length - 1) {
      const f = km === 0 ? 1 : Math.min(1, left / km);
      const a = path[i]!;
      const b = path[i + 1]!;
      point = { lat: a.lat + (b.lat - a.lat) * f, lng: a.lng + (b.lng - a.lng) * f };
      break;
    }
    left -= km;
  }
  if (river) while (insideRing(point, river)) point = { ...point, lng: point.lng - NUDGE_DEG };
  return point;
}

export function pathKm(path: LatLng[]): number {
  return path.slice(1).reduce((sum, point, i) => sum + distanceKm(path[i]!, point), 0);
}

type Vehicle = Extract<Asset, { kind: 'vehicle' }>;

/**
 * The squads' vehicle trackers: a squad sent out drives with its first vehicles (a pump squad's
 * pump trucks) from their staging point to the incident and back, along `roadPath`, taking the
 * time the command room's travel estimate gives; each reports its fix every minute while it
 * moves and every few minutes parked. Only what the picture says is used, so it replays exactly.
 */
export class Fleet {
  private readonly lastFix = new Map<string, number>();

  constructor(private readonly river?: Ring) {}

  positions(state: State, now: number): TimedCommand | null {
    const positions: Position[] = [];
    for (const unit of Object.values(state.units).sort((a, b) => a.id.localeCompare(b.id))) {
      for (const [index, vehicle] of vehiclesOf(state, unit.id).entries()) {
        const going = index < VEHICLES_PER_JOB;
        const fix = this.fixFor(state, vehicle, going ? unit.id : null, index, now);
        if (fix) positions.push(fix);
      }
    }
    if (positions.length === 0) return null;
    return {
      at: now,
      actor: { name: 'simulation', role: 'source' },
      command: { type: 'recordPositions', positions },
    };
  }

  private fixFor(
    state: State,
    vehicle: Vehicle,
    unitId: string | null,
    index: number,
    now: number,
  ) {
    const unit = unitId ? state.units[unitId] : undefined;
    const incident = unit?.incidentId ? state.incidents[unit.incidentId] : undefined;
    const home = state.assets[vehicle.homeId] ?? vehicle;
    // Vehicles side by side on scene, not on top of each other.
    const scene = incident
      ? { lat: incident.location.lat + index * 0.0002, lng: incident.location.lng + index * 0.0002 }
      : null;
    let where: LatLng = state.positions[vehicle.id] ?? home;
    let speedKmh = 0;
    let moving = false;
    if (unit && scene && (unit.status === 'en-route' || unit.status === 'returning')) {
      const path = unit.status === 'en-route' ? roadPath(home, scene) : roadPath(scene, home);
      const minutes = travelMinutes(state, unit.id, unit.incidentId);
      const share = (now - unit.since) / (minutes * MINUTE_MS);
      where = alongPath(path, share, this.river);
      moving = share < 1;
      speedKmh = moving ? Math.round((pathKm(path) / minutes) * 60) : 0;
    } else if (unit && scene && unit.status === 'on-scene') {
      where = scene;
    } else if (!state.positions[vehicle.id]) {
      return null; // never out: it stands at its staging point, as the catalogue says
    } else {
      where = { lat: home.lat, lng: home.lng };
    }
    const last = this.lastFix.get(vehicle.id) ?? -Infinity;
    if (!moving && now - last < PARKED_EVERY_MIN * MINUTE_MS) return null;
    this.lastFix.set(vehicle.id, now);
    const at = toShanghaiIso(now);
    return {
      id: `${vehicle.id}@${at}`,
      unitId: vehicle.id,
      at,
      lat: Number(where.lat.toFixed(6)),
      lng: Number(where.lng.toFixed(6)),
      speedKmh,
    };
  }
}
