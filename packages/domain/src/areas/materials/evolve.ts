import { MATERIAL_TYPE_NAMES } from '../../model/assets.js';
import type { Folds } from '../../model/area.js';
import { own, type State } from '../../model/state.js';
import type { Quantities } from './state.js';

function add(record: Record<string, Quantities>, storeId: string, items: Quantities, sign: 1 | -1) {
  const quantities = (record[storeId] = own(record, storeId) ?? {});
  for (const type of MATERIAL_TYPE_NAMES) {
    const delta = items[type];
    if (delta) quantities[type] = Math.max(0, (quantities[type] ?? 0) + sign * delta);
  }
}

function close(state: State, requestId: string, returned: Quantities, at: number) {
  const request = own(state.materialRequests, requestId);
  if (!request || request.closedAt !== null) return;
  const used: Quantities = {};
  for (const type of MATERIAL_TYPE_NAMES) {
    const sent = request.items[type] ?? 0;
    if (sent > 0) used[type] = sent - Math.min(sent, returned[type] ?? 0);
  }
  add(state.materialsOut, request.fromId, request.items, -1);
  add(state.materialsUsed, request.fromId, used, 1);
  request.returned = returned;
  request.used = used;
  request.closedAt = at;
}

export const materialFolds: Folds<
  | 'materials.requested'
  | 'materials.dispatched'
  | 'materials.delivered'
  | 'materials.returned'
  | 'materials.usedUp'
> = {
  'materials.requested'(state, data, at) {
    const { requestId, incidentId, fromId, items, vehicleId } = data;
    state.materialRequests[requestId] = {
      id: requestId,
      incidentId,
      fromId,
      items,
      vehicleId,
      status: 'requested',
      requestedAt: at,
      dispatchedAt: null,
      deliveredAt: null,
      closedAt: null,
      returned: {},
      used: {},
    };
    add(state.materialsOut, fromId, items, 1);
    state.materialRequestCount += 1;
  },
  'materials.dispatched'(state, data, at) {
    const request = own(state.materialRequests, data.requestId);
    if (!request) return;
    request.status = 'dispatched';
    request.dispatchedAt = at;
  },
  'materials.delivered'(state, data, at) {
    const request = own(state.materialRequests, data.requestId);
    if (!request) return;
    request.status = 'delivered';
    request.deliveredAt = at;
  },
  'materials.returned'(state, data, at) {
    close(state, data.requestId, data.items, at);
    const request = own(state.materialRequests, data.requestId);
    if (request) request.status = 'returned';
  },
  'materials.usedUp'(state, data, at) {
    close(state, data.requestId, {}, at);
    const request = own(state.materialRequests, data.requestId);
    if (request) request.status = 'used-up';
  },
};
