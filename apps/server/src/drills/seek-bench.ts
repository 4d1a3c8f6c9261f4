// Measures a drill's import and seek through the HTTP API on a real server (port 0, temp folder).
// Usage: npx tsx apps/server/src/drills/seek-bench.ts [--file LOG.ndjson] [--seeks 200]
//   default file: fixtures/recordings/in-fa-2021.ndjson; a 1M-event log comes from
//   npx tsx packages/sim/scripts/generate-large-log.ts --events 1000000 --out /tmp/large.ndjson
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { parseTime, toShanghaiIso } from '@floodnet/domain';
import { DEFAULT_SNAPSHOT_EVERY } from '@floodnet/log';
import { mulberry32 } from '@floodnet/sim';
import { buildApp } from '../app.js';
import { IN_FA_FILE } from './drill-fixtures.js';
import { recordingStateAtSeq } from './recording-snapshots.js';
import { Timeline } from './timeline.js';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const file = option('file') ?? IN_FA_FILE;
const seeks = Number(option('seeks') ?? 200);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const summary = (values: number[]) =>
  `p50 ${ms(quantile(values, 0.5))}, p95 ${ms(quantile(values, 0.95))}, max ${ms(Math.max(...values))}`;

const dataDir = mkdtempSync(join(tmpdir(), 'floodnet-seek-bench-'));
const app = await buildApp({ dataDir, checkSensorsEveryMs: 0, print: () => undefined });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const token = app.auth.issueToken({ name: 'bench', role: 'commander' });
const headers = { authorization: `Bearer ${token}` };

// RSS over the import, to see whether memory stays flat as the log grows.
const rss: number[] = [];
const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 100);

try {
  const started = performance.now();
  const imported = await fetch(`${url}/api/v1/drills`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const drill = (await imported.json()) as { id: string; stream: string; events: number };
  if (imported.status !== 201) throw new Error(JSON.stringify(drill));
  const seconds = (performance.now() - started) / 1000;
  const megabytes = statSync(file).size / 1e6;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  const quarters = [0.25, 0.5, 0.75, 1].map((q) => mb(rss[Math.ceil(q * rss.length) - 1] ?? 0));
  console.log(
    `import: ${drill.events} events, ${megabytes.toFixed(0)} MB in ${seconds.toFixed(1)} s ` +
      `(${Math.round(drill.events / seconds)} events/s); RSS at 1/4, 1/2, 3/4, end: ` +
      `${quarters.join(', ')} MB, peak ${mb(Math.max(...rss))} MB`,
  );

  const info = app.eventLog.streams().find((stream) => stream.stream === drill.stream)!;
  const random = mulberry32(7);
  const times = Array.from(
    { length: seeks },
    () => info.firstAt! + random() * (info.lastAt! - info.firstAt!),
  );
  const timeline = new Timeline(app.eventLog, drill.stream, true);
  const http: number[] = [];
  const search: number[] = [];
  const index: number[] = [];
  const load: number[] = [];
  for (const t of times) {
    const before = performance.now();
    const answer = await fetch(`${url}/api/v1/drills/${drill.id}/clock`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'seek', at: toShanghaiIso(t) }),
    });
    const { at } = (await answer.json()) as { at: string };
    http.push(performance.now() - before);
    if (parseTime(at) !== Math.floor(t)) throw new Error(`seek answered ${at}`);
    // The parts of a seek, alone: time → seq (binary search; the log's index for comparison),
    // then the snapshot load and the fold of the tail.
    const t0 = performance.now();
    const seq = timeline.seqAt(t);
    const t1 = performance.now();
    if (app.eventLog.seqAtTime(drill.stream, t) !== seq) throw new Error('time index disagrees');
    const t2 = performance.now();
    recordingStateAtSeq(app.eventLog, drill.stream, seq, DEFAULT_SNAPSHOT_EVERY);
    search.push(t1 - t0);
    index.push(t2 - t1);
    load.push(performance.now() - t2);
  }
  console.log(`seek over HTTP (${seeks} random T): ${summary(http)}`);
  console.log(`  of which time → seq by binary search: ${summary(search)}`);
  console.log(`  (the log's seqAtTime instead: ${summary(index)})`);
  console.log(`  of which snapshot load + tail fold: ${summary(load)}`);
} finally {
  clearInterval(sampler);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
