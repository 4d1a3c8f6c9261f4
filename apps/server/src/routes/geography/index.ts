import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors, refText } from '../schemas.js';

const cacheHeaders = {
  etag: Type.String({ description: 'the version of the base map' }),
  'cache-control': Type.String({ description: 'public, max-age=3600' }),
};

/** Extension: the base map (district, 街镇, the Huangpu, key areas), which needs no tile server. */
const geography: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/geography',
    {
      schema: {
        operationId: 'getGeography',
        // Open to all: no sign-in.
        security: [],
        tags: ['map'],
        summary: 'The base map',
        description:
          'GeoJSON layers `{district, jiezhen, huangpu, keyAreas}` (WGS-84), the same for ' +
          'every user and every start: cache it (ETag / If-None-Match gives 304).',
        response: {
          200: refText('Geography', 'The base map', cacheHeaders),
          304: Type.Unsafe<undefined>(
            Type.Null({ description: 'Not modified (If-None-Match)', headers: cacheHeaders }),
          ),
          ...errors({}),
        },
      },
    },
    async (request, reply) => {
      const { json, etag } = app.geography;
      void reply.header('etag', etag).header('cache-control', 'public, max-age=3600');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(undefined);
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );
};

export default geography;
