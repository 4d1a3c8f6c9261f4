import type { MaterialType } from '../../model/assets.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

export type Quantities = Partial<Record<MaterialType, number>>;

export type MaterialRequestStatus =
  'requested' | 'dispatched' | 'delivered' | 'returned' | 'used-up';

export interface MaterialRequestState {
  id: string;
  incidentId: string;
  fromId: string;
  items: Quantities;
  vehicleId: string | null;
  status: MaterialRequestStatus;
  requestedAt: EpochMs;
  dispatchedAt: EpochMs | null;
  deliveredAt: EpochMs | null;
  closedAt: EpochMs | null;
  /** What came back to the store (returned), and what was used (returned or used up). */
  returned: Quantities;
  used: Quantities;
}

export interface MaterialsSlice {
  materialRequests: Record<string, MaterialRequestState>;
  /**
   * What each store has out (taken and not come back), by store id. A store's stock on hand is its
   * catalogue stock less this, so registering the catalogue needs no second fold.
   */
  materialsOut: Record<string, Quantities>;
  /** Used up for good, by store: it never comes back on the shelf. */
  materialsUsed: Record<string, Quantities>;
  materialRequestCount: number;
}

export function initialMaterials(): MaterialsSlice {
  return { materialRequests: {}, materialsOut: {}, materialsUsed: {}, materialRequestCount: 0 };
}
