import { Type, type Static } from '@sinclair/typebox';
import { AssetSchema, LatLngSchema } from './assets.js';
import { IsoTimeSchema } from './events.js';
import { IncidentKindSchema, ResponseLevelSchema, SquadStatusSchema } from './vocabulary.js';

const EntityId = Type.String({ minLength: 1, maxLength: 120 });

/** One measurement from a gauge network; units depend on the sensor (see the contract). */
export const ReadingSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 120, description: 'idempotency key' }),
    sensorId: EntityId,
    at: IsoTimeSchema,
    value: Type.Number(),
  },
  { additionalProperties: false },
);
export type Reading = Static<typeof ReadingSchema>;

export const MAX_READINGS_PER_BATCH = 5000;

// HTTP bodies: the same schemas validate requests and give the command payload types.
export const ReadingBatchBodySchema = Type.Object(
  { readings: Type.Array(ReadingSchema, { minItems: 1, maxItems: MAX_READINGS_PER_BATCH }) },
  { additionalProperties: false },
);
export const ReportIncidentBodySchema = Type.Object(
  {
    kind: IncidentKindSchema,
    location: LatLngSchema,
    pointId: Type.Optional(EntityId),
    description: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const AssignSquadBodySchema = Type.Object(
  { squadId: EntityId },
  { additionalProperties: false },
);
export const SquadStatusBodySchema = Type.Object(
  { status: SquadStatusSchema },
  { additionalProperties: false },
);
export const ResponseLevelBodySchema = Type.Object(
  { level: Type.Union([ResponseLevelSchema, Type.Null()]) },
  { additionalProperties: false },
);
export const TyphoonPositionBodySchema = Type.Object(
  {
    at: IsoTimeSchema,
    name: Type.String({ minLength: 1, maxLength: 60 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    windMs: Type.Number({ minimum: 0, maximum: 120 }),
    pressureHpa: Type.Number({ minimum: 850, maximum: 1100 }),
  },
  { additionalProperties: false },
);

export const CommandSchema = Type.Union([
  Type.Object({ type: Type.Literal('registerAssets'), assets: Type.Array(AssetSchema) }),
  Type.Object({ type: Type.Literal('recordReadings'), readings: Type.Array(ReadingSchema) }),
  Type.Object({ type: Type.Literal('checkSensors') }),
  Type.Composite([
    Type.Object({ type: Type.Literal('reportTyphoonPosition') }),
    TyphoonPositionBodySchema,
  ]),
  Type.Composite([Type.Object({ type: Type.Literal('reportIncident') }), ReportIncidentBodySchema]),
  Type.Object({ type: Type.Literal('assignSquad'), incidentId: EntityId, squadId: EntityId }),
  Type.Object({ type: Type.Literal('resolveIncident'), incidentId: EntityId }),
  Type.Object({
    type: Type.Literal('changeSquadStatus'),
    squadId: EntityId,
    status: SquadStatusSchema,
  }),
  Type.Object({ type: Type.Literal('acknowledgeAlert'), alertId: EntityId }),
  Type.Object({
    type: Type.Literal('setResponseLevel'),
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
  }),
]);
export type Command = Static<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
