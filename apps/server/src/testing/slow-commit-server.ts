// A floodnet server whose event log takes SLOW_COMMIT_MS to commit each append, as a log across a
// network would (PostgreSQL): the real SQLite file underneath, each append handed to it only
// after the delay. Killed with SIGKILL, the appends still waiting are lost for good, like
// transactions that never reached the database. Run by committed-reads.int.test.ts as its own
// process: `node --import tsx slow-commit-server.ts <dataDir> <adminPassword>`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteLog, type EventLog } from '@floodnet/log';
import { buildApp } from '../app.js';

const [dataDir, adminPassword] = process.argv.slice(2);
if (!dataDir || !adminPassword) throw new Error('usage: slow-commit-server <dataDir> <password>');
const delayMs = Number(process.env.SLOW_COMMIT_MS ?? 150);

mkdirSync(dataDir, { recursive: true });
const sqlite = openSqliteLog({ file: join(dataDir, 'floodnet.sqlite') });
// Appends reach SQLite in the order they were made (timers of one delay fire in order).
const slow: EventLog = Object.assign(Object.create(sqlite) as EventLog, {
  append: (stream: string, events: Parameters<EventLog['append']>[1]) =>
    new Promise<Awaited<ReturnType<EventLog['append']>>>((resolve, reject) => {
      setTimeout(() => sqlite.append(stream, events).then(resolve, reject), delayMs);
    }),
});

const app = await buildApp({ dataDir, eventLog: slow, adminPassword, checkSensorsEveryMs: 0 });
process.on('SIGTERM', () => {
  void app.close().then(async () => {
    await sqlite.close();
    process.exit(0);
  });
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening at ${url}\n`);
