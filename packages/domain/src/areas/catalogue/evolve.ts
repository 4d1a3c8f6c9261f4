import { isDispatchUnit, sensorIntervalSec, sensorKindOf } from '../../model/assets.js';
import type { Folds } from '../../model/area.js';

export const catalogueFolds: Folds<'assets.registered'> = {
  'assets.registered'(state, data, at) {
    for (const asset of data.assets) {
      state.assets[asset.id] = asset;
      if (isDispatchUnit(asset) && !state.units[asset.id]) {
        state.units[asset.id] = { id: asset.id, status: 'standby', incidentId: null, since: at };
      }
      const kind = sensorKindOf(asset);
      if (kind && !state.sensors[asset.id]) {
        state.sensors[asset.id] = {
          id: asset.id,
          kind,
          intervalSec: sensorIntervalSec(asset),
          lastAt: null,
          lastValue: null,
          previousValue: null,
          stale: false,
        };
        if (kind === 'pump') state.pumps[asset.id] = 'stopped';
        if (kind === 'gate') state.gates[asset.id] = 'open';
        if (kind === 'rain') state.rainWindows[asset.id] = [];
        if (kind === 'level') state.levelSeries[asset.id] = [];
      }
    }
  },
};
