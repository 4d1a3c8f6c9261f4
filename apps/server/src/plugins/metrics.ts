import { monitorEventLoopDelay } from 'node:perf_hooks';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus instruments, in a registry of this app's own (tests build many apps). */
export interface Metrics {
  registry: Registry;
  eventsAppended: Counter<'stream'>;
  ingestLatency: Histogram;
  connectedClients: Gauge;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export default fp(
  async function metricsPlugin(app) {
    const registry = new Registry();
    const eventsAppended = new Counter({
      name: 'floodnet_events_appended_total',
      help: 'Events committed to the log, by stream',
      labelNames: ['stream'],
      registers: [registry],
    });
    const ingestLatency = new Histogram({
      name: 'floodnet_ingest_latency_seconds',
      help: 'Time from receiving a reading batch to its commit',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const connectedClients = new Gauge({
      name: 'floodnet_connected_clients',
      help: 'Socket.IO clients following a stream',
      registers: [registry],
    });
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    new Gauge({
      name: 'floodnet_event_loop_delay_seconds',
      help: 'Event-loop delay since the previous scrape, by quantile',
      labelNames: ['quantile'],
      registers: [registry],
      collect() {
        for (const quantile of [0.5, 0.9, 0.99]) {
          this.set({ quantile: String(quantile) }, loopDelay.percentile(quantile * 100) / 1e9);
        }
        this.set({ quantile: '1' }, loopDelay.max / 1e9);
        loopDelay.reset();
      },
    });
    app.decorate('metrics', { registry, eventsAppended, ingestLatency, connectedClients });
    app.addHook('onClose', async () => loopDelay.disable());
  },
  { name: 'metrics' },
);
