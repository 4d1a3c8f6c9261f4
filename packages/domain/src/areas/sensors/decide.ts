import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import type { State } from '../../model/state.js';
import { evolve } from '../../evolve.js';
import type { RuleConfig } from '../../rules/config.js';
import { readingsRefusal } from '../../rules/plausibility.js';
import { toShanghaiIso } from '../../time.js';
import { alertTransition } from '../alerts/rules.js';
import { signalEvents, suggestionEvents } from '../response/rules.js';
import type { Reading } from './commands.js';
import { eventsForReading } from './rules.js';
import { forecastEventsForReading } from '../forecasts/rules.js';

export const sensorRoles = {
  recordReadings: ['source', 'admin', 'system'],
  checkSensors: ['system', 'admin'],
} as const;

/**
 * Both commands fold their own events as they go, to chain the rules (a reading raises an alert,
 * which moves a signal, which moves the suggested level): `decide` runs them on a copy, the
 * server's `decideInPlace` on its own picture. A refusal always comes before any change.
 */
export const sensorDeciders: Deciders<'recordReadings' | 'checkSensors'> = {
  recordReadings(command, state, { now, config }) {
    return recordReadings(state, command.readings, now, config);
  },
  checkSensors(_command, state, { now, config }) {
    return yes(checkSensors(state, now, config));
  },
};

/**
 * Readings are all checked before any is taken: a batch with one bad item is refused whole, with
 * the index and field at fault, so nothing is ever half-written.
 */
function recordReadings(state: State, readings: Reading[], now: number, config: RuleConfig) {
  // Unknown sensor, impossible or out-of-window time, implausible value: refused before any change.
  const refused = readingsRefusal(state, readings, now, config.maxFutureSec);
  if (refused) return no(refused);
  const events: DomainEvent[] = [];
  const apply = (event: DomainEvent) => {
    evolve(state, event);
    events.push(event);
  };
  let lastAt = '';
  for (const reading of readings) {
    apply({
      type: 'reading.recorded',
      id: reading.id,
      at: reading.at,
      data: { sensorId: reading.sensorId, value: reading.value },
    });
    for (const event of eventsForReading(
      state,
      reading.sensorId,
      reading.value,
      reading.at,
      config,
    ))
      apply(event);
    for (const event of forecastEventsForReading(
      state,
      reading.sensorId,
      reading.value,
      reading.at,
      config,
    ))
      apply(event);
    if (reading.at > lastAt) lastAt = reading.at;
  }
  for (const event of signalEvents(state, lastAt)) apply(event);
  for (const event of suggestionEvents(state, lastAt, config)) apply(event);
  return yes(events);
}

/** Sensors silent for 3× their interval go stale, with an alert so the silence is noticed. */
function checkSensors(state: State, now: number, config: RuleConfig): DomainEvent[] {
  const at = toShanghaiIso(now);
  const events: DomainEvent[] = [];
  const limit = config.staleAfterIntervals.value;
  for (const sensor of Object.values(state.sensors)) {
    if (sensor.stale || sensor.lastAt === null) continue;
    const silentMs = now - sensor.lastAt;
    if (silentMs <= limit * sensor.intervalSec * 1000) continue;
    const stale: DomainEvent = {
      type: 'sensor.wentStale',
      at,
      data: { sensorId: sensor.id, lastAt: toShanghaiIso(sensor.lastAt) },
    };
    evolve(state, stale);
    events.push(stale);
    for (const event of alertTransition(state, at, 'sensor-stale', sensor.id, {
      severity: 'blue',
      value: Math.round(silentMs / 1000),
      threshold: limit * sensor.intervalSec,
      clear: false,
    })) {
      evolve(state, event);
      events.push(event);
    }
  }
  return events;
}
