import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RoleSchema } from '@floodnet/domain';
import { bearer, errors } from '../schemas.js';
import { checkBinding } from '../accounts/binding.js';

const NewUserSchema = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9._-]{1,64}$' }),
    password: Type.String({ minLength: 10, maxLength: 256 }),
    role: RoleSchema,
    /** Required for role `compound`: the one compound it acts for. */
    compoundId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    /** Required for role `squad`: the one team or squad it acts for. */
    squadId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  {
    additionalProperties: false,
    examples: [{ username: 'wang.duty', password: 'a long passphrase', role: 'duty' }],
  },
);

/** Administration: accounts for the people in the command room. */
const users: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/users',
    {
      onRequest: app.auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Create an account',
        description: 'Role: admin. Passwords are stored as salted scrypt hashes.',
        security: bearer,
        body: NewUserSchema,
        response: {
          201: Type.Object({
            username: Type.String(),
            role: RoleSchema,
            compoundId: Type.Optional(Type.String()),
            squadId: Type.Optional(Type.String()),
          }),
          ...errors({
            400: 'VALIDATION_FAILED',
            401: 'UNAUTHORIZED',
            403: 'NOT_ALLOWED_FOR_ROLE',
            409: 'USER_EXISTS',
            422: 'BINDING_INVALID (compound / squad missing, unknown or not for this role)',
          }),
        },
      },
    },
    async (request, reply) => {
      const { username, password, role } = request.body;
      const unitId = checkBinding(app.engine.live.state, request.body);
      await app.auth.createUser(username, password, role, unitId);
      const bound =
        unitId === undefined
          ? {}
          : role === 'compound'
            ? { compoundId: unitId }
            : { squadId: unitId };
      return reply.status(201).send({ username, role, ...bound });
    },
  );
};

export default users;
