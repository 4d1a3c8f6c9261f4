import { Type, type Static, type TLiteral, type TObject, type TSchema } from '@sinclair/typebox';
import { AssetSchema, LatLngSchema } from './assets.js';
import {
  ActorRoleSchema,
  AlertKindSchema,
  IncidentKindSchema,
  ResponseLevelSchema,
  SeveritySchema,
  SignalKindSchema,
  SquadStatusSchema,
} from './vocabulary.js';
import { ISO_TIME_FORMAT } from '../time.js';

/**
 * An ISO-8601 time with an explicit offset, e.g. `2021-07-25T12:30:00+08:00`. The format runs the
 * strict parser (`parseIsoTime`): 2021-02-30, T25:00 or +99:99 match the pattern but not a day.
 */
export const IsoTimeSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  format: ISO_TIME_FORMAT,
  maxLength: 40,
  description: 'ISO-8601 time with an offset, a real instant (no month 13, no 30 February)',
});

export const ActorSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  role: ActorRoleSchema,
});
export type Actor = Static<typeof ActorSchema>;

export const StreamNameSchema = Type.String({
  pattern: '^(live|drill:[a-z0-9-]{1,64})$',
  description: '`live` or `drill:<id>`',
});

const EntityId = Type.String({ minLength: 1, maxLength: 120 });

/** The data each event type carries, keyed by its `area.pastTense` name. */
export const EventData = {
  'assets.registered': Type.Object({ assets: Type.Array(AssetSchema) }),
  'reading.recorded': Type.Object({ sensorId: EntityId, value: Type.Number() }),
  'sensor.wentStale': Type.Object({
    sensorId: EntityId,
    lastAt: Type.Union([IsoTimeSchema, Type.Null()]),
  }),
  'underpass.closed': Type.Object({ underpassId: EntityId, depthCm: Type.Number() }),
  'underpass.reopened': Type.Object({ underpassId: EntityId, depthCm: Type.Number() }),
  'alert.raised': Type.Object({
    alertId: EntityId,
    kind: AlertKindSchema,
    severity: SeveritySchema,
    subjectId: EntityId,
    value: Type.Number(),
    threshold: Type.Number(),
  }),
  'alert.escalated': Type.Object({
    alertId: EntityId,
    severity: SeveritySchema,
    value: Type.Number(),
    threshold: Type.Number(),
  }),
  'alert.cleared': Type.Object({ alertId: EntityId }),
  'alert.acknowledged': Type.Object({ alertId: EntityId, by: ActorSchema }),
  'signal.changed': Type.Object({
    kind: SignalKindSchema,
    level: Type.Union([SeveritySchema, Type.Null()]),
  }),
  'responseLevel.suggested': Type.Object({
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
    reasons: Type.Array(Type.String()),
  }),
  'responseLevel.changed': Type.Object({
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
    by: ActorSchema,
  }),
  'typhoon.positionReported': Type.Object({
    name: Type.String(),
    lat: Type.Number(),
    lng: Type.Number(),
    windMs: Type.Number({ minimum: 0 }),
    pressureHpa: Type.Number(),
  }),
  'incident.reported': Type.Object({
    incidentId: EntityId,
    kind: IncidentKindSchema,
    location: LatLngSchema,
    pointId: Type.Union([EntityId, Type.Null()]),
    description: Type.String({ maxLength: 2000 }),
    by: ActorSchema,
  }),
  'squad.assigned': Type.Object({ squadId: EntityId, incidentId: EntityId, by: ActorSchema }),
  'squad.statusChanged': Type.Object({
    squadId: EntityId,
    status: SquadStatusSchema,
    by: ActorSchema,
  }),
  'incident.resolved': Type.Object({ incidentId: EntityId, by: ActorSchema }),
} as const;

export type EventType = keyof typeof EventData;
export const EVENT_TYPES = Object.keys(EventData) as EventType[];
export type EventDataOf<T extends EventType> = Static<(typeof EventData)[T]>;

function eventObject<T extends EventType>(type: T, extra: Record<string, TSchema>) {
  return Type.Object({
    ...extra,
    type: Type.Literal(type) as TLiteral<T>,
    at: IsoTimeSchema,
    data: EventData[type],
  });
}

type EventObjects = { [T in EventType]: TObject };

function unionOfEvents(extra: Record<string, TSchema>) {
  const objects = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, eventObject(type, extra)]),
  ) as unknown as EventObjects;
  return Type.Union(Object.values(objects));
}

/** What `decide` produces: the log assigns `seq` and `stream`, and an `id` where none is given. */
export const DomainEventSchema = unionOfEvents({ id: Type.Optional(EntityId) });

/** The contract's envelope: one per line in NDJSON logs and in the socket stream. */
export const EventEnvelopeSchema = unionOfEvents({
  seq: Type.Integer({ minimum: 1 }),
  stream: StreamNameSchema,
  id: EntityId,
});

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
