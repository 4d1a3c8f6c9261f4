// `npm run cluster` and the cluster tests: PostgreSQL, Redis, three floodnet replicas and nginx
// from Debian's packages, on free loopback ports, everything in one temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startLocalPostgres, type LocalPostgres } from '@floodnet/log';
import { startNginx, startRedis, stopChild, type Service } from './services';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = join(ROOT, 'apps/server/src/server.ts');

export interface Replica {
  n: number;
  url: string;
  port: number;
  pid(): number | undefined;
  /** SIGKILL, as a crash or a lost host. */
  kill(): Promise<void>;
  /** Starts it again on its port; resolves once it is ready (caught up). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface Cluster {
  folder: string;
  proxyUrl: string;
  postgres: LocalPostgres;
  redis: Service;
  nginx: Service;
  replicas: Replica[];
  /** Stops everything and removes the folder. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  replicas?: number;
  adminPassword?: string;
  /** FLOODNET_SIM: the In-Fa simulation, driven by one replica at a time. Default off. */
  sim?: boolean;
  simSpeed?: number;
  /** Extra environment for every replica (tests: FLOODNET_CHECK_SENSORS_MS …). */
  env?: Record<string, string>;
  /**
   * Where replicas' output goes; default inherited. `folder`: `replica-<n>.log` in the cluster's
   * folder (appended across restarts), for a test to show when it fails.
   */
  output?: Output;
}

type Output = 'inherit' | 'ignore' | 'folder';

/** Polls a replica's /healthz until it answers 200. */
export async function ready(url: string, child: () => ChildProcess | undefined, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const process = child();
    if (process && process.exitCode !== null) throw new Error(`replica at ${url} exited`);
    const status = await fetch(`${url}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`replica at ${url} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const folder = mkdtempSync(join(tmpdir(), 'floodnet-cluster-'));
  chmodSync(folder, 0o711); // PostgreSQL runs as its own user and must reach its subfolder
  const started: { stop(): Promise<void> }[] = [];
  try {
    const postgres = await startLocalPostgres({ folder: join(folder, 'postgres') });
    started.push({ stop: () => postgres.stop() });
    const redis = await startRedis(folder);
    started.push(redis);
    const ports = await Promise.all(
      Array.from({ length: options.replicas ?? 3 }, () => freePort()),
    );
    const nginx = await startNginx(folder, ports);
    started.push(nginx);
    const shared = join(folder, 'shared'); // accounts, token secret, drill registry
    mkdirSync(shared, { recursive: true });
    // The replicas' temp files (their copies of the log) go with the cluster's folder, also
    // those of a replica killed with -9, which cannot remove its own.
    const temp = join(folder, 'tmp');
    mkdirSync(temp, { recursive: true });
    const env = {
      ...process.env,
      TMPDIR: temp,
      FLOODNET_HOST: '127.0.0.1',
      FLOODNET_DATA: shared,
      FLOODNET_DATABASE_URL: postgres.url,
      FLOODNET_REDIS_URL: redis.url,
      FLOODNET_SIM: options.sim ? 'on' : 'off',
      FLOODNET_ORIGINS: nginx.url,
      FLOODNET_LOG_LEVEL: process.env.FLOODNET_LOG_LEVEL ?? 'warn',
      ...(options.simSpeed ? { FLOODNET_SIM_SPEED: String(options.simSpeed) } : {}),
      ...(options.adminPassword ? { FLOODNET_ADMIN_PASSWORD: options.adminPassword } : {}),
      ...options.env,
    };
    const replicas = ports.map((port, i) =>
      replica(
        i + 1,
        port,
        { ...env, FLOODNET_PORT: String(port) },
        options.output ?? 'inherit',
        folder,
      ),
    );
    // The first alone: it creates the accounts and registers the catalogue the others find.
    for (const [i, one] of replicas.entries()) {
      started.push(one);
      if (i === 0) await one.start();
    }
    await Promise.all(replicas.slice(1).map((one) => one.start()));
    return {
      folder,
      proxyUrl: nginx.url,
      postgres,
      redis,
      nginx,
      replicas,
      stop: async () => {
        await nginx.stop();
        await Promise.all(replicas.map((one) => one.stop()));
        await redis.stop();
        await postgres.remove();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** One floodnet on a SQLite file, started the same way: the single node to compare with. */
export async function startSingleNode(
  options: Pick<ClusterOptions, 'adminPassword' | 'env' | 'output'> = {},
): Promise<Replica & { remove(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'floodnet-single-'));
  const port = await freePort();
  const env = {
    ...process.env,
    FLOODNET_HOST: '127.0.0.1',
    FLOODNET_PORT: String(port),
    FLOODNET_DATA: folder,
    FLOODNET_SIM: 'off',
    FLOODNET_LOG_LEVEL: process.env.FLOODNET_LOG_LEVEL ?? 'warn',
    ...(options.adminPassword ? { FLOODNET_ADMIN_PASSWORD: options.adminPassword } : {}),
    ...options.env,
  };
  const one = replica(1, port, env, options.output ?? 'inherit', folder);
  await one.start();
  return {
    ...one,
    remove: async () => {
      await one.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function replica(
  n: number,
  port: number,
  env: NodeJS.ProcessEnv,
  output: Output,
  folder: string,
): Replica {
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;
  return {
    n,
    url,
    port,
    pid: () => child?.pid,
    async start() {
      const to = output === 'folder' ? openSync(join(folder, `replica-${n}.log`), 'a') : output;
      const server = spawn(process.execPath, ['--import', 'tsx', SERVER], {
        cwd: ROOT,
        env,
        stdio: ['ignore', to, to],
      });
      if (typeof to === 'number') closeSync(to); // the child holds its own copy
      child = server;
      const orphaned = () => server.kill('SIGKILL');
      process.once('exit', orphaned);
      server.once('exit', () => process.off('exit', orphaned));
      await ready(url, () => child);
    },
    kill: () => stopChild(child, 'SIGKILL'),
    stop: () => stopChild(child, 'SIGTERM'),
  };
}
