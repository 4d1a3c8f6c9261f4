import { toShanghaiIso, type Asset } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtAssets,
  ensureBuilt,
  launchChromium,
  shot as saveShot,
  signIn as signInAs,
  startServer,
  streamClock,
  type Browser,
  type FloodnetServer,
  type Running,
} from './harness';

// The command map in Debian's Chromium against the real server (built in-process, SQLite in a
// temp folder, no simulation): readings pushed over HTTP must show up as alarms, a commander
// assigns a squad and sees it change colour, a viewer finds no assign control.

const assets = districtAssets();
const PASSWORDS = { commander: 'commander-e2e-pass', viewer: 'viewer-e2e-pass' };
/** Stream time runs from In-Fa's landfall day, as it does under the simulation. */
const T0 = Date.parse('2021-07-25T14:00:00+08:00');
const AMBER = '#ffb300';

let server: Running;
let app: FloodnetServer;
let url = '';
let apiKey = '';
let browser: Browser;
let page: Page;
const streamTime = streamClock(T0);

async function pushReadings(readings: { sensorId: string; at: number; value: number }[]) {
  const body = {
    readings: readings.map((reading, i) => ({
      id: `e2e-${reading.sensorId}-${reading.at}-${i}`,
      sensorId: reading.sensorId,
      at: toShanghaiIso(reading.at),
      value: reading.value,
    })),
  };
  const response = await fetch(`${url}/api/v1/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.text()).toBe(202);
}

const signIn = (username: string, password: string) => signInAs(page, username, password);

async function unitColours(): Promise<Record<string, string>> {
  const raw = await page.getByTestId('unit-marker-count').getAttribute('data-colours');
  return JSON.parse(raw ?? '{}') as Record<string, string>;
}

const shot = (name: string) => saveShot(page, name);

const ofKind = (kind: Asset['kind']) => assets.filter((asset) => asset.kind === kind);

describe('the command map in Chromium', () => {
  beforeAll(async () => {
    await ensureBuilt();
    server = await startServer({ clock: streamTime });
    ({ app, url } = server);
    await app.auth.createUser('zhang', PASSWORDS.commander, 'commander');
    await app.auth.createUser('li', PASSWORDS.viewer, 'viewer');
    apiKey = app.auth.issueKey('e2e-gauges');
    browser = await launchChromium();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
  });

  it('shows a commander every team and squad on the map', async () => {
    await page.goto(url);
    await signIn('zhang', PASSWORDS.commander);
    const counter = page.getByTestId('unit-marker-count');
    await expect.poll(() => counter.textContent(), { timeout: 15_000 }).toBe('29');
    const colours = await unitColours();
    const drawn = new Set(Object.keys(colours));
    expect(ofKind('subdistrict-team').filter((team) => drawn.has(team.id))).toHaveLength(13);
    expect(ofKind('specialist-squad').filter((squad) => drawn.has(squad.id))).toHaveLength(16);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('防汛防台一张网 · 徐汇');
    await shot('01-commander-map.png');
  });

  it('raises an alarm when readings pushed over HTTP cross a threshold', async () => {
    const now = streamTime.now();
    const underpass = ofKind('underpass')[0]!;
    const tide = 'tide-huangpu-park';
    const history = Array.from({ length: 72 }, (_, i) => ({
      sensorId: tide,
      at: now - (72 - i) * 600_000,
      value: 3.3 + 1.4 * Math.sin((i / 72) * Math.PI),
    }));
    const rain = ofKind('rain-gauge').flatMap((gauge, g) =>
      [3, 2, 1].map((back) => ({
        sensorId: gauge.id,
        at: now - back * 300_000,
        value: 2 + g * 1.2,
      })),
    );
    const points = ofKind('waterlogging-point')
      .slice(0, 6)
      .flatMap((point, i) => [
        { sensorId: point.id, at: now - 300_000, value: 6 + i * 4 },
        { sensorId: point.id, at: now - 60_000, value: 10 + i * 5 },
      ]);
    await pushReadings([...history, ...rain, ...points]);
    await pushReadings([{ sensorId: underpass.id, at: now, value: 32 }]);

    const alarm = page.locator(`[data-testid="alarm-item"][data-severity="red"]`).first();
    await alarm.waitFor({ timeout: 15_000 });
    expect(await alarm.textContent()).toContain(underpass.name);
    const hydrograph = page.getByTestId('tide-chart');
    await expect.poll(() => hydrograph.getAttribute('data-points'), { timeout: 5000 }).toBe('72');
    await shot('02-alarm.png');

    // Select the least urgent alarm and acknowledge it from the keyboard.
    const last = page.getByTestId('alarm-item').last();
    const alertId = (await last.getAttribute('data-alert-id'))!;
    await last.click();
    await page.keyboard.press('a');
    const acked = page.locator(`[data-testid="alarm-item"][data-alert-id="${alertId}"]`);
    await expect.poll(() => acked.getByTestId('ack-button').count(), { timeout: 10_000 }).toBe(0);
    expect(await acked.textContent()).toContain('已确认');
  });

  it('lets a commander report the flooded underpass and assign a squad, which turns amber', async () => {
    const underpass = ofKind('underpass')[0]!;
    await page.locator(`[data-testid="alarm-item"][data-severity="red"]`).first().click();
    await page.getByTestId('report-from-alarm').click();
    await page.getByTestId('incident-submit').click();
    const first = page.getByTestId('suggestion').first();
    await first.waitFor();
    const squadId = (await first.getAttribute('data-unit-id'))!;
    expect((await unitColours())[squadId]).not.toBe(AMBER);
    await page.getByTestId('assign-button').first().click();

    await expect.poll(async () => (await unitColours())[squadId], { timeout: 15_000 }).toBe(AMBER);
    await page.getByTestId('assigned-unit').first().waitFor();
    expect(await page.getByTestId('dispatch-panel').textContent()).toContain('已派遣');
    const incidents = Object.values(
      (
        (await (
          await fetch(`${url}/api/v1/state?stream=live`, {
            headers: {
              authorization: `Bearer ${app.auth.issueToken({ name: 't', role: 'viewer' })}`,
            },
          })
        ).json()) as {
          state: { incidents: Record<string, { pointId: string; squadIds: string[] }> };
        }
      ).state.incidents,
    );
    expect(incidents).toEqual([
      expect.objectContaining({ pointId: underpass.id, squadIds: [squadId] }),
    ]);
    await shot('03-assigned.png');
  });

  it('switches to English', async () => {
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Flood & Typhoon Command · Xuhui');
    expect(await page.getByTestId('tab-alarms').textContent()).toContain('Alarms');
    expect(await page.getByTestId('dispatch-panel').textContent()).toContain('assigned');
    await shot('04-english.png');
    // The same screen on a wall display.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('04-english-1920.png');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('gives a viewer the picture but no assign control', async () => {
    await page.getByTestId('logout').click();
    await signIn('li', PASSWORDS.viewer);
    await page.getByTestId('tab-incidents').click();
    await page.getByTestId('incident-item').first().click();
    await page.getByTestId('dispatch-panel').waitFor();
    expect(await page.getByTestId('suggestion').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('assign-button').count()).toBe(0);
    expect(await page.getByTestId('ack-button').count()).toBe(0);
    expect(await page.getByTestId('unit-marker-count').textContent()).toBe('29');
    await shot('05-viewer.png');
  });
});
