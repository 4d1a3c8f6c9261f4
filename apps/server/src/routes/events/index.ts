import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { StreamNameSchema } from '@floodnet/domain';
import { bearer, errors } from '../schemas.js';

const MAX_LIMIT = 10_000;

const EventsQuerySchema = Type.Object({
  stream: Type.Optional(StreamNameSchema),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'return events with seq > after' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 1000 })),
});

/** The log itself, for integrators and exports: page through it with `after`. */
const events: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['state'],
        summary: 'Read the event log',
        description:
          'Committed events with `seq > after`, oldest first, as NDJSON: one envelope ' +
          '`{seq, stream, id, type, at, data}` per line. Page on by passing the last `seq` ' +
          'received as `after`; fewer than `limit` lines means the end was reached.',
        security: bearer,
        querystring: EventsQuerySchema,
        response: {
          200: {
            description: 'NDJSON, one event envelope per line',
            content: {
              'application/x-ndjson': {
                schema: Type.String({
                  examples: [
                    '{"seq":42,"stream":"live","id":"r-1","type":"reading.recorded",' +
                      '"at":"2021-07-25T12:30:00+08:00","data":{"sensorId":"rg-1","value":6.5}}\n',
                  ],
                }),
              },
            },
          },
          ...errors({ 400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 404: 'UNKNOWN_STREAM' }),
        },
      },
    },
    async (request, reply) => {
      const { stream = 'live', after = 0, limit = 1000 } = request.query;
      // A drill's stream holds the whole recording; trainees see it only up to the drill clock.
      const visibleSeq = app.engine.get(stream).committedSeq;
      const page = app.eventLog
        .readAfter(stream, after, Math.min(limit, MAX_LIMIT))
        .filter((event) => event.seq <= visibleSeq);
      const body = page.map((event) => JSON.stringify(event)).join('\n');
      return reply.type('application/x-ndjson').send(page.length > 0 ? `${body}\n` : '');
    },
  );
};

export default events;
