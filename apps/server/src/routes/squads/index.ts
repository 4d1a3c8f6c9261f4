import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CommandAckSchema, SquadStatusBodySchema } from '@floodnet/domain';
import { IdempotencyHeadersSchema, once } from '../idempotency.js';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  ref,
  StreamQuerySchema,
  withExample,
} from '../schemas.js';
import { executeAsCaller } from '../commands.js';

/** A squad's progress: standby → assigned → en-route → on-scene → returning → standby. */
const squads: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/squads/:id/status',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'changeSquadStatus',
        tags: ['commands'],
        summary: "Change a squad's status",
        description:
          'Roles: duty, commander, admin, squad (its own squad). A phone resending with the ' +
          'same `Idempotency-Key` gets the first answer instead of a second change. Allowed steps: standby → unavailable; assigned → ' +
          'en-route, returning, standby; en-route → on-scene, returning; on-scene → returning; ' +
          'returning → standby, unavailable; unavailable → standby.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        headers: IdempotencyHeadersSchema,
        body: withExample(SquadStatusBodySchema, { status: 'en-route' }),
        response: {
          200: ref('CommandAck', CommandAckSchema, 'Changed and committed'),
          ...errors(commandErrors, { 404: ['UNKNOWN_SQUAD'], 409: ['INVALID_STATUS_CHANGE'] }),
        },
      },
    },
    async (request) =>
      once(request, async () => {
        const { seq } = await executeAsCaller(app, request, {
          type: 'changeSquadStatus',
          squadId: request.params.id,
          status: request.body.status,
        });
        return { seq };
      }),
  );
};

export default squads;
