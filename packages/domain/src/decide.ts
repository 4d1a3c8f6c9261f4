import { isDispatchUnit } from './model/assets.js';
import type { Command, CommandOf, Reading } from './model/commands.js';
import type { Actor, DomainEvent } from './model/events.js';
import { own, type State } from './model/state.js';
import type { SquadStatus } from './model/vocabulary.js';
import { evolve } from './evolve.js';
import { commandRoles, defaultRuleConfig, type RuleConfig } from './rules/config.js';
import { alertTransition } from './rules/alerts.js';
import { eventsForReading } from './rules/readings.js';
import { signalEvents, suggestionEvents, typhoonSignal } from './rules/signals.js';
import { readingsRefusal, typhoonRefusal } from './rules/plausibility.js';
import { refuse, type Refusal } from './refusals.js';
import { toShanghaiIso } from './time.js';
import { assertNever } from './model/assets.js';

export type Decision = { ok: true; events: DomainEvent[] } | { ok: false; refusal: Refusal };

/** Who issues a command and when: time arrives as data, never from a clock in here. */
export interface DecideContext {
  now: number;
  actor: Actor;
  config?: RuleConfig;
}

/** The squad lifecycle: which status may follow which. */
export const NEXT_STATUS: Record<SquadStatus, readonly SquadStatus[]> = {
  standby: ['unavailable'],
  assigned: ['en-route', 'returning', 'standby'],
  'en-route': ['on-scene', 'returning'],
  'on-scene': ['returning'],
  returning: ['standby', 'unavailable'],
  unavailable: ['standby'],
};

/**
 * Checks a command against the picture and returns the events it causes, or a refusal that says
 * why. Pure: `state` is never changed.
 */
export function decide(command: Command, state: State, context: DecideContext): Decision {
  if (command.type === 'recordReadings' || command.type === 'checkSensors') {
    // These fold their own events to chain the rules; do it on a copy.
    return decideInPlace(command, structuredClone(state), context);
  }
  return decideInPlace(command, state, context);
}

/**
 * As `decide`, but readings and sensor checks fold their events into `state` as they go (a
 * refusal always comes before any change). The server uses it on its own picture to avoid a copy;
 * for every other command `state` is left alone and the caller folds the events.
 */
