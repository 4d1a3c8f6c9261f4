import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearer, errors } from '../schemas.js';
import { parseAccounts } from './csv.js';

/** Bulk accounts: the 256 property managers (or the squad leaders) in one CSV upload. */
const accounts: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: 512 * 1024 },
    (_r, body, done) => done(null, body),
  );
  app.post(
    '/users/bulk',
    {
      onRequest: app.auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        operationId: 'createUsersFromCsv',
        summary: 'Create accounts from a CSV upload',
        description:
          'Role: admin. `Content-Type: text/csv`, header `username,password,role,unit`; `unit` ' +
          'is the compound id for role `compound`, the squad id for role `squad`, empty for ' +
          'other roles. All accounts are created or none: the first line at fault is named in ' +
          'a 422 `CSV_INVALID` (path `/line/<n>`), a taken username in a 409 `USER_EXISTS`.',
        security: bearer,
        consumes: ['text/csv'],
        body: Type.String({
          examples: [
            'username,password,role,unit\npm-001,a long passphrase,compound,rc-xujiahui-001',
          ],
        }),
        response: {
          201: Type.Object({
            created: Type.Integer(),
            usernames: Type.Array(Type.String()),
          }),
          ...errors({
            400: 'VALIDATION_FAILED',
            401: 'UNAUTHORIZED',
            403: 'NOT_ALLOWED_FOR_ROLE',
            409: 'USER_EXISTS',
            415: 'UNSUPPORTED_MEDIA_TYPE',
            422: 'CSV_INVALID (the line at fault)',
          }),
        },
      },
    },
    async (request, reply) => {
      const list = parseAccounts(request.body, app.engine.live.state);
      await app.auth.createUsers(list);
      return reply
        .status(201)
        .send({ created: list.length, usernames: list.map((account) => account.username) });
    },
  );
};

export default accounts;
