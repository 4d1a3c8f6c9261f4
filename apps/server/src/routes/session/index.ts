import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SessionSchema } from '@floodnet/domain';
import { errors, rateLimitHeaders, ref } from '../schemas.js';

const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false, examples: [{ username: 'commander', password: '…' }] },
);

/** Sign-in: failed attempts are counted per account, so one room's address can sign in many. */
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
          'account that account is locked for a doubling time (429 `LOGIN_LOCKED` with ' +
          '`Retry-After`); other accounts behind the same address are not affected.',
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
    async (request) => app.auth.login(request.body.username, request.body.password),
  );
};

export default session;
