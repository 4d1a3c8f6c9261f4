import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { openPgLog, openSqliteLog, PgEventLog, type EventLog } from '@floodnet/log';
import type { ResolvedOptions } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The append-only event log every stream is folded from. */
    eventLog: EventLog;
    /**
     * Whether this server should be sent traffic: its log answers and its copy of the log is
     * current (a replica on PostgreSQL); why not, otherwise.
     */
    logReadiness(): { ready: boolean; reason?: string };
  }
}

const UNREACHABLE = 'the event log (PostgreSQL) is unreachable';
/** A replica whose copy of the log has not matched PostgreSQL for this long is not current. */
const STALE_MS = 10_000;

function readiness(log: EventLog, now: () => number) {
  return (): { ready: boolean; reason?: string } => {
    if (!(log instanceof PgEventLog)) return { ready: true };
    const { reachable, caughtUpAt } = log.health();
    if (!reachable) return { ready: false, reason: UNREACHABLE };
    if (now() - caughtUpAt > STALE_MS) return { ready: false, reason: 'the picture is behind' };
    return { ready: true };
  };
}

/**
 * Opens the event log: PostgreSQL when `databaseUrl` is set (replicas sharing one log), else
 * the SQLite file in the data folder (created on first start).
 */
export default fp<{ options: ResolvedOptions }>(
  async function eventLogPlugin(app, { options }) {
    mkdirSync(options.dataDir, { recursive: true });
    if (options.eventLog) {
      app.decorate('eventLog', options.eventLog);
      app.decorate('logReadiness', readiness(options.eventLog, Date.now));
      return;
    }
    const log: EventLog = options.databaseUrl
      ? await openPgLog({
          url: options.databaseUrl,
          snapshotEvery: options.snapshotEvery,
          onError: (error, what) => app.log.warn({ err: error }, `event log: ${what} failed`),
        })
      : openSqliteLog({
          file: join(options.dataDir, 'floodnet.sqlite'),
          synchronous: options.sync,
          snapshotEvery: options.snapshotEvery,
        });
    app.decorate('eventLog', log);
    app.decorate('logReadiness', readiness(log, Date.now));
    // A replica whose copy of the log is behind serves nothing but its probes, so the proxy
    // asks another; an unreachable log still serves the committed picture it holds.
    app.addHook('onRequest', async (request, reply) => {
      if (/^\/(healthz|metrics)(\?|$)/.test(request.url)) return;
      const { ready, reason } = app.logReadiness();
      if (ready || reason === UNREACHABLE) return;
      return reply.status(503).send({ error: { code: 'LOG_UNAVAILABLE', message: reason } });
    });
    app.addHook('onClose', async () => {
      await log.close();
    });
  },
  { name: 'event-log' },
);
