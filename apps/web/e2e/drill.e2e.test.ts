import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Asset, EventEnvelope, Role, State } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBuilt,
  fixturesDir,
  launchChromium,
  shot,
  signIn,
  startServer,
  type Browser,
  type Running,
} from './harness';

// A drill in Debian's Chromium against the real server: a trainer loads the In-Fa recording,
// jumps to 25 July 14:00 and sees the picture as it was then, forks it; a trainee reports an
// incident and assigns a squad on the fork; the report sets the fork beside the original — and
// `live` never hears of any of it.

const PASSWORDS = { trainer: 'trainer-e2e-pass', trainee: 'trainee-e2e-pass' };
const AMBER = '#ffb300';
const TIDE = 'tide-huangpu-park';

let server: Running;
let browser: Browser;
let page: Page;
let recordingDir: string | null = null;
let drillStream = '';
let forkStream = '';
let liveSeqBefore = 0;

interface StateAnswer {
  stream: string;
  seq: number;
  state: State;
}

async function stateOf(stream: string): Promise<StateAnswer> {
  const token = server.app.auth.issueToken({ name: 'e2e-check', role: 'viewer' });
  const response = await fetch(`${server.url}/api/v1/state?stream=${encodeURIComponent(stream)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as StateAnswer;
}

/** The stream the page follows, from its address (`?stream=drill:<id>`). */
function followed(): string {
  return new URL(page.url()).searchParams.get('stream') ?? 'live';
}

async function unitColours(): Promise<Record<string, string>> {
  const raw = await page.getByTestId('unit-marker-count').getAttribute('data-colours');
  return JSON.parse(raw ?? '{}') as Record<string, string>;
}

/**
 * The fixtures folder to serve, with `recordings/in-fa-2021.ndjson` beside it. Normally the
 * repository's; if the recording is not there, one is recorded now with @floodnet/sim.
 */
async function withRecording(): Promise<string | undefined> {
  if (existsSync(join(fixturesDir, 'recordings', 'in-fa-2021.ndjson'))) return undefined;
  recordingDir = mkdtempSync(join(tmpdir(), 'floodnet-e2e-recording-'));
  symlinkSync(join(fixturesDir, 'xuhui'), join(recordingDir, 'xuhui'));
  mkdirSync(join(recordingDir, 'recordings'));
  const SIM_ENTRY = '@floodnet/sim';
  const sim = (await import(/* @vite-ignore */ SIM_ENTRY)) as {
    loadInFaInputs(): { assets: Asset[] };
    InFaScenario: new (options: object) => unknown;
    OfflineEngine: new () => unknown;
    IN_FA_SEED: number;
    playScenario(scenario: unknown, assets: Asset[], engine: unknown): Iterable<EventEnvelope>;
    writeNdjson(path: string, envelopes: Iterable<EventEnvelope>): number;
  };
  const inputs = sim.loadInFaInputs();
  const scenario = new sim.InFaScenario({ ...inputs, seed: sim.IN_FA_SEED });
  const events = sim.playScenario(scenario, inputs.assets, new sim.OfflineEngine());
  sim.writeNdjson(join(recordingDir, 'recordings', 'in-fa-2021.ndjson'), events);
  return join(recordingDir, 'xuhui');
}

describe('a drill in Chromium', () => {
  beforeAll(async () => {
    await ensureBuilt();
    const fixtures = await withRecording();
    server = await startServer(fixtures ? { fixturesDir: fixtures } : {});
    const users: [string, string, Role][] = [
      ['zhou', PASSWORDS.trainer, 'commander'],
      ['wang', PASSWORDS.trainee, 'commander'],
    ];
    for (const [name, password, role] of users) {
      await server.app.auth.createUser(name, password, role);
    }
    browser = await launchChromium();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
    if (recordingDir) rmSync(recordingDir, { recursive: true, force: true });
  });

  it('refuses an upload with a bad line, saying which line', async () => {
    await page.goto(server.url);
    await signIn(page, 'zhou', PASSWORDS.trainer);
    liveSeqBefore = (await stateOf('live')).seq;
    await page.getByTestId('drills-button').click();
    await page.getByTestId('drills-view').waitFor();
    const good = JSON.stringify({
      seq: 1,
      stream: 'live',
      id: 'evt-1',
      type: 'assets.registered',
      at: '2021-07-23T08:00:00+08:00',
      data: { assets: [] },
    });
    await page.getByTestId('upload-file').setInputFiles({
      name: 'broken.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${good}\n{"seq": 2, "stream": \n`),
    });
    await page.getByTestId('upload-button').click();
    const message = page.getByTestId('drill-message');
    await message.waitFor({ timeout: 15_000 });
    expect(await message.textContent()).toMatch(/导入被拒绝：line 2: /);
    expect(await page.getByTestId('drill-item').count()).toBe(0);
    await shot(page, 'drill-00-bad-line.png');
  });

  it('loads the In-Fa recording as a drill, unmistakably a drill', async () => {
    await page.getByTestId('recording-select').selectOption('in-fa-2021');
    await page.getByTestId('import-recording').click();
    await page.getByTestId('drill-banner').waitFor({ timeout: 60_000 });
    await page.getByTestId('drill-bar').waitFor();
    drillStream = followed();
    expect(drillStream).toMatch(/^drill:[a-z0-9-]+$/);
    expect(await page.getByTestId('drill-banner').textContent()).toBe('演练 DRILL');
    await page.getByTestId('drill-watermark').waitFor();
    // The drill's own clock, at its first event.
    await expect
      .poll(() => page.getByTestId('stream-clock').textContent(), { timeout: 15_000 })
      .toBe('2021-07-23 08:00 CST');
    // Before anything is played the timeline already shows where the storm is worst.
    const ahead = page.locator('[data-testid="timeline-mark"][data-ahead="true"]');
    await expect.poll(() => ahead.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await shot(page, 'drill-01-opened.png');
  });

  it('jumps to 25 July 14:00 and shows the picture as it was then', async () => {
    await page.getByTestId('jump-input').fill('2021-07-25 14:00');
    await page.getByTestId('jump-button').click();
    const clock = page.getByTestId('stream-clock');
    await expect.poll(() => clock.textContent(), { timeout: 15_000 }).toBe('2021-07-25 14:00 CST');
    const { state } = await stateOf(drillStream);
    const openAlarms = Object.values(state.alerts).filter((alert) => alert.clearedAt === null);
    const tidePoints = state.levelSeries[TIDE]?.length ?? 0;
    expect(tidePoints).toBeGreaterThan(0);
    // The screen folds the same picture the server holds at the drill's clock.
    await expect
      .poll(() => page.getByTestId('alarm-item').count(), { timeout: 15_000 })
      .toBe(openAlarms.length);
    await expect
      .poll(() => page.getByTestId('tide-chart').getAttribute('data-points'), { timeout: 10_000 })
      .toBe(String(tidePoints));
    expect(await page.getByTestId('unit-marker-count').textContent()).toBe('29');
    // Alarms and incidents are marked on the timeline, the past and what is still to come.
    await expect
      .poll(() => page.getByTestId('timeline-mark').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const handle = await page.getByTestId('scrubber-handle').getAttribute('style');
    expect(handle).toMatch(/left: 56\.\d+%/); // 54 h of 96
    await shot(page, 'drill-02-jumped-1400.png');
    // The same drill bar in English, at a wall screen's size too.
    await page.getByTestId('language-switch').click();
    expect(await page.getByTestId('back-to-live').textContent()).toContain('Back to live');
    await shot(page, 'drill-02-english.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, 'drill-02-english-1920.png');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('language-switch').click();
  });

  it('forks for trainees; a trainee reports and assigns on the fork, live untouched', async () => {
    await page.getByTestId('fork-button').click();
    await page.getByTestId('fork-label').waitFor({ timeout: 30_000 });
    forkStream = followed();
    expect(forkStream).toMatch(/^drill:/);
    expect(forkStream).not.toBe(drillStream);
    const originalBefore = await stateOf(drillStream);

    // The trainee signs in on the same screen: the address keeps the fork.
    await page.getByTestId('logout').click();
    await signIn(page, 'wang', PASSWORDS.trainee);
    await page.getByTestId('fork-label').waitFor();
    await page.getByTestId('tab-incidents').click();
    await page.getByTestId('report-incident').click();
    await page.getByTestId('map').click({ position: { x: 640, y: 290 } });
    await page.getByTestId('incident-kind').selectOption('waterlogging');
    await page.getByTestId('incident-description').fill('演练：学员上报道路积水');
    await page.getByTestId('incident-submit').click();
    const first = page.getByTestId('suggestion').first();
    await first.waitFor({ timeout: 15_000 });
    const squadId = (await first.getAttribute('data-unit-id'))!;
    await page.getByTestId('assign-button').first().click();
    await expect.poll(async () => (await unitColours())[squadId], { timeout: 15_000 }).toBe(AMBER);

    const fork = await stateOf(forkStream);
    const trainees = Object.values(fork.state.incidents).filter((incident) =>
      incident.description.startsWith('演练：'),
    );
    expect(trainees).toEqual([expect.objectContaining({ squadIds: [squadId] })]);
    // Neither the original drill nor live heard the trainee.
    const original = await stateOf(drillStream);
    expect(original.seq).toBe(originalBefore.seq);
    expect(
      Object.values(original.state.incidents).some((i) => i.description.startsWith('演练：')),
    ).toBe(false);
    expect((await stateOf('live')).seq).toBe(liveSeqBefore);
    await shot(page, 'drill-03-fork-assigned.png');
  });

  it('plays the fork on and shows the report beside the original', async () => {
    await page.getByTestId('speed-3600').click();
    await page.getByTestId('drill-play').click();
    await expect
      .poll(() => page.getByTestId('stream-clock').textContent(), { timeout: 20_000 })
      .not.toBe('2021-07-25 14:00 CST');
    await page.getByTestId('drill-pause').click();
    await page.getByTestId('report-button').click();
    const comparison = page.getByTestId('report-comparison');
    await comparison.waitFor({ timeout: 30_000 });
    const incidents = comparison.locator('tr[data-metric="incidents"] td');
    expect(await incidents.count()).toBe(3);
    expect(Number(await incidents.nth(2).textContent())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('utilisation-chart').waitFor();
    expect(await page.getByTestId('report-incidents').locator('tbody tr').count()).toBeGreaterThan(
      0,
    );
    await shot(page, 'drill-04-report.png');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    await page.getByTestId('report-close').click();
    await page.getByTestId('back-to-live').click();
    await expect.poll(() => page.getByTestId('drill-banner').count()).toBe(0);
    expect(followed()).toBe('live');
    expect((await stateOf('live')).seq).toBe(liveSeqBefore);
    await shot(page, 'drill-05-back-to-live.png');
  });
});
