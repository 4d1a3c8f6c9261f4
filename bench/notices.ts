// Notices: one notice to the 256 compound pages and the 29 squad pages (each a Socket.IO client
// that marks the notice delivered on receipt, as the browser does) — time from the send until
// every delivery is committed; then 256 compound reports within a minute while readings flow,
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
  try {
    const assets = Object.values(app.engine.live.state.assets);
    const compounds = assets.filter(isCompound);
    const squads = assets.filter(isDispatchUnit);
    const gauges = assets.filter((asset) => asset.kind === 'rain-gauge');
    const duty = app.auth.issueToken({ name: 'bench-duty', role: 'duty' });
    const key = app.auth.issueKey('bench');

    // The pages: each marks a notice delivered the moment its stream brings it.
    const delivered: number[] = [];
    /** When each page had the notice on screen (before its delivery was committed). */
    const received: number[] = [];
    let sentAt = 0;
    const page = async (id: string, token: string) => {
      const socket = await follow(url, token, (events) => {
        for (const event of events) {
          if (event.type !== 'notice.issued' || !event.data.recipients.includes(id)) continue;
          received.push(performance.now() - sentAt);
          void post(url, `/api/v1/notices/${event.data.noticeId}/delivered`, token, {}).then(
            (status) => status === 200 && delivered.push(performance.now() - sentAt),
          );
        }
      });
      sockets.push(socket);
    };
    const tokens = new Map<string, string>();
    for (const compound of compounds) {
      const token = app.auth.issueToken({
        name: `pm-${compound.id}`,
        role: 'compound',
        compoundId: compound.id,
      });
      tokens.set(compound.id, token);
      await page(compound.id, token);
    }
    for (const squad of squads)
      await page(
        squad.id,
        app.auth.issueToken({ name: `lead-${squad.id}`, role: 'squad', squadId: squad.id }),
      );

    // The live screens: when does each reading and report reach them?
    const posted = new Map<string, number>();
    const latencies = { readings: [] as number[], reports: [] as number[] };
    let phase: 'quiet' | 'reports' = 'quiet';
    const quiet: number[] = [];
    for (let i = 0; i < SCREENS; i += 1) {
      const socket = await follow(
        url,
        app.auth.issueToken({ name: `screen-${i}`, role: 'viewer' }),
        (events) => {
          const now = performance.now();
          for (const event of events) {
            const from =
              event.type === 'reading.recorded'
                ? posted.get(event.id)
                : event.type === 'compound.reported'
                  ? posted.get(`r:${event.data.compoundId}`)
                  : undefined;
            if (from === undefined) continue;
            if (event.type === 'reading.recorded')
              (phase === 'quiet' ? quiet : latencies.readings).push(now - from);
            else latencies.reports.push(now - from);
          }
        },
      );
      sockets.push(socket);
    }

    // One notice to every compound and every squad.
    const recipients = compounds.length + squads.length;
    sentAt = performance.now();
    const issued = await post(url, '/api/v1/notices', duty, {
      title: '台风“烟花”预警',
      body: '请做好防台准备',
      audience: { all: true, squadIds: squads.map((squad) => squad.id) },
      ackWithinMinutes: 60,
    });
    if (issued !== 201) throw new Error(`notice refused: ${issued}`);
    const deadline = performance.now() + 30_000;
    while (delivered.length < recipients && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const delivery = summarise(delivered);
    const onScreen = summarise(received);

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
    const reports = compounds.map(
      (compound, i) =>
        new Promise<void>((resolve) =>
          setTimeout(
            () => {
              posted.set(`r:${compound.id}`, performance.now());
              void post(url, '/api/v1/compound-reports', tokens.get(compound.id)!, {
                kind: 'water-depth',
                depthCm: 5 + (i % 40),
                where: 'garage',
              }).then(() => resolve());
            },
            (i / compounds.length) * windowMs,
          ),
        ),
    );
    await Promise.all(reports);
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(feed);
    const calm = summarise(quiet);
    const busy = summarise(latencies.readings);
    const report = summarise(latencies.reports);

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
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