export function decideInPlace(command: Command, state: State, context: DecideContext): Decision {
  const allowed = commandRoles[command.type] ?? [];
  if (!allowed.includes(context.actor.role)) {
    return {
      ok: false,
      refusal: refuse('NOT_ALLOWED_FOR_ROLE', `${command.type} needs ${allowed.join(' or ')}`),
    };
  }
  const config = context.config ?? defaultRuleConfig;
  const at = toShanghaiIso(context.now);
  const by = context.actor;
  switch (command.type) {
    case 'registerAssets':
      if (Object.keys(state.assets).length > 0) return no(refuse('ASSETS_ALREADY_REGISTERED'));
      return yes([{ type: 'assets.registered', at, data: { assets: command.assets } }]);
    case 'recordReadings':
      return recordReadings(state, command.readings, context.now, config);
    case 'checkSensors':
      return yes(checkSensors(state, context.now, config));
    case 'reportTyphoonPosition': {
      const refused = typhoonRefusal(command, context.now, config.maxFutureSec);
      if (refused) return no(refused);
      const { name, lat, lng, windMs, pressureHpa } = command;
      const events: DomainEvent[] = [
        {
          type: 'typhoon.positionReported',
          at: command.at,
          data: { name, lat, lng, windMs, pressureHpa },
        },
      ];
      const level = typhoonSignal(command, config);
      if (level !== state.signals.typhoon) {
        const changed: DomainEvent = {
          type: 'signal.changed',
          at: command.at,
          data: { kind: 'typhoon', level },
        };
        events.push(changed);
        const after = { ...state, signals: { ...state.signals, typhoon: level } };
        events.push(...suggestionEvents(after, command.at, config));
      }
      return yes(events);
    }
    case 'reportIncident': {
      const pointId = command.pointId ?? null;
      if (pointId !== null && !own(state.assets, pointId))
        return no(refuse('UNKNOWN_POINT', pointId, 'pointId'));
      const incidentId = `inc-${state.counters.incidents + 1}`;
      const { kind, location, description } = command;
      return yes([
        {
          type: 'incident.reported',
          at,
          data: { incidentId, kind, location, pointId, description, by },
        },
      ]);
    }
    case 'assignSquad':
      return assignSquad(state, command, at, context.actor);
    case 'resolveIncident': {
      const incident = own(state.incidents, command.incidentId);
      if (!incident) return no(refuse('UNKNOWN_INCIDENT', command.incidentId));
      if (incident.status === 'resolved')
        return no(refuse('INCIDENT_RESOLVED', command.incidentId));
      const events: DomainEvent[] = [
        { type: 'incident.resolved', at, data: { incidentId: incident.id, by } },
      ];
      // Units still out on this incident head home.
      for (const squadId of incident.squadIds) {
        const unit = state.units[squadId];
        if (
          unit &&
          unit.incidentId === incident.id &&
          ['assigned', 'en-route', 'on-scene'].includes(unit.status)
        ) {
          events.push({
            type: 'squad.statusChanged',
            at,
            data: { squadId, status: 'returning', by },
          });
        }
      }
      return yes(events);
    }
    case 'changeSquadStatus': {
      const unit = own(state.units, command.squadId);
      if (!unit) return no(refuse('UNKNOWN_SQUAD', command.squadId));
      if (!NEXT_STATUS[unit.status].includes(command.status)) {
        return no(refuse('INVALID_STATUS_CHANGE', `${unit.status} → ${command.status}`, 'status'));
      }
      return yes([
        { type: 'squad.statusChanged', at, data: { squadId: unit.id, status: command.status, by } },
      ]);
    }
    case 'acknowledgeAlert': {
      const alert = own(state.alerts, command.alertId);
      if (!alert) return no(refuse('UNKNOWN_ALERT', command.alertId));
      if (alert.acknowledgedAt !== null)
        return no(refuse('ALERT_ALREADY_ACKNOWLEDGED', alert.acknowledgedBy ?? ''));
      return yes([{ type: 'alert.acknowledged', at, data: { alertId: alert.id, by } }]);
    }
    case 'setResponseLevel':
      return yes([{ type: 'responseLevel.changed', at, data: { level: command.level, by } }]);
    default:
      return assertNever(command);
  }
}

function yes(events: DomainEvent[]): Decision {
  return { ok: true, events };
}
function no(refusal: Refusal): Decision {
  return { ok: false, refusal };
}

function assignSquad(
  state: State,
  command: CommandOf<'assignSquad'>,
  at: string,
  by: Actor,
): Decision {
  const incident = own(state.incidents, command.incidentId);
  if (!incident) return no(refuse('UNKNOWN_INCIDENT', command.incidentId, 'incidentId'));
  if (incident.status === 'resolved') return no(refuse('INCIDENT_RESOLVED', incident.id));
  const unit = own(state.units, command.squadId);
  const asset = own(state.assets, command.squadId);
  if (!unit || !asset || !isDispatchUnit(asset))
    return no(refuse('UNKNOWN_SQUAD', command.squadId, 'squadId'));
  if (unit.status !== 'standby') {
    const where = unit.incidentId ? ` on ${unit.incidentId}` : '';
    return no(refuse('SQUAD_NOT_FREE', `${asset.name} is ${unit.status}${where}`));
  }
  return yes([
    { type: 'squad.assigned', at, data: { squadId: unit.id, incidentId: incident.id, by } },
  ]);
}

/**
 * Readings are all checked before any is taken: a batch with one bad item is refused whole, with
 * the index and field at fault, so nothing is ever half-written.
 */
function recordReadings(
  state: State,
  readings: Reading[],
  now: number,
  config: RuleConfig,
): Decision {
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
