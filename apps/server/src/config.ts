import { fileURLToPath } from 'node:url';
import type { Asset } from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';

/** SQLite's `synchronous` pragma: FULL survives a power cut, NORMAL may lose the last commits. */
export type SyncMode = 'FULL' | 'NORMAL';

/** Everything `buildApp` needs; `server.ts` fills it from the environment, tests pass it directly. */
export interface AppOptions {
  /** Folder holding `floodnet.sqlite` (the event log), `auth.sqlite` and the token secret. */
  dataDir: string;
  /** Port the server listens on; used for the default Origin allowlist. */
  port?: number;
  /** Whether the built-in typhoon simulation drives `live` (reported by `GET /api/v1/config`). */
  sim?: boolean;
  /** Speed of the simulation's virtual clock (192 = four days in about half an hour). */
  simSpeed?: number;
  /** Creates or resets the `admin` account's password at start. */
  adminPassword?: string;
  /** Optional map tile URL template for the web app. */
  tiles?: string | null;
  /**
   * Browser origins allowed on the socket; default the server's own page,
   * `http://localhost:<port>` and `http://127.0.0.1:<port>` (the port it actually listens on).
   */
  origins?: string[];
  sync?: SyncMode;
  /**
   * PostgreSQL URL of a shared event log (FLOODNET_DATABASE_URL): several replicas then serve
   * one log. Unset: the SQLite file in `dataDir` (the default, one process).
   */
  databaseUrl?: string | null;
  /** Redis URL joining the replicas' sockets (FLOODNET_REDIS_URL); unset: one process. */
  redisUrl?: string | null;
  /** An event log opened by the caller (another adapter, or a test's); it is not closed here. */
  eventLog?: EventLog;
  /** The live stream's clock (event time for commands); default wall time. */
  clock?: { now(): number };
  /** Create `admin`, `commander`, `duty` and `viewer` with random passwords on first start. */
  demoAccounts?: boolean;
  /** Where the demo passwords are printed (once); default stdout. */
  print?: (text: string) => void;
  /** Pino logger options, or false (tests). */
  logger?: boolean | Record<string, unknown>;
  /** The catalogue registered on the first start of an empty `live`; default the Xuhui fixture. */
  assets?: Asset[];
  /** Folder of the Xuhui fixtures (assets and base-map GeoJSON). */
  fixturesDir?: string;
  /** Folder of the built web app, served at `/` when it exists. */
  webDir?: string;
  /** Save a snapshot every N events. */
  snapshotEvery?: number;
  /** A client further behind than this gets a snapshot instead of the missing events. */
  catchUpLimit?: number;
  /** How often committed events are sent to sockets, in ms. */
  batchMs?: number;
  /** How often `live` checks for silent sensors, in ms of wall time (0 = never). */
  checkSensorsEveryMs?: number;
  /** Failed logins for one account before it is locked. */
  loginFailuresBeforeLock?: number;
  /** First lock length in seconds; it doubles with each further failure. */
  loginLockSec?: number;
  /** Ingest requests per minute for one API key. */
  ingestPerMinute?: number;
  /** Login requests per minute from one address (a whole command room shares one). */
  loginPerMinutePerIp?: number;
  /** Token lifetime in seconds (a shift). */
  tokenTtlSec?: number;
}

export type ResolvedOptions = Required<
  Omit<AppOptions, 'adminPassword' | 'assets' | 'logger' | 'port' | 'origins' | 'eventLog'>
> &
  Pick<AppOptions, 'adminPassword' | 'assets' | 'eventLog'> & {
    port: number;
    /** null: the server's own `http://localhost:<port>` and `http://127.0.0.1:<port>`. */
    origins: string[] | null;
    logger: boolean | Record<string, unknown>;
  };

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export function resolveOptions(options: AppOptions): ResolvedOptions {
  const port = options.port ?? 8080;
  return {
    port,
    dataDir: options.dataDir,
    sim: options.sim ?? false,
    simSpeed: options.simSpeed ?? 192,
    adminPassword: options.adminPassword,
    tiles: options.tiles ?? null,
    origins: options.origins ?? null,
    sync: options.sync ?? 'FULL',
    databaseUrl: options.databaseUrl ?? null,
    redisUrl: options.redisUrl ?? null,
    clock: options.clock ?? { now: () => Date.now() },
    demoAccounts: options.demoAccounts ?? false,
    print: options.print ?? ((text) => process.stdout.write(`${text}\n`)),
    logger: options.logger ?? false,
    assets: options.assets,
    eventLog: options.eventLog,
    fixturesDir: options.fixturesDir ?? here('../../../fixtures/xuhui/'),
    webDir: options.webDir ?? here('../../web/dist/'),
    snapshotEvery: options.snapshotEvery ?? 10_000,
    catchUpLimit: options.catchUpLimit ?? 5_000,
    batchMs: options.batchMs ?? 50,
    checkSensorsEveryMs: options.checkSensorsEveryMs ?? 30_000,
    loginFailuresBeforeLock: options.loginFailuresBeforeLock ?? 5,
    loginLockSec: options.loginLockSec ?? 30,
    ingestPerMinute: options.ingestPerMinute ?? 600,
    loginPerMinutePerIp: options.loginPerMinutePerIp ?? 300,
    tokenTtlSec: options.tokenTtlSec ?? 8 * 3600,
  };
}

/** Reads the `FLOODNET_*` environment variables (the contract's configuration). */
export function optionsFromEnv(env: NodeJS.ProcessEnv): AppOptions & { port: number } {
  const port = Number(env.FLOODNET_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`FLOODNET_PORT must be a port number, not ${env.FLOODNET_PORT}`);
  }
  const sync = (env.FLOODNET_SYNC ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') {
    throw new Error(`FLOODNET_SYNC must be FULL or NORMAL, not ${env.FLOODNET_SYNC}`);
  }
  const speed = Number(env.FLOODNET_SIM_SPEED ?? 192);
  if (!(speed > 0)) throw new Error(`FLOODNET_SIM_SPEED must be positive`);
  const origins = env.FLOODNET_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    port,
    dataDir: env.FLOODNET_DATA ?? './data',
    // `npm start` is the demo: the simulation runs unless switched off for real operation.
    sim: (env.FLOODNET_SIM ?? 'on').toLowerCase() !== 'off',
    simSpeed: speed,
    adminPassword: env.FLOODNET_ADMIN_PASSWORD || undefined,
    tiles: env.FLOODNET_TILES || null,
    ...(origins && origins.length > 0 ? { origins } : {}),
    sync,
    databaseUrl: env.FLOODNET_DATABASE_URL || null,
    redisUrl: env.FLOODNET_REDIS_URL || null,
    // Demo accounts belong to the demo; real operation starts with `admin` alone.
    demoAccounts: (env.FLOODNET_SIM ?? 'on').toLowerCase() !== 'off',
    logger: { level: env.FLOODNET_LOG_LEVEL ?? 'info' },
    ...numberFromEnv(env, 'FLOODNET_SNAPSHOT_EVERY', 'snapshotEvery'),
    ...numberFromEnv(env, 'FLOODNET_CHECK_SENSORS_MS', 'checkSensorsEveryMs'),
  };
}

/** An optional non-negative integer setting (operators tuning, the cluster tests). */
function numberFromEnv<K extends 'snapshotEvery' | 'checkSensorsEveryMs'>(
  env: NodeJS.ProcessEnv,
  name: string,
  key: K,
): Partial<Record<K, number>> {
  const text = env[name];
  if (text === undefined || text === '') return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, not ${text}`);
  }
  return { [key]: value } as Partial<Record<K, number>>;
}
