import { Type } from '@sinclair/typebox';
import { EntityIdSchema } from '../../model/primitives.js';

export const EvacuationBodySchema = Type.Object(
  {
    /** The compound, construction site or other place the people leave. */
    fromId: EntityIdSchema,
    toSiteId: EntityIdSchema,
    people: Type.Integer({ minimum: 1, maximum: 100_000 }),
  },
  { additionalProperties: false },
);

export const evacuationCommands = [
  Type.Composite([Type.Object({ type: Type.Literal('recordEvacuation') }), EvacuationBodySchema]),
  Type.Object({ type: Type.Literal('recordReturn'), evacuationId: EntityIdSchema }),
] as const;
