// Map: the production web app in headless Chromium, signed in as a viewer, following a server
// whose catalogue carries 5,000 extra live sensors (the scenario's synthetic rain gauges and
// depth sensors) that all report once a second, while the user pans and zooms. Frames per
// second, long tasks, and the initial JavaScript of the build.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInFaInputs, syntheticSensors } from '@floodnet/sim';
import { chromium, type Page } from 'playwright-core';
import { PAGE_PROBE, ProbeCollector, REPORT_BINDING, type ProbeReport } from './map/page-probe';
import { startTrace } from './map/chrome-trace';
import { LiveFeeder } from './map/live-feeder';
import { buildWebApp, initialJs, servedInitialJs } from './map/web-build';
import type { BenchContext } from './report';
import { PROFILE_DIR } from './support/children';
import { machineLoad, otherCores, processesCpuSeconds } from './support/machine-load';
import { profileSummary } from './support/profile-summary';
import { startServer } from './support/server-process';
import { seededRandom, summarise } from './support/stats';
import { printTable, progress } from './support/table';

/** Live points in the full run (issue 17); quick runs use QUICK_POINTS unless told. */
const FULL_POINTS = 20_000;
const QUICK_POINTS = 20_000;
const VIEWPORT = { width: 1920, height: 1080 };
const CHROMIUM = '/usr/bin/chromium';
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
const USER = { username: 'bench-map', password: 'bench-map-password-1' };

export interface MapFigures {
  points: number;
  fps: number;
  longTasksOver50ms: number;
  maxLongTaskMs: number;
  p99FrameMs: number;
  maxFrameMs: number;
  initialJsKbGzip: number;
  /** The initial scripts' bytes as the server sent them (read from its real answers). */
  initialJsKbServed: number;
  /** Their Content-Encoding as answered (br, gzip or identity). */
  initialJsEncoding: string;
  allJsKbGzip: number;
  readingsPerSec: number;
  seconds: number;
  /** How long the page had been silent (stuck in one task) when the window closed. */
  silentAtEndMs: number;
  /** Times the app's stream went from live to reconnecting during the window. */
  connectionDrops: number;
  machineBusyCores: number | null;
  /** Of those, cores used by processes other than the benchmark's. */
  otherCpuCores: number | null;
  /** Chromium, all its processes. */
  browserCpuCores: number;
  serverCpuCores: number;
  viewport: string;
  codePath: string;
}

