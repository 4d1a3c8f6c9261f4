import type { Folds } from '../../model/area.js';
import { own } from '../../model/state.js';

export const checkInFolds: Folds<'squad.checkedIn'> = {
  'squad.checkedIn'(state, data, at) {
    const previous = own(state.checkIns, data.squadId);
    const sameJob = previous?.incidentId === data.incidentId;
    state.checkIns[data.squadId] = {
      incidentId: data.incidentId,
      lastAt: at,
      count: sameJob ? previous.count + 1 : 1,
    };
  },
};
