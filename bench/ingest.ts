// Ingest: readings per second through POST /api/v1/readings (batches of 1,000, acknowledged only
// after the commit), against the floor of better-sqlite3 writing the same rows with the same
// durability in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteLog } from '@floodnet/log';
import type { BenchContext } from './report';
import { inFaReadings, StormFeed, type ScenarioReading } from './support/in-fa-readings';
import { machineLoad, otherCores } from './support/machine-load';
import { startServer } from './support/server-process';
import { summarise } from './support/stats';
import { printTable, progress } from './support/table';

const BATCH = 1000;
const SENDERS = 4;
/** The load curve: open-loop runs at these percentages of the saturated throughput. */
const CURVE_PERCENTS = [20, 50, 80, 100] as const;

interface CurvePoint {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface IngestFigures {
  readingsPerSec: number;
  rawPerSec: number;
  ratio: number;
  p99AckMs: number;
  p50AckMs: number;
  maxAckMs: number;
  /** The offered rate of the paced run: half the saturated throughput. */
  pacedPerSec: number;
  pacedP50AckMs: number;
  pacedP99AckMs: number;
  /** Open loop at 80 % of the saturated throughput: the target's operating point. */
  p99AckMsAt80: number;
  p50AckMsAt80: number;
  /** Open-loop runs at 20, 50, 80 and 100 % of floodnet's own saturated throughput. */
  curve: Record<string, CurvePoint>;
  requests: number;
  readings: number;
  seconds: number;
  senders: number;
  batch: number;
  /** Events the server stored besides the readings (alerts, closures, suggestions). */
  derivedEvents: number;
  serverCpuCores: number;
  sendersCpuCores: number;
  /** The longest the server's event loop was held (a commit, a checkpoint, a GC), ms. */
  serverLoopDelayMaxMs: number;
  /** Cores the whole machine kept busy meanwhile: above server + senders, other work ran. */
  machineBusyCores: number | null;
  /** Of those, cores used by processes other than the benchmark's. */
  otherCpuCores: number | null;
  rawRows: number;
  /** One transaction of 1,000 rows, commit included: what a batch costs at the floor. */
  rawCommitP99Ms: number;
  rawCommitMaxMs: number;
}

export async function runIngest(context: BenchContext): Promise<IngestFigures> {
  const seconds = context.quick ? 6 : 30;
  const warmupSeconds = context.quick ? 2 : 5;
  const pacedSeconds = context.quick ? 3 : 8;
  progress('ingest: generating the In-Fa readings of the Xuhui catalogue');
  const readings = inFaReadings();

  const server = await startServer({}, context.cpuProfile ? 'ingest-server' : null);
  try {
    const feed = new StormFeed(readings);
    const url = `${server.started.url}/api/v1/readings`;
    const headers = {
      authorization: `Bearer ${server.started.apiKey}`,
      'content-type': 'application/json',
    };
    progress(`ingest: warming up for ${warmupSeconds} s`);
    await send(url, headers, feed, warmupSeconds);
    const before = await server.usage();
    const load = machineLoad();
    const ownBefore = process.cpuUsage();
    progress(`ingest: ${SENDERS} senders × batches of ${BATCH} for ${seconds} s`);
    const run = await send(url, headers, feed, seconds);
    const after = await server.usage();
    const machineBusyCores = load.stop();
    const senders = process.cpuUsage(ownBefore);
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const sendersCores = (senders.user + senders.system) / 1000 / (after.at - before.at);
    const acks = summarise(run.latencies);
    const readingsPerSec = run.readings / run.seconds;
    // Closed loop, the ack waits behind the other senders' batches (Little's law: 4 in flight
    // at R batches/s → 4/R s each). Open loop at fractions of that rate shows the ack itself.
    const curve: Record<string, CurvePoint> = {};
    for (const percent of CURVE_PERCENTS) {
      const perSec = Math.max(BATCH, Math.round((readingsPerSec * percent) / 100 / BATCH) * BATCH);
      progress(`ingest: paced at ${percent} % = ${perSec} readings/s for ${pacedSeconds} s`);
      const acks = summarise(await sendPaced(url, headers, feed, perSec, pacedSeconds));
      curve[percent] = { perSec, p50Ms: acks.p50, p99Ms: acks.p99, maxMs: acks.max };
    }
    const paced = curve[50]!;
    const at80 = curve[80]!;

    progress('ingest: raw better-sqlite3 floor');
    const raw = await rawFloor(readings, context.quick ? 3 : 10);
    const figures: IngestFigures = {
      readingsPerSec,
      rawPerSec: raw.perSec,
      ratio: readingsPerSec / raw.perSec,
      p99AckMs: acks.p99,
      p50AckMs: acks.p50,
      maxAckMs: acks.max,
      pacedPerSec: paced.perSec,
      pacedP50AckMs: paced.p50Ms,
      pacedP99AckMs: paced.p99Ms,
      p99AckMsAt80: at80.p99Ms,
      p50AckMsAt80: at80.p50Ms,
      curve,
      requests: acks.count,
      readings: run.readings,
      seconds: run.seconds,
      senders: SENDERS,
      batch: BATCH,
      derivedEvents: after.seq - before.seq - run.readings,
      serverCpuCores: cpuMs / (after.at - before.at),
      sendersCpuCores: sendersCores,
      serverLoopDelayMaxMs: after.loopDelay.max,
      machineBusyCores,
      otherCpuCores: otherCores(machineBusyCores, cpuMs / (after.at - before.at) + sendersCores),
      rawRows: raw.rows,
      rawCommitP99Ms: raw.commits.p99,
      rawCommitMaxMs: raw.commits.max,
    };
    printTable(
      'ingest — POST /api/v1/readings, durable (synchronous FULL), loopback',
      ['figure', 'floodnet', 'raw better-sqlite3'],
      [
        ['readings/s', figures.readingsPerSec, figures.rawPerSec],
        ['ratio to raw', figures.ratio, 1],
        ['ack p50 ms', figures.p50AckMs, '—'],
        ['ack p99 ms', figures.p99AckMs, '—'],
        ['ack max ms', figures.maxAckMs, '—'],
        ['transaction of 1,000 p99 ms', '—', figures.rawCommitP99Ms],
        ['transaction of 1,000 max ms', '—', figures.rawCommitMaxMs],
        ...CURVE_PERCENTS.map((percent) => [
          `ack p50 / p99 ms at ${percent} % (${curve[percent]!.perSec}/s, paced)`,
          `${curve[percent]!.p50Ms.toFixed(1)} / ${curve[percent]!.p99Ms.toFixed(1)}`,
          '—',
        ]),
        ['requests', figures.requests, figures.rawRows / BATCH],
        ['derived events', figures.derivedEvents, '—'],
        ['server CPU (cores)', figures.serverCpuCores, '—'],
        ['senders CPU (cores)', figures.sendersCpuCores, '—'],
        ['server event-loop delay max ms', figures.serverLoopDelayMaxMs, '—'],
        ['machine busy (cores, all processes)', figures.machineBusyCores, '—'],
        ['  of which other processes', figures.otherCpuCores, '—'],
      ],
    );
    return figures;
  } finally {
    await server.stop();
  }
}

/** Concurrent senders over keep-alive connections, each waiting for its ack before the next. */
async function send(
  url: string,
  headers: Record<string, string>,
  feed: StormFeed,
  seconds: number,
): Promise<{ readings: number; seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let readings = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const sender = async () => {
    while (performance.now() < end) {
      const body = JSON.stringify({ readings: feed.next(BATCH) });
      const sentAt = performance.now();
      const response = await fetch(url, { method: 'POST', headers, body });
      const answer = (await response.json()) as { accepted?: number; error?: unknown };
      latencies.push(performance.now() - sentAt);
      if (response.status !== 202) {
        throw new Error(`ingest answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      readings += answer.accepted ?? 0;
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  return { readings, seconds: (performance.now() - started) / 1000, latencies };
}

/**
 * Open loop: a batch every 1000 / (perSec / BATCH) ms whatever the acks, over the same keep-alive
 * connections (undici opens more when all are busy), so a slow ack never lowers the offered rate.
 */
async function sendPaced(
  url: string,
  headers: Record<string, string>,
  feed: StormFeed,
  perSec: number,
  seconds: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const requests: Promise<void>[] = [];
  const interval = 1000 / (perSec / BATCH);
  const started = performance.now();
  for (let i = 0; i < (seconds * perSec) / BATCH; i += 1) {
    const due = started + i * interval;
    if (due > performance.now())
      await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    const body = JSON.stringify({ readings: feed.next(BATCH) });
    const sentAt = performance.now();
    requests.push(
      fetch(url, { method: 'POST', headers, body }).then(async (response) => {
        await response.arrayBuffer();
        latencies.push(performance.now() - sentAt);
        if (response.status !== 202) throw new Error(`ingest answered ${response.status}`);
      }),
    );
  }
  await Promise.all(requests);
  return latencies;
}

/**
 * The floor: the same rows (a `reading.recorded` envelope each) into a table of the same shape
 * (the log's own schema, created by opening an SqliteEventLog), WAL and synchronous FULL as the
 * server, one transaction per 1,000 rows. Only the inserts are timed.
 */
async function rawFloor(readings: readonly ScenarioReading[], seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'floodnet-bench-raw-'));
  const file = join(dir, 'raw.sqlite');
  try {
    await openSqliteLog({ file, synchronous: 'FULL' }).close();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // As the log's writer connection (sqlite-schema.ts), so only the work differs.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('cache_size = -65536');
    const insert = db.prepare(
      'INSERT INTO events (stream, seq, id, type, at_ms, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    type Row = [string, number, string, string, number, string, string];
    const insertBatch = db.transaction((rows: Row[]) => {
      for (const row of rows) insert.run(...row);
    });
    const feed = new StormFeed(readings);
    let seq = 0;
    let timed = 0;
    let rows = 0;
    const commits: number[] = [];
    while (timed < seconds * 1000) {
      const batch: Row[] = feed.next(BATCH).map((reading) => {
        seq += 1;
        const data = JSON.stringify({ sensorId: reading.sensorId, value: reading.value });
        return [
          'live',
          seq,
          reading.id,
          'reading.recorded',
          Date.parse(reading.at),
          reading.at,
          data,
        ];
      });
      const started = performance.now();
      insertBatch(batch);
      commits.push(performance.now() - started);
      timed += commits.at(-1)!;
      rows += batch.length;
    }
    db.close();
    return { perSec: rows / (timed / 1000), rows, commits: summarise(commits) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
