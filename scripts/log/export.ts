// `npm run log:export -- <sqlite file | postgres URL> > floodnet.ndjson`: every stream of a log
// as NDJSON envelopes (snapshots are derived and rebuilt where the log is imported).
import { exportAll, openLogAt } from '@floodnet/log';

const [from] = process.argv.slice(2);
if (!from) {
  process.stderr.write('usage: npm run log:export -- <sqlite file | postgres://…> > log.ndjson\n');
  process.exit(2);
}
const log = await openLogAt(from);
try {
  for await (const line of exportAll(log)) {
    if (!process.stdout.write(line))
      await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
} finally {
  await log.close();
}
