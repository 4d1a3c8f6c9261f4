import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CheckInBodySchema } from '@floodnet/domain';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  StreamQuerySchema,
  withExample,
} from '../schemas.js';
import { CommandAckSchema } from '@floodnet/domain';
import { executeAsCaller } from '../commands.js';

/** A squad out on a job checks in (PAR); a lapse raises a `check-in` alert. */
const checkIns: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/squads/:id/check-in',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'checkInSquad',
        tags: ['commands'],
        summary: 'Check a squad in',
        description:
          'Roles: duty, commander, admin (a squad leader from the squad page once that role ' +
          'exists). A squad on scene must check in every N minutes, N configured per incident ' +
          'kind; past N the roster turns amber and a `check-in` alert (yellow) is raised, at 1.5 N ' +
          'it turns critical (red). A check-in clears the alert and restarts the clock.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        body: withExample(CheckInBodySchema, { note: '2 pumps running, crew all well' }),
        response: {
          200: CommandAckSchema,
          ...errors({ ...commandErrors, 404: ['UNKNOWN_SQUAD'], 409: ['SQUAD_NOT_ON_A_JOB'] }),
        },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'checkIn',
        squadId: request.params.id,
        ...(request.body ?? {}),
      });
      return { seq };
    },
  );
};

export default checkIns;
