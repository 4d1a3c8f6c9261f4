import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';

export const responseFolds: Folds<
  | 'signal.changed'
  | 'responseLevel.suggested'
  | 'responseLevel.changed'
  | 'typhoon.positionReported'
> = {
  'signal.changed'(state, data) {
    state.signals[data.kind] = data.level;
  },
  'responseLevel.suggested'(state, data) {
    state.suggestedLevel = data.level;
    state.suggestedReasons = data.reasons;
  },
  'responseLevel.changed'(state, data) {
    state.responseLevel = data.level;
    state.responseLevelBy = actorLabel(data.by);
  },
  'typhoon.positionReported'(state, data, at) {
    const { name, lat, lng, windMs, pressureHpa } = data;
    state.typhoon.name = name;
    state.typhoon.track.push({ at, lat, lng, windMs, pressureHpa });
  },
};
