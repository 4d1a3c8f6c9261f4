import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteEventLog } from '../sqlite-log';
import { tempFolder } from '../test-scenario';
import { eventLogConformance } from './event-log.conformance';

const folder = tempFolder();
afterAll(() => folder.remove());
let files = 0;

eventLogConformance('SQLite', {
  open: async ({ snapshotEvery }) => {
    files += 1;
    return new SqliteEventLog({ file: join(folder.path, `log-${files}.db`), snapshotEvery });
  },
  reopen: async (log, { snapshotEvery }) => {
    const { file } = log as SqliteEventLog;
    await log.close();
    return new SqliteEventLog({ file, snapshotEvery });
  },
});
