import {
  MATERIAL_TYPE_NAMES,
  type Asset,
  type MaterialType,
  type Stock,
} from '../../model/assets.js';
import type { DomainEvent } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import type { Severity } from '../../model/vocabulary.js';
import { alertTransitions } from '../alerts/rules.js';
import type { MaterialsConfig } from './config.js';
import type { Quantities } from './state.js';

export type Store = Extract<Asset, { kind: 'warehouse' | 'vehicle-staging' }>;

export function isStore(asset: Asset | undefined): asset is Store {
  return asset?.kind === 'warehouse' || asset?.kind === 'vehicle-staging';
}

/** Every store of the catalogue, in catalogue order. */
export function stores(state: State): Store[] {
  return Object.values(state.assets).filter(isStore);
}

/** What a store has on the shelf now: its catalogue stock less what is out or used up. */
export function stockOnHand(state: State, storeId: string): Stock | null {
  const store = own(state.assets, storeId);
  if (!isStore(store)) return null;
  const out = own(state.materialsOut, storeId) ?? {};
  const used = own(state.materialsUsed, storeId) ?? {};
  const onHand = { ...store.stock };
  for (const type of MATERIAL_TYPE_NAMES)
    onHand[type] = Math.max(0, store.stock[type] - (out[type] ?? 0) - (used[type] ?? 0));
  return onHand;
}

/** The first type of `items` the store has too little of, with what is left. */
export function shortfall(
  onHand: Stock,
  items: Quantities,
): { type: MaterialType; asked: number; left: number } | null {
  for (const type of MATERIAL_TYPE_NAMES) {
    const asked = items[type] ?? 0;
    if (asked > onHand[type]) return { type, asked, left: onHand[type] };
  }
  return null;
}

/** Low below the reserve, critical at zero. */
export function lowStockSeverity(left: number, reserve: number): Severity | null {
  if (left <= 0) return 'red';
  if (left < reserve) return 'yellow';
  return null;
}

/** The subject of a store's low-stock alert for one type. */
export const lowStockSubject = (storeId: string, type: MaterialType) => `${storeId}/${type}`;

/**
 * The alert events that follow a store's stock of `types` moving to `after`: raise below the
 * reserve, escalate at zero, clear once back at the reserve.
 */
export function lowStockEvents(
  state: State,
  at: string,
  storeId: string,
  after: Stock,
  types: MaterialType[],
  config: MaterialsConfig,
): DomainEvent[] {
  return alertTransitions(
    state,
    at,
    'low-stock',
    types.map((type) => ({
      subjectId: lowStockSubject(storeId, type),
      severity: lowStockSeverity(after[type], config.reserve.value[type]),
      value: after[type],
      threshold: config.reserve.value[type],
    })),
  );
}
