import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SessionSchema } from '@floodnet/domain';
import { bearer, errors, rateLimitHeaders, ref } from '../schemas.js';

const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false, examples: [{ username: 'commander', password: '…' }] },
);

/**
 * Sign-in and sign-out. Failed attempts slow down one account from one address, so neither a
 * guesser elsewhere nor a colleague's typo in the same room locks anyone else out.
 */
const session: FastifyPluginAsyncTypebox<{ loginPerMinutePerIp: number }> = async (
  app,
  { loginPerMinutePerIp },
) => {
  app.post(
    '/session',
    {
      config: { rateLimit: { max: loginPerMinutePerIp, timeWindow: '1 minute' } },
      schema: {
        operationId: 'signIn',
        // Open to all: no sign-in.
        security: [],
        tags: ['session'],
        summary: 'Sign in',
        description:
          'Exchanges a username and password for a token. After repeated failures for one ' +
          'account from one address, that address is held off that account for a doubling ' +
          'time (429 `LOGIN_LOCKED` with `Retry-After`); the same account from another address, ' +
          'and other accounts from the same address, are not affected.',
        body: LoginBodySchema,
        response: {
          200: ref('Session', SessionSchema, 'Signed in', rateLimitHeaders),
          ...errors({
            400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
            401: ['BAD_CREDENTIALS'],
            415: ['UNSUPPORTED_MEDIA_TYPE'],
            429: ['LOGIN_LOCKED', 'RATE_LIMITED'],
          }),
        },
      },
    },
    async (request) => app.auth.login(request.body.username, request.body.password, request.ip),
  );

  app.delete(
    '/session',
    {
      schema: {
        operationId: 'signOut',
        tags: ['session'],
        summary: 'Sign out',
        description:
          'Revokes the token of this request at once: the API refuses it and sockets opened ' +
          'with it are closed.',
        security: bearer,
        response: {
          204: Type.Null({ description: 'Signed out' }),
          ...errors({ 401: ['UNAUTHORIZED'], 403: ['NOT_ALLOWED_FOR_SCOPE'] }),
        },
      },
    },
    async (request, reply) => {
      app.auth.signOut(request);
      return reply.status(204).send(null);
    },
  );
};

export default session;
