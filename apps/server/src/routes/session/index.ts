import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RoleSchema } from '@floodnet/domain';
import { errors } from '../schemas.js';

const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false, examples: [{ username: 'commander', password: '…' }] },
);

const SessionSchema = Type.Object({
  token: Type.String({ description: 'Bearer token for the API and the socket, valid one shift' }),
  role: RoleSchema,
  expiresAt: Type.String({ description: 'ISO-8601 expiry (8 hours: one shift)' }),
  compoundId: Type.Optional(
    Type.String({ description: 'the compound a `compound` account acts for' }),
  ),
  squadId: Type.Optional(Type.String({ description: 'the squad a `squad` account acts for' })),
});

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
        tags: ['session'],
        summary: 'Sign in',
        description:
          'Exchanges a username and password for a token. After repeated failures for one ' +
          'account that account is locked for a doubling time (429 `LOGIN_LOCKED` with ' +
          '`Retry-After`); other accounts behind the same address are not affected.',
        body: LoginBodySchema,
        response: {
          200: SessionSchema,
          ...errors({
            400: 'VALIDATION_FAILED',
            401: 'BAD_CREDENTIALS',
            429: 'LOGIN_LOCKED (this account), RATE_LIMITED (this address)',
          }),
        },
      },
    },
    async (request) => app.auth.login(request.body.username, request.body.password),
  );
};

export default session;
