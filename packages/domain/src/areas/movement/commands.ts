import { Type, type Static } from '@sinclair/typebox';
import { EntityIdSchema, IsoTimeSchema } from '../../model/primitives.js';

/** One fix from a vehicle's or squad's tracker (GNSS, WGS-84). */
export const PositionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 120, description: 'idempotency key' }),
    unitId: EntityIdSchema,
    at: IsoTimeSchema,
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    speedKmh: Type.Optional(Type.Number({ minimum: 0, maximum: 400 })),
    headingDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
  },
  { additionalProperties: false },
);
export type Position = Static<typeof PositionSchema>;

export const MAX_POSITIONS_PER_BATCH = 5000;

export const PositionBatchBodySchema = Type.Object(
  { positions: Type.Array(PositionSchema, { minItems: 1, maxItems: MAX_POSITIONS_PER_BATCH }) },
  { additionalProperties: false },
);

export const movementCommands = [
  Type.Object({ type: Type.Literal('recordPositions'), positions: Type.Array(PositionSchema) }),
] as const;
