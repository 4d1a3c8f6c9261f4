import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  KeyIssuedSchema,
  KeyScopeSchema,
  normaliseIsoTime,
  WireTimeSchema,
} from '@floodnet/domain';
import { bearer, errors, ref } from '../schemas.js';

/**
 * A key's name is a label for people ("徐汇 雨量站网"): any text of 1–64 characters, counted as
 * Unicode code points, not bytes, with no control characters and not only blanks.
 */
const KeyNameSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$',
  description: 'a label: any text of 1–64 characters, e.g. 徐汇 雨量站网',
});
const adminErrors = {
  400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
  401: ['UNAUTHORIZED'],
  403: ['NOT_ALLOWED_FOR_ROLE'],
} as const;

/** Administration: API keys for gauge networks and integrators. */
const keys: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.auth.requireRole('admin');

  app.get(
    '/keys',
    {
      onRequest: admin,
      schema: {
        operationId: 'listKeys',
        tags: ['admin'],
        summary: 'List the API keys (names and scopes; the keys themselves are never kept)',
        security: bearer,
        response: {
          200: Type.Object({
            keys: Type.Array(
              Type.Object({
                id: Type.String(),
                scopes: Type.Array(KeyScopeSchema),
                createdAt: WireTimeSchema,
              }),
            ),
          }),
          ...errors(adminErrors),
        },
      },
    },
    async () => ({
      keys: app.auth
        .listKeys()
        // Stored as the wall clock's UTC text; answered, like every time, in +08:00.
        .map(({ name, scopes, createdAt }) => ({
          id: name,
          scopes,
          createdAt: normaliseIsoTime(createdAt) ?? createdAt,
        })),
    }),
  );

  app.post(
    '/keys',
    {
      onRequest: admin,
      schema: {
        operationId: 'issueKey',
        tags: ['admin'],
        summary: 'Issue an API key',
        description:
          'Role: admin. The key is shown once; floodnet keeps only its hash. It acts as ' +
          '`{name, role: "source"}` with its scopes: `ingest` (the default) pushes readings and ' +
          'typhoon positions into `live` — never into a drill; `read` (granted only when asked ' +
          'for) reads the state, the log and the socket. Issuing a key for a name that has one ' +
          "replaces (revokes) the old, and the old key's sockets are closed. The key's id is " +
          'its name.',
        security: bearer,
        body: Type.Object(
          {
            name: KeyNameSchema,
            scopes: Type.Optional(Type.Array(KeyScopeSchema, { minItems: 1, maxItems: 2 })),
          },
          { additionalProperties: false, examples: [{ name: '徐汇 雨量站网' }] },
        ),
        response: {
          201: ref('KeyIssued', KeyIssuedSchema, 'Issued'),
          ...errors(adminErrors),
        },
      },
    },
    async (request, reply) => {
      const { name, scopes = ['ingest'] } = request.body;
      const key = app.auth.issueKey(name, scopes);
      return reply.status(201).send({ id: name, name, key, scopes: [...new Set(scopes)] });
    },
  );

  app.delete(
    '/keys/:id',
    {
      onRequest: admin,
      schema: {
        operationId: 'revokeKey',
        tags: ['admin'],
        summary: 'Revoke an API key',
        description: 'Role: admin. The key is refused from now on and its sockets are closed.',
        security: bearer,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          204: Type.Null({ description: 'Revoked' }),
          ...errors({ ...adminErrors, 404: ['UNKNOWN_KEY'] }),
        },
      },
    },
    async (request, reply) => {
      app.auth.removeKey(request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default keys;
