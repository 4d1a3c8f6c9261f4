import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CommandAckSchema } from '@floodnet/domain';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  ref,
  StreamQuerySchema,
} from '../schemas.js';
import { executeAsCaller } from '../commands.js';

/** The duty officer acknowledges an alarm: someone has seen it. */
const alerts: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/alerts/:id/ack',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'acknowledgeAlert',
        tags: ['commands'],
        summary: 'Acknowledge an alert',
        description: 'Roles: duty, commander, admin. An escalated alert needs acknowledging again.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        response: {
          200: ref('CommandAck', CommandAckSchema, 'Acknowledged and committed'),
          ...errors(commandErrors, {
            404: ['UNKNOWN_ALERT'],
            409: ['ALERT_ALREADY_ACKNOWLEDGED', 'ALERT_CLEARED'],
          }),
        },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'acknowledgeAlert',
        alertId: request.params.id,
      });
      return { seq };
    },
  );
};

export default alerts;
