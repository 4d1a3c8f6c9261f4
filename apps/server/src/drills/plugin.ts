import { join, resolve } from 'node:path';
import fp from 'fastify-plugin';
import { SqliteEventLog } from '@floodnet/log';
import type { ResolvedOptions } from '../config.js';
import { DRILL_PREFIX, Drills } from './drills.js';
import { DrillRegistry } from './registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    drills: Drills;
    /** Folder of the recorded logs a drill can be loaded from by name. */
    recordingsDir: string;
  }
}

/** How often a playing drill moves its picture on (wall ms). */
const TICK_MS = 100;

/**
 * Drills: recorded logs replayed on their own clocks, and forks of them for trainees. The
 * registry sits in the event log's SQLite file when there is one, so drills and their events
 * live and die together.
 */
export default fp<{ options: ResolvedOptions }>(
  async function drillsPlugin(app, { options }) {
    const log = app.eventLog;
    const file = log instanceof SqliteEventLog ? log.file : join(options.dataDir, 'drills.sqlite');
    const registry = new DrillRegistry(file);

    // A crash during an import or a fork leaves a stream with no drill: it was never answered
    // as created, so it goes. A drill whose stream is gone cannot be replayed: it goes too.
    for (const { stream } of log.streams()) {
      if (stream.startsWith(DRILL_PREFIX) && !registry.get(stream.slice(DRILL_PREFIX.length))) {
        app.log.warn({ stream }, 'dropping an unfinished drill import');
        log.dropStream(stream);
      }
    }
    for (const drill of registry.all()) {
      if (log.lastSeq(drill.stream) === 0) registry.remove(drill.id);
    }

    const drills = new Drills({
      log,
      engines: app.engine,
      registry,
      snapshotEvery: options.snapshotEvery,
      tickMs: TICK_MS,
      wallNow: () => Date.now(),
      logger: app.log,
    });
    app.decorate('drills', drills);
    app.decorate('recordingsDir', resolve(options.fixturesDir, '../recordings'));
    app.addHook('onClose', async () => {
      await drills.close();
      registry.close();
    });
  },
  { name: 'drills', dependencies: ['engine', 'event-log'] },
);
