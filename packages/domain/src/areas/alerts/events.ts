import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';
import { AlertKindSchema, SeveritySchema } from '../../model/vocabulary.js';

/** Alerts: raised by rules, escalated, cleared, acknowledged by a duty officer. */
export const alertEvents = {
  'alert.raised': Type.Object({
    alertId: EntityId,
    kind: AlertKindSchema,
    severity: SeveritySchema,
    subjectId: EntityId,
    value: Type.Number(),
    threshold: Type.Number(),
  }),
  'alert.escalated': Type.Object({
    alertId: EntityId,
    severity: SeveritySchema,
    value: Type.Number(),
    threshold: Type.Number(),
  }),
  'alert.cleared': Type.Object({ alertId: EntityId }),
  'alert.acknowledged': Type.Object({ alertId: EntityId, by: ActorSchema }),
} as const;
