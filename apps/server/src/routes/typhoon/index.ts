import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CommandAckSchema, TyphoonPositionBodySchema } from '@floodnet/domain';
import { actorOf } from '../../plugins/auth.js';
import { bearer, commandErrors, errors, ref, StreamQuerySchema, withExample } from '../schemas.js';

/** Extension: the storm's position, from the simulation or a forecast feed. */
const typhoon: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/typhoon/positions',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'reportTyphoonPosition',
        tags: ['ingest'],
        summary: "Report the typhoon's position",
        description:
          'Roles: source (API key), duty, commander, admin. Updates the track and, from ' +
          'distance and wind, the typhoon warning signal and the suggested response level.',
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
          ...errors(commandErrors),
        },
      },
    },
    async (request) => {
      const { seq } = await app.engine.execute(
        request.query.stream ?? 'live',
        { type: 'reportTyphoonPosition', ...request.body },
        actorOf(request),
      );
      return { seq };
    },
  );
};

export default typhoon;
