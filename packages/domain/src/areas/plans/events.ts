import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId, IsoTimeSchema } from '../../model/primitives.js';
import { ResponseLevelSchema } from '../../model/vocabulary.js';
import { PlaceSchema, PlanSchema } from './schema.js';

export const FindingSchema = Type.Object(
  {
    result: Type.Union([Type.Literal('fine'), Type.Literal('hazard')]),
    /** One of the task's sites; without it the finding holds for every site the task lists. */
    siteId: Type.Optional(EntityId),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** Plans (预案): registered from the plans file, activated by levels and triggers, tasks to units. */
export const planEvents = {
  'plans.registered': Type.Object({ version: Type.Integer(), plans: Type.Array(PlanSchema) }),
  'plan.activated': Type.Object({
    planId: EntityId,
    activationId: EntityId,
    /** What set it off, e.g. `level:III`, `signal:tide:yellow (local)`, `tide:4.62 m`. */
    reasons: Type.Array(Type.String()),
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
  }),
  'plan.stoodDown': Type.Object({
    planId: EntityId,
    activationId: EntityId,
    reason: Type.String(),
    /** The tasks not yet done, which stand down with the plan. */
    taskIds: Type.Array(EntityId),
  }),
  'task.issued': Type.Object({
    taskId: EntityId,
    planId: EntityId,
    activationId: EntityId,
    assigneeId: EntityId,
    title: Type.String(),
    titleEn: Type.String(),
    dueAt: IsoTimeSchema,
    place: Type.Optional(PlaceSchema),
    /** An inspection round's sites. */
    siteIds: Type.Optional(Type.Array(EntityId)),
  }),
  'task.acknowledged': Type.Object({ taskId: EntityId, by: ActorSchema }),
  'task.completed': Type.Object({
    taskId: EntityId,
    by: ActorSchema,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    finding: Type.Optional(FindingSchema),
  }),
  'task.overdue': Type.Object({ taskId: EntityId, assigneeId: EntityId, dueAt: IsoTimeSchema }),
} as const;
