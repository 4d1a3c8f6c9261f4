import { Type } from '@sinclair/typebox';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';

export const CheckInBodySchema = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const checkInCommands = [
  Type.Object({
    type: Type.Literal('checkIn'),
    squadId: EntityId,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  Type.Object({ type: Type.Literal('checkCheckIns') }),
] as const;
