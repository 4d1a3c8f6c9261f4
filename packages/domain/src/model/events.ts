import { Type, type Static, type TLiteral, type TObject, type TSchema } from '@sinclair/typebox';
import { alertEvents } from '../areas/alerts/events.js';
import { catalogueEvents } from '../areas/catalogue/events.js';
import { incidentEvents } from '../areas/incidents/events.js';
import { responseEvents } from '../areas/response/events.js';
import { sensorEvents } from '../areas/sensors/events.js';
import { planEvents } from '../areas/plans/events.js';
import { evacuationEvents } from '../areas/evacuation/events.js';
import { handoverEvents } from '../areas/handover/events.js';
import { noticeEvents } from '../areas/notices/events.js';
import { compoundEvents } from '../areas/compounds/events.js';
import { webhookEvents } from '../areas/webhooks/events.js';
import { movementEvents } from '../areas/movement/events.js';
import { materialEvents } from '../areas/materials/events.js';
import { checkInEvents } from '../areas/checkins/events.js';
import { warningEvents } from '../areas/warnings/events.js';
import { forecastEvents } from '../areas/forecasts/events.js';
import { EntityIdSchema, IsoTimeSchema, StreamNameSchema, WireTimeSchema } from './primitives.js';

export { ActorSchema, IsoTimeSchema, StreamNameSchema, type Actor } from './primitives.js';

/**
 * The data each event type carries, keyed by its `area.pastTense` name: the union of what every
 * area module (`src/areas/*`) declares. A new area adds its map here and nowhere else.
 */
export const EventData = {
  ...catalogueEvents,
  ...sensorEvents,
  ...alertEvents,
  ...responseEvents,
  ...incidentEvents,
  ...planEvents,
  ...evacuationEvents,
  ...handoverEvents,
  ...noticeEvents,
  ...compoundEvents,
  ...webhookEvents,
  ...movementEvents,
  ...materialEvents,
  ...checkInEvents,
  ...warningEvents,
  ...forecastEvents,
} as const;

export type EventType = keyof typeof EventData;
export const EVENT_TYPES = Object.keys(EventData) as EventType[];
export type EventDataOf<T extends EventType> = Static<(typeof EventData)[T]>;

/** True for a type this version of floodnet knows (others are skipped by `evolve`). */
export function isKnownEventType(type: string): type is EventType {
  return Object.hasOwn(EventData, type);
}

function eventObject<T extends EventType>(type: T, extra: Record<string, TSchema>, at: TSchema) {
  return Type.Object({
    ...extra,
    type: Type.Literal(type) as TLiteral<T>,
    at,
    data: EventData[type],
  });
}

type EventObjects = { [T in EventType]: TObject };

function unionOfEvents(extra: Record<string, TSchema>, at: TSchema) {
  const objects = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, eventObject(type, extra, at)]),
  ) as unknown as EventObjects;
  return Type.Union(Object.values(objects));
}

/** What `decide` produces: the log assigns `seq` and `stream`, and an `id` where none is given. */
export const DomainEventSchema = unionOfEvents(
  { id: Type.Optional(EntityIdSchema) },
  IsoTimeSchema,
);

/**
 * The contract's envelope: one per line in NDJSON logs and in the socket stream. Its `at` is in
 * the one wire form (+08:00, to the second): whatever offset a time came in with, it was
 * normalised before it reached the log.
 */
export const EventEnvelopeSchema = unionOfEvents(
  { seq: Type.Integer({ minimum: 1 }), stream: StreamNameSchema, id: EntityIdSchema },
  WireTimeSchema,
);

export type DomainEvent = {
  [T in EventType]: { type: T; at: string; id?: string; data: EventDataOf<T> };
}[EventType];

export type EventEnvelope = {
  [T in EventType]: {
    seq: number;
    stream: string;
    id: string;
    type: T;
    at: string;
    data: EventDataOf<T>;
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<EventEnvelope, { type: T }>;
