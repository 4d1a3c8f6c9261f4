import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RoleSchema } from '@floodnet/domain';
import { bearer, errors } from '../schemas.js';

const NewUserSchema = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9._-]{1,64}$' }),
    password: Type.String({ minLength: 10, maxLength: 256 }),
    role: RoleSchema,
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
        operationId: 'createUser',
        tags: ['admin'],
        summary: 'Create an account',
        description: 'Role: admin. Passwords are stored as salted scrypt hashes.',
        security: bearer,
        body: NewUserSchema,
        response: {
          201: Type.Object(
            { username: Type.String(), role: RoleSchema },
            { description: 'Created' },
          ),
          ...errors({
            400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
            401: ['UNAUTHORIZED'],
            403: ['NOT_ALLOWED_FOR_ROLE'],
            409: ['USER_EXISTS'],
          }),
        },
      },
    },
    async (request, reply) => {
      const { username, password, role } = request.body;
      await app.auth.createUser(username, password, role);
      return reply.status(201).send({ username, role });
    },
  );
};

export default users;
