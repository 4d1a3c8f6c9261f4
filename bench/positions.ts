// Positions: 500 vehicles reporting once a second, forwarded by their tracking platform every
// 100 ms to POST /api/v1/positions (acknowledged only after the commit), while a gauge network pushes readings at the same time,
// beside the floor of better-sqlite3 committing the same rows with the same durability.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toShanghaiIso, type Asset } from '@floodnet/domain';
import { openSqliteLog } from '@floodnet/log';
import { loadInFaInputs } from '@floodnet/sim';
import type { BenchContext } from './report';
import { inFaReadings, StormFeed } from './support/in-fa-readings';
import { startServer } from './support/server-process';
import { summarise } from './support/stats';
import { printTable, progress } from './support/table';

const VEHICLES = 500;
/** The readings beside them: a gauge network's batches of 1,000, every 200 ms (est. storm load). */
const READING_BATCH = 1000;
const READING_EVERY_MS = 200;
/** The tracking platform forwards what it has every 100 ms. */
const SLICE_MS = 100;

export interface PositionsFigures {
  positionsPerSec: number;
  offeredPerSec: number;
  p50AckMs: number;
  p99AckMs: number;
  maxAckMs: number;
  readingsPerSec: number;
  readingsP99AckMs: number;
  vehicles: number;
  seconds: number;
  /** The floor: one fix per transaction. */
  rawSinglePerSec: number;
  /** The floor with group commit: a second's 500 fixes in one transaction. */
  rawBatchPerSec: number;
  serverCpuCores: number;
}

/** The catalogue's vehicles, and copies of them up to 500, each parked where its original is. */
function fleet(assets: Asset[]): Asset[] {
  const vehicles = assets.filter((asset) => asset.kind === 'vehicle');
  const extra: Asset[] = [];
  for (let i = vehicles.length; i < VEHICLES; i += 1) {
    const original = vehicles[i % vehicles.length]!;
    extra.push({ ...original, id: `${original.id}-bench-${i}` });
  }
  return [...assets, ...extra];
}

