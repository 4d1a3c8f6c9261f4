import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CommandAckSchema, TyphoonPositionBodySchema } from '@floodnet/domain';
import type { ResolvedOptions } from '../../config.js';
import { admitPosition } from '../../engine/admission.js';
import { actorOf } from '../../plugins/auth.js';
import { bearer, commandErrors, errors, ref, StreamQuerySchema, withExample } from '../schemas.js';

/** Extension: the storm's position, from the simulation or a forecast feed. */
const typhoon: FastifyPluginAsyncTypebox<{ options: ResolvedOptions }> = async (
  app,
  { options },
) => {
  app.post(
    '/typhoon/positions',
    {
      onRequest: app.auth.authenticateIngest,
      schema: {
        operationId: 'reportTyphoonPosition',
        tags: ['ingest'],
        summary: "Report the typhoon's position",
        description:
          'Roles: source (API key), duty, commander, admin. Updates the track and, from ' +
          'distance and wind, the typhoon warning signal and the suggested response level. `at` ' +
          'must be a real instant (422 `INVALID_TIME`) and, on `live`, inside the live window ' +
          `(${options.liveWindow.pastSec} s back to ${options.liveWindow.futureSec} s ahead; ` +
          '422 `TIME_TOO_OLD`), so no position can move the live clock into another year.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(TyphoonPositionBodySchema, {
          at: '2021-07-25T14:00:00+08:00',
          name: 'In-Fa',
          lat: 30.1,
          lng: 122.1,
          windMs: 38,
          pressureHpa: 965,
        }),
        response: {
          200: ref('CommandAck', CommandAckSchema, 'Recorded and committed'),
          ...errors(commandErrors, {
            422: ['INVALID_TIME', 'TIME_TOO_OLD', 'READING_IN_FUTURE'],
            507: ['DISK_FULL'],
          }),
        },
      },
    },
    async (request) => {
      const stream = request.query.stream ?? 'live';
      const engine = app.engine.get(stream);
      const position = admitPosition(request.body, engine.clock.now(), stream, options);
      const { seq } = await engine.execute(
        { type: 'reportTyphoonPosition', ...position },
        actorOf(request),
      );
      return { seq };
    },
  );
};

export default typhoon;
