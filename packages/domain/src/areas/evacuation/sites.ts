import { distanceKm } from '../../model/geo.js';
import type { State } from '../../model/state.js';
import { toShanghaiIso } from '../../time.js';

export interface SiteRoom {
  siteId: string;
  name: string;
  capacity: number;
  occupancy: number;
  free: number;
  km: number;
}

/** Every resettlement site with its room, nearest to `from` first. */
export function sitesByDistance(state: State, from: { lat: number; lng: number }): SiteRoom[] {
  const rooms: SiteRoom[] = [];
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'resettlement-site') continue;
    const occupancy = state.occupancy[asset.id] ?? 0;
    rooms.push({
      siteId: asset.id,
      name: asset.name,
      capacity: asset.capacity,
      occupancy,
      free: asset.capacity - occupancy,
      km: distanceKm(asset, from),
    });
  }
  return rooms.sort((a, b) => a.km - b.km || a.siteId.localeCompare(b.siteId));
}

/** The nearest site that can take `people`, or null when none can. */
export function nearestWithRoom(
  state: State,
  from: { lat: number; lng: number },
  people: number,
  except?: string,
): SiteRoom | null {
  return sitesByDistance(state, from).find((s) => s.siteId !== except && s.free >= people) ?? null;
}

export interface EvacuationTotals {
  moved: number;
  returned: number;
  /** People at resettlement sites now. */
  atSites: number;
  /** People moved per day (Asia/Shanghai, `YYYY-MM-DD`). */
  byDay: Record<string, number>;
  /** People moved per 街镇 of origin (`none` outside the 13). */
  byJiezhen: Record<string, number>;
}

export function evacuationTotals(state: State): EvacuationTotals {
  const totals: EvacuationTotals = { moved: 0, returned: 0, atSites: 0, byDay: {}, byJiezhen: {} };
  for (const evacuation of Object.values(state.evacuations)) {
    totals.moved += evacuation.people;
    if (evacuation.returnedAt !== null) totals.returned += evacuation.people;
    else totals.atSites += evacuation.people;
    const day = toShanghaiIso(evacuation.movedAt).slice(0, 10);
    totals.byDay[day] = (totals.byDay[day] ?? 0) + evacuation.people;
    const jiezhen = evacuation.jiezhen ?? 'none';
    totals.byJiezhen[jiezhen] = (totals.byJiezhen[jiezhen] ?? 0) + evacuation.people;
  }
  return totals;
}
