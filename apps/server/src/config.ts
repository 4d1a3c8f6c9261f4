import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultValueRules, type Asset, type ValueRules } from '@floodnet/domain';
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
  /** The plans file (预案), checked at start; default `plans.json` in the fixtures folder. */
  plansFile?: string;
  /** Folder of the built web app, served at `/` when it exists. */
  webDir?: string;
  /** Save a snapshot every N events. */
  snapshotEvery?: number;
  /** A client further behind than this gets a snapshot instead of the missing events. */
  catchUpLimit?: number;
  /** The longest a committed event waits for its frame, in ms (frames are paced by their cost). */
  batchMs?: number;
  /** How often `live` checks for silent sensors, in ms of wall time (0 = never). */
  checkSensorsEveryMs?: number;
  /** Failed logins for one account before it is locked. */
  loginFailuresBeforeLock?: number;
  /** First lock length in seconds; it doubles with each further failure. */
  loginLockSec?: number;
  /**
   * Readings per minute for one API key (or account): a batch of 5,000 costs 5,000, so a flood
   * of big batches inside the limit cannot starve the screens.
   */
  ingestPerMinute?: number;
  /** Login requests per minute from one address (a whole command room shares one). */
  loginPerMinutePerIp?: number;
  /** Token lifetime in seconds (a shift). */
  tokenTtlSec?: number;
  /**
   * How far from the live clock an event time may lie: `futureSec` ahead (gauge clock drift),
   * `pastSec` back (a gauge sending what it held during an outage). Drills keep recorded times.
   */
  liveWindow?: { futureSec: number; pastSec: number };
  /** Plausible values per sensor kind, each with its source (default: the domain's). */
  valueRules?: ValueRules;
  /** An NDJSON drill upload: longest line and whole body, in bytes (413 beyond either). */
  uploadLimits?: { lineBytes: number; totalBytes: number };
  /**
   * Per socket: `follow` requests per minute, and the bytes a socket may hold unsent before it
   * is disconnected as a screen that does not read.
   */
  socketLimits?: { followsPerMinute: number; maxBufferedBytes: number };
  /** First webhook retry delay in ms; it doubles with each failed attempt (up to 5 min). */
  webhookRetryBaseMs?: number;
  /** How often `live` checks notices for missed deadlines, in ms of wall time (0 = never). */
  checkNoticesEveryMs?: number;
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
    plansFile:
      options.plansFile ??
      join(options.fixturesDir ?? here('../../../fixtures/xuhui/'), 'plans.json'),
    webDir: options.webDir ?? here('../../web/dist/'),
    snapshotEvery: options.snapshotEvery ?? 10_000,
    catchUpLimit: options.catchUpLimit ?? 5_000,
    batchMs: options.batchMs ?? 50,
    checkSensorsEveryMs: options.checkSensorsEveryMs ?? 30_000,
    loginFailuresBeforeLock: options.loginFailuresBeforeLock ?? 5,
    loginLockSec: options.loginLockSec ?? 30,
    ingestPerMinute: options.ingestPerMinute ?? 120_000,
    loginPerMinutePerIp: options.loginPerMinutePerIp ?? 300,
    tokenTtlSec: options.tokenTtlSec ?? 8 * 3600,
    liveWindow: options.liveWindow ?? { futureSec: 900, pastSec: 7 * 24 * 3600 },
    valueRules: options.valueRules ?? defaultValueRules,
    // The longest real line is `assets.registered` with the whole catalogue (~60 kB for Xuhui).
    uploadLimits: options.uploadLimits ?? { lineBytes: 16 * 1024 ** 2, totalBytes: 2 * 1024 ** 3 },
    socketLimits: options.socketLimits ?? {
      followsPerMinute: 120,
      maxBufferedBytes: 64 * 1024 ** 2,
    },
    webhookRetryBaseMs: options.webhookRetryBaseMs ?? 1000,
    checkNoticesEveryMs: options.checkNoticesEveryMs ?? 30_000,
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
    ...(env.FLOODNET_WEBHOOK_RETRY_MS
      ? { webhookRetryBaseMs: Number(env.FLOODNET_WEBHOOK_RETRY_MS) }
      : {}),
    ...numberFromEnv(env, 'FLOODNET_TOKEN_TTL_SEC', (tokenTtlSec) => ({ tokenTtlSec })),
    ...numberFromEnv(env, 'FLOODNET_INGEST_PER_MINUTE', (ingestPerMinute) => ({ ingestPerMinute })),
    ...liveWindowFromEnv(env),
    ...numberFromEnv(env, 'FLOODNET_SNAPSHOT_EVERY', (snapshotEvery) => ({ snapshotEvery })),
    ...numberFromEnv(env, 'FLOODNET_CHECK_SENSORS_MS', (checkSensorsEveryMs) => ({
      checkSensorsEveryMs,
    })),
  };
}

function numberFromEnv<T>(
  env: NodeJS.ProcessEnv,
  name: string,
  wrap: (n: number) => T,
): T | Record<string, never> {
  const text = env[name];
  if (text === undefined || text === '') return {};
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return wrap(value);
}

/** `FLOODNET_LIVE_FUTURE_SEC` and `FLOODNET_LIVE_PAST_SEC`: the live stream's time window. */
function liveWindowFromEnv(env: NodeJS.ProcessEnv): Pick<AppOptions, 'liveWindow'> {
  const future = numberFromEnv(env, 'FLOODNET_LIVE_FUTURE_SEC', (n) => n);
  const past = numberFromEnv(env, 'FLOODNET_LIVE_PAST_SEC', (n) => n);
  if (typeof future !== 'number' && typeof past !== 'number') return {};
  return {
    liveWindow: {
      futureSec: typeof future === 'number' ? future : 900,
      pastSec: typeof past === 'number' ? past : 7 * 24 * 3600,
    },
  };
}
