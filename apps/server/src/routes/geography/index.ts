import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors } from '../schemas.js';

const GeoJsonLayer = (description: string) =>
  Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(
        Type.Object(
          {
            type: Type.Literal('Feature'),
            id: Type.Optional(Type.String()),
            properties: Type.Record(Type.String(), Type.Unknown()),
            geometry: Type.Object(
              { type: Type.String(), coordinates: Type.Array(Type.Unknown()) },
              { description: 'Polygon, MultiPolygon or LineString (WGS-84, [lng, lat])' },
            ),
          },
          { additionalProperties: true },
        ),
      ),
    },
    { description, additionalProperties: true },
  );

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
          200: Type.Unsafe<string>(
            Type.Object(
              {
                district: GeoJsonLayer('the district boundary'),
                jiezhen: GeoJsonLayer('the 13 街镇 (subdistricts and towns)'),
                huangpu: GeoJsonLayer('the Huangpu river'),
                keyAreas: GeoJsonLayer('the key areas (重点区域)'),
              },
              { description: 'The base map', headers: cacheHeaders },
            ),
          ),
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
