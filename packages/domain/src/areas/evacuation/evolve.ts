import type { Folds } from '../../model/area.js';
import { own } from '../../model/state.js';

export const evacuationFolds: Folds<'evacuation.recorded' | 'evacuation.returned'> = {
  'evacuation.recorded'(state, data, at) {
    const { evacuationId, fromId, toSiteId, people, jiezhen } = data;
    state.evacuations[evacuationId] = {
      id: evacuationId,
      fromId,
      toSiteId,
      people,
      jiezhen,
      movedAt: at,
      returnedAt: null,
    };
    state.occupancy[toSiteId] = (state.occupancy[toSiteId] ?? 0) + people;
  },
  'evacuation.returned'(state, data, at) {
    const evacuation = own(state.evacuations, data.evacuationId);
    if (!evacuation || evacuation.returnedAt !== null) return;
    evacuation.returnedAt = at;
    state.occupancy[evacuation.toSiteId] = Math.max(
      0,
      (state.occupancy[evacuation.toSiteId] ?? 0) - evacuation.people,
    );
  },
};
