import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { openPgLog, openSqliteLog, type EventLog } from '@floodnet/log';
import type { ResolvedOptions } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The append-only event log every stream is folded from. */
    eventLog: EventLog;
  }
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
    app.addHook('onClose', async () => {
      await log.close();
    });
  },
  { name: 'event-log' },
);
