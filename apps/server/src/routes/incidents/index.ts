import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssignSquadBodySchema,
  CommandAckSchema,
  CreatedSchema,
  ReportIncidentBodySchema,
} from '@floodnet/domain';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  ref,
  StreamQuerySchema,
  withExample,
} from '../schemas.js';
import { createdId, executeAsCaller } from '../commands.js';

/** Incidents: opened by duty officers and commanders, squads assigned by commanders. */
const incidents: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/incidents',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'reportIncident',
        tags: ['commands'],
        summary: 'Report an incident',
        description: 'Roles: duty, commander, admin. Answers with the new incident id.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(ReportIncidentBodySchema, {
          kind: 'waterlogging',
          location: { lat: 31.211, lng: 121.441 },
          description: '永福路 30 cm of water, cars stalled',
        }),
        response: {
          201: ref('Created', CreatedSchema, 'Reported and committed'),
          ...errors(commandErrors, { 404: ['UNKNOWN_POINT'] }),
        },
      },
    },
    async (request, reply) => {
      const { events, seq } = await executeAsCaller(app, request, {
        type: 'reportIncident',
        ...request.body,
      });
      const id = createdId(events, 'incident.reported', (event) => event.data.incidentId);
      return reply.status(201).send({ id, seq });
    },
  );

  app.post(
    '/incidents/:id/assign',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'assignSquad',
        tags: ['commands'],
        summary: 'Assign a squad to an incident',
        description:
          'Roles: commander, admin. Only a squad on standby can be assigned: when two ' +
          'commanders race for one squad, one succeeds and the other gets 409 ' +
          '`SQUAD_NOT_FREE` saying where the squad is.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        body: withExample(AssignSquadBodySchema, { squadId: 'squad-pump-truck' }),
        response: {
          200: ref('CommandAck', CommandAckSchema, 'Assigned and committed'),
          ...errors(commandErrors, {
            404: ['UNKNOWN_INCIDENT', 'UNKNOWN_SQUAD'],
            409: ['SQUAD_NOT_FREE', 'INCIDENT_RESOLVED'],
          }),
        },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'assignSquad',
        incidentId: request.params.id,
        squadId: request.body.squadId,
      });
      return { seq };
    },
  );

  app.post(
    '/incidents/:id/resolve',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'resolveIncident',
        tags: ['commands'],
        summary: 'Resolve an incident',
        description: 'Roles: commander, admin. Squads still out on it are sent back (returning).',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        response: {
          200: ref('CommandAck', CommandAckSchema, 'Resolved and committed'),
          ...errors(commandErrors, { 404: ['UNKNOWN_INCIDENT'], 409: ['INCIDENT_RESOLVED'] }),
        },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'resolveIncident',
        incidentId: request.params.id,
      });
      return { seq };
    },
  );
};

export default incidents;
