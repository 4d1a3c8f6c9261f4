import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EventEnvelopeSchema, StreamNameSchema } from '@floodnet/domain';
import { bearer, errors, readErrors, ref } from '../schemas.js';

const MAX_LIMIT = 10_000;

const EventsQuerySchema = Type.Object({
  stream: Type.Optional(StreamNameSchema),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'return events with seq > after' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 1000 })),
});

/** JSON only when asked for it over NDJSON (a generated client sends `application/json`). */
function wantsJson(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('application/json') && !accept.includes('ndjson');
}

/** The log itself, for integrators and exports: page through it with `after`. */
const events: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'readEvents',
        tags: ['state'],
        summary: 'Read the event log',
        description:
          'Committed events with `seq > after`, oldest first, as NDJSON: one envelope ' +
          '`{seq, stream, id, type, at, data}` per line (schema `EventEnvelope`). With ' +
          '`Accept: application/json` the same page comes as `{stream, events: [...]}`. Page on ' +
          'by passing the last `seq` received as `after`; fewer than `limit` events means the ' +
          'end was reached. Answers are compressed (gzip, br) when the client accepts it.',
        security: bearer,
        querystring: EventsQuerySchema,
        response: {
          200: {
            description: 'A page of the log',
            content: {
              'application/x-ndjson': {
                schema: Type.String({
                  description: 'one `EventEnvelope` as JSON per line',
                  examples: [
                    '{"seq":42,"stream":"live","id":"r-1","type":"reading.recorded",' +
                      '"at":"2021-07-25T12:30:00+08:00","data":{"sensorId":"rg-1","value":6.5}}\n',
                  ],
                }),
              },
              'application/json': {
                schema: Type.Object({
                  stream: Type.String(),
                  events: Type.Array(ref('EventEnvelope', EventEnvelopeSchema)),
                }),
              },
            },
          },
          ...errors(readErrors),
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
      if (wantsJson(request.headers.accept)) {
        const events = page.map((event) => JSON.stringify(event)).join(',');
        return reply
          .type('application/json; charset=utf-8')
          .send(`{"stream":${JSON.stringify(stream)},"events":[${events}]}`);
      }
      const body = page.map((event) => JSON.stringify(event)).join('\n');
      return reply.type('application/x-ndjson').send(page.length > 0 ? `${body}\n` : '');
    },
  );
};

export default events;
