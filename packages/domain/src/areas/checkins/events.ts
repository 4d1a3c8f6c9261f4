import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';

/** A squad on a job says it is all right (PAR: personnel accountability). */
export const checkInEvents = {
  'squad.checkedIn': Type.Object({
    squadId: EntityId,
    incidentId: EntityId,
    note: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    by: ActorSchema,
  }),
} as const;
