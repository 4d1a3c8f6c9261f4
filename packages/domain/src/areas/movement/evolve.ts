import type { Folds } from '../../model/area.js';
import { own } from '../../model/state.js';

/** Weight of the newest gap in the running mean of a tracker's interval. */
const INTERVAL_WEIGHT = 0.2;
const DEFAULT_INTERVAL_MS = 30_000;

export const movementFolds: Folds<'unit.positionReported'> = {
  'unit.positionReported'(state, data, at) {
    const fix = own(state.positions, data.unitId);
    if (data.flag !== null) {
      if (fix) fix.flagged += 1;
      return;
    }
    // A late fix (older than the one shown) is in the log but does not move the unit back.
    if (fix && at < fix.at) return;
    const gap = fix ? at - fix.at : 0;
    state.positions[data.unitId] = {
      lat: data.lat,
      lng: data.lng,
      at,
      speedKmh: data.speedKmh,
      headingDeg: data.headingDeg,
      intervalMs: !fix
        ? DEFAULT_INTERVAL_MS
        : gap > 0
          ? Math.round(fix.intervalMs * (1 - INTERVAL_WEIGHT) + gap * INTERVAL_WEIGHT)
          : fix.intervalMs,
      flagged: fix?.flagged ?? 0,
    };
  },
};
