// Fan-out: 1,000 Socket.IO clients (another process) follow `live` while 1,000 readings/s are
// posted over HTTP; latency from the send to each client's receipt, the server's CPU, memory
// per idle client; and a bare `ws` broadcast of the same frames to 1,000 bare clients.
import { spawnSync } from 'node:child_process';
import type { BenchContext } from './report';
import { startClients, type DeliveryReport } from './fanout-clients';
import { hubFramesBetween, scrapeHubFrames, type HubFrames } from './fanout-hub-frames';
import { startRawServer } from './fanout-raw-server';
import {
  idleAndActive,
  LIGHT,
  lightLoad,
  SCALE,
  settle,
  type LightLoadReport,
  type ScaleReport,
} from './fanout-scale';
import { startSocketIoFloor } from './fanout-sio-server';
import { inFaReadings, StormFeed } from './support/in-fa-readings';
import { ingestAtRate, type IngestRun } from './support/ingest-at-rate';
import { machineLoad, otherCores } from './support/machine-load';
import { startServer, type ServerUsage } from './support/server-process';
import { printTable, progress } from './support/table';

const CLIENTS = 1000;
const EVENTS_PER_SEC = 1000;
/**
 * The hub's longest batch wait (AppOptions.batchMs), used for the raw baseline too, which paces
 * its frames by the hub's own rule (`SendPacer`). BENCH_FANOUT_BATCH_MS overrides both
 * (diagnosis: what the batching costs in latency).
 */
const BATCH_MS = Number(process.env.BENCH_FANOUT_BATCH_MS ?? 50);

export interface FanoutFigures {
  clients: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Over all clients, the oldest event of each frame. */
  frameP99Ms: number;
  /** Frames each client received per second: what the pacing made of 1,000 readings/s. */
  framesPerSec: number;
  /** The hub's own view of its frames in that window (its /metrics): wait after commit, send. */
  hub: HubFrames;
  /** The same at light load. */
  lightHub: HubFrames;
  measuredClients: number;
  serverCpuCores: number;
  kbPerIdleClient: number;
  heapKbPerIdleClient: number;
  rawP50Ms: number;
  rawP99Ms: number;
  rawCpuCores: number;
  rawFramesPerSec: number;
  /** Cores the whole machine kept busy while the raw floor measured: compare with machineBusyCores. */
  rawMachineBusyCores: number | null;
  ingestedPerSec: number;
  ackP99Ms: number;
  connectSec: number;
  batchMs: number;
  seconds: number;
  /** The server's event-loop delay over the window: a stall delays every step of the path. */
  serverLoopDelayP99Ms: number;
  serverLoopDelayMaxMs: number;
  clientsCpuCores: number;
  /** The ingest driver (this process). */
  driverCpuCores: number;
  /** Cores the whole machine kept busy: above server + clients + driver, other work ran. */
  machineBusyCores: number | null;
  /** Of those, cores used by processes other than the benchmark's. */
  otherCpuCores: number | null;
  /** Light load: LIGHT.clients screens, LIGHT.eventsPerSec readings/s, every reading timed. */
  lightClients: number;
  lightEventsPerSec: number;
  lightP50Ms: number;
  lightP99Ms: number;
  /** The same light load through a bare Socket.IO server relaying each write as it arrives. */
  unbatchedP50Ms: number;
  unbatchedP99Ms: number;
  /** lightP99Ms ÷ unbatchedP99Ms (target ≤ 2). */
  lightToUnbatchedP99: number;
  /** Cores the machine kept busy in each light-load window (floodnet, then the floor). */
  lightMachineBusyCores: number | null;
  unbatchedMachineBusyCores: number | null;
  /** p99Ms ÷ rawP99Ms (target ≤ 1.15). */
  p99ToRaw: number;
  /** SCALE.idle screens on a paused drill beside SCALE.active on `live` at 1,000 readings/s. */
  scale: ScaleReport;
  scaleRssMb: number;
  scaleP99Ms: number;
}

const rssKb = (usage: ServerUsage) => usage.memory.rss / 1024;
const heapKb = (usage: ServerUsage) =>
  (usage.memory.heapUsed + usage.memory.external + usage.memory.arrayBuffers) / 1024;

/**
 * Each of the 1,000 sockets is a file descriptor in the server and in the clients process. Node
 * cannot raise its own limit; a shell can (`ulimit -n 4096` before `npm run bench`).
 */
function checkOpenFileLimit(): void {
  const shell = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const limit = Number(shell.stdout.trim());
  if (Number.isFinite(limit) && limit < CLIENTS + 500) {
    throw new Error(
      `open-file limit ${limit} is too low for ${CLIENTS} sockets: run \`ulimit -n 4096\` first`,
    );
  }
}

