import Fastify, { LogController, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ISO_TIME_FORMAT } from '@floodnet/domain';
import { resolveOptions, type AppOptions } from './config.js';
import drillsPlugin from './drills/plugin.js';
import boundReads from './routes/bound-reads.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installErrorHandler,
  NotFound,
  RateLimited,
} from './errors.js';
import authPlugin from './plugins/auth.js';
import docsPlugin from './plugins/docs.js';
import enginePlugin from './plugins/engine.js';
import eventLogPlugin from './plugins/event-log.js';
import geographyPlugin from './plugins/geography.js';
import httpPlugin from './plugins/http.js';
import { lazySerializers } from './plugins/lazy-serializers.js';
import hubPlugin from './plugins/hub.js';
import metricsPlugin from './plugins/metrics.js';
import webPlugin from './plugins/web.js';
import alerts from './routes/alerts/index.js';
import config from './routes/config/index.js';
import drills from './routes/drills/index.js';
import events from './routes/events/index.js';
import geography from './routes/geography/index.js';
import incidents from './routes/incidents/index.js';
import keys from './routes/keys/index.js';
import ops from './routes/ops/index.js';
import readings from './routes/readings/index.js';
import reports from './routes/reports/index.js';
import responseLevel from './routes/response-level/index.js';
import session from './routes/session/index.js';
import squads from './routes/squads/index.js';
import state from './routes/state/index.js';
import typhoon from './routes/typhoon/index.js';
import users from './routes/users/index.js';
import tasks from './routes/tasks/index.js';
import evacuations from './routes/evacuations/index.js';
import handover from './routes/handover/index.js';
import notices from './routes/notices/index.js';
import compoundReports from './routes/compound-reports/index.js';
import webhooks from './routes/webhooks/index.js';
import accounts from './routes/accounts/index.js';
import webhooksPlugin from './webhooks/plugin.js';
import positions from './routes/positions/index.js';
import materials from './routes/materials/index.js';
import checkIns from './routes/check-ins/index.js';
import warnings from './routes/warnings/index.js';
import forecasts from './routes/forecasts/index.js';
import alertsCap from './routes/alerts-cap/index.js';

export type { AppOptions } from './config.js';
/** The hub's pacing rule, for the fan-out benchmark's bare `ws` floor to send by the same. */
export { SendPacer, sendCostMs } from './hub/send-pacer.js';
/** Which contract schema a route answers with (the very object): for the web app's tests. */
export { contractNameOf } from './routes/schemas.js';
/** A recording's import and seek, for the replay benchmark to measure the server's own path. */
export { importEnvelopes } from './drills/import.js';
export { recordingSnapshotEvery, recordingStateAtSeq } from './drills/recording-snapshots.js';
export { Timeline } from './drills/timeline.js';

/** Paths the web app's client-side routing never owns: they 404 as JSON. */
const API_PATHS = /^\/(api|docs|socket\.io|healthz|metrics)(\/|$)/;

/**
 * The whole server as one Fastify instance: the event log, the stream engines, auth, metrics
 * and the socket hub as named plugins, then one encapsulated plugin per route feature.
 * Call `listen` on the result (server.ts does; tests use port 0).
 */
export async function buildApp(appOptions: AppOptions): Promise<FastifyInstance> {
  const options = resolveOptions(appOptions);
  const app = Fastify({
    logger: options.logger,
    // Readings may send 8 MB (set on that route); every other body is small.
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    // Gauges post every few seconds: log refusals and failures, not every accepted request.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler,
    frameworkErrors,
    // Responses are serialised with Ajv, which does not know floodnet's strict time format.
    serializerOpts: { ajv: { formats: { [ISO_TIME_FORMAT]: true } } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
  })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 400) return;
    const level = reply.statusCode >= 500 ? 'error' : 'warn';
    request.log[level](
      { method: request.method, url: request.url, status: reply.statusCode },
      'refused',
    );
  });
  await app.register(httpPlugin, { options });
  await app.register(rateLimit, {
    global: false,
    // RateLimit-Limit / -Remaining / -Reset and Retry-After (IETF draft), not X-RateLimit-*.
    enableDraftSpec: true,
    // After authentication (onRequest), so ingest can be limited per API key.
    hook: 'preHandler',
    errorResponseBuilder: (_request, context) =>
      Object.assign(new RateLimited(context.after), { retryAfter: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(docsPlugin);
  await app.register(metricsPlugin);
  await app.register(eventLogPlugin, { options });
  await app.register(enginePlugin, { options });
  await app.register(authPlugin, { options });
  await app.register(geographyPlugin, { options });
  await app.register(hubPlugin, { options });
  await app.register(drillsPlugin, { options });
  await app.register(webhooksPlugin, { options });

  await app.register(
    async (api) => {
      await api.register(boundReads);
      await api.register(session, { loginPerMinutePerIp: options.loginPerMinutePerIp });
      await api.register(readings, { options });
      await api.register(state);
      await api.register(events);
      await api.register(incidents);
      await api.register(squads);
      await api.register(alerts);
      await api.register(responseLevel);
      await api.register(typhoon, { options });
      await api.register(users);
      await api.register(keys);
      await api.register(geography);
      await api.register(config, { tiles: options.tiles, sim: options.sim });
      await api.register(drills, { uploadLimits: options.uploadLimits });
      await api.register(reports);
      await api.register(tasks);
      await api.register(evacuations);
      await api.register(handover);
      await api.register(notices);
      await api.register(compoundReports);
      await api.register(webhooks);
      await api.register(accounts);
      await api.register(positions, { ingestPerMinute: options.ingestPerMinute });
      await api.register(materials);
      await api.register(checkIns);
      await api.register(warnings);
      await api.register(forecasts);
      await api.register(alertsCap);
    },
    { prefix: '/api/v1' },
  );
  await app.register(ops);
  await app.register(webPlugin, { options });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const page = request.method === 'GET' && !API_PATHS.test(path) && app.webIndex;
    if (page) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    }
    throw new NotFound(request.method, path);
  });
  return app;
}
