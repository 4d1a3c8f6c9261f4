import { isDispatchUnit, sensorIntervalSec, sensorKindOf, assertNever } from './model/assets.js';
import type { DomainEvent, EventEnvelope, EventDataOf } from './model/events.js';
import { actorLabel, LEVEL_SERIES_MS, own, RAIN_WINDOW_MS, type State } from './model/state.js';
import type { IncidentStep } from './model/state.js';
import { PUMP_STATUSES } from './model/vocabulary.js';

/**
 * Folds one event into the picture. The same function runs in the server, the browser and the
 * replay engine, so it must never throw and never look at anything but its arguments.
 *
 * For speed over million-event logs it updates `state` in place and returns it; a caller that
 * needs the previous picture keeps a `structuredClone` of it.
 */
export function evolve(state: State, event: DomainEvent | EventEnvelope): State {
  const at = Date.parse(event.at);
  if ('seq' in event) state.seq = event.seq;
  if (state.clock === null || at > state.clock) state.clock = at;
  switch (event.type) {
    case 'assets.registered':
      registerAssets(state, event.data, at);
      break;
    case 'reading.recorded':
      recordReading(state, event.data, at);
      break;
    case 'sensor.wentStale': {
      const sensor = own(state.sensors, event.data.sensorId);
      if (sensor) sensor.stale = true;
      break;
    }
    case 'underpass.closed':
      state.closedUnderpasses[event.data.underpassId] = at;
      break;
    case 'underpass.reopened':
      delete state.closedUnderpasses[event.data.underpassId];
      break;
    case 'alert.raised': {
      const { alertId, kind, severity, subjectId, value, threshold } = event.data;
      state.alerts[alertId] = {
        id: alertId,
        kind,
        severity,
        subjectId,
        value,
        threshold,
        raisedAt: at,
        updatedAt: at,
        acknowledgedAt: null,
        acknowledgedBy: null,
        clearedAt: null,
      };
      state.openAlertBySubject[`${kind}:${subjectId}`] = alertId;
      state.counters.alerts += 1;
      break;
    }
    case 'alert.escalated': {
      const alert = own(state.alerts, event.data.alertId);
      if (!alert) break;
      alert.severity = event.data.severity;
      alert.value = event.data.value;
      alert.threshold = event.data.threshold;
      alert.updatedAt = at;
      // A worse level is news: it needs acknowledging afresh.
      alert.acknowledgedAt = null;
      alert.acknowledgedBy = null;
      break;
    }
    case 'alert.cleared': {
      const alert = own(state.alerts, event.data.alertId);
      if (!alert) break;
      alert.clearedAt = at;
      const key = `${alert.kind}:${alert.subjectId}`;
      if (state.openAlertBySubject[key] === alert.id) delete state.openAlertBySubject[key];
      break;
    }
    case 'alert.acknowledged': {
      const alert = own(state.alerts, event.data.alertId);
      if (!alert) break;
      alert.acknowledgedAt = at;
      alert.acknowledgedBy = actorLabel(event.data.by);
      break;
    }
    case 'signal.changed':
      state.signals[event.data.kind] = event.data.level;
      break;
    case 'responseLevel.suggested':
      state.suggestedLevel = event.data.level;
      state.suggestedReasons = event.data.reasons;
      break;
    case 'responseLevel.changed':
      state.responseLevel = event.data.level;
      state.responseLevelBy = actorLabel(event.data.by);
      break;
    case 'typhoon.positionReported': {
      const { name, lat, lng, windMs, pressureHpa } = event.data;
      state.typhoon.name = name;
      state.typhoon.track.push({ at, lat, lng, windMs, pressureHpa });
      break;
    }
    case 'incident.reported': {
      const { incidentId, kind, location, pointId, description, by } = event.data;
      state.incidents[incidentId] = {
        id: incidentId,
        kind,
        status: 'open',
        location,
        pointId,
        description,
        reportedAt: at,
        reportedBy: actorLabel(by),
        squadIds: [],
        resolvedAt: null,
        timeline: [{ at, what: 'reported', squadId: null, by: actorLabel(by) }],
      };
      state.counters.incidents += 1;
      break;
    }
    case 'squad.assigned': {
      const { squadId, incidentId, by } = event.data;
      const unit = own(state.units, squadId);
      const incident = own(state.incidents, incidentId);
      if (!unit || !incident) break;
      unit.status = 'assigned';
      unit.incidentId = incidentId;
      unit.since = at;
      if (!incident.squadIds.includes(squadId)) incident.squadIds.push(squadId);
      if (incident.status === 'open') incident.status = 'assigned';
      incident.timeline.push({ at, what: 'assigned', squadId, by: actorLabel(by) });
      break;
    }
    case 'squad.statusChanged': {
      const { squadId, status, by } = event.data;
      const unit = own(state.units, squadId);
      if (!unit) break;
      const incident = unit.incidentId ? own(state.incidents, unit.incidentId) : undefined;
      if (incident && (status === 'en-route' || status === 'on-scene' || status === 'returning')) {
        const step: IncidentStep = { at, what: status, squadId, by: actorLabel(by) };
        incident.timeline.push(step);
      }
      unit.status = status;
      unit.since = at;
      if (status === 'standby' || status === 'unavailable') unit.incidentId = null;
      break;
    }
    case 'incident.resolved': {
      const incident = own(state.incidents, event.data.incidentId);
      if (!incident) break;
      incident.status = 'resolved';
      incident.resolvedAt = at;
      incident.timeline.push({
        at,
        what: 'resolved',
        squadId: null,
        by: actorLabel(event.data.by),
      });
      break;
    }
    default:
      assertNever(event);
  }
  return state;
}

/** Folds a whole sequence of events; the state is updated in place and returned. */
export function evolveAll(state: State, events: Iterable<DomainEvent | EventEnvelope>): State {
  for (const event of events) evolve(state, event);
  return state;
}

function registerAssets(state: State, data: EventDataOf<'assets.registered'>, at: number): void {
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
}

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
  let drop = 0;
  while (drop < series.length && series[drop]![0] <= at - spanMs) drop += 1;
  if (drop > 0) series.splice(0, drop);
}
