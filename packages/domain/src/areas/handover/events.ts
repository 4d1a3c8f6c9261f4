import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema } from '../../model/primitives.js';

/** Duty runs in shifts (值班值守): the outgoing commander's handover, recorded with its note. */
export const handoverEvents = {
  'shift.handedOver': Type.Object({
    handoverId: EntityIdSchema,
    by: ActorSchema,
    note: Type.String({ maxLength: 4000 }),
    /** The picture's headline figures at handover, so the next report can say what changed. */
    summary: Type.Object({
      openIncidents: Type.Integer({ minimum: 0 }),
      openTasks: Type.Integer({ minimum: 0 }),
      overdueTasks: Type.Integer({ minimum: 0 }),
      peopleAtSites: Type.Integer({ minimum: 0 }),
      hazards: Type.Integer({ minimum: 0 }),
    }),
  }),
} as const;
