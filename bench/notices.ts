// Notices: one notice to the 256 compound pages and the 29 squad pages (each a Socket.IO client
// with its own bound account, in a process of their own, that marks the notice delivered on
// receipt, as the browser does) — time from the send until every delivery is committed; then 256 compound reports within a minute while readings flow,
// and the live screens' ingest→screen p99 with and without the reports.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  isCompound,
  isDispatchUnit,
  toShanghaiIso,
  type Asset,
  type EventEnvelope,
} from '@floodnet/domain';
import { buildApp } from '@floodnet/server';
import type { BenchContext } from './report';
import { startPages, wallNow, type Deliveries, type Page } from './notices-pages';
import type { Child } from './support/children';
import { summarise } from './support/stats';
import { printTable } from './support/table';

const SCREENS = 5;

interface App {
  listen(o: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
  server: { address(): AddressInfo | string | null };
  auth: {
    issueToken(user: { name: string; role: string; compoundId?: string; squadId?: string }): string;
    issueKey(name: string): string;
  };
  engine: { live: { state: { assets: Record<string, Asset> } } };
}

function follow(
  url: string,
  token: string,
  onEvents: (events: EventEnvelope[]) => void,
): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: { token },
    forceNew: true,
    reconnection: false,
  });
  socket.on('events', onEvents);
  return new Promise((resolve, reject) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function post(url: string, path: string, token: string, body: unknown): Promise<number> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

export async function runNotices(context: BenchContext): Promise<object> {
  const dataDir = mkdtempSync(join(tmpdir(), 'floodnet-bench-notices-'));
  const app = (await buildApp({
    dataDir,
    print: () => undefined,
    checkSensorsEveryMs: 0,
  })) as unknown as App;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];
  const children: Child[] = [];
  try {
    const assets = Object.values(app.engine.live.state.assets);
    const compounds = assets.filter(isCompound);
    const squads = assets.filter(isDispatchUnit);
    const gauges = assets.filter((asset) => asset.kind === 'rain-gauge');
    const duty = app.auth.issueToken({ name: 'bench-duty', role: 'duty' });
    const key = app.auth.issueKey('bench');

    // The phones, in a process of their own: each marks a notice delivered on receipt.
    const pages: Page[] = [
      ...compounds.map((compound) => ({
        unitId: compound.id,
        compound: true,
        token: app.auth.issueToken({
          name: `pm-${compound.id}`,
          role: 'compound',
          compoundId: compound.id,
        }),
      })),
      ...squads.map((squad) => ({
        unitId: squad.id,
        compound: false,
        token: app.auth.issueToken({ name: `lead-${squad.id}`, role: 'squad', squadId: squad.id }),
      })),
    ];
    const phones = startPages(context.cpuProfile ? 'notices-pages' : null);
    children.push(phones);
    await phones.request('connect', { url, pages });

    // The live screens: when does each reading and report reach them?
    const posted = new Map<string, number>();
    const latencies = { readings: [] as number[] };
    /** Each report as a screen got it: compound, wall time. */
    const reportsSeen: [string, number][] = [];
    let phase: 'quiet' | 'reports' = 'quiet';
    const quiet: number[] = [];
    for (let i = 0; i < SCREENS; i += 1) {
      const socket = await follow(
        url,
        app.auth.issueToken({ name: `screen-${i}`, role: 'viewer' }),
        (events) => {
          const now = performance.now();
          for (const event of events) {
            if (event.type === 'compound.reported') {
              reportsSeen.push([event.data.compoundId, wallNow()]);
              continue;
            }
            const from = event.type === 'reading.recorded' ? posted.get(event.id) : undefined;
            if (from !== undefined)
              (phase === 'quiet' ? quiet : latencies.readings).push(now - from);
          }
        },
      );
      sockets.push(socket);
    }

    // One notice to every compound and every squad.
    const recipients = compounds.length + squads.length;
    const sentAt = wallNow();
    const issued = await post(url, '/api/v1/notices', duty, {
      title: '台风“烟花”预警',
      body: '请做好防台准备',
      audience: { all: true, squadIds: squads.map((squad) => squad.id) },
      ackWithinMinutes: 60,
    });
    if (issued !== 201) throw new Error(`notice refused: ${issued}`);
    const times = await phones.request<Deliveries>('deliveries', {
      count: recipients,
      timeoutMs: 30_000,
    });
    const delivery = summarise(times.delivered.map((at) => at - sentAt));
    const onScreen = summarise(times.received.map((at) => at - sentAt));

    // Readings to the screens at 20/s: a quiet window, then the same with 256 reports.
    const windowMs = context.quick ? 10_000 : 60_000;
    let n = 0;
    const feed = setInterval(() => {
      // Wall time: the server takes live readings only within its window around its clock.
      const at = toShanghaiIso(Date.now());
      const readings = [0, 1].map((j) => {
        const gauge = gauges[(n * 2 + j) % gauges.length]!;
        const id = `bench-${n}-${j}`;
        posted.set(id, performance.now());
        return { id, sensorId: gauge.id, at, value: 1 };
      });
      n += 1;
      void post(url, '/api/v1/readings', key, { readings }).catch(() => undefined);
    }, 100);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    phase = 'reports';
    const reportsSent = await phones.request<Record<string, number>>('report', { windowMs });
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(feed);
    const calm = summarise(quiet);
    const busy = summarise(latencies.readings);
    const report = summarise(
      reportsSeen.flatMap(([compoundId, at]) => {
        const from = reportsSent[compoundId];
        return from === undefined ? [] : [at - from];
      }),
    );

    const figures = {
      recipients,
      delivered: delivery.count,
      receivedP99Ms: Math.round(onScreen.p99),
      deliveryP50Ms: Math.round(delivery.p50),
      deliveryP99Ms: Math.round(delivery.p99),
      deliveryMaxMs: Math.round(delivery.max),
      reports: compounds.length,
      reportWindowSec: windowMs / 1000,
      reportToScreenP99Ms: Math.round(report.p99),
      screensQuietP99Ms: Math.round(calm.p99),
      screensDuringReportsP99Ms: Math.round(busy.p99),
    };
    printTable(
      'notices',
      ['figure', 'value'],
      Object.entries(figures).map(([name, value]) => [name, String(value)]),
    );
    return figures;
  } finally {
    for (const socket of sockets) socket.close();
    for (const child of children) await child.stop();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