export async function runPositions(context: BenchContext): Promise<PositionsFigures> {
  const seconds = context.quick ? 8 : 30;
  const inputs = loadInFaInputs();
  const assets = fleet(inputs.assets);
  const vehicles = assets.filter((asset) => asset.kind === 'vehicle').slice(0, VEHICLES);
  const readings = new StormFeed(inFaReadings());
  progress(`positions: ${vehicles.length} trackers at 1 Hz plus readings for ${seconds} s`);
  const server = await startServer({ assets });
  try {
    const { url, apiKey } = server.started;
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const before = await server.usage();
    const acks: number[] = [];
    const readingAcks: number[] = [];
    let stored = 0;
    let readingsStored = 0;
    const started = performance.now();
    const end = started + seconds * 1000;
    const requests: Promise<void>[] = [];
    // Open loop, as a tracking platform forwards its fleet: every 100 ms the fixes of a tenth of
    // the vehicles (each vehicle once a second), whatever the acks.
    const slices = 1000 / SLICE_MS;
    const perSlice = Math.ceil(vehicles.length / slices);
    for (let slice = 0; performance.now() < end; slice += 1) {
      const due = started + slice * SLICE_MS;
      if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      const second = Math.floor(slice / slices);
      const first = (slice % slices) * perSlice;
      const step = (second % 60) * 0.00005; // ≈ 20 km/h northwards
      const at = toShanghaiIso(Date.now());
      const body = JSON.stringify({
        positions: vehicles.slice(first, first + perSlice).map((vehicle) => ({
          id: `${vehicle.id}@${second}`,
          unitId: vehicle.id,
          at,
          lat: vehicle.lat + step,
          lng: vehicle.lng,
          speedKmh: 20,
        })),
      });
      const sentAt = performance.now();
      requests.push(
        fetch(`${url}/api/v1/positions`, { method: 'POST', headers, body }).then(
          async (response) => {
            const answer = (await response.json()) as { accepted?: number };
            acks.push(performance.now() - sentAt);
            if (response.status !== 202) throw new Error(`positions answered ${response.status}`);
            stored += answer.accepted ?? 0;
          },
        ),
      );
      if ((slice * SLICE_MS) % READING_EVERY_MS === 0) {
        const batch = JSON.stringify({ readings: readings.next(READING_BATCH) });
        const readingAt = performance.now();
        requests.push(
          fetch(`${url}/api/v1/readings`, { method: 'POST', headers, body: batch }).then(
            async (response) => {
              const answer = (await response.json()) as { accepted?: number };
              readingAcks.push(performance.now() - readingAt);
              readingsStored += answer.accepted ?? 0;
            },
          ),
        );
      }
    }
    await Promise.all(requests);
    const elapsed = (performance.now() - started) / 1000;
    const after = await server.usage();
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const ack = summarise(acks);
    progress('positions: raw better-sqlite3 floor');
    const raw = await rawFloor(context.quick ? 2 : 5);
    const figures: PositionsFigures = {
      positionsPerSec: stored / elapsed,
      offeredPerSec: vehicles.length,
      p50AckMs: ack.p50,
      p99AckMs: ack.p99,
      maxAckMs: ack.max,
      readingsPerSec: readingsStored / elapsed,
      readingsP99AckMs: summarise(readingAcks).p99,
      vehicles: vehicles.length,
      seconds: elapsed,
      rawSinglePerSec: raw.single,
      rawBatchPerSec: raw.batch,
      serverCpuCores: cpuMs / (after.at - before.at),
    };
    printTable(
      'positions — POST /api/v1/positions, 500 vehicles at 1 Hz in 100 ms batches, durable, readings beside',
      ['figure', 'floodnet', 'raw better-sqlite3'],
      [
        ['durable positions/s', figures.positionsPerSec, `${figures.rawSinglePerSec} (1 per tx)`],
        ['offered positions/s', figures.offeredPerSec, `${figures.rawBatchPerSec} (500 per tx)`],
        ['ack p50 ms', figures.p50AckMs, '—'],
        ['ack p99 ms', figures.p99AckMs, '—'],
        ['ack max ms', figures.maxAckMs, '—'],
        ['readings/s beside', figures.readingsPerSec, '—'],
        ['readings ack p99 ms', figures.readingsP99AckMs, '—'],
        ['server CPU (cores)', figures.serverCpuCores, '—'],
      ],
    );
    return figures;
  } finally {
    await server.stop();
  }
}

/** Rows like `unit.positionReported` envelopes into the log's own table, WAL, synchronous FULL. */
async function rawFloor(seconds: number): Promise<{ single: number; batch: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'floodnet-bench-raw-positions-'));
  const file = join(dir, 'raw.sqlite');
  try {
    await openSqliteLog({ file, synchronous: 'FULL' }).close();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const insert = db.prepare(
      'INSERT INTO events (stream, seq, id, type, at_ms, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    let seq = 0;
    const row = () => {
      seq += 1;
      const at = Date.now();
      const data = JSON.stringify({
        unitId: 'v',
        lat: 31.18,
        lng: 121.43,
        speedKmh: 20,
        headingDeg: null,
        flag: null,
      });
      return [
        'live',
        seq,
        `p-${seq}`,
        'unit.positionReported',
        at,
        toShanghaiIso(at),
        data,
      ] as const;
    };
    const one = db.transaction(() => insert.run(...row()));
    const many = db.transaction((n: number) => {
      for (let i = 0; i < n; i += 1) insert.run(...row());
    });
    const rate = (work: () => number) => {
      const started = performance.now();
      let rows = 0;
      while (performance.now() - started < seconds * 1000) rows += work();
      return Math.round(rows / ((performance.now() - started) / 1000));
    };
    const single = rate(() => (one(), 1));
    const batch = rate(() => (many(500), 500));
    db.close();
    return { single, batch };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
