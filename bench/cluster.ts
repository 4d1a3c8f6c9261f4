// Cluster: ingest and fan-out through nginx across three replicas on one PostgreSQL, beside one
// node on SQLite in the same run; then failover — kill -9 of a replica until its screens are live
// again, kill of the timer-lease holder until another holds it. All of it shares this machine's
// cores, so the cluster's figures here say what it costs, not what more machines would give.
import { toShanghaiIso } from '@floodnet/domain';
import { startCluster, startSingleNode } from '../scripts/cluster/cluster';
import { leaseHolder, openScreen, request, until, type Screen } from '../scripts/cluster/screens';
import type { BenchContext } from './report';
import { summarise } from './support/stats';
import { printTable, progress } from './support/table';

const PASSWORD = 'bench cluster admin passphrase';
const BATCH = 500;
const SENDERS = 4;
const KEYS = 8;

interface Target {
  url: string;
  token: string;
  keys: string[];
  sensorId: string;
}

async function prepare(url: string): Promise<Target> {
  const login = await request(url, 'POST', '/api/v1/session', undefined, {
    username: 'admin',
    password: PASSWORD,
  });
  const token = String(login.body.token);
  const keys: string[] = [];
  for (let i = 0; i < KEYS; i += 1) {
    keys.push(
      String((await request(url, 'POST', '/api/v1/keys', token, { name: `bench-${i}` })).body.key),
    );
  }
  const state = (await request(url, 'GET', '/api/v1/state', token)).body.state as {
    assets: Record<string, { kind: string; id: string }>;
  };
  const sensorId = Object.values(state.assets).find((asset) => asset.kind === 'rain-gauge')!.id;
  return { url, token, keys, sensorId };
}

let readingNumber = 0;
function batch(target: Target, size: number) {
  return Array.from({ length: size }, () => {
    readingNumber += 1;
    const at = toShanghaiIso(Date.now() - 86_400_000 + readingNumber);
    return {
      id: `bench-${readingNumber}`,
      sensorId: target.sensorId,
      at,
      value: readingNumber % 9,
    };
  });
}

/** Readings acknowledged per second with `SENDERS` senders posting batches back to back. */
async function ingest(target: Target, seconds: number) {
  const acks: number[] = [];
  let readings = 0;
  let refused = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, sender) => {
      for (let n = sender; performance.now() < end; n += SENDERS) {
        const started = performance.now();
        const answer = await request(
          target.url,
          'POST',
          '/api/v1/readings',
          target.keys[n % KEYS],
          {
            readings: batch(target, BATCH),
          },
        );
        if (answer.status === 202) {
          readings += BATCH;
          acks.push(performance.now() - started);
        } else refused += 1;
      }
    }),
  );
  return { readingsPerSec: Math.round(readings / seconds), ackP99Ms: summarise(acks).p99, refused };
}

