import type { LatLng, VehicleType } from '../../model/assets.js';
import { own, type State } from '../../model/state.js';
import type { IncidentKind } from '../../model/vocabulary.js';
import type { RuleConfig } from '../../rules/config.js';
import { roadEstimate, vehiclesOf } from '../movement/where.js';
import type { Quantities } from './state.js';
import { shortfall, stockOnHand, stores } from './stock.js';

export interface MaterialSuggestion {
  items: Quantities;
  /** The nearest store that has all of it, by road estimate from the incident. */
  fromId: string;
  km: number;
  /** The vehicle that carries it: one of the squad's own, else one based at the store. */
  vehicleId: string | null;
}

/** Which vehicle types carry materials, best first. */
const CARRIERS: readonly VehicleType[] = ['cargo-truck', 'pump-truck', 'utility-van', 'boat'];
/** Where water must be pumped the pump truck goes, and carries the bags with it. */
const PUMPING_FIRST: readonly VehicleType[] = ['pump-truck', 'cargo-truck', 'utility-van', 'boat'];
const NEEDS_PUMPING: ReadonlySet<IncidentKind> = new Set([
  'waterlogging',
  'underpass-flooded',
  'underground-space',
]);

/**
 * What to send with the squads to an incident (configured per kind), from where, and on which
 * vehicle; null when the kind needs nothing or no store has enough.
 */
export function suggestMaterials(
  state: State,
  incident: { kind: IncidentKind; location: LatLng },
  config: RuleConfig,
  squadId?: string,
): MaterialSuggestion | null {
  const items = config.materials.forIncident.value[incident.kind];
  if (Object.keys(items).length === 0) return null;
  let best: { fromId: string; km: number } | null = null;
  for (const store of stores(state)) {
    const onHand = stockOnHand(state, store.id);
    if (!onHand || shortfall(onHand, items)) continue;
    const { km } = roadEstimate(store, incident.location, config.movement);
    if (!best || km < best.km) best = { fromId: store.id, km };
  }
  if (!best) return null;
  return {
    items,
    fromId: best.fromId,
    km: Math.round(best.km * 10) / 10,
    vehicleId: carrierFor(
      state,
      best.fromId,
      NEEDS_PUMPING.has(incident.kind) ? PUMPING_FIRST : CARRIERS,
      squadId,
    ),
  };
}

function carrierFor(
  state: State,
  storeId: string,
  carriers: readonly VehicleType[],
  squadId?: string,
): string | null {
  const busy = new Set(
    Object.values(state.materialRequests)
      .filter((request) => request.closedAt === null && request.vehicleId)
      .map((request) => request.vehicleId),
  );
  const rank = (type: VehicleType) => {
    const at = carriers.indexOf(type);
    return at < 0 ? carriers.length : at;
  };
  const mine = squadId ? vehiclesOf(state, squadId).filter((v) => !busy.has(v.id)) : [];
  mine.sort((a, b) => rank(a.vehicleType) - rank(b.vehicleType));
  if (mine[0] && rank(mine[0].vehicleType) < carriers.length) return mine[0].id;
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'vehicle' || asset.homeId !== storeId || busy.has(asset.id)) continue;
    if (
      own(state.units, asset.squadId)?.status === 'standby' &&
      rank(asset.vehicleType) < carriers.length
    )
      return asset.id;
  }
  return null;
}
