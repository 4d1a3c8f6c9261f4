import { Type, type Static } from '@sinclair/typebox';
import { EntityIdSchema, IsoTimeSchema } from '../../model/primitives.js';

/** One measurement from a gauge network; units depend on the sensor (see the contract). */
export const ReadingSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 120, description: 'idempotency key' }),
    sensorId: EntityIdSchema,
    at: IsoTimeSchema,
    value: Type.Number(),
  },
  { additionalProperties: false },
);
export type Reading = Static<typeof ReadingSchema>;

export const MAX_READINGS_PER_BATCH = 5000;

export const ReadingBatchBodySchema = Type.Object(
  { readings: Type.Array(ReadingSchema, { minItems: 1, maxItems: MAX_READINGS_PER_BATCH }) },
  { additionalProperties: false },
);

export const sensorCommands = [
  Type.Object({ type: Type.Literal('recordReadings'), readings: Type.Array(ReadingSchema) }),
  Type.Object({ type: Type.Literal('checkSensors') }),
] as const;
