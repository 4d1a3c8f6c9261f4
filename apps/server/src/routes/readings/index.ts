import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MAX_READINGS_PER_BATCH,
  ReadingBatchBodySchema,
  ReadingsAckSchema,
} from '@floodnet/domain';
import { actorOf } from '../../plugins/auth.js';
import {
  bearer,
  commandErrors,
  errors,
  rateLimitHeaders,
  ref,
  StreamQuerySchema,
  withExample,
} from '../schemas.js';

const example = {
  readings: [
    {
      id: 'wl-yongfu-road@2021-07-25T12:30',
      sensorId: 'wl-yongfu-road',
      at: '2021-07-25T12:30:00+08:00',
      value: 18,
    },
    {
      id: 'rain-xujiahui@2021-07-25T12:30',
      sensorId: 'rain-xujiahui',
      at: '2021-07-25T12:30:00+08:00',
      value: 6.5,
    },
  ],
};

/** Gauge networks push measurements with their API key; a batch is all or nothing. */
const readings: FastifyPluginAsyncTypebox<{ ingestPerMinute: number }> = async (
  app,
  { ingestPerMinute },
) => {
  // Ingest latency runs from the first byte of the request to the commit.
  const receivedAt = new WeakMap<object, number>();
  app.addHook('onRequest', async (request) => void receivedAt.set(request, performance.now()));

  app.post(
    '/readings',
    {
      onRequest: app.auth.authenticate,
      // A refused batch is refused whole: every reading in it counts as refused.
      onResponse: async (request, reply) => {
        if (reply.statusCode < 400) return;
        const batch = (request.body as { readings?: unknown } | undefined)?.readings;
        if (Array.isArray(batch)) app.metrics.readings.inc({ outcome: 'refused' }, batch.length);
      },
      bodyLimit: 8 * 1024 * 1024,
      config: {
        rateLimit: {
          max: ingestPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `source:${request.actor?.name ?? request.ip}`,
        },
      },
      schema: {
        operationId: 'pushReadings',
        tags: ['ingest'],
        summary: 'Push readings',
        description:
          `Up to ${MAX_READINGS_PER_BATCH} readings per request. Units: rain in mm since the ` +
          "gauge's previous reading, water and tide levels in m (吴淞 datum), depths in cm, pumps " +
          '0 stopped / 1 running / 2 fault, gates 0 open / 1 closed.\n\n' +
          '**A batch is refused whole**: if any item is malformed (400 `VALIDATION_FAILED`), names ' +
          'an unknown sensor (422 `UNKNOWN_SENSOR`), lies too far in the future (422 ' +
          '`READING_IN_FUTURE`) or has an impossible value (422 `INVALID_VALUE`), nothing of the ' +
          'batch is stored, and `error.path` names the item and field, e.g. `/readings/3/at`. ' +
          'Fix the item and send the batch again. A reading whose `id` is already stored is ' +
          'acknowledged (counted in `duplicates`) and not stored twice, so a batch can be ' +
          'retried safely. The answer comes only after the commit.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(ReadingBatchBodySchema, example),
        response: {
          202: ref('ReadingsAck', ReadingsAckSchema, 'Committed', rateLimitHeaders),
          ...errors(commandErrors, {
            422: ['UNKNOWN_SENSOR', 'READING_IN_FUTURE', 'INVALID_VALUE'],
            429: ['RATE_LIMITED'],
          }),
        },
      },
    },
    async (request, reply) => {
      const stream = request.query.stream ?? 'live';
      const { events, duplicates, seq } = await app.engine.execute(
        stream,
        { type: 'recordReadings', readings: request.body.readings },
        actorOf(request),
      );
      const started = receivedAt.get(request) ?? performance.now();
      app.metrics.ingestLatency.observe((performance.now() - started) / 1000);
      const accepted = events.filter((event) => event.type === 'reading.recorded').length;
      app.metrics.readings.inc({ outcome: 'accepted' }, accepted);
      app.metrics.readings.inc({ outcome: 'duplicate' }, duplicates);
      return reply.status(202).send({ accepted, duplicates, seq });
    },
  );
};

export default readings;
