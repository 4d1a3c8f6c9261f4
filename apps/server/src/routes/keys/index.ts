import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearer, errors } from '../schemas.js';

/** Administration: API keys for gauge networks and integrators. */
const keys: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/keys',
    {
      onRequest: app.auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Issue an API key',
        description:
          'Role: admin. The key is shown once; floodnet keeps only its hash. It acts as ' +
          '`{name, role: "source"}`: it may push readings and typhoon positions and read the ' +
          'state and the log. Issuing a key for a name that has one replaces (revokes) the old.',
        security: bearer,
        body: Type.Object(
          { name: Type.String({ pattern: '^[a-zA-Z0-9._-]{1,64}$' }) },
          { additionalProperties: false, examples: [{ name: 'xuhui-gauges' }] },
        ),
        response: {
          201: Type.Object({ name: Type.String(), key: Type.String() }),
          ...errors({ 400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 403: 'NOT_ALLOWED_FOR_ROLE' }),
        },
      },
    },
    async (request, reply) => {
      const { name } = request.body;
      return reply.status(201).send({ name, key: app.auth.issueKey(name) });
    },
  );
};

export default keys;
