import type { SensorKind } from '../../model/assets.js';
import type { GateStatus, PumpStatus } from '../../model/vocabulary.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

export interface SensorState {
  id: string;
  kind: SensorKind;
  intervalSec: number;
  lastAt: EpochMs | null;
  lastValue: number | null;
  /** The previous value, so the map can tell rising from falling. */
  previousValue: number | null;
  stale: boolean;
}

export interface SensorsSlice {
  sensors: Record<string, SensorState>;
  pumps: Record<string, PumpStatus>;
  gates: Record<string, GateStatus>;
  /** Rain gauges' recent readings as [time, mm] pairs, kept for 6 hours. */
  rainWindows: Record<string, [EpochMs, number][]>;
  /** Water-level gauges' recent readings as [time, m] pairs, kept for 48 hours (the hydrograph). */
  levelSeries: Record<string, [EpochMs, number][]>;
  /** Underpasses closed because the water reached the closure line. */
  closedUnderpasses: Record<string, EpochMs>;
}

export function initialSensors(): SensorsSlice {
  return {
    sensors: {},
    pumps: {},
    gates: {},
    rainWindows: {},
    levelSeries: {},
    closedUnderpasses: {},
  };
}

export const RAIN_WINDOW_MS = 6 * 3600_000;
export const LEVEL_SERIES_MS = 48 * 3600_000;
