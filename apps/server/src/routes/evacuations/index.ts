import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EvacuationBodySchema, evacuationTotals } from '@floodnet/domain';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  ref,
  StreamQuerySchema,
  withExample,
} from '../schemas.js';
import { CommandAckSchema, CreatedSchema } from '@floodnet/domain';
import { createdId, executeAsCaller } from '../commands.js';

/** Evacuation (转移安置): people moved to resettlement sites, and back when it is over. */
const evacuations: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/evacuations',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'recordEvacuation',
        tags: ['commands'],
        summary: 'Move people to a resettlement site',
        description:
          'Roles: duty, commander, admin. A site that would overflow refuses with 409 ' +
          '`SITE_FULL`; the message and `details.nearestSiteId` name the nearest site, from where ' +
          'the people are, that can take them all.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(EvacuationBodySchema, {
          fromId: 'hz-construction-xujiahui-1',
          toSiteId: 'shelter-guilin-school',
          people: 200,
        }),
        response: {
          201: ref('Created', CreatedSchema, 'Recorded'),
          ...errors({
            ...commandErrors,
            404: ['UNKNOWN_POINT', 'UNKNOWN_SITE'],
            409: ['SITE_FULL'],
          }),
        },
      },
    },
    async (request, reply) => {
      const { events, seq } = await executeAsCaller(app, request, {
        type: 'recordEvacuation',
        ...request.body,
      });
      const id = createdId(events, 'evacuation.recorded', (event) => event.data.evacuationId);
      return reply.status(201).send({ id, seq });
    },
  );

  app.post(
    '/evacuations/:id/returned',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'recordReturn',
        tags: ['commands'],
        summary: 'The people of an evacuation have gone home',
        description: 'Roles: duty, commander, admin. Frees their places at the site.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        response: {
          200: CommandAckSchema,
          ...errors({ ...commandErrors, 404: ['UNKNOWN_EVACUATION'], 409: ['ALREADY_RETURNED'] }),
        },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'recordReturn',
        evacuationId: request.params.id,
      });
      return { seq };
    },
  );

  app.get(
    '/evacuations',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'evacuationTotals',
        tags: ['state'],
        summary: 'People moved: totals by day and by 街镇, and each site against its capacity',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: Type.Object({
            totals: Type.Object({
              moved: Type.Integer(),
              returned: Type.Integer(),
              atSites: Type.Integer(),
              byDay: Type.Record(Type.String(), Type.Integer()),
              byJiezhen: Type.Record(Type.String(), Type.Integer()),
            }),
            sites: Type.Array(
              Type.Object({
                siteId: Type.String(),
                name: Type.String(),
                capacity: Type.Integer(),
                occupancy: Type.Integer(),
              }),
            ),
          }),
          ...errors({ 400: ['VALIDATION_FAILED'], 401: ['UNAUTHORIZED'], 404: ['UNKNOWN_STREAM'] }),
        },
      },
    },
    async (request) => {
      const state = app.engine.get(request.query.stream ?? 'live').state;
      const sites = Object.values(state.assets).flatMap((asset) =>
        asset.kind === 'resettlement-site'
          ? [
              {
                siteId: asset.id,
                name: asset.name,
                capacity: asset.capacity,
                occupancy: state.occupancy[asset.id] ?? 0,
              },
            ]
          : [],
      );
      return { totals: evacuationTotals(state), sites };
    },
  );
};

export default evacuations;
