import { afterAll, beforeAll } from 'vitest';
import { startLocalPostgres, type LocalPostgres } from '../local-postgres';
import { openPgLog, type PgEventLog } from '../pg-log';
import { freshDatabase } from './pg-databases';
import { eventLogConformance } from './event-log.conformance';

let server: LocalPostgres;
beforeAll(async () => {
  server = await startLocalPostgres();
}, 60_000);
afterAll(async () => {
  await server?.remove();
});

const urls = new WeakMap<PgEventLog, string>();

eventLogConformance('PostgreSQL', {
  open: async ({ snapshotEvery }) => {
    const url = await freshDatabase(server.url);
    const log = await openPgLog({ url, snapshotEvery });
    urls.set(log, url);
    return log;
  },
  reopen: async (log, { snapshotEvery }) => {
    const url = urls.get(log as PgEventLog)!;
    await log.close();
    const reopened = await openPgLog({ url, snapshotEvery });
    urls.set(reopened, url);
    return reopened;
  },
});
