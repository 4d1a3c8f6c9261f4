import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

/** Extension: what the web app needs to know before sign-in. */
const config: FastifyPluginAsyncTypebox<{ tiles: string | null; sim: boolean }> = async (
  app,
  { tiles, sim },
) => {
  app.get(
    '/config',
    {
      schema: {
        tags: ['map'],
        summary: 'Public client configuration',
        response: {
          200: Type.Object(
            {
              tiles: Type.Union([Type.String(), Type.Null()], {
                description: 'tile URL template (FLOODNET_TILES), or null: base map only',
              }),
              sim: Type.Boolean({ description: 'the simulation drives live' }),
              drill: Type.Boolean({ description: 'drills (replay, forks, reports) are available' }),
            },
            { examples: [{ tiles: null, sim: true, drill: true }] },
          ),
        },
      },
    },
    async () => ({ tiles, sim, drill: true }),
  );
};

export default config;
