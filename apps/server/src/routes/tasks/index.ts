import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CompleteTaskBodySchema, RESPONSE_LEVELS, previewLevel } from '@floodnet/domain';
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

const taskErrors = errors({
  ...commandErrors,
  404: ['UNKNOWN_TASK'],
  409: ['TASK_DONE', 'TASK_STOOD_DOWN', 'TASK_ALREADY_ACKNOWLEDGED'],
  422: ['NOT_AN_INSPECTION', 'FINDING_NEEDS_NOTE'],
});

/** Plan tasks (预案任务): acknowledged and completed by the unit, or by a commander for it. */
const tasks: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/tasks/:id/ack',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'acknowledgeTask',
        tags: ['commands'],
        summary: 'Acknowledge a plan task',
        description: 'Roles: duty, commander, admin. The unit has seen its task.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        response: { 200: CommandAckSchema, ...taskErrors },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'acknowledgeTask',
        taskId: request.params.id,
      });
      return { seq };
    },
  );

  app.post(
    '/tasks/:id/complete',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'completeTask',
        tags: ['commands'],
        summary: 'Complete a plan task',
        description:
          'Roles: duty, commander, admin. An inspection task may carry a `finding`: `hazard` ' +
          '(with a note) marks its site on the map until a later inspection finds it `fine`.',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        body: Type.Optional(
          withExample(CompleteTaskBodySchema, {
            note: '围挡已加固',
            finding: { result: 'hazard', note: '塔吊未固定' },
          }),
        ),
        response: { 200: CommandAckSchema, ...taskErrors },
      },
    },
    async (request) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'completeTask',
        taskId: request.params.id,
        ...(request.body ?? {}),
      });
      return { seq };
    },
  );

  app.get(
    '/plans/preview',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'previewPlans',
        tags: ['state'],
        summary: 'What a response level would set off',
        description:
          'The plans a level would newly activate under the present signals and tide, and the ' +
          'tasks each would issue to whom: shown to the commander before confirming.',
        security: bearer,
        querystring: Type.Object({
          stream: StreamQuerySchema.properties.stream,
          level: Type.Union(RESPONSE_LEVELS.map((level) => Type.Literal(level))),
        }),
        response: {
          200: Type.Object({ plans: Type.Array(Type.Unknown()) }),
          ...errors({ 400: ['VALIDATION_FAILED'], 401: ['UNAUTHORIZED'], 404: ['UNKNOWN_STREAM'] }),
        },
      },
    },
    async (request) => {
      const engine = app.engine.get(request.query.stream ?? 'live');
      return { plans: previewLevel(engine.state, request.query.level) };
    },
  );
};

export default tasks;
