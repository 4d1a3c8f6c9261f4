import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

/** Liveness and Prometheus metrics, outside `/api/v1` and without sign-in (for the probes). */
const ops: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        // Open to all: no sign-in.
        security: [],
        tags: ['ops'],
        summary: 'Liveness',
        description: 'No sign-in needed. `seq` is live’s committed seq.',
        response: {
          200: Type.Object(
            {
              status: Type.Literal('ok'),
              seq: Type.Integer({ description: "live's seq" }),
              clients: Type.Integer({ description: 'connected socket clients' }),
            },
            { description: 'Alive', examples: [{ status: 'ok', seq: 4711, clients: 12 }] },
          ),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      seq: app.engine.live.committedSeq,
      clients: app.hub.clients(),
    }),
  );

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        // Open to all: no sign-in.
        security: [],
        tags: ['ops'],
        summary: 'Prometheus metrics',
        description:
          'Prometheus text format 0.0.4: process and Node.js metrics (prom-client defaults), ' +
          '`floodnet_event_loop_lag_seconds` (histogram), `floodnet_stream_seq{stream}`, ' +
          '`floodnet_events_appended_total{stream}`, `floodnet_open_alerts{kind,severity}`, ' +
          '`floodnet_stale_sensors`, `floodnet_readings_total{outcome}`, ' +
          '`floodnet_http_request_duration_seconds{method,route,status_code}`, ' +
          '`floodnet_ingest_latency_seconds`, `floodnet_connected_clients`.',
        response: {
          200: {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
    },
    async (_request, reply) => {
      const { registry } = app.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
};

export default ops;
