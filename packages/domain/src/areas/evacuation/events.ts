import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';

/** Evacuation (转移安置): people moved to resettlement sites, and their return. */
export const evacuationEvents = {
  'evacuation.recorded': Type.Object({
    evacuationId: EntityId,
    fromId: EntityId,
    toSiteId: EntityId,
    people: Type.Integer({ minimum: 1 }),
    /** The 街镇 the people were moved from (the origin's), for the totals. */
    jiezhen: Type.Union([Type.String(), Type.Null()]),
    by: ActorSchema,
  }),
  'evacuation.returned': Type.Object({ evacuationId: EntityId, by: ActorSchema }),
} as const;