export async function runMap(context: BenchContext): Promise<MapFigures> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  }
  const seconds = context.quick ? 12 : 40;
  const POINTS = Number(
    process.env.BENCH_MAP_POINTS ?? (context.quick ? QUICK_POINTS : FULL_POINTS),
  );
  const web = await buildWebApp();
  const js = initialJs(web.dir);

  const catalogue = loadInFaInputs().assets;
  const live = syntheticSensors(catalogue, POINTS, 60, 2106);
  const server = await startServer(
    { assets: [...catalogue, ...live], webDir: web.dir },
    context.cpuProfile ? 'map-server' : null,
  );
  const profileDir = mkdtempSync(join(tmpdir(), 'floodnet-bench-chromium-'));
  const feeder = new LiveFeeder(server.started, live);
  try {
    await server.createUser(USER.username, USER.password, 'viewer');
    const served = await servedInitialJs(server.started.url);
    progress(
      `map: Chromium ${VIEWPORT.width}×${VIEWPORT.height}, viewer signed in, ${POINTS} points at 1 Hz`,
    );
    const browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: VIEWPORT,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const probe = new ProbeCollector();
      await page.exposeFunction(REPORT_BINDING, (report: ProbeReport) => probe.receive(report));
      await page.addInitScript(PAGE_PROBE);
      await page.goto(server.started.url, { timeout: 90_000 });
      await page.getByTestId('login-username').fill(USER.username);
      await page.getByTestId('login-password').fill(USER.password);
      await page.getByTestId('login-submit').click();
      // A page that cannot keep up may never settle: measure it anyway, after a bounded wait.
      const settled = await page
        .locator('[data-testid="unit-marker-count"]')
        .filter({ hasText: /^[1-9]/ })
        .waitFor({ state: 'attached', timeout: 20_000 })
        .then(() => true)
        .catch(() => false);
      if (!settled) progress('map: the map did not show its units within 20 s; measuring anyway');
      // The feed starts once the page is up: 20,000 readings a second keep the server busy
      // enough to slow the first load, which is not what is measured.
      // BENCH_MAP_FEED=off (diagnosis): the same points, never updated, to tell the cost of
      // panning and zooming over them from the cost of their updates.
      if (process.env.BENCH_MAP_FEED !== 'off') feeder.start();
      // Two rounds of readings folded and drawn before the window opens.
      await page.waitForTimeout(3000);

      const cdp = context.cpuProfile ? await page.context().newCDPSession(page) : null;
      let endTrace: (() => Promise<void>) | null = null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
        endTrace = await startTrace(cdp);
      }
      const load = machineLoad();
      const serverBefore = await server.usage();
      const mainBefore = process.cpuUsage();
      const browserBefore = processesCpuSeconds(profileDir);
      const readingsBefore = feeder.sent;
      const from = performance.now();
      progress(`map: panning and zooming for ${seconds} s`);
      await panAndZoom(page, from + seconds * 1000);
      const to = performance.now();
      const seen = probe.window(from, to);
      const machineBusyCores = load.stop();
      const serverAfter = await server.usage();
      const main = process.cpuUsage(mainBefore);
      const browserCores = (processesCpuSeconds(profileDir) - browserBefore) / seen.seconds;
      const serverCores =
        (serverAfter.cpu.user +
          serverAfter.cpu.system -
          serverBefore.cpu.user -
          serverBefore.cpu.system) /
        1e6 /
        seen.seconds;
      const ownCores = browserCores + serverCores + (main.user + main.system) / 1e6 / seen.seconds;
      const readingsPerSec = (feeder.sent - readingsBefore) / seen.seconds;
      if (cdp) {
        const stopped = cdp.send('Profiler.stop');
        const profile = await Promise.race([stopped, sleep(30_000).then(() => null)]);
        if (profile) {
          const file = join(PROFILE_DIR, 'map-page.cpuprofile');
          mkdirSync(PROFILE_DIR, { recursive: true });
          writeFileSync(file, JSON.stringify(profile.profile));
          profileSummary(file);
        } else {
          progress('map: the page did not hand over its profile within 30 s');
        }
        await Promise.race([endTrace?.(), sleep(30_000)]);
      }

      const frames = summarise(seen.gaps);
      const long = seen.longTasks.filter((duration) => duration > 50);
      const figures: MapFigures = {
        points: POINTS,
        fps: seen.frames / seen.seconds,
        longTasksOver50ms: long.length,
        maxLongTaskMs: Math.max(0, ...seen.longTasks),
        p99FrameMs: frames.p99,
        maxFrameMs: frames.max,
        initialJsKbGzip: js.kbGzip,
        initialJsKbServed: served.kbServed,
        initialJsEncoding: served.encodings.join(', '),
        allJsKbGzip: js.allKbGzip,
        readingsPerSec,
        seconds: seen.seconds,
        silentAtEndMs: seen.silentAtEndMs,
        connectionDrops: seen.connectionDrops,
        machineBusyCores,
        otherCpuCores: otherCores(machineBusyCores, ownCores),
        browserCpuCores: browserCores,
        serverCpuCores: serverCores,
        viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
        codePath:
          'production build of apps/web (bench/.cache/web-dist) served by the real server; ' +
          'readings over HTTP → Socket.IO → store applyEvents/evolve (+ the assets touched) → ' +
          'rAF → command-map render → AssetViewCache (touched and due assets, 12 ms a frame) + ' +
          'patchMarkers → Leaflet canvas (SlicedCanvas: placed and drawn a slice a frame)',
      };
      printTable(
        `map — ${POINTS.toLocaleString('en-US')} live points (+${catalogue.length} catalogue assets), headless Chromium, software rendering`,
        ['figure', 'value'],
        [
          ['frames/s while panning and zooming', figures.fps],
          ['frame time p99 ms', figures.p99FrameMs],
          ['frame time max ms', figures.maxFrameMs],
          ['long tasks > 50 ms', figures.longTasksOver50ms],
          ['longest task ms', figures.maxLongTaskMs],
          ['readings/s fed to the page', figures.readingsPerSec],
          ['stream connection drops (live → not live)', figures.connectionDrops],
          ['page silent at the end of the window (ms)', figures.silentAtEndMs],
          [`initial JS KB as served (${figures.initialJsEncoding})`, figures.initialJsKbServed],
          ['initial JS KB gzip -9 of the built files', figures.initialJsKbGzip],
          ['all JS of the build KB gzip', figures.allJsKbGzip],
          ['Chromium CPU (cores, all its processes)', figures.browserCpuCores],
          ['server CPU (cores)', figures.serverCpuCores],
          ['machine busy (cores, all processes)', figures.machineBusyCores],
          ['  of which other processes', figures.otherCpuCores],
        ],
      );
      for (const file of js.files)
        progress(`map: initial ${file.file} ${file.kbGzip.toFixed(1)} KB gzip`);
      return figures;
    } finally {
      await browser.close();
    }
  } finally {
    await feeder.stop();
    await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * A user looking around: drags the map, zooms in two steps to street level (where values and
 * names appear), drags again, zooms back out — with the mouse, as Leaflet would get it.
 */
async function panAndZoom(page: Page, until: number): Promise<void> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const random = seededRandom(7);
  const drag = async () => {
    const angle = random() * 2 * Math.PI;
    const distance = 150 + random() * 250;
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    const steps = 20;
    for (let step = 1; step <= steps; step += 1) {
      const x = centre.x + (Math.cos(angle) * distance * step) / steps;
      const y = centre.y + (Math.sin(angle) * distance * step) / steps;
      await page.mouse.move(x, y);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    await page.waitForTimeout(300);
  };
  const zoom = async (levels: number) => {
    await page.mouse.move(centre.x, centre.y);
    // Leaflet turns 60 px of wheel into about a quarter level; a few notches of a real wheel.
    for (let notch = 0; notch < Math.abs(levels) * 2; notch += 1) {
      await page.mouse.wheel(0, levels > 0 ? -120 : 120);
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(500);
  };
  const script = [
    drag,
    () => zoom(1),
    drag,
    () => zoom(1),
    drag,
    drag,
    () => zoom(-1),
    drag,
    () => zoom(-1),
  ];
  // Input waits for the page to take it; a stuck page must not stretch the window.
  const deadline = sleep(until - performance.now());
  for (let i = 0; performance.now() < until; i += 1) {
    const step = script[i % script.length]!().catch(() => undefined);
    await Promise.race([step, deadline]);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
