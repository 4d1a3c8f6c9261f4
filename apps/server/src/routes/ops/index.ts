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
        summary: 'Liveness and readiness (503 while the log is unreachable or behind)',
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
          // A replica whose log is unreachable or behind: the proxy should send traffic elsewhere.
          503: Type.Object({
            status: Type.Literal('unavailable'),
            reason: Type.String(),
            seq: Type.Integer(),
          }),
        },
      },
    },
    async (_request, reply) => {
      const seq = app.engine.live.committedSeq;
      const { ready, reason } = app.logReadiness();
      if (!ready) {
        return reply.status(503).send({ status: 'unavailable', reason: reason ?? '', seq });
      }
      return { status: 'ok' as const, seq, clients: app.hub.clients() };
    },
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
          '`floodnet_events_appended_total{stream}`, `floodnet_events_skipped_total{reason}`, `floodnet_open_alerts{kind,severity}`, ' +
          '`floodnet_stale_sensors`, `floodnet_readings_total{outcome}`, ' +
          '`floodnet_http_request_duration_seconds{method,route,status_code}`, ' +
          '`floodnet_ingest_latency_seconds`, `floodnet_connected_clients`, ' +
          '`floodnet_hub_frame_wait_seconds` (commit of a frame’s oldest event → frame out) and ' +
          '`floodnet_hub_frame_send_seconds` (how long a frame held the event loop).',
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
