import type { AddressInfo } from 'node:net';
import { PgEventLog } from '@floodnet/log';
import { IN_FA_START_MS, VirtualClock } from '@floodnet/sim';
import { buildApp } from './app.js';
import { optionsFromEnv } from './config.js';
import { createSimulationClock, startSimulation } from './simulation/index.js';

/**
 * Starts floodnet from the environment (FLOODNET_PORT, FLOODNET_DATA, FLOODNET_SIM, …; see the
 * README) and listens. Everything else is in `buildApp`.
 */
const options = optionsFromEnv(process.env);
const speed = options.simSpeed ?? 192;

// With FLOODNET_SIM=on, `live` runs on a virtual clock (FLOODNET_SIM_SPEED × real time). Where
// it starts is known only once the log is read: In-Fa's start on a fresh log, else where `live`
// stopped, so a restart never rewinds event time. Hence a clock whose source is set after build.
let virtual = new VirtualClock({ startMs: IN_FA_START_MS, speed, wallNow: Date.now });
const clock = { now: () => virtual.now(), pause: () => virtual.pause() };

const app = await buildApp({ ...options, ...(options.sim ? { clock } : {}) });
if (options.sim) virtual = createSimulationClock(app.engine.live.state.clock, speed, Date.now);

let stopSimulation: (() => Promise<void>) | undefined;
let stopping = false;
const SHUTDOWN_MS = 10_000;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  // A close that cannot finish (a log that no longer answers, a socket that never drains) must
  // not keep a stopped replica alive: what is committed is in the log, the rest is refused.
  const deadline = setTimeout(() => {
    app.log.error({ signal, afterMs: SHUTDOWN_MS }, 'shutdown did not finish: exiting');
    process.exit(1);
  }, SHUTDOWN_MS);
  deadline.unref();
  await stopSimulation?.();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: options.port, host: process.env.FLOODNET_HOST ?? '0.0.0.0' });

// ── Simulation call site ────────────────────────────────────────────────────────────────────
// The simulation drives `live` over the public API, like a gauge network (an API key) and a
// command room (a duty officer's and a commander's token) would; nothing enters the log another way.
async function simulate(): Promise<() => Promise<void>> {
  const running = await startSimulation({
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    apiKey: app.auth.issueKey('simulation'),
    // Tokens last a shift; a fresh one per request keeps slow runs signed in.
    commanderToken: () => app.auth.issueToken({ name: 'simulation-commander', role: 'commander' }),
    dutyToken: () => app.auth.issueToken({ name: 'simulation-duty', role: 'duty' }),
    // Property managers acknowledge and report with their own bound tokens.
    boundToken: (actor) => () => app.auth.issueToken({ ...actor, role: actor.role as 'compound' }),
    clock,
    state: () => app.engine.live.state,
    speed,
    log: app.log,
  });
  return () => running.stop();
}
const { eventLog } = app;
if (options.sim && eventLog instanceof PgEventLog) {
  // Replicas: one of them drives the simulation, and another takes over when it dies.
  let running: Promise<() => Promise<void>> | null = null;
  const lease = eventLog.lease('simulation', (held) => {
    if (held && !running) running = simulate();
    if (!held && running) {
      void running.then((stop) => stop());
      running = null;
    }
  });
  stopSimulation = async () => {
    await lease.stop();
    await (
      await running
    )?.();
  };
} else if (options.sim) {
  stopSimulation = await simulate();
}
