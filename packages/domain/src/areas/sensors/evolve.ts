import { assertNever } from '../../model/assets.js';
import type { EventDataOf } from '../../model/events.js';
import type { Folds } from '../../model/area.js';
import { own, type State } from '../../model/state.js';
import { PUMP_STATUSES } from '../../model/vocabulary.js';
import { LEVEL_SERIES_MS, RAIN_WINDOW_MS, type SensorState } from './state.js';
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
  const sensor = sensorById(state.sensors, data.sensorId);
  if (sensor === undefined) return;
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

/**
 * Longest window whose front is dropped by moving the rest down one by one; longer ones use
 * `shift`, which V8 does by moving the array's start (cheaper past ≈ 100 elements, dearer below:
 * in a 1,000,000-event replay the depth windows hold ≈ 60 readings, the rain windows ≈ 360).
 */
const MOVE_DOWN_MAX = 128;

/**
 * Appends `[at, value]` to the sensor's window and drops what is older than `spanMs`. A reading
 * that ages out gives its pair to the new one (the window's pairs are the fold's own, never
 * handed out): one window entry allocated per sensor, not per reading, which kept the garbage
 * collector copying half a million short-lived pairs per million events. Spans are positive, so
 * the new reading itself is never out of its window.
 */
/**
 * Each sensors record's sensors in a `Map`, filled as readings find them. A reading's id is a
 * freshly parsed string: a keyed lookup on the record first finds it in V8's table of
 * internalised strings, a `Map` only hashes it — the lookup was a third of `evolve` over a large
 * log. Sound because a sensor, once filed, stays the same object under its id: the catalogue
 * files a sensor only where none is (`assets.registered`) and nothing replaces or removes one;
 * a copy of the picture (structuredClone, a snapshot) is a new record with its own index.
 */
const sensorIndex = new WeakMap<State['sensors'], Map<string, SensorState>>();

function sensorById(sensors: State['sensors'], id: string): SensorState | undefined {
  let index = sensorIndex.get(sensors);
  if (index === undefined) sensorIndex.set(sensors, (index = new Map()));
  let sensor = index.get(id);
  if (sensor === undefined) {
    sensor = own(sensors, id);
    if (sensor !== undefined) index.set(id, sensor);
  }
  return sensor;
}

function appendWindowed(
  windows: Record<string, [number, number][]>,
  id: string,
  at: number,
  value: number,
  spanMs: number,
): void {
  const series = (windows[id] ??= []);
  const oldest = at - spanMs;
  const length = series.length;
  let drop = 0;
  while (drop < length && series[drop]![0] <= oldest) drop += 1;
  if (drop === 0) {
    series.push([at, value]);
    return;
  }
  const pair = series[0]!;
  if (length <= MOVE_DOWN_MAX) {
    for (let i = drop; i < length; i += 1) series[i - drop] = series[i]!;
    series.length = length - drop;
  } else {
    for (let i = 0; i < drop; i += 1) series.shift();
  }
  pair[0] = at;
  pair[1] = value;
  series.push(pair);
}
