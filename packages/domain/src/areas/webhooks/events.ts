import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';

const attempt = { webhookId: EntityId, eventId: EntityId, seq: Type.Integer({ minimum: 1 }) };

/**
 * Webhooks for outside channels. The outbox is the log itself: a webhook receives the events of
 * its types after `webhook.registered`, and `webhook.delivered` moves its cursor, so a restart
 * resumes where the last recorded delivery left off (at least once; receivers drop repeats by
 * the envelope id). The signing secret is not an event: it never leaves the server.
 */
export const webhookEvents = {
  'webhook.registered': Type.Object({
    webhookId: EntityId,
    url: Type.String(),
    events: Type.Array(Type.String()),
    by: ActorSchema,
  }),
  'webhook.delivered': Type.Object({
    ...attempt,
    attempts: Type.Integer(),
    count: Type.Integer(),
  }),
  'webhook.attemptFailed': Type.Object({
    ...attempt,
    attempt: Type.Integer(),
    status: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.String(),
    retryInMs: Type.Integer(),
  }),
} as const;
