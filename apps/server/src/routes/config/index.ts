import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClientConfigSchema } from '@floodnet/domain';
import { errors, ref } from '../schemas.js';

/** Extension: what the web app needs to know before sign-in. */
const config: FastifyPluginAsyncTypebox<{ tiles: string | null; sim: boolean }> = async (
  app,
  { tiles, sim },
) => {
  app.get(
    '/config',
    {
      schema: {
        operationId: 'getConfig',
        // Open to all: no sign-in.
        security: [],
        tags: ['map'],
        summary: 'Public client configuration',
        description: 'No sign-in needed: what the web app needs to know before sign-in.',
        response: {
          200: ref('ClientConfig', ClientConfigSchema, 'The configuration'),
          ...errors({}),
        },
      },
    },
    async () => ({ tiles, sim, drill: true }),
  );
};

export default config;
