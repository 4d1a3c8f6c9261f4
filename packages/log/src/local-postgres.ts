import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL for tests and `npm run cluster`: Debian's `postgresql` package binaries
 * (/usr/lib/postgresql/<version>/bin), a fresh cluster in a temp folder, a free loopback port and
 * its unix socket in that folder. Never the machine's default cluster or service.
 */
export interface LocalPostgres {
  /** `postgres://floodnet@127.0.0.1:<port>/floodnet` (trust auth on loopback only). */
  url: string;
  port: number;
  folder: string;
  pid(): number | undefined;
  /** Stops the server (fast shutdown), keeping its data, so `start` can bring it back. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (after `stop`). */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

/**
 * A free TCP port on loopback for a server started a moment later (PostgreSQL, Redis, nginx, a
 * replica). Chosen below the kernel's ephemeral range, where neither another test's `listen(0)`
 * nor an outgoing connection's local port can take it between the choice and the bind — or
 * while a stopped replica's port waits for it to come back. Falls back to the kernel's choice.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const low = Math.max(10_000, ephemeralLow - 12_000);
  for (let attempt = 0; attempt < 40 && low < ephemeralLow; attempt += 1) {
    const port = low + Math.floor(Math.random() * (ephemeralLow - low));
    if ((await listenOnce(port)) === port) return port;
  }
  return (await listenOnce(0)) ?? Promise.reject(new Error('no free port on loopback'));
}

/** Linux's ephemeral port range (net.ipv4.ip_local_port_range), else the IANA one. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux
  }
  return [49_152, 65_535];
}

/** Listens on `port` (0: the kernel's choice) and closes again: the port it got, or null. */
function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const got = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(got));
    });
  });
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL binaries not found in /usr/lib/postgresql: apt-get install postgresql',
    );
  }
  return join(root, versions[0]!, 'bin');
}

/**
 * initdb and postgres refuse to run as root: as root they run as the `postgres` OS user (the
 * Debian package's), directly rather than through runuser, so signals reach the server itself.
 */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres']).stdout.toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startLocalPostgres(
  options: { folder?: string } = {},
): Promise<LocalPostgres> {
  const bin = binDir();
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'floodnet-pg-'));
  const data = join(folder, 'data');
  mkdirSync(folder, { recursive: true });
  const owner = serverUser();
  const as = owner ? { uid: owner.uid, gid: owner.gid, env: { ...process.env, HOME: folder } } : {};
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const port = await freePort();

  const initArgs = [
    '-D',
    data,
    '-U',
    'floodnet',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ];
  const init = spawnSync(join(bin, 'initdb'), initArgs, { ...as, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      folder,
      '-c',
      'listen_addresses=127.0.0.1',
      // A test server: durability of the test's own machine is not what is tested here.
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ];
    const server = spawn(join(bin, 'postgres'), args, {
      ...as,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = server;
    // A test process that dies must not leave its server behind (SIGQUIT: immediate shutdown).
    const orphaned = () => server.kill('SIGQUIT');
    process.once('exit', orphaned);
    server.once('exit', () => process.off('exit', orphaned));
    let stderr = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    await waitUntilReady(bin, folder, port, server, () => stderr);
  };
  await start();
  const createdb = spawnSync(
    join(bin, 'createdb'),
    ['-h', folder, '-p', String(port), '-U', 'floodnet', 'floodnet'],
    { encoding: 'utf8' },
  );
  if (createdb.status !== 0) throw new Error(`createdb failed: ${createdb.stderr}`);

  const stop = async () => {
    const server = child;
    child = undefined;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the data stays consistent.
    server.kill('SIGINT');
    await exited;
  };
  return {
    url: `postgres://floodnet@127.0.0.1:${port}/floodnet`,
    port,
    folder,
    pid: () => child?.pid,
    stop,
    start,
    remove: async () => {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(
  bin: string,
  socketDir: string,
  port: number,
  server: ChildProcess,
  stderr: () => string,
): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`postgres exited: ${stderr()}`);
    const ready = spawnSync(join(bin, 'pg_isready'), ['-h', socketDir, '-p', String(port)]);
    if (ready.status === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill('SIGKILL');
  throw new Error(`postgres did not become ready: ${stderr()}`);
}
