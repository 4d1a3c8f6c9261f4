import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearer, errors, StreamQuerySchema } from '../schemas.js';
import { stateToGeoJson } from './geojson.js';

const readErrors = errors({
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  404: 'UNKNOWN_STREAM',
});

/** The current picture of a stream, as the domain's state or as GeoJSON for any GIS. */
const state: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/state',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['state'],
        summary: 'The current picture',
        description:
          'The whole state of a stream (`live` or `drill:<id>`) after `seq` events: the same ' +
          'object a client folds with `evolve`, so its `stateHash` can be compared.',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: Type.Object({
            stream: Type.String(),
            seq: Type.Integer(),
            state: Type.Unknown({ description: "The domain's State" }),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => {
      const stream = request.query.stream ?? 'live';
      const engine = app.engine.get(stream);
      return { stream, seq: engine.state.seq, state: engine.state };
    },
  );

  app.get(
    '/state.geojson',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['state'],
        summary: 'The current picture as GeoJSON',
        description:
          'A FeatureCollection (WGS-84) of every asset, unit and open incident, and the key ' +
          'areas. Each feature has `properties.kind`, `.id`, `.name`, `.status`, plus `nameEn`, ' +
          '`specialty` (units), `lastValue`, `lastAt`, `stale` (sensors) and `depth` (cm, ' +
          'waterlogging points and underpasses).',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: Type.Object(
            { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
            { description: 'GeoJSON FeatureCollection' },
          ),
          ...readErrors,
        },
      },
    },
    async (request, reply) => {
      const engine = app.engine.get(request.query.stream ?? 'live');
      void reply.type('application/geo+json');
      return stateToGeoJson(engine.state, app.geography.keyAreas);
    },
  );
};

export default state;
