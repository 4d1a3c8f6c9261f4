import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MAX_READINGS_PER_BATCH,
  ReadingBatchBodySchema,
  ReadingsAckSchema,
} from '@floodnet/domain';
import type { ResolvedOptions } from '../../config.js';
import { admitReadings } from '../../engine/admission.js';
import { actorOf } from '../../plugins/auth.js';
import { ReadingBudget } from './limiter.js';
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
const readings: FastifyPluginAsyncTypebox<{ options: ResolvedOptions }> = async (
  app,
  { options },
) => {
  const budget = new ReadingBudget(options.ingestPerMinute);
  // Ingest latency runs from the first byte of the request to the commit.
  const receivedAt = new WeakMap<object, number>();
  app.addHook('onRequest', async (request) => void receivedAt.set(request, performance.now()));

  app.post(
    '/readings',
    {
      onRequest: app.auth.authenticateIngest,
      // A refused batch is refused whole: every reading in it counts as refused.
      onResponse: async (request, reply) => {
        if (reply.statusCode < 400) return;
        const batch = (request.body as { readings?: unknown } | undefined)?.readings;
        if (Array.isArray(batch)) app.metrics.readings.inc({ outcome: 'refused' }, batch.length);
      },
      bodyLimit: 8 * 1024 * 1024,
      // Counted in readings once the body is known, before anything is decided.
      preHandler: async (request) => {
        const sender = `${request.actor?.role}:${request.actor?.name ?? request.ip}`;
        budget.take(sender, request.body.readings.length, Date.now());
      },
      schema: {
        operationId: 'pushReadings',
        tags: ['ingest'],
        summary: 'Push readings',
        description:
          `Up to ${MAX_READINGS_PER_BATCH} readings per request, and ` +
          `${options.ingestPerMinute} readings per minute per key (429 \`RATE_LIMITED\` with ` +
          '`Retry-After` beyond). Keys need the `ingest` scope and write into `live` only. ' +
          'Units: rain in mm since the ' +
          "gauge's previous reading, water and tide levels in m (吴淞 datum), depths in cm, pumps " +
          '0 stopped / 1 running / 2 fault, gates 0 open / 1 closed; values outside the configured ' +
          'plausible range of the sensor kind are refused (422 `INVALID_VALUE` naming the ' +
          'range). `at` must be a real instant (422 `INVALID_TIME`) and, on `live`, within the ' +
          `window of ${options.liveWindow.pastSec} s back to ${options.liveWindow.futureSec} s ` +
          'ahead of the live clock (422 `READING_IN_FUTURE` or `TIME_TOO_OLD`); stored in +08:00.\n\n' +
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
            403: ['NOT_ALLOWED_FOR_SCOPE'],
            422: [
              'UNKNOWN_SENSOR',
              'READING_IN_FUTURE',
              'INVALID_VALUE',
              'INVALID_TIME',
              'TIME_TOO_OLD',
            ],
            429: ['RATE_LIMITED'],
            507: ['DISK_FULL'],
          }),
        },
      },
    },
    async (request, reply) => {
      const stream = request.query.stream ?? 'live';
      const engine = app.engine.get(stream);
      const admitted = admitReadings(
        request.body.readings,
        engine.state,
        engine.clock.now(),
        stream,
        options,
      );
      const { events, duplicates, seq } = await engine.execute(
        { type: 'recordReadings', readings: admitted },
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
