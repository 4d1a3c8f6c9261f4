// `npm run log:import -- <sqlite file | postgres URL> < floodnet.ndjson`: appends an export to a
// log, each event on the seq it had (the target's streams must be empty or end just before).
import { createInterface } from 'node:readline';
import { stateHash } from '@floodnet/domain';
import { importAll, openLogAt, rebuildState } from '@floodnet/log';

const [to] = process.argv.slice(2);
if (!to) {
  process.stderr.write('usage: npm run log:import -- <sqlite file | postgres://…> < log.ndjson\n');
  process.exit(2);
}
const log = await openLogAt(to);
try {
  const counts = await importAll(
    log,
    createInterface({ input: process.stdin, crlfDelay: Infinity }),
  );
  for (const [stream, count] of counts) {
    // The state hash to compare with the source's (GET /api/v1/state, or this on the source).
    const { state, seq } = rebuildState(log, stream);
    process.stdout.write(
      `${stream}: ${count} events, seq ${seq}, state hash ${stateHash(state)}\n`,
    );
  }
} finally {
  await log.close();
}
