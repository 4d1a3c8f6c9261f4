import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { onSkippedEvent } from '@floodnet/domain';

/** What became of pushed readings: stored, already held (same id), or refused with the batch. */
export type ReadingOutcome = 'accepted' | 'duplicate' | 'refused';

/** Prometheus instruments, in a registry of this app's own (tests build many apps). */
export interface Metrics {
  registry: Registry;
  eventsAppended: Counter<'stream'>;
  ingestLatency: Histogram;
  connectedClients: Gauge;
  readings: Counter<'outcome'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** How often the event loop is sampled for lag; a sample is how late a timer fired. */
const LAG_SAMPLE_MS = 100;
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export default fp(
  async function metricsPlugin(app) {
    const registry = new Registry();
    // Process and Node.js metrics: CPU, memory, handles, GC, the event loop's own summary gauges.
    collectDefaultMetrics({ register: registry });
    // prom-client also sums these gauges under `_total` names, which promtool rightly refuses
    // (that suffix is for counters); the same figures stay, by type, in the unsuffixed gauges.
    for (const name of ['handles', 'requests', 'resources']) {
      registry.removeSingleMetric(`nodejs_active_${name}_total`);
    }
    const registers = [registry];

    const eventsAppended = new Counter({
      name: 'floodnet_events_appended_total',
      help: 'Events committed to the log, by stream',
      labelNames: ['stream'],
      registers,
    });
    const ingestLatency = new Histogram({
      name: 'floodnet_ingest_latency_seconds',
      help: 'Time from receiving a reading batch to its commit',
      buckets: SECONDS,
      registers,
    });
    const connectedClients = new Gauge({
      name: 'floodnet_connected_clients',
      help: 'Socket.IO clients following a stream',
      registers,
    });
    const readings = new Counter({
      name: 'floodnet_readings_total',
      help: 'Readings pushed, by outcome: accepted, duplicate (id already stored), refused',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['accepted', 'duplicate', 'refused'] as const)
      readings.inc({ outcome }, 0);

    // `evolve` skips an event it cannot fold rather than crash: a type this version does not
    // know (a log written by a newer floodnet) or data that does not fit. Counted, not hidden.
    const skippedEvents = new Counter({
      name: 'floodnet_events_skipped_total',
      help: 'Events evolve skipped, by reason: unknown-type (a newer version wrote it) or malformed',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of ['unknown-type', 'malformed'] as const) skippedEvents.inc({ reason }, 0);
    const stopCountingSkips = onSkippedEvent((_type, reason) => skippedEvents.inc({ reason }));

    // Event-loop lag as a histogram: every sample counts, none is lost to a scrape.
    const loopLag = new Histogram({
      name: 'floodnet_event_loop_lag_seconds',
      help: `How late a ${LAG_SAMPLE_MS} ms timer fires: time the event loop was busy elsewhere`,
      buckets: SECONDS,
      registers,
    });
    let expected = performance.now() + LAG_SAMPLE_MS;
    const sampler = setInterval(() => {
      const now = performance.now();
      loopLag.observe(Math.max(0, now - expected) / 1000);
      expected = now + LAG_SAMPLE_MS;
    }, LAG_SAMPLE_MS);
    sampler.unref();

    const requestDuration = new Histogram({
      name: 'floodnet_http_request_duration_seconds',
      help: 'HTTP answers by method, route pattern and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: SECONDS,
      registers,
    });
    app.addHook('onResponse', async (request, reply) => {
      // The route's pattern (`/api/v1/incidents/:id/assign`), never the raw URL: bounded labels.
      const route = request.routeOptions.url ?? 'unmatched';
      requestDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    // The picture's figures, read from live's committed picture at each scrape.
    const streamSeq = new Gauge({
      name: 'floodnet_stream_seq',
      help: 'The committed seq of each open stream',
      labelNames: ['stream'],
      registers,
      collect() {
        if (!app.hasDecorator('engine')) return;
        this.set({ stream: 'live' }, app.engine.live.committedSeq);
      },
    });
    new Gauge({
      name: 'floodnet_open_alerts',
      help: 'Open (not cleared) alerts on live, by kind and severity',
      labelNames: ['kind', 'severity'],
      registers,
      collect() {
        if (!app.hasDecorator('engine')) return;
        this.reset();
        for (const alert of Object.values(app.engine.live.committedState.alerts)) {
          if (alert.clearedAt === null) this.inc({ kind: alert.kind, severity: alert.severity });
        }
      },
    });
    new Gauge({
      name: 'floodnet_stale_sensors',
      help: 'Sensors on live that have gone silent past their reporting interval',
      registers,
      collect() {
        if (!app.hasDecorator('engine')) return;
        const sensors = Object.values(app.engine.live.committedState.sensors);
        this.set(sensors.filter((sensor) => sensor.stale).length);
      },
    });

    app.decorate('metrics', {
      registry,
      eventsAppended,
      ingestLatency,
      connectedClients,
      readings,
    });
    // Other streams (drills) report their seq as they commit.
    app.addHook('onReady', async () => {
      app.engine.listen({
        committed: (stream, events) => streamSeq.set({ stream }, events.at(-1)?.seq ?? 0),
        reset: (stream) => streamSeq.set({ stream }, app.engine.find(stream)?.committedSeq ?? 0),
      });
    });
    app.addHook('onClose', async () => {
      clearInterval(sampler);
      stopCountingSkips();
    });
  },
  { name: 'metrics' },
);
