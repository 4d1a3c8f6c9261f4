import { MATERIAL_TYPES, MATERIAL_TYPE_NAMES, type MaterialType } from '../../model/assets.js';
import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { own } from '../../model/state.js';
import { refuse } from '../../refusals.js';
import type { MaterialStep } from './commands.js';
import type { MaterialRequestStatus, Quantities } from './state.js';
import { isStore, lowStockEvents, shortfall, stockOnHand } from './stock.js';

export const materialRoles = {
  requestMaterials: ['commander', 'admin', 'system'],
  advanceMaterials: ['duty', 'commander', 'admin', 'system'],
} as const;

/** Which step may follow which: a request can be called back (returned) until it is used up. */
export const NEXT_MATERIAL_STEP: Record<MaterialRequestStatus, readonly MaterialStep[]> = {
  requested: ['dispatch', 'return'],
  dispatched: ['deliver', 'return'],
  delivered: ['return', 'use-up'],
  returned: [],
  'used-up': [],
};

const typesOf = (items: Quantities) => MATERIAL_TYPE_NAMES.filter((type) => items[type]);

export const materialDeciders: Deciders<'requestMaterials' | 'advanceMaterials'> = {
  requestMaterials(command, state, { at, actor: by, config }) {
    const incident = own(state.incidents, command.incidentId);
    if (!incident) return no(refuse('UNKNOWN_INCIDENT', command.incidentId));
    if (incident.status === 'resolved') return no(refuse('INCIDENT_RESOLVED', incident.id));
    const store = own(state.assets, command.fromId);
    const onHand = stockOnHand(state, command.fromId);
    if (!isStore(store) || !onHand) return no(refuse('UNKNOWN_STORE', command.fromId, 'fromId'));
    const vehicleId = command.vehicleId ?? null;
    if (vehicleId !== null && own(state.assets, vehicleId)?.kind !== 'vehicle')
      return no(refuse('UNKNOWN_VEHICLE', vehicleId, 'vehicleId'));
    const short = shortfall(onHand, command.items);
    if (short) {
      const unit = MATERIAL_TYPES[short.type].unit;
      const detail = `${short.left} ${unit}s of ${short.type} left at ${store.name} (${store.id}), ${short.asked} asked`;
      return no(refuse('INSUFFICIENT_STOCK', detail, `items.${short.type}`));
    }
    const requestId = `mat-${state.materialRequestCount + 1}`;
    const after = { ...onHand };
    for (const type of typesOf(command.items)) after[type] -= command.items[type] ?? 0;
    return yes([
      {
        type: 'materials.requested',
        at,
        data: {
          requestId,
          incidentId: incident.id,
          fromId: store.id,
          items: command.items,
          vehicleId,
          by,
        },
      },
      ...lowStockEvents(state, at, store.id, after, typesOf(command.items), config.materials),
    ]);
  },

  advanceMaterials(command, state, { at, actor: by, config }) {
    const request = own(state.materialRequests, command.requestId);
    if (!request) return no(refuse('UNKNOWN_MATERIAL_REQUEST', command.requestId));
    if (!NEXT_MATERIAL_STEP[request.status].includes(command.step))
      return no(refuse('INVALID_MATERIAL_STEP', `${request.status} → ${command.step}`));
    const requestId = request.id;
    switch (command.step) {
      case 'dispatch':
        return yes([{ type: 'materials.dispatched', at, data: { requestId, by } }]);
      case 'deliver':
        return yes([{ type: 'materials.delivered', at, data: { requestId, by } }]);
      case 'use-up':
        return yes([{ type: 'materials.usedUp', at, data: { requestId, by } }]);
      case 'return': {
        // Called back before it was used: everything comes back unless said otherwise.
        const returned: Quantities = command.returned ?? { ...request.items };
        for (const type of MATERIAL_TYPE_NAMES) {
          const back = returned[type] ?? 0;
          if (back > (request.items[type] ?? 0))
            return no(
              refuse(
                'RETURN_EXCEEDS_SENT',
                `${back} > ${request.items[type] ?? 0}`,
                `items.${type}`,
              ),
            );
        }
        const onHand = stockOnHand(state, request.fromId);
        const events: DomainEvent[] = [
          { type: 'materials.returned', at, data: { requestId, items: returned, by } },
        ];
        if (onHand) {
          const after = { ...onHand };
          const types: MaterialType[] = typesOf(request.items);
          for (const type of types) after[type] += returned[type] ?? 0;
          events.push(...lowStockEvents(state, at, request.fromId, after, types, config.materials));
        }
        return yes(events);
      }
    }
  },
};