/** Paced readings while `screens` watch: ingest → screen latency of each reading. */
async function fanout(target: Target, screens: Screen[], seconds: number) {
  const latencies: number[] = [];
  const sentAt = new Map<number, number>();
  const seen = screens.map((screen) => screen.state?.seq ?? 0);
  const watch = setInterval(() => {
    screens.forEach((screen, i) => {
      const seq = screen.state?.seq ?? 0;
      if (seq <= seen[i]!) return;
      const now = performance.now();
      for (const [upTo, at] of sentAt) if (upTo > seen[i]! && upTo <= seq) latencies.push(now - at);
      seen[i] = seq;
    });
  }, 2);
  const end = performance.now() + seconds * 1000;
  for (let n = 0; performance.now() < end; n += 1) {
    const started = performance.now();
    const answer = await request(target.url, 'POST', '/api/v1/readings', target.keys[n % KEYS], {
      readings: batch(target, 20),
    });
    if (answer.status === 202) sentAt.set(Number(answer.body.seq), started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(watch);
  const stats = summarise(latencies);
  return { p50Ms: stats.p50, p99Ms: stats.p99, deliveries: stats.count };
}

export async function runCluster(context: BenchContext): Promise<object> {
  const seconds = context.quick ? 3 : 8;
  const screensCount = context.quick ? 20 : 60;
  const quiet = {
    adminPassword: PASSWORD,
    output: 'ignore' as const,
    env: { FLOODNET_CHECK_SENSORS_MS: '1000' },
  };

  progress('single node (SQLite)…');
  const single = await startSingleNode(quiet);
  let singleFigures;
  try {
    const target = await prepare(single.url);
    const singleIngest = await ingest(target, seconds);
    const screens = Array.from({ length: screensCount }, () =>
      openScreen(single.url, target.token),
    );
    await until(() => screens.every((screen) => screen.state !== null), 'single-node screens');
    const singleFanout = await fanout(target, screens, seconds);
    for (const screen of screens) screen.close();
    singleFigures = { ...singleIngest, ...singleFanout };
  } finally {
    await single.remove();
  }

  progress('cluster (PostgreSQL, Redis, 3 replicas, nginx)…');
  const cluster = await startCluster(quiet);
  try {
    const target = await prepare(cluster.proxyUrl);
    const clusterIngest = await ingest(target, seconds);
    const screens = Array.from({ length: screensCount }, () =>
      openScreen(cluster.proxyUrl, target.token),
    );
    await until(() => screens.every((screen) => screen.state !== null), 'cluster screens');
    const clusterFanout = await fanout(target, screens, seconds);

    // kill -9 of a replica while readings flow: until every screen has an event after the kill
    const flowing = (async () => {
      for (let n = 0; n < 60; n += 1) {
        await request(target.url, 'POST', '/api/v1/readings', target.keys[n % KEYS], {
          readings: batch(target, 5),
        }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const atKill = Math.max(...screens.map((screen) => screen.state?.seq ?? 0));
    const killed = performance.now();
    await cluster.replicas[1]!.kill();
    await until(
      () => screens.every((screen) => (screen.state?.seq ?? 0) > atKill),
      'screens',
      30_000,
    );
    const screensBackMs = performance.now() - killed;
    await flowing;
    for (const screen of screens) screen.close();

    // kill of the timer-lease holder: until another replica holds it
    const holder = await leaseHolder(cluster.postgres.url, 'timers');
    const victim = cluster.replicas.find((replica) => replica.pid() === holder);
    let leaseMovedMs: number | null = null;
    if (victim) {
      const started = performance.now();
      await victim.kill();
      await until(
        async () => {
          const next = await leaseHolder(cluster.postgres.url, 'timers');
          return next !== null && next !== holder;
        },
        'the lease to move',
        30_000,
      );
      leaseMovedMs = performance.now() - started;
    }

    const figures = {
      singleReadingsPerSec: singleFigures.readingsPerSec,
      clusterReadingsPerSec: clusterIngest.readingsPerSec,
      singleAckP99Ms: round(singleFigures.ackP99Ms),
      clusterAckP99Ms: round(clusterIngest.ackP99Ms),
      singleFanoutP99Ms: round(singleFigures.p99Ms),
      clusterFanoutP99Ms: round(clusterFanout.p99Ms),
      screens: screensCount,
      failoverScreensMs: Math.round(screensBackMs),
      leaseMovedMs: leaseMovedMs === null ? null : Math.round(leaseMovedMs),
      refused: singleFigures.refused + clusterIngest.refused,
      seconds,
    };
    printTable(
      'cluster — the same machine for everything',
      ['figure', 'single node (SQLite)', 'cluster via nginx (PostgreSQL)'],
      [
        [
          'readings/s (4 senders, batches of 500)',
          figures.singleReadingsPerSec,
          figures.clusterReadingsPerSec,
        ],
        ['ack p99 (ms)', figures.singleAckP99Ms, figures.clusterAckP99Ms],
        [
          `ingest → screen p99, ${screensCount} screens (ms)`,
          figures.singleFanoutP99Ms,
          figures.clusterFanoutP99Ms,
        ],
        ['kill -9 of a replica → every screen live (ms)', '–', figures.failoverScreensMs],
        ['kill of the lease holder → timers held again (ms)', '–', figures.leaseMovedMs],
      ],
    );
    return figures;
  } finally {
    await cluster.stop();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
