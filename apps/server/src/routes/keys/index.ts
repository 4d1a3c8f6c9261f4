import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearer, errors } from '../schemas.js';

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

/** Administration: API keys for gauge networks and integrators. */
const keys: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/keys',
    {
      onRequest: app.auth.requireRole('admin'),
      schema: {
        operationId: 'issueKey',
        tags: ['admin'],
        summary: 'Issue an API key',
        description:
          'Role: admin. The key is shown once; floodnet keeps only its hash. It acts as ' +
          '`{name, role: "source"}`: it may push readings and typhoon positions and read the ' +
          'state and the log. Issuing a key for a name that has one replaces (revokes) the old.',
        security: bearer,
        body: Type.Object(
          { name: KeyNameSchema },
          { additionalProperties: false, examples: [{ name: '徐汇 雨量站网' }] },
        ),
        response: {
          201: Type.Object(
            { name: Type.String(), key: Type.String({ description: 'shown once' }) },
            { description: 'Issued' },
          ),
          ...errors({
            400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
            401: ['UNAUTHORIZED'],
            403: ['NOT_ALLOWED_FOR_ROLE'],
          }),
        },
      },
    },
    async (request, reply) => {
      const { name } = request.body;
      return reply.status(201).send({ name, key: app.auth.issueKey(name) });
    },
  );
};

export default keys;
