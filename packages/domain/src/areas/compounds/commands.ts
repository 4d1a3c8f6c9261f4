import { Type } from '@sinclair/typebox';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';

export const COMPOUND_REPORT_KINDS = [
  'water-depth',
  'garage-flooded',
  'people-to-move',
  'power-cut',
  'all-clear',
  'other',
] as const;
export const CompoundReportKindSchema = Type.Union(
  COMPOUND_REPORT_KINDS.map((kind) => Type.Literal(kind)),
);

/** What a property manager sends from the phone; the compound comes from the account. */
export const CompoundReportBodySchema = Type.Object(
  {
    kind: CompoundReportKindSchema,
    /** Water depth at the entrance or in the garage, in cm. */
    depthCm: Type.Optional(Type.Number({ minimum: 0, maximum: 500 })),
    people: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    text: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Where the depth was measured. */
    where: Type.Optional(Type.Union([Type.Literal('entrance'), Type.Literal('garage')])),
  },
  { additionalProperties: false },
);

export const compoundCommands = [
  Type.Composite([
    Type.Object({
      type: Type.Literal('reportFromCompound'),
      compoundId: EntityId,
      /** The phone's idempotency key: becomes the event id, so a resent report is kept once. */
      requestId: Type.Optional(EntityId),
    }),
    CompoundReportBodySchema,
  ]),
] as const;
