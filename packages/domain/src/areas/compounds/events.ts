import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';
import { CompoundReportKindSchema } from './commands.js';

const orNull = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** Reports from the compounds' property managers. */
export const compoundEvents = {
  'compound.reported': Type.Object({
    reportId: EntityId,
    compoundId: EntityId,
    kind: CompoundReportKindSchema,
    depthCm: orNull(Type.Number()),
    where: orNull(Type.Union([Type.Literal('entrance'), Type.Literal('garage')])),
    people: orNull(Type.Integer()),
    text: orNull(Type.String({ maxLength: 1000 })),
    by: ActorSchema,
  }),
} as const;
