import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RegisterWebhookBodySchema, toShanghaiIso } from '@floodnet/domain';
import { actorOf } from '../../plugins/auth.js';
import { LIVE } from '../../plugins/engine.js';
import { bearer, commandErrors, errors, withExample } from '../schemas.js';

const WebhookViewSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  registeredAt: Type.String(),
  delivered: Type.Integer({ description: 'deliveries acknowledged with a 2xx' }),
  deliveredSeq: Type.Integer({ description: 'every event of its types up to here is delivered' }),
  failing: Type.Union([
    Type.Object({
      eventId: Type.String(),
      attempts: Type.Integer(),
      status: Type.Union([Type.Integer(), Type.Null()]),
      error: Type.String(),
      at: Type.String(),
    }),
    Type.Null(),
  ]),
});

/** Outside channels (an SMS gateway, the city platform) registered by an admin. */
const webhooks: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/webhooks',
    {
      onRequest: app.auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        operationId: 'registerWebhook',
        summary: 'Register a webhook',
        description:
          'Role: admin. Each event of the given types in `live` after now is POSTed to `url` as ' +
          'one envelope, with `X-Floodnet-Signature: sha256=<hex HMAC-SHA256 of the raw body, ' +
          'keyed by the secret>` and `X-Floodnet-Event-Id`; retried with exponential backoff ' +
          'until a 2xx (at least once: drop repeats by the envelope `id`). Redirects are not ' +
          'followed. The secret is shown once.',
        security: bearer,
        body: withExample(RegisterWebhookBodySchema, {
          url: 'https://sms-gateway.example.cn/floodnet',
          events: ['notice.issued', 'alert.raised'],
        }),
        response: {
          201: Type.Object({ id: Type.String(), secret: Type.String() }),
          ...errors({ ...commandErrors, 422: 'WEBHOOK_URL_INVALID, UNKNOWN_EVENT_TYPE' }),
        },
      },
    },
    async (request, reply) => {
      const { events } = await app.engine.execute(
        LIVE,
        { type: 'registerWebhook', ...request.body },
        actorOf(request),
      );
      const registered = events.find((event) => event.type === 'webhook.registered');
      if (registered?.type !== 'webhook.registered') throw new Error('no webhook registered');
      const id = registered.data.webhookId;
      return reply.status(201).send({ id, secret: app.webhooks.secretOf(id) });
    },
  );

  app.get(
    '/webhooks',
    {
      onRequest: app.auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        operationId: 'listWebhooks',
        summary: 'Webhooks with their deliveries and the attempt being retried',
        security: bearer,
        response: {
          200: Type.Object({ webhooks: Type.Array(WebhookViewSchema) }),
          ...errors({ 401: 'UNAUTHORIZED', 403: 'NOT_ALLOWED_FOR_ROLE' }),
        },
      },
    },
    async () => ({
      webhooks: Object.values(app.engine.live.state.webhooks).map((hook) => ({
        id: hook.id,
        url: hook.url,
        events: hook.events,
        registeredAt: toShanghaiIso(hook.registeredAt),
        delivered: hook.delivered,
        deliveredSeq: hook.deliveredSeq,
        failing: hook.failing && { ...hook.failing, at: toShanghaiIso(hook.failing.at) },
      })),
    }),
  );
};

export default webhooks;
