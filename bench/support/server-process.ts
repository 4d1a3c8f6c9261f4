// A floodnet server in a process of its own, so its CPU and memory can be read apart from the
// load generators. Started by `startServer` below through IPC.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Role } from '@floodnet/domain';
import { buildApp, type AppOptions } from '@floodnet/server';
import type { FastifyInstance } from 'fastify';
import { forkChild, serveRequests, type Child } from './children';

export interface ServerStarted {
  url: string;
  /** An API key, as a gauge network would use. */
  apiKey: string;
  /** A viewer's token, as a browser would get at login. */
  viewerToken: string;
  /** A commander's token, for what a viewer may not do (load a drill). */
  commanderToken: string;
  /** From `buildApp` to listening, ms (the process's own start and module loading excluded). */
  bootMs: number;
}

/** Bench-only start options: a log file to start from (copied, never written). */
export interface StartExtras {
  seedLogFile?: string;
}

export interface ServerUsage {
  /** process.cpuUsage() in µs. */
  cpu: { user: number; system: number };
  memory: NodeJS.MemoryUsage;
  /** Wall time of the reading, ms (performance.timeOrigin based, comparable across processes). */
  at: number;
  clients: number;
  seq: number;
  /** Event-loop delay since the previous `usage` call: how long a request could wait, ms. */
  loopDelay: { p50: number; p99: number; max: number };
}

/**
 * What the bench uses of `buildApp()`'s instance. Declared here: the server's `declare module
 * 'fastify'` additions live in its plugin files, which its entry's types do not pull in.
 */
type BenchApp = FastifyInstance & {
  auth: {
    issueKey(name: string): string;
    issueToken(user: { name: string; role: Role }): string;
    createUser(username: string, password: string, role: Role): Promise<void>;
  };
  hub: { clients(): number };
  engine: { live: { state: { seq: number } } };
};

/** Options that cross the IPC boundary (no functions). */
export type ServerOptions = Omit<AppOptions, 'dataDir' | 'clock' | 'print' | 'eventLog'>;

export interface ServerProcess {
  started: ServerStarted;
  usage(gc?: boolean): Promise<ServerUsage>;
  createUser(username: string, password: string, role: Role): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(
  options: ServerOptions,
  cpuProfile: string | null = null,
  extras: StartExtras = {},
): Promise<ServerProcess> {
  const child: Child = forkChild(new URL(import.meta.url), { exposeGc: true, cpuProfile });
  const started = await child.request<ServerStarted>('start', { options, extras });
  return {
    started,
    usage: (gc = false) => child.request<ServerUsage>('usage', { gc }),
    createUser: (username, password, role) =>
      child.request('createUser', { username, password, role }),
    stop: () => child.stop(),
  };
}

/** Wall-clock ms with sub-ms resolution, the same clock in every process on the machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

// ── the child ───────────────────────────────────────────────────────────────────────────────
if (process.send && process.argv[1] && import.meta.url.endsWith(process.argv[1])) {
  let app: BenchApp | null = null;
  let dataDir: string | null = null;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const collectGarbage = () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i += 1) gc?.();
  };
  serveRequests(
    {
      async start({ options, extras }: { options: ServerOptions; extras: StartExtras }) {
        dataDir = mkdtempSync(join(tmpdir(), 'floodnet-bench-'));
        // The server's own file name in its data folder (plugins/event-log.ts).
        if (extras.seedLogFile) copyFileSync(extras.seedLogFile, join(dataDir, 'floodnet.sqlite'));
        const bootStarted = performance.now();
        app = (await buildApp({
          sim: false,
          sync: 'FULL',
          logger: false,
          checkSensorsEveryMs: 0,
          // The bench is one gauge network pushing far more than a real one: no per-key limit.
          ingestPerMinute: 1_000_000_000,
          // The feeds replay In-Fa (July 2021) against today's clock: open the live window back.
          liveWindow: { futureSec: 900, pastSec: 30 * 365 * 86_400 },
          print: () => undefined,
          ...options,
          dataDir,
        })) as BenchApp;
        await app.listen({ port: 0, host: '127.0.0.1' });
        const bootMs = performance.now() - bootStarted;
        const { port } = app.server.address() as AddressInfo;
        return {
          bootMs,
          url: `http://127.0.0.1:${port}`,
          apiKey: app.auth.issueKey('bench-gauges'),
          viewerToken: app.auth.issueToken({ name: 'bench-viewer', role: 'viewer' }),
          commanderToken: app.auth.issueToken({ name: 'bench-commander', role: 'commander' }),
        } satisfies ServerStarted;
      },
      usage({ gc }: { gc: boolean }): ServerUsage {
        if (gc) collectGarbage();
        const delay = {
          p50: loopDelay.percentile(50) / 1e6,
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        };
        loopDelay.reset();
        return {
          loopDelay: delay,
          cpu: process.cpuUsage(),
          memory: process.memoryUsage(),
          at: wallNow(),
          clients: app?.hub.clients() ?? 0,
          seq: app?.engine.live.state.seq ?? 0,
        };
      },
      async createUser(user: { username: string; password: string; role: Role }) {
        await app?.auth.createUser(user.username, user.password, user.role);
      },
    },
    async () => {
      await app?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  );
}
