import { alertFolds } from './areas/alerts/evolve.js';
import { catalogueFolds } from './areas/catalogue/evolve.js';
import { incidentFolds } from './areas/incidents/evolve.js';
import { responseFolds } from './areas/response/evolve.js';
import { sensorFolds } from './areas/sensors/evolve.js';
import { planFolds } from './areas/plans/evolve.js';
import { evacuationFolds } from './areas/evacuation/evolve.js';
import { handoverFolds } from './areas/handover/evolve.js';
import { noticeFolds } from './areas/notices/evolve.js';
import { compoundFolds } from './areas/compounds/evolve.js';
import { webhookFolds } from './areas/webhooks/evolve.js';
import { movementFolds } from './areas/movement/evolve.js';
import { materialFolds } from './areas/materials/evolve.js';
import { checkInFolds } from './areas/checkins/evolve.js';
import { warningFolds } from './areas/warnings/evolve.js';
import { forecastFolds } from './areas/forecasts/evolve.js';
import type { Fold, Folds } from './model/area.js';
import { Value } from '@sinclair/typebox/value';
import { EventData, type DomainEvent, type EventEnvelope, type EventType } from './model/events.js';
import type { State } from './model/state.js';

/** Every event type's fold, from its area module: a type without one does not compile. */
const FOLDS: Folds<EventType> = {
  ...catalogueFolds,
  ...sensorFolds,
  ...alertFolds,
  ...responseFolds,
  ...incidentFolds,
  ...planFolds,
  ...evacuationFolds,
  ...handoverFolds,
  ...noticeFolds,
  ...compoundFolds,
  ...webhookFolds,
  ...movementFolds,
  ...materialFolds,
  ...checkInFolds,
  ...warningFolds,
  ...forecastFolds,
};

/**
 * The same table as a `Map`, for routing: a `Map` hashes the freshly parsed type string, where a
 * keyed lookup on an object first looks it up in V8's table of internalised strings (twice, with
 * `Object.hasOwn`) — a measurable part of folding a parsed line.
 */
const FOLD_BY_TYPE: ReadonlyMap<string, Fold<EventType>> = new Map(
  Object.entries(FOLDS) as [EventType, Fold<EventType>][],
);

/** Nine in ten events of a storm: routed by one comparison, without hashing their type. */
const READING: EventType = 'reading.recorded';
const READING_FOLD = FOLD_BY_TYPE.get(READING);

/** Why an event was skipped: a type this version does not know, or data it could not fold. */
export type SkipReason = 'unknown-type' | 'malformed';
type SkipListener = (type: string, reason: SkipReason) => void;
const skipListeners = new Set<SkipListener>();

/**
 * Be told of every event `evolve` skips (the server counts them in a metric, the browser notes
 * them in the console). Returns the function that stops listening.
 */
export function onSkippedEvent(listener: SkipListener): () => void {
  skipListeners.add(listener);
  return () => skipListeners.delete(listener);
}

function skipped(type: string, reason: SkipReason): void {
  for (const listener of skipListeners) listener(type, reason);
}

/** The last event time parsed, and its text: readings arrive in rounds sharing one `at`. */
let lastAtText = '';
let lastAtMs = Number.NaN;

/**
 * `Date.parse(at)`, remembered for the next call: in the In-Fa log 97 % of events carry the same
 * `at` as the one before (a sensor round), and `Date.parse` of an ISO time with an offset was
 * half the cost of `evolve` over a large log.
 */
function eventTime(at: string): number {
  if (at !== lastAtText) {
    lastAtMs = Date.parse(at);
    lastAtText = at;
  }
  return lastAtMs;
}

/**
 * Folds one event into the picture. The same function runs in the server, the browser and the
 * replay engine, so it must never throw and never look at anything but its arguments.
 *
 * Forward-compatible: an event of a type this version does not know (an older browser on a newer
 * server) is skipped and reported to `onSkippedEvent` listeners, as is one whose data cannot be
 * folded; the picture keeps its seq so the stream carries on without a gap.
 *
 * For speed over million-event logs it updates `state` in place and returns it; a caller that
 * needs the previous picture keeps a `structuredClone` of it.
 */
export function evolve(state: State, event: DomainEvent | EventEnvelope): State {
  const at = eventTime(event.at);
  if ('seq' in event) state.seq = event.seq;
  const fold = event.type === READING ? READING_FOLD : FOLD_BY_TYPE.get(event.type);
  if (!fold) {
    skipped(String(event.type), 'unknown-type');
    return state;
  }
  if (typeof event.data !== 'object' || event.data === null || Number.isNaN(at)) {
    skipped(event.type, 'malformed');
    return state;
  }
  if (state.clock === null || at > state.clock) state.clock = at;
  try {
    fold(state, event.data as never, at, event);
  } catch {
    skipped(event.type, 'malformed');
  }
  return state;
}

/**
 * As `evolve`, for events from outside this process (a socket payload, an uploaded log): an event
 * of a known type whose data does not match its schema is skipped and reported as `malformed`
 * instead of being folded. Uses TypeBox's interpreter, not generated code, so it runs under a
 * strict Content-Security-Policy in the browser.
 */
export function evolveChecked(state: State, event: DomainEvent | EventEnvelope): State {
  const type = event.type as string;
  if (
    Object.hasOwn(EventData, type) &&
    (Number.isNaN(Date.parse(event.at)) || !Value.Check(EventData[type as EventType], event.data))
  ) {
    if ('seq' in event && typeof event.seq === 'number') state.seq = event.seq;
    skipped(type, 'malformed');
    return state;
  }
  return evolve(state, event);
}

/** Folds a whole sequence of events; the state is updated in place and returned. */
export function evolveAll(state: State, events: Iterable<DomainEvent | EventEnvelope>): State {
  for (const event of events) evolve(state, event);
  return state;
}
