import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearer, errors, StreamQuerySchema } from '../schemas.js';
import { alertsAsCap, CAP_ALERT_KINDS } from './cap-out.js';

/** floodnet's own alerts as CAP 1.2 XML, for the city platform (一网统管). */
const alertsCap: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/alerts.cap',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'alertsAsCap',
        tags: ['state'],
        summary: "floodnet's open alerts as CAP 1.2",
        description:
          `The open alerts of kinds ${CAP_ALERT_KINDS.join(', ')} as one CAP 1.2 message ` +
          '(`application/cap+xml`), one `<info>` per alert with its place as a `<circle>`; ' +
          'valid against the OASIS CAP 1.2 schema. A drill stream is `Exercise`.',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: Type.String({ description: 'CAP 1.2 XML' }),
          ...errors({ 400: ['VALIDATION_FAILED'], 401: ['UNAUTHORIZED'], 404: ['UNKNOWN_STREAM'] }),
        },
      },
    },
    async (request, reply) => {
      const stream = request.query.stream ?? 'live';
      const engine = app.engine.get(stream);
      void reply.type('application/cap+xml; charset=utf-8');
      return alertsAsCap(engine.state, stream, engine.clock.now());
    },
  );
};

export default alertsCap;
