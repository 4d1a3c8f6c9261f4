import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MAX_POSITIONS_PER_BATCH, PositionBatchBodySchema } from '@floodnet/domain';
import { bearer, commandErrors, errors, StreamQuerySchema, withExample } from '../schemas.js';
import { executeAsCaller } from '../commands.js';

const PositionsAckSchema = Type.Object(
  {
    accepted: Type.Integer({ description: 'fixes stored by this request' }),
    flagged: Type.Integer({
      description: 'of those, fixes stored with the flag `implausible-speed` (not believed)',
    }),
    duplicates: Type.Integer({ description: 'fixes whose id was already stored (not again)' }),
    seq: Type.Integer({ description: 'the stream seq once committed' }),
  },
  { description: 'Committed', examples: [{ accepted: 2, flagged: 0, duplicates: 0, seq: 1842 }] },
);

const example = {
  positions: [
    {
      id: 'veh-pump-01@2021-07-25T12:30:00',
      unitId: 'veh-pump-01',
      at: '2021-07-25T12:30:00+08:00',
      lat: 31.1932,
      lng: 121.4365,
      speedKmh: 24,
      headingDeg: 85,
    },
  ],
};

/** Vehicle and squad trackers push their fixes with an API key; a batch is all or nothing. */
const positions: FastifyPluginAsyncTypebox<{ ingestPerMinute: number }> = async (
  app,
  { ingestPerMinute },
) => {
  const receivedAt = new WeakMap<object, number>();
  app.addHook('onRequest', async (request) => void receivedAt.set(request, performance.now()));

  app.post(
    '/positions',
    {
      onRequest: app.auth.authenticateIngest,
      bodyLimit: 8 * 1024 * 1024,
      config: {
        rateLimit: {
          max: ingestPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `tracker:${request.actor?.name ?? request.ip}`,
        },
      },
      schema: {
        operationId: 'recordPositions',
        tags: ['ingest'],
        summary: 'Push vehicle and squad positions',
        description:
          `Up to ${MAX_POSITIONS_PER_BATCH} fixes per request, WGS-84, from a tracking key. ` +
          '`unitId` is a team, squad or vehicle of the catalogue.\n\n' +
          '**A batch is refused whole**, with `error.path` naming the item and field, when any fix ' +
          'is malformed (400 `VALIDATION_FAILED`), names an unknown unit (422 `UNKNOWN_UNIT`), lies ' +
          'too far in the future (422 `POSITION_IN_FUTURE`) or **far outside the district** (422 ' +
          '`POSITION_OUT_OF_AREA`, more than 30 km from its centre: a misconfigured tracker). ' +
          'A fix implying **more than 200 km/h** since the unit’s last believed one is a GNSS jump ' +
          'of a real vehicle: it is **stored with the flag `implausible-speed`** (counted in ' +
          '`flagged`) and does not move the unit on the map, so one glitch does not throw away ' +
          'the other vehicles’ fixes. A fix whose `id` is already stored is acknowledged (counted ' +
          'in `duplicates`) and not stored twice. The answer comes only after the commit.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(PositionBatchBodySchema, example),
        response: {
          202: PositionsAckSchema,
          ...errors({
            ...commandErrors,
            403: ['NOT_ALLOWED_FOR_ROLE'],
            422: ['UNKNOWN_UNIT', 'POSITION_IN_FUTURE', 'POSITION_OUT_OF_AREA'],
            429: ['RATE_LIMITED'],
          }),
        },
      },
    },
    async (request, reply) => {
      const { events, duplicates, seq } = await executeAsCaller(app, request, {
        type: 'recordPositions',
        positions: request.body.positions,
      });
      const started = receivedAt.get(request) ?? performance.now();
      app.metrics.ingestLatency.observe((performance.now() - started) / 1000);
      let flagged = 0;
      for (const event of events)
        if (event.type === 'unit.positionReported' && event.data.flag !== null) flagged += 1;
      return reply.status(202).send({ accepted: events.length, flagged, duplicates, seq });
    },
  );
};

export default positions;
