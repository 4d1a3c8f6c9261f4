import type { DispatchUnit, LatLng } from '../../model/assets.js';
import { isDispatchUnit } from '../../model/assets.js';
import type { State } from '../../model/state.js';
import type { IncidentKind, Specialty } from '../../model/vocabulary.js';
import { distanceKm } from '../../model/geo.js';
import { whereIs } from '../movement/where.js';

/** Which specialties suit each kind of incident, best first. */
export const SPECIALTIES_FOR_INCIDENT: Record<IncidentKind, readonly Specialty[]> = {
  waterlogging: ['pump-truck', 'drainage'],
  'underpass-flooded': ['pump-truck', 'road-traffic', 'drainage'],
  'underground-space': ['underground-space', 'pump-truck'],
  'tree-down': ['tree-clearance', 'road-traffic'],
  'power-outage': ['power-repair', 'communications'],
  'pump-fault': ['power-repair', 'pump-truck'],
  embankment: ['embankment', 'tide-gate', 'materials-transport'],
  'construction-site': ['construction-site', 'building-safety'],
  evacuation: ['evacuation', 'medical', 'water-rescue'],
  other: [],
};

/** Average urban speed of a rescue vehicle in a storm (est.), for arrival estimates. */
export const STORM_SPEED_KMH = 25;
/** Road distance is longer than the straight line; a common detour factor (est.). */
const DETOUR_FACTOR = 1.3;

export interface UnitSuggestion {
  unitId: string;
  name: string;
  nameEn: string;
  specialty: Specialty;
  /** True for a specialist whose specialty suits the incident. */
  specialtyMatch: boolean;
  distanceKm: number;
  etaMin: number;
}

/**
 * Free units for an incident: matching specialists first, then the subdistrict team of the
 * area, then the rest, each group nearest first.
 */
export function suggestUnits(
  state: State,
  incident: { kind: IncidentKind; location: LatLng },
  limit = 5,
): UnitSuggestion[] {
  const wanted = SPECIALTIES_FOR_INCIDENT[incident.kind];
  const candidates: (UnitSuggestion & { rank: number })[] = [];
  for (const unit of Object.values(state.units)) {
    if (unit.status !== 'standby') continue;
    const asset = state.assets[unit.id];
    if (!asset || !isDispatchUnit(asset)) continue;
    // Where the unit is now (its last fix or its vehicles'), not where it is based.
    const where = whereIs(state, unit.id) ?? unitBase(asset);
    const road = distanceKm(where, incident.location) * DETOUR_FACTOR;
    const specialtyMatch = wanted.includes(asset.specialty);
    const rank = specialtyMatch
      ? wanted.indexOf(asset.specialty)
      : asset.specialty === 'general'
        ? 10
        : 20;
    candidates.push({
      unitId: unit.id,
      name: asset.name,
      nameEn: asset.nameEn,
      specialty: asset.specialty,
      specialtyMatch,
      distanceKm: Math.round(road * 10) / 10,
      etaMin: Math.max(1, Math.round((road / STORM_SPEED_KMH) * 60)),
      rank,
    });
  }
  // Near generalists beat far specialists: a team 1 km away helps sooner than a pump truck
  // 9 km away, but a truck 3 km away beats the team next door.
  candidates.sort((a, b) => a.rank + a.distanceKm / 1.5 - (b.rank + b.distanceKm / 1.5));
  return candidates.slice(0, limit).map(({ rank: _rank, ...suggestion }) => suggestion);
}

function unitBase(unit: DispatchUnit): LatLng {
  return { lat: unit.lat, lng: unit.lng };
}
