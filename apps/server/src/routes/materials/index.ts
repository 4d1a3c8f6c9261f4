import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  MATERIAL_TYPES,
  RequestMaterialsBodySchema,
  ReturnMaterialsBodySchema,
  type MaterialStep,
} from '@floodnet/domain';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  ref,
  StreamQuerySchema,
  withExample,
  type ErrorCodes,
} from '../schemas.js';
import { CommandAckSchema, CreatedSchema } from '@floodnet/domain';
import { createdId, executeAsCaller } from '../commands.js';

const units = Object.entries(MATERIAL_TYPES)
  .map(([type, info]) => `\`${type}\` (${info.unit})`)
  .join(', ');

const STEPS: Record<MaterialStep, { summary: string; operationId: string }> = {
  dispatch: { summary: 'Materials leave the store', operationId: 'dispatchMaterials' },
  deliver: { summary: 'Materials arrive at the incident', operationId: 'deliverMaterials' },
  return: { summary: 'Materials come back to the store', operationId: 'returnMaterials' },
  'use-up': { summary: 'Materials are used up', operationId: 'useUpMaterials' },
};

function stepErrors(step: MaterialStep): ErrorCodes {
  const codes: ErrorCodes = {
    ...commandErrors,
    404: ['UNKNOWN_MATERIAL_REQUEST'],
    409: ['INVALID_MATERIAL_STEP'],
  };
  if (step === 'return') codes[422] = ['RETURN_EXCEEDS_SENT'];
  return codes;
}

/** Materials from the warehouses and staging points to incidents, and back. */
const materials: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/incidents/:id/materials',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'requestMaterials',
        tags: ['commands'],
        summary: 'Send materials from a store to an incident',
        description:
          `Roles: commander, admin. Types and units: ${units}. The quantities leave the ` +
          "store's stock at once, so two commanders taking the last stock get one success and " +
          'one 409 `INSUFFICIENT_STOCK`, whose message names what is left and whose `path` the ' +
          'type (`/items/sandbags`). Stock falling below its reserve raises a `low-stock` alert ' +
          '(yellow; red at zero). `vehicleId` names the vehicle that carries them.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        body: withExample(RequestMaterialsBodySchema, {
          fromId: 'vs-xujiahui',
          items: { sandbags: 200 },
          vehicleId: 'veh-pump-01',
        }),
        response: {
          201: ref('Created', CreatedSchema, 'Requested'),
          ...errors({
            ...commandErrors,
            404: ['UNKNOWN_INCIDENT', 'UNKNOWN_STORE', 'UNKNOWN_VEHICLE'],
            409: ['INSUFFICIENT_STOCK', 'INCIDENT_RESOLVED'],
          }),
        },
      },
    },
    async (request, reply) => {
      const { events, seq } = await executeAsCaller(app, request, {
        type: 'requestMaterials',
        incidentId: request.params.id,
        ...request.body,
      });
      const id = createdId(events, 'materials.requested', (event) => event.data.requestId);
      return reply.status(201).send({ id, seq });
    },
  );

  for (const step of Object.keys(STEPS) as MaterialStep[]) {
    app.post(
      `/materials/:id/${step}`,
      {
        onRequest: app.auth.authenticate,
        schema: {
          operationId: STEPS[step].operationId,
          tags: ['commands'],
          summary: STEPS[step].summary,
          description:
            'Roles: duty, commander, admin. Steps: requested → dispatch → deliver → return or ' +
            'use-up; a request may be returned (called back) at any step before it is used up. ' +
            (step === 'return'
              ? 'Without `items` everything sent comes back; what does not come back counts as used.'
              : ''),
          security: bearer,
          params: IdParamsSchema,
          querystring: StreamQuerySchema,
          body: step === 'return' ? ReturnMaterialsBodySchema : Type.Optional(Type.Object({})),
          response: {
            200: CommandAckSchema,
            ...errors(stepErrors(step)),
          },
        },
      },
      async (request) => {
        const body = (request.body ?? {}) as { items?: Record<string, number> };
        const { seq } = await executeAsCaller(app, request, {
          type: 'advanceMaterials',
          requestId: request.params.id,
          step,
          ...(body.items ? { returned: body.items } : {}),
        });
        return { seq };
      },
    );
  }
};

export default materials;
