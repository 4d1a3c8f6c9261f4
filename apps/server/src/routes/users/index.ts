import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RoleSchema, UserCreatedSchema } from '@floodnet/domain';
import { bearer, errors, ref } from '../schemas.js';
import { checkBinding } from '../accounts/binding.js';

const Username = Type.String({ pattern: '^[a-zA-Z0-9._-]{1,64}$' });
const Password = Type.String({ minLength: 10, maxLength: 256 });

const NewUserSchema = Type.Object(
  {
    username: Username,
    password: Password,
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

const UserChangeSchema = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ disabled: true }] },
);

const UserSchema = Type.Object({
  username: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
});

const UsernameParams = Type.Object({ username: Username });
const adminErrors = { 401: ['UNAUTHORIZED'], 403: ['NOT_ALLOWED_FOR_ROLE'] } as const;

/** Administration: accounts for the people in the command room. */
const users: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.auth.requireRole('admin');

  app.get(
    '/users',
    {
      onRequest: admin,
      schema: {
        operationId: 'listUsers',
        tags: ['admin'],
        summary: 'List the accounts',
        security: bearer,
        response: { 200: Type.Object({ users: Type.Array(UserSchema) }), ...errors(adminErrors) },
      },
    },
    async () => ({ users: app.auth.listUsers() }),
  );

  app.post(
    '/users',
    {
      onRequest: admin,
      schema: {
        operationId: 'createUser',
        tags: ['admin'],
        summary: 'Create an account',
        description: 'Role: admin. Passwords are stored as salted scrypt hashes.',
        security: bearer,
        body: NewUserSchema,
        response: {
          201: ref('UserCreated', UserCreatedSchema, 'Created'),
          ...errors({
            400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
            401: ['UNAUTHORIZED'],
            403: ['NOT_ALLOWED_FOR_ROLE'],
            409: ['USER_EXISTS'],
            422: ['BINDING_INVALID'],
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

  app.patch(
    '/users/:username',
    {
      onRequest: admin,
      schema: {
        operationId: 'updateUser',
        tags: ['admin'],
        summary: 'Change the role, disable or enable, or set the password of an account',
        description:
          "Role: admin. Every change revokes the account's tokens and closes its sockets: the " +
          'person signs in again (a disabled account cannot). The last enabled admin cannot be ' +
          'disabled or demoted (409 `LAST_ADMIN`).',
        security: bearer,
        params: UsernameParams,
        body: UserChangeSchema,
        response: {
          200: UserSchema,
          ...errors({
            ...adminErrors,
            400: ['VALIDATION_FAILED'],
            404: ['UNKNOWN_USER'],
            409: ['LAST_ADMIN'],
          }),
        },
      },
    },
    async (request) => app.auth.updateUser(request.params.username, request.body),
  );

  app.delete(
    '/users/:username',
    {
      onRequest: admin,
      schema: {
        operationId: 'removeUser',
        tags: ['admin'],
        summary: 'Remove an account',
        description:
          "Role: admin. Revokes the account's tokens and closes its sockets. The last enabled " +
          'admin cannot be removed (409 `LAST_ADMIN`).',
        security: bearer,
        params: UsernameParams,
        response: {
          204: Type.Null({ description: 'Removed' }),
          ...errors({ ...adminErrors, 404: ['UNKNOWN_USER'], 409: ['LAST_ADMIN'] }),
        },
      },
    },
    async (request, reply) => {
      app.auth.removeUser(request.params.username);
      return reply.status(204).send(null);
    },
  );
};

export default users;
