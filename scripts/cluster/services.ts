// Redis and nginx from Debian's packages, each on a free loopback port with its files in a
// folder of the cluster's own: never the machine's default services.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@floodnet/log';

export interface Service {
  url: string;
  port: number;
  pid(): number | undefined;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`). */
  start(): Promise<void>;
}

/** Resolves once something accepts TCP connections on the port, or rejects after `ms`. */
export async function portOpen(port: number, child: ChildProcess, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited (${child.exitCode})`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `signal` and waits for the exit; a child still there after `graceMs` is killed. */
export function stopChild(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 15_000,
) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const stubborn = setTimeout(() => child.kill('SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(stubborn));
}

/** The package's binary where Debian puts it (root's PATH may lack /usr/sbin), else by name. */
function debianBinary(path: string, name: string): string {
  return existsSync(path) ? path : name;
}

/** A supervised child: started on `start`, stopped on `stop`, killed if this process exits. */
function supervised(command: string, args: string[], port: number, url: string): Service {
  let child: ChildProcess | undefined;
  const service: Service = {
    url,
    port,
    pid: () => child?.pid,
    async start() {
      const started = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child = started;
      const orphaned = () => started.kill('SIGKILL');
      process.once('exit', orphaned);
      started.once('exit', () => process.off('exit', orphaned));
      await portOpen(port, started);
    },
    stop: () => stopChild(child),
  };
  return service;
}

/** redis-server without persistence: the cluster's Redis carries only socket traffic. */
export async function startRedis(folder: string): Promise<Service> {
  const dir = join(folder, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir];
  const redis = supervised(
    debianBinary('/usr/bin/redis-server', 'redis-server'),
    [...args, '--save', '', '--appendonly', 'no'],
    port,
    `redis://127.0.0.1:${port}`,
  );
  await redis.start();
  return redis;
}

/**
 * nginx in front of the replicas: websocket upgrade, no sticky sessions (the websocket transport
 * needs none). A request a replica refuses to connect (dead, or still catching up before it
 * listens) goes to the next one; so does an idempotent one it answers 502/503 (not ready).
 * `max_fails=0`: a 503 is the replica's answer, not its failure; were it counted, a PostgreSQL
 * outage (every replica 503 LOG_UNAVAILABLE on writes) would mark all down and turn into 502s.
 */
export async function startNginx(folder: string, upstreams: number[]): Promise<Service> {
  const dir = join(folder, 'nginx');
  mkdirSync(join(dir, 'temp'), { recursive: true });
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, upstreams));
  const nginx = supervised(
    debianBinary('/usr/sbin/nginx', 'nginx'),
    ['-c', conf, '-p', dir, '-e', join(dir, 'error.log')],
    port,
    `http://127.0.0.1:${port}`,
  );
  await nginx.start();
  return nginx;
}

export function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, 'temp', name)};`;
  return `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}
  client_max_body_size 16m;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream floodnet {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://floodnet;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_buffering off;
    }
  }
}
`;
}
