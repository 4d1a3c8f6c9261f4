import { Type } from '@sinclair/typebox';
import { EntityIdSchema } from '../../model/primitives.js';
import { FindingSchema } from './events.js';
import { PlanSchema } from './schema.js';

export const CompleteTaskBodySchema = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    finding: Type.Optional(FindingSchema),
  },
  { additionalProperties: false },
);

export const planCommands = [
  Type.Object({
    type: Type.Literal('registerPlans'),
    version: Type.Integer(),
    plans: Type.Array(PlanSchema),
  }),
  Type.Object({ type: Type.Literal('acknowledgeTask'), taskId: EntityIdSchema }),
  Type.Composite([
    Type.Object({ type: Type.Literal('completeTask'), taskId: EntityIdSchema }),
    CompleteTaskBodySchema,
  ]),
  /** The periodic check: tasks past their deadline become overdue and raise an alert. */
  Type.Object({ type: Type.Literal('checkTasks') }),
] as const;
