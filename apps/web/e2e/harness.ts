import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Asset, Role } from '@floodnet/domain';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// What every browser test shares: the built web app, the real server built in-process (SQLite in
// a temp folder) and Debian's Chromium driven by playwright-core. Screenshots go to test-results.

export const webDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(webDir, 'dist');
export const shots = join(webDir, 'test-results');
export const fixturesDir = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** The district's assets as the server loads them: the tests pick their gauges and sites here. */
export function districtAssets(): Asset[] {
  return JSON.parse(readFileSync(join(fixturesDir, 'xuhui', 'assets.json'), 'utf8')) as Asset[];
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * What the tests use of the server's `buildApp()` result. Declared here rather than imported so
 * the web project's typecheck does not build the server's (the server is a separate project).
 */
export interface FloodnetServer {
  listen(options: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
  server: { address(): AddressInfo | string | null };
  auth: {
    createUser(username: string, password: string, role: Role): Promise<void>;
    issueKey(name: string): string;
    issueToken(user: { name: string; role: Role }): string;
  };
}
type BuildApp = (options: Record<string, unknown>) => Promise<FloodnetServer>;
const SERVER_ENTRY = '@floodnet/server';

function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app unless dist is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  let builtAt = 0;
  try {
    builtAt = statSync(join(distDir, 'index.html')).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(
    newestFile(join(webDir, 'src')),
    statSync(join(webDir, 'index.html')).mtimeMs,
  );
  if (builtAt > sources) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would give React's development build: build for real.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: webDir, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export interface Running {
  app: FloodnetServer;
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and keeps its data, as a crash or a restart would. */
  close(): Promise<void>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

/**
 * The real server serving the built web app: on a free port with its data in a temp folder, or
 * (a restart) on a given port over a given data folder.
 */
export async function startServer(
  options: Record<string, unknown>,
  place: { port?: number; dataDir?: string } = {},
): Promise<Running> {
  const dataDir = place.dataDir ?? mkdtempSync(join(tmpdir(), 'floodnet-e2e-data-'));
  const { buildApp } = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { buildApp: BuildApp };
  const app = await buildApp({
    dataDir,
    sim: false,
    webDir: distDir,
    checkSensorsEveryMs: 0,
    print: () => undefined,
    logger: false,
    ...options,
  });
  await app.listen({ port: place.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    close: () => app.close(),
    async stop() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  stop(): Promise<void>;
}

/** Chromium at a laptop's 1366×768, in Chinese and Shanghai time. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  const profileDir = mkdtempSync(join(tmpdir(), 'floodnet-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async stop() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, name) });
}

/**
 * Stream time for a scenario set at `t0`: it runs with the wall clock from when the test file
 * loads, and `skip` moves it ahead (twenty silent minutes without waiting them).
 */
export interface StreamClock {
  now(): number;
  skip(ms: number): void;
}
export function streamClock(t0: number): StreamClock {
  const started = Date.now();
  let skipped = 0;
  return {
    now: () => t0 + (Date.now() - started) + skipped,
    skip(ms) {
      skipped += ms;
    },
  };
}

export interface Account {
  username: string;
  password: string;
  role: Role;
}

/**
 * What a scenario's file starts with: the web app built, the real server started with `options`
 * and the account the scenario signs in with, and Chromium. A failure part-way stops what had
 * started (the file's afterAll has nothing to stop yet).
 */
export async function startScenario(
  options: Record<string, unknown>,
  account: Account,
): Promise<{ server: Running; browser: Browser }> {
  await ensureBuilt();
  const server = await startServer(options);
  try {
    await server.app.auth.createUser(account.username, account.password, account.role);
    return { server, browser: await launchChromium() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
