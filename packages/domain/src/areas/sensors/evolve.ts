import { assertNever } from '../../model/assets.js';
import type { EventDataOf } from '../../model/events.js';
import type { Folds } from '../../model/area.js';
import { own, type State } from '../../model/state.js';
import { PUMP_STATUSES } from '../../model/vocabulary.js';
import { LEVEL_SERIES_MS, RAIN_WINDOW_MS } from './state.js';
import { TREND_WINDOW_MS } from '../forecasts/state.js';

export const sensorFolds: Folds<
  'reading.recorded' | 'sensor.wentStale' | 'underpass.closed' | 'underpass.reopened'
> = {
  'reading.recorded': recordReading,
  'sensor.wentStale'(state, data) {
    const sensor = own(state.sensors, data.sensorId);
    if (sensor) sensor.stale = true;
  },
  'underpass.closed'(state, data, at) {
    state.closedUnderpasses[data.underpassId] = at;
  },
  'underpass.reopened'(state, data) {
    delete state.closedUnderpasses[data.underpassId];
  },
};

function recordReading(state: State, data: EventDataOf<'reading.recorded'>, at: number): void {
  const sensor = own(state.sensors, data.sensorId);
  if (!sensor) return;
  if (sensor.lastAt !== null && at < sensor.lastAt) return; // late arrival: keep the newest
  sensor.previousValue = sensor.lastValue;
  sensor.lastValue = data.value;
  sensor.lastAt = at;
  sensor.stale = false;
  switch (sensor.kind) {
    case 'rain':
      appendWindowed(state.rainWindows, sensor.id, at, data.value, RAIN_WINDOW_MS);
      break;
    case 'level':
      appendWindowed(state.levelSeries, sensor.id, at, data.value, LEVEL_SERIES_MS);
      break;
    case 'pump':
      state.pumps[sensor.id] = PUMP_STATUSES[data.value] ?? 'fault';
      break;
    case 'gate':
      state.gates[sensor.id] = data.value >= 1 ? 'closed' : 'open';
      break;
    case 'depth':
      // Recent depths, for the time-to-threshold of a rising point (areas/forecasts).
      appendWindowed(state.trendWindows, sensor.id, at, data.value, TREND_WINDOW_MS);
      break;
    default:
      assertNever(sensor.kind);
  }
}

function appendWindowed(
  windows: Record<string, [number, number][]>,
  id: string,
  at: number,
  value: number,
  spanMs: number,
): void {
  const series = (windows[id] ??= []);
  series.push([at, value]);
  // One reading usually ages out per reading added: `shift` lets V8 move the array's start
  // instead of copying the rest, as `splice(0, n)` did (60 % of `evolve` over a large log).
  const oldest = at - spanMs;
  while (series.length > 0 && series[0]![0] <= oldest) series.shift();
}
