// The fan-out benchmark's two further runs: light load against a floor without batching, and
// 5,000 idle screens beside 1,000 active ones.
import type { DeliveryReport } from './fanout-clients';
import type { Child } from './support/children';
import { inFaReadings, StormFeed } from './support/in-fa-readings';
import { ingestAtRate } from './support/ingest-at-rate';
import { machineLoad } from './support/machine-load';
import type { ServerProcess, ServerUsage } from './support/server-process';

/** Light load (issue 17): where the batch window, not the work, would be most of the latency. */
export const LIGHT = { clients: 300, eventsPerSec: 200 } as const;
/** A district's screens on a quiet drill beside the command room's on `live`. */
export const SCALE = { idle: 5000, active: 1000, eventsPerSec: 1000 } as const;

export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LightLoadReport {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ackP99Ms: number;
  deliveries: number;
  /** Cores the whole machine kept busy while it measured (this run's processes included). */
  machineBusyCores: number | null;
}

/**
 * LIGHT.clients Socket.IO clients, every one decoding and timing every reading, while
 * LIGHT.eventsPerSec readings are posted; against floodnet or the bare Socket.IO floor (which
 * answers the same POST and sends the same `snapshot` and `events`).
 */
export async function lightLoad(
  clients: Child,
  target: { url: string; apiKey?: string; token?: string },
  seconds: number,
): Promise<LightLoadReport> {
  await clients.request('connect', {
    kind: 'socket.io',
    url: target.url,
    token: target.token,
    count: LIGHT.clients,
    measureEvery: 1,
  });
  await settle(1000);
  await clients.request('record');
  const feed = new StormFeed(inFaReadings());
  const load = machineLoad();
  const ingest = await ingestAtRate(target, feed, seconds, LIGHT.eventsPerSec);
  const machineBusyCores = load.stop();
  await settle(500);
  const report = await clients.request<DeliveryReport>('report');
  await clients.request('close');
  await settle(500);
  const { p50Ms, p99Ms, maxMs, deliveries } = report;
  return { p50Ms, p99Ms, maxMs, deliveries, ackP99Ms: ingest.ackP99Ms, machineBusyCores };
}

export interface ScaleReport {
  idleClients: number;
  activeClients: number;
  /** Server RSS with every screen connected, after GC, MB. */
  rssMb: number;
  p50Ms: number;
  p99Ms: number;
  frameP99Ms: number;
  serverCpuCores: number;
  connectSec: number;
}

/**
 * SCALE.idle screens following a paused drill (connected, sent nothing since), then SCALE.active
 * following `live` while SCALE.eventsPerSec readings are posted. The idle screens resume at the
 * drill's seq (`afterSeq`, as a screen does after a dropped connection), so the server sends
 * them no snapshot: connecting 5,000 with a snapshot each (one JSON.stringify of the picture per
 * socket) takes minutes on two shared cores, and what is measured here is holding them.
 */
export async function idleAndActive(
  clients: Child,
  server: ServerProcess,
  seconds: number,
): Promise<ScaleReport> {
  const { url, commanderToken, viewerToken } = server.started;
  const { stream, seq } = await pausedDrill(url, commanderToken);
  const started = performance.now();
  await clients.request('connect', {
    kind: 'socket.io',
    url,
    token: viewerToken,
    count: SCALE.idle,
    stream,
    afterSeq: seq,
    idle: true,
  });
  await clients.request('connect', {
    kind: 'socket.io',
    url,
    token: viewerToken,
    count: SCALE.active,
  });
  const connectSec = (performance.now() - started) / 1000;
  await settle(1500);
  const connected = await server.usage(true);
  if (connected.clients !== SCALE.idle + SCALE.active) {
    throw new Error(`${connected.clients} of ${SCALE.idle + SCALE.active} screens connected`);
  }
  await clients.request('record');
  const before = await server.usage();
  await ingestAtRate(server.started, new StormFeed(inFaReadings()), seconds, SCALE.eventsPerSec);
  const after = await server.usage();
  await settle(1000);
  const report = await clients.request<DeliveryReport>('report');
  await clients.request('close');
  return {
    idleClients: SCALE.idle,
    activeClients: SCALE.active,
    rssMb: connected.memory.rss / 2 ** 20,
    p50Ms: report.p50Ms,
    p99Ms: report.p99Ms,
    frameP99Ms: report.frameP99Ms,
    serverCpuCores: cpuMs(before, after) / (after.at - before.at),
    connectSec,
  };
}

function cpuMs(before: ServerUsage, after: ServerUsage): number {
  return (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
}

/** Loads the first shipped recording as a drill; it stands paused, so its stream is quiet. */
async function pausedDrill(url: string, token: string): Promise<{ stream: string; seq: number }> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const list = await fetch(`${url}/api/v1/drills/recordings`, { headers });
  const { recordings } = (await list.json()) as { recordings: { name: string }[] };
  if (!recordings[0]) throw new Error('no recording to load as a drill');
  const answer = await fetch(`${url}/api/v1/drills`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ recording: recordings[0].name }),
  });
  const drill = (await answer.json()) as { stream?: string; seq?: number };
  if (!answer.ok || !drill.stream || drill.seq === undefined) {
    throw new Error(`drill import: ${JSON.stringify(drill)}`);
  }
  return { stream: drill.stream, seq: drill.seq };
}
