import fp from 'fastify-plugin';
import type { Actor, Command, EventEnvelope, State } from '@floodnet/domain';
import { PgEventLog } from '@floodnet/log';
import type { ResolvedOptions } from '../config.js';
import { loadCatalogue } from '../engine/catalogue.js';
import { loadPlans } from '../engine/plans.js';
import { StreamEngine, type Clock, type Outcome } from '../engine/stream-engine.js';
import { UnknownStream } from '../errors.js';

export const LIVE = 'live';
/** floodnet itself, for the catalogue and the periodic sensor check. */
export const SYSTEM: Actor = { name: 'floodnet', role: 'system' };

export interface StreamListener {
  committed(stream: string, events: EventEnvelope[]): void;
  reset(stream: string): void;
}

/** Every stream's engine: `live` from the start, others (`drill:<id>`) opened on demand. */
export interface Engines {
  readonly live: StreamEngine;
  /** The stream's engine if the stream exists (open, or present in the log), else undefined. */
  find(stream: string): StreamEngine | undefined;
  /** As `find`, but a missing stream is a 404 `UNKNOWN_STREAM`. */
  get(stream: string): StreamEngine;
  /**
   * Opens (or returns) a stream's engine; a given clock becomes the stream's time (a drill runs
   * on its own clock). Without one a new stream uses the live clock. `start` is the picture a new
   * engine begins with instead of the end of the stream (a drill at its clock).
   */
  open(stream: string, clock?: Clock, start?: State): StreamEngine;
  /**
   * Hands the streams whose names start with `prefix` to another plugin (drills): `find` asks
   * its `open` for them — which opens them itself, or answers undefined for no such stream —
   * instead of opening whatever the log holds under that name.
   */
  claim(prefix: string, open: (stream: string) => StreamEngine | undefined): void;
  /** Closes a stream's engine (a deleted drill); its events stay in the log until dropped. */
  forget(stream: string): void;
  execute(stream: string, command: Command, actor: Actor): Promise<Outcome>;
  listen(listener: StreamListener): void;
  /**
   * Whether this server runs the cluster's timers now (sensor checks; check-ins, deadlines,
   * escalations, retries as they come): always on one node; with replicas on PostgreSQL, only on
   * the holder of the `timers` lease, which moves within seconds when its holder dies. A timer
   * ticks everywhere and acts only where this is true, so it runs once across the cluster.
   */
  holdsTimers(): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    engine: Engines;
  }
}

export default fp<{ options: ResolvedOptions }>(
  async function enginePlugin(app, { options }) {
    const log = app.eventLog;
    const listeners: StreamListener[] = [];
    const streams = new Map<string, StreamEngine>();
    const hooks = {
      committed(stream: string, events: EventEnvelope[]) {
        app.metrics.eventsAppended.inc({ stream }, events.length);
        for (const listener of listeners) listener.committed(stream, events);
      },
      reset(stream: string) {
        for (const listener of listeners) listener.reset(stream);
      },
      replayed(stream: string, events: EventEnvelope[]) {
        for (const listener of listeners) listener.committed(stream, events);
      },
      logger: app.log,
      snapshotEvery: options.snapshotEvery,
    };

    const claims = new Map<string, (stream: string) => StreamEngine | undefined>();
    const open = (stream: string, clock?: Clock, start?: State) => {
      let engine = streams.get(stream);
      if (!engine) {
        engine = new StreamEngine(stream, log, clock ?? options.clock, hooks, start);
        streams.set(stream, engine);
      } else if (clock) {
        engine.clock = clock;
      }
      return engine;
    };
    const find = (stream: string) => {
      const engine = streams.get(stream);
      if (engine) return engine;
      for (const [prefix, claimed] of claims) if (stream.startsWith(prefix)) return claimed(stream);
      return log.lastSeq(stream) > 0 ? open(stream) : undefined;
    };
    const get = (stream: string) => {
      const engine = find(stream);
      if (!engine) throw new UnknownStream(stream);
      return engine;
    };

    // Checked before anything is opened: a bad plans file stops the start, naming the path.
    const plans = loadPlans(
      options.plansFile,
      options.assets ? undefined : loadCatalogue(options.fixturesDir),
    );
    // Replicas on one log: what the others commit keeps this replica's pictures and sockets current.
    if (log instanceof PgEventLog) {
      log.follow((stream, events) => streams.get(stream)?.followed(events));
    }

    const started = Date.now();
    const live = open(LIVE);
    app.log.info(
      { stream: LIVE, seq: live.state.seq, ms: Date.now() - started },
      'live rebuilt from the log',
    );

    const timers = log instanceof PgEventLog ? log.lease('timers') : null;
    const engines: Engines = {
      live,
      find,
      get,
      open,
      claim: (prefix, claimed) => void claims.set(prefix, claimed),
      forget: (stream) => void streams.delete(stream),
      execute: (stream, command, actor) => get(stream).execute(command, actor),
      listen: (listener) => void listeners.push(listener),
      holdsTimers: () => timers?.held() ?? true,
    };
    app.decorate('engine', engines);

    if (Object.keys(live.state.assets).length === 0) {
      const assets = options.assets ?? loadCatalogue(options.fixturesDir);
      if (assets.length > 0) {
        const { seq } = await live.execute({ type: 'registerAssets', assets }, SYSTEM);
        app.log.info({ assets: assets.length, seq }, 'asset catalogue registered');
      } else {
        app.log.warn('no asset catalogue to register yet');
      }
    }

    if (
      plans &&
      JSON.stringify(live.state.plans) !==
        JSON.stringify({ version: plans.version, list: plans.plans })
    ) {
      const { seq } = await live.execute(
        { type: 'registerPlans', version: plans.version, plans: plans.plans },
        SYSTEM,
      );
      app.log.info({ plans: plans.plans.length, seq }, 'plans registered');
    }

    // Silence is news too: sensors that stop reporting go stale, checked on the live clock,
    // by one server of the cluster.
    const timer =
      options.checkSensorsEveryMs > 0
        ? setInterval(() => {
            if (!engines.holdsTimers()) return;
            if (Object.keys(live.state.sensors).length === 0) return;
            live.execute({ type: 'checkSensors' }, SYSTEM).catch((error: unknown) => {
              app.log.warn({ err: error }, 'sensor check failed');
            });
            live
              .execute({ type: 'checkTasks' }, SYSTEM)
              .catch((error: unknown) => app.log.warn({ err: error }, 'task check failed'));
            live.execute({ type: 'checkCheckIns' }, SYSTEM).catch((error: unknown) => {
              app.log.warn({ err: error }, 'check-in check failed');
            });
            // Official warnings end at their `expires`, on the same clock.
            live.execute({ type: 'checkWarnings' }, SYSTEM).catch((error: unknown) => {
              app.log.warn({ err: error }, 'warning check failed');
            });
          }, options.checkSensorsEveryMs)
        : undefined;
    timer?.unref();
    // Notices past their deadline go overdue and to the 街镇 teams, on the live clock too.
    const noticeTimer =
      options.checkNoticesEveryMs > 0
        ? setInterval(() => {
            if (Object.keys(live.state.notices).length === 0) return;
            live.execute({ type: 'checkNotices' }, SYSTEM).catch((error: unknown) => {
              app.log.warn({ err: error }, 'notice check failed');
            });
          }, options.checkNoticesEveryMs)
        : undefined;
    noticeTimer?.unref();

    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      if (noticeTimer) clearInterval(noticeTimer);
      await Promise.all([...streams.values()].map((engine) => engine.idle()));
    });
  },
  { name: 'engine', dependencies: ['event-log', 'metrics'] },
);