export async function runFanout(context: BenchContext): Promise<FanoutFigures> {
  checkOpenFileLimit();
  const seconds = context.quick ? 8 : 60;
  const rawSeconds = context.quick ? 6 : 30;
  const lightSeconds = context.quick ? 5 : 20;
  const scaleSeconds = context.quick ? 5 : 20;
  const readings = inFaReadings();
  const server = await startServer(
    { batchMs: BATCH_MS },
    context.cpuProfile ? 'fanout-server' : null,
  );
  const clients = startClients();
  let live: { report: DeliveryReport; ingest: IngestRun; connectSec: number; hub: HubFrames };
  let lightHub: HubFrames;
  let light: LightLoadReport;
  let scale: ScaleReport;
  let idle: { rss: number; heap: number };
  let serverCpuCores: number;
  let machineBusyCores: number | null = null;
  let loopDelay = { p50: 0, p99: 0, max: 0 };
  let driverCpuCores = 0;
  try {
    await settle(1000);
    const empty = await server.usage(true);
    progress(`fan-out: connecting ${CLIENTS} Socket.IO clients (websocket, viewer token)`);
    const { seconds: connectSec } = await clients.request<{ seconds: number }>('connect', {
      kind: 'socket.io',
      url: server.started.url,
      token: server.started.viewerToken,
      count: CLIENTS,
    });
    await settle(2000);
    const connected = await server.usage(true);
    if (connected.clients !== CLIENTS) throw new Error(`${connected.clients} clients connected`);
    idle = {
      rss: (rssKb(connected) - rssKb(empty)) / CLIENTS,
      heap: (heapKb(connected) - heapKb(empty)) / CLIENTS,
    };

    progress(`fan-out: ${EVENTS_PER_SEC} readings/s over HTTP for ${seconds} s`);
    await clients.request('record');
    const before = await server.usage();
    const framesBefore = await scrapeHubFrames(server.started.url);
    const load = machineLoad();
    const ownBefore = process.cpuUsage();
    const ingest = await ingestAtRate(
      server.started,
      new StormFeed(readings),
      seconds,
      EVENTS_PER_SEC,
    );
    const after = await server.usage();
    machineBusyCores = load.stop();
    const hub = hubFramesBetween(framesBefore, await scrapeHubFrames(server.started.url));
    const own = process.cpuUsage(ownBefore);
    driverCpuCores = (own.user + own.system) / 1000 / (after.at - before.at);
    await settle(BATCH_MS + 1000);
    const report = await clients.request<DeliveryReport>('report');
    serverCpuCores = cpuMs(before, after) / (after.at - before.at);
    loopDelay = after.loopDelay;
    live = { report, ingest, connectSec, hub };
    await clients.request('close');
    await settle(1000);

    progress(`fan-out: light load, ${LIGHT.clients} clients, ${LIGHT.eventsPerSec} readings/s`);
    const lightBefore = await scrapeHubFrames(server.started.url);
    light = await lightLoad(
      clients,
      { ...server.started, token: server.started.viewerToken },
      lightSeconds,
    );
    lightHub = hubFramesBetween(lightBefore, await scrapeHubFrames(server.started.url));
    progress(`fan-out: ${SCALE.idle} idle screens on a paused drill + ${SCALE.active} on live`);
    scale = await idleAndActive(clients, server, scaleSeconds);
  } finally {
    await server.stop();
  }

  progress(`fan-out: raw ws baseline, ${CLIENTS} bare clients for ${rawSeconds} s`);
  const raw = startRawServer();
  let rawReport: DeliveryReport;
  let rawCpuCores: number;
  let rawMachineBusyCores: number | null;
  try {
    const { url } = await raw.request<{ url: string }>('start');
    await clients.request('connect', { kind: 'ws', url, count: CLIENTS });
    await settle(1000);
    await clients.request('record');
    const run = { eventsPerSec: EVENTS_PER_SEC, seconds: rawSeconds, batchMs: BATCH_MS };
    const rawLoad = machineLoad();
    ({ cpuCores: rawCpuCores } = await raw.request<{ cpuCores: number }>('run', run));
    rawMachineBusyCores = rawLoad.stop();
    rawReport = await clients.request<DeliveryReport>('report');
    await clients.request('close');
  } finally {
    await raw.stop();
  }

  progress(`fan-out: bare Socket.IO floor without batching, light load`);
  const floor = startSocketIoFloor();
  let unbatched: LightLoadReport;
  try {
    const { url } = await floor.request<{ url: string }>('start');
    unbatched = await lightLoad(clients, { url }, lightSeconds);
  } finally {
    await clients.stop();
    await floor.stop();
  }

  const { report, ingest } = live;
  const figures: FanoutFigures = {
    clients: report.clients,
    // Per measured client (only those parse every event).
    eventsPerSec: report.events / report.measuredClients / ingest.seconds,
    p50Ms: report.p50Ms,
    p99Ms: report.p99Ms,
    maxMs: report.maxMs,
    frameP99Ms: report.frameP99Ms,
    framesPerSec: framesPerSec(report, ingest.seconds),
    hub: live.hub,
    lightHub,
    measuredClients: report.measuredClients,
    serverCpuCores,
    kbPerIdleClient: idle.rss,
    heapKbPerIdleClient: idle.heap,
    rawP50Ms: rawReport.p50Ms,
    rawP99Ms: rawReport.p99Ms,
    rawCpuCores,
    rawFramesPerSec: framesPerSec(rawReport, rawSeconds),
    rawMachineBusyCores,
    ingestedPerSec: ingest.readings / ingest.seconds,
    ackP99Ms: ingest.ackP99Ms,
    connectSec: live.connectSec,
    batchMs: BATCH_MS,
    seconds: ingest.seconds,
    serverLoopDelayP99Ms: loopDelay.p99,
    serverLoopDelayMaxMs: loopDelay.max,
    clientsCpuCores: report.cpuCores,
    driverCpuCores,
    machineBusyCores,
    otherCpuCores: otherCores(machineBusyCores, serverCpuCores + report.cpuCores + driverCpuCores),
    lightClients: LIGHT.clients,
    lightEventsPerSec: LIGHT.eventsPerSec,
    lightP50Ms: light.p50Ms,
    lightP99Ms: light.p99Ms,
    unbatchedP50Ms: unbatched.p50Ms,
    unbatchedP99Ms: unbatched.p99Ms,
    lightToUnbatchedP99: light.p99Ms / unbatched.p99Ms,
    lightMachineBusyCores: light.machineBusyCores,
    unbatchedMachineBusyCores: unbatched.machineBusyCores,
    p99ToRaw: report.p99Ms / rawReport.p99Ms,
    scale,
    scaleRssMb: scale.rssMb,
    scaleP99Ms: scale.p99Ms,
  };
  printTable(
    `fan-out — ${CLIENTS} clients in another process, ${EVENTS_PER_SEC} readings/s, frames paced by their cost (wait ≤ ${BATCH_MS} ms), loopback`,
    ['figure', 'floodnet (Socket.IO)', 'raw ws'],
    [
      [
        'events/s per client',
        figures.eventsPerSec,
        rawReport.events / rawReport.measuredClients / rawSeconds,
      ],
      [`send→client p50 ms (${report.measuredClients} parsing)`, figures.p50Ms, figures.rawP50Ms],
      [`send→client p99 ms (${report.measuredClients} parsing)`, figures.p99Ms, figures.rawP99Ms],
      ['send→client max ms', figures.maxMs, rawReport.maxMs],
      ['frame p99 ms, every client', figures.frameP99Ms, rawReport.frameP99Ms],
      ['frames/s per client', figures.framesPerSec, figures.rawFramesPerSec],
      [
        'hub: frame wait after commit p50 / p99 ms',
        `${live.hub.waitP50Ms.toFixed(1)} / ${live.hub.waitP99Ms.toFixed(1)}`,
        '—',
      ],
      [
        'hub: one frame to every screen p50 / p99 ms',
        `${live.hub.sendP50Ms.toFixed(1)} / ${live.hub.sendP99Ms.toFixed(1)}`,
        '—',
      ],
      ['server CPU (cores)', figures.serverCpuCores, figures.rawCpuCores],
      ['server event-loop delay p99 ms', figures.serverLoopDelayP99Ms, '—'],
      ['server event-loop delay max ms', figures.serverLoopDelayMaxMs, '—'],
      ['KB per idle client (RSS)', figures.kbPerIdleClient, '—'],
      ['KB per idle client (heap+ext)', figures.heapKbPerIdleClient, '—'],
      ['clients process CPU (cores)', report.cpuCores, rawReport.cpuCores],
      ['ingest driver CPU (cores)', figures.driverCpuCores, '—'],
      ['machine busy (cores, all processes)', figures.machineBusyCores, rawMachineBusyCores ?? '—'],
      ['  of which other processes', figures.otherCpuCores, '—'],
      ['HTTP ack p99 ms', figures.ackP99Ms, '—'],
      [
        `light load p50 / p99 ms (${LIGHT.clients} clients, ${LIGHT.eventsPerSec}/s)`,
        `${light.p50Ms.toFixed(1)} / ${light.p99Ms.toFixed(1)}`,
        `unbatched Socket.IO ${unbatched.p50Ms.toFixed(1)} / ${unbatched.p99Ms.toFixed(1)}`,
      ],
      [
        'light load, hub: frame wait p50 / p99, send p50 ms',
        `${lightHub.waitP50Ms.toFixed(1)} / ${lightHub.waitP99Ms.toFixed(1)}, ${lightHub.sendP50Ms.toFixed(1)}`,
        '—',
      ],
      [
        'light load: machine busy (cores, all processes)',
        light.machineBusyCores ?? '—',
        unbatched.machineBusyCores ?? '—',
      ],
      [
        `${SCALE.idle} idle + ${SCALE.active} active: RSS MB, p99 ms`,
        `${scale.rssMb.toFixed(0)} MB, ${scale.p99Ms.toFixed(1)}`,
        '—',
      ],
      ['connect 1,000 clients (s)', figures.connectSec, '—'],
    ],
  );
  return figures;
}

/** Frames with a timed reading, per client per second of the load (the recording is longer). */
function framesPerSec(report: DeliveryReport, seconds: number): number {
  return report.frames / report.clients / seconds;
}

function cpuMs(before: ServerUsage, after: ServerUsage): number {
  return (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
}
