import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CommandAckSchema, ResponseLevelBodySchema } from '@floodnet/domain';
import { bearer, commandErrors, errors, ref, StreamQuerySchema, withExample } from '../schemas.js';
import { executeAsCaller } from '../commands.js';

/** The commander raises or stands down the district's emergency response level. */
const responseLevel: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/response-level',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'setResponseLevel',
        tags: ['commands'],
        summary: 'Set the emergency response level',
        description:
          'Roles: commander, admin. `IV` (lowest) to `I` (highest), or null to stand down. ' +
          'floodnet only suggests a level from the warning signals; a person decides.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(ResponseLevelBodySchema, { level: 'III' }),
        response: {
          200: ref('CommandAck', CommandAckSchema, 'Set and committed'),
          ...errors(commandErrors),
        },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'setResponseLevel',
        level: request.body.level,
      });
      return { seq };
    },
  );
};

export default responseLevel;
