import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';
import { MaterialItemsSchema, ReturnedItemsSchema } from './commands.js';

/**
 * Materials out of a store for an incident: requested (taken off the store's stock at once, so two
 * commanders cannot both have the last bags) → dispatched → delivered → returned (what comes back
 * goes back on the shelf; the rest counts as used) or used up.
 */
export const materialEvents = {
  'materials.requested': Type.Object({
    requestId: EntityId,
    incidentId: EntityId,
    fromId: EntityId,
    items: MaterialItemsSchema,
    vehicleId: Type.Union([EntityId, Type.Null()]),
    by: ActorSchema,
  }),
  'materials.dispatched': Type.Object({ requestId: EntityId, by: ActorSchema }),
  'materials.delivered': Type.Object({ requestId: EntityId, by: ActorSchema }),
  'materials.returned': Type.Object({
    requestId: EntityId,
    items: ReturnedItemsSchema,
    by: ActorSchema,
  }),
  'materials.usedUp': Type.Object({ requestId: EntityId, by: ActorSchema }),
} as const;
