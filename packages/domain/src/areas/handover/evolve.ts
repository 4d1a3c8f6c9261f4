import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';

export const handoverFolds: Folds<'shift.handedOver'> = {
  'shift.handedOver'(state, data, at, event) {
    state.handovers.push({
      id: data.handoverId,
      at,
      by: actorLabel(data.by),
      note: data.note,
      seq: 'seq' in event ? event.seq : state.seq,
      summary: data.summary,
    });
  },
};
