// Helpers for the integration tests: a real server on port 0 over a real SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { Asset, EventEnvelope, Role } from '@floodnet/domain';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import { loadCatalogue } from './engine/catalogue.js';
import { resolveOptions } from './config.js';

/** Event time in the tests: In-Fa over Shanghai, 25 July 2021 noon. */
export const T0 = Date.parse('2021-07-25T12:00:00+08:00');

export interface Running {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  clock: { now(): number; advance(ms: number): void };
  close(): Promise<void>;
}

const inline: Asset[] = [
  {
    kind: 'waterlogging-point',
    id: 'wp-test',
    name: '测试积水点',
    nameEn: 'Test point',
    lat: 31.2,
    lng: 121.44,
    jiezhen: null,
    provenance: { kind: 'plausible' },
    thresholdCm: 15,
    intervalSec: 300,
  },
  {
    kind: 'underpass',
    id: 'up-test',
    name: '测试下立交',
    nameEn: 'Test underpass',
    lat: 31.19,
    lng: 121.43,
    jiezhen: null,
    provenance: { kind: 'plausible' },
    closeAtCm: 25,
    intervalSec: 300,
  },
  {
    kind: 'specialist-squad',
    id: 'squad-test',
    name: '测试抢险队',
    nameEn: 'Test squad',
    lat: 31.18,
    lng: 121.44,
    jiezhen: null,
    provenance: { kind: 'plausible' },
    specialty: 'pump-truck',
    members: 20,
  },
  {
    kind: 'rain-gauge',
    id: 'rg-test',
    name: '测试雨量站',
    nameEn: 'Test rain gauge',
    lat: 31.2,
    lng: 121.43,
    jiezhen: null,
    provenance: { kind: 'plausible' },
    intervalSec: 300,
  },
];

/** Three compounds beside the first team, until the fixture has the district's 256. */
function withCompounds(assets: Asset[]): Asset[] {
  if (assets.some((asset) => asset.kind === 'residential-compound')) return assets;
  const team = assets.find((asset) => asset.kind === 'subdistrict-team');
  const jiezhen = team?.jiezhen ?? '310104003';
  const compounds: Asset[] = [1, 2, 3].map((n) => ({
    kind: 'residential-compound',
    id: `rc-test-${n}`,
    name: `测试小区${n}`,
    nameEn: `Test compound ${n}`,
    lat: 31.2 + n * 0.002,
    lng: 121.44,
    jiezhen,
    provenance: { kind: 'plausible' },
    households: 300 * n,
    lowLying: n !== 3,
    undergroundGarage: n !== 2,
    manager: '测试物业',
  }));
  return [...assets, ...compounds];
}

/** The real Xuhui catalogue when the fixture is there, else a tiny inline one. */
export function catalogue() {
  const fixture = loadCatalogue(resolveOptions({ dataDir: '.' }).fixturesDir);
  const assets = withCompounds(fixture.length > 0 ? fixture : inline);
  const first = <K extends Asset['kind']>(kind: K) => {
    const asset = assets.find((candidate) => candidate.kind === kind);
    if (!asset) throw new Error(`no ${kind} in the catalogue`);
    return asset as Extract<Asset, { kind: K }>;
  };
  return {
    assets,
    waterlogging: first('waterlogging-point'),
    underpass: first('underpass'),
    squad: first('specialist-squad'),
    rainGauge: first('rain-gauge'),
    compound: first('residential-compound'),
    otherCompound: assets.filter((asset) => asset.kind === 'residential-compound')[1]!,
  };
}

/** Builds and listens on port 0 over a temp data folder (or `dataDir`, for restarts). */
export async function startServer(
  overrides: Partial<AppOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'floodnet-server-')),
): Promise<Running> {
  let offset = 0;
  const clock = { now: () => T0 + offset, advance: (ms: number) => void (offset += ms) };
  const app = await buildApp({
    dataDir,
    assets: catalogue().assets,
    clock,
    checkSensorsEveryMs: 0,
    checkNoticesEveryMs: 0,
    print: () => undefined,
    ...overrides,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    clock,
    async close() {
      await app.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function tokenFor(app: FastifyInstance, role: Role, name: string = role): string {
  return app.auth.issueToken({ name, role });
}

/** The loose shape of an answer: any field, and the error body when there is one. */
export type Answer = Record<string, unknown> & {
  error?: { code: string; message: string; path?: string };
};

/** A JSON request to the running server, over real HTTP. */
export async function call<T = Answer>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined || options.raw !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // NDJSON, HTML or Prometheus text: left as text.
  }
  return { status: response.status, body: body as T, headers: response.headers, text };
}

export function connect(
  url: string,
  auth: Record<string, unknown>,
  extraHeaders: Record<string, string> = {},
): Socket {
  return connectSocket(url, {
    transports: ['websocket'],
    auth,
    extraHeaders,
    reconnection: false,
    forceNew: true,
  });
}

/** Waits for the socket to connect, or rejects with the server's refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Collects every `events` envelope a socket receives, and resolves when `until` holds. */
export function collectEvents(socket: Socket) {
  const received: EventEnvelope[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  socket.on('events', (batch: EventEnvelope[]) => {
    received.push(...batch);
    for (const waiter of [...waiters]) {
      if (waiter.test()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    received,
    until(test: (events: EventEnvelope[]) => boolean): Promise<void> {
      if (test(received)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test: () => test(received), resolve }));
    },
  };
}

/**
 * A server as its own process (`node --import tsx`: one process, so a SIGKILL hits the server
 * itself), answering once it prints where it listens.
 */
export async function spawnServer(
  entry: string,
  { args = [], env = {} }: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const found = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  child.stdout!.resume();
  return { child, url };
}

const serverEntry = fileURLToPath(new URL('./server.ts', import.meta.url));

/**
 * server.ts itself as its own process over `dataDir` (a kill -9 hits the server and nothing
 * else): on a free port, no simulation, the admin signing in with `adminPassword`; `env` adds
 * settings.
 */
export function launchServer(
  dataDir: string,
  adminPassword: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  return spawnServer(serverEntry, {
    env: {
      FLOODNET_PORT: '0',
      FLOODNET_HOST: '127.0.0.1',
      FLOODNET_DATA: dataDir,
      FLOODNET_SIM: 'off',
      FLOODNET_ADMIN_PASSWORD: adminPassword,
      FLOODNET_LOG_LEVEL: 'info',
      ...env,
    },
  });
}
