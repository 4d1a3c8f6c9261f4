import { Type } from '@sinclair/typebox';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';

export const RegisterWebhookBodySchema = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, description: 'http:// or https:// only' }),
    /** Event types to deliver (`notice.issued`, `alert.raised`, …). */
    events: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

const attempt = { webhookId: EntityId, eventId: EntityId, seq: Type.Integer({ minimum: 1 }) };

export const webhookCommands = [
  Type.Composite([
    Type.Object({ type: Type.Literal('registerWebhook') }),
    RegisterWebhookBodySchema,
  ]),
  Type.Object({
    type: Type.Literal('recordWebhookDelivery'),
    ...attempt,
    attempts: Type.Integer({ minimum: 1 }),
    /** Deliveries since the last record (the outbox is recorded every few, at least once). */
    count: Type.Integer({ minimum: 1 }),
  }),
  Type.Object({
    type: Type.Literal('recordWebhookFailure'),
    ...attempt,
    attempt: Type.Integer({ minimum: 1 }),
    status: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.String({ maxLength: 300 }),
    retryInMs: Type.Integer({ minimum: 0 }),
  }),
] as const;
