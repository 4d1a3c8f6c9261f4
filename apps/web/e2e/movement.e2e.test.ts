import { distanceKm, toShanghaiIso } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtAssets,
  shot as saveShot,
  signIn,
  startScenario,
  streamClock,
  type Browser,
  type Running,
} from './harness';

// Squads on the move, in Debian's Chromium against the real server: a commander sends the pump
// squad with a pump truck and 200 sandbags to a flooded underpass in three clicks; the materials
// panel shows the stock fall; the truck's tracker reports as it drives, and the squad moves across
// the map while its remaining distance and arrival estimate count down.

const assets = districtAssets();
const PASSWORD = 'commander-e2e-pass';
const T0 = Date.parse('2021-07-25T14:00:00+08:00');
const MINUTE = 60_000;
const streamTime = streamClock(T0);

const underpass = assets.find((asset) => asset.id === 'underpass-caoxi-zhongshan')!;
const truck = assets.find((asset) => asset.id === 'vehicle-pump-truck-pump-truck-1')!;
const SQUAD = 'squad-pump-truck';

let server: Running;
let browser: Browser;
let page: Page;
let apiKey = '';
let fixes = 0;

async function post(path: string, token: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, text).toBeLessThan(300);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The truck's tracker: a fix `share` of the way from its staging point to the underpass. */
async function truckAt(share: number) {
  const lat = truck.lat + (underpass.lat - truck.lat) * share;
  const lng = truck.lng + (underpass.lng - truck.lng) * share;
  fixes += 1;
  await post('/api/v1/positions', apiKey, {
    positions: [
      {
        id: `e2e-fix-${fixes}`,
        unitId: truck.id,
        at: toShanghaiIso(streamTime.now()),
        lat,
        lng,
        speedKmh: 30,
      },
    ],
  });
}

const unitPlaces = async () =>
  JSON.parse(
    (await page.getByTestId('unit-marker-count').getAttribute('data-places')) ?? '{}',
  ) as Record<string, [number, number]>;
const eta = () => page.getByTestId('eta').first();
/** Seconds left in "预计 3:20 到达" or minutes in "预计 12 分钟到达". */
async function secondsLeft(): Promise<number> {
  const text = (await eta().textContent()) ?? '';
  const clock = /(\d+):(\d\d)/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const minutes = /(\d+) 分钟/.exec(text);
  return minutes ? Number(minutes[1]) * 60 : 0;
}
const shot = (name: string) => saveShot(page, name);

describe('squads and materials on the move, in Chromium', () => {
  beforeAll(async () => {
    // The periodic checks (stale sensors, lapsed check-ins) every half second, not every 30 s.
    ({ server, browser } = await startScenario(
      { clock: streamTime, checkSensorsEveryMs: 500 },
      { username: 'zhang', password: PASSWORD, role: 'commander' },
    ));
    apiKey = server.app.auth.issueKey('e2e-trackers');
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
  });

  it('sends a squad with a pump truck and 200 sandbags to a flooded underpass in three clicks, and the stock falls', async () => {
    await page.goto(server.url);
    await signIn(page, 'zhang', PASSWORD);
    const duty = server.app.auth.issueToken({ name: 'li', role: 'duty' });
    await post('/api/v1/incidents', duty, {
      kind: 'underpass-flooded',
      location: { lat: underpass.lat, lng: underpass.lng },
      pointId: underpass.id,
      description: '漕溪路下立交积水 40 cm',
    });
    await page.getByTestId('tab-materials').click();
    const sandbags = page.locator(
      '[data-store-id="staging-stadium"] [data-testid="stock-sandbags"]',
    );
    await expect.poll(() => sandbags.textContent(), { timeout: 10_000 }).toBe('3000');
    await page.getByTestId('tab-incidents').click();

    // One: the incident. Two: the suggested package. Three: confirm.
    await page.getByTestId('incident-item').first().click();
    const pumpSquad = page.locator(`[data-testid="suggestion"][data-unit-id="${SQUAD}"]`);
    const offer = pumpSquad.getByTestId('package-button');
    expect(await offer.textContent()).toContain('200 袋沙袋');
    expect(await offer.textContent()).toContain('泵车');
    await offer.click();
    await shot('movement-01-confirm.png');
    await pumpSquad.getByTestId('package-confirm').click();

    await page
      .locator(`[data-testid="assigned-unit"][data-status="assigned"]`)
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('tab-materials').click();
    await expect.poll(() => sandbags.textContent(), { timeout: 10_000 }).toBe('2800');
    const out = page.getByTestId('materials-out').first();
    expect(await out.textContent()).toContain('200 袋沙袋');
    await shot('movement-02-materials.png');
  });

  it('moves the squad across the map with its truck while its arrival estimate counts down', async () => {
    await page.getByTestId('tab-incidents').click();
    await page.getByTestId('incident-item').first().click();
    await truckAt(0);
    await eta().waitFor({ timeout: 10_000 });
    const startKm = Number(await eta().getAttribute('data-km'));
    const startLeft = await secondsLeft();

    for (const share of [0.25, 0.5]) {
      streamTime.skip(2 * MINUTE);
      await truckAt(share);
    }
    await expect
      .poll(async () => Number(await eta().getAttribute('data-km')), { timeout: 10_000 })
      .toBeLessThan(startKm / 1.5);
    const toUnderpass = (p: [number, number]) => distanceKm({ lat: p[0], lng: p[1] }, underpass);
    // The map draws on its own animation frame, a moment after the panel.
    await expect
      .poll(async () => toUnderpass((await unitPlaces())[SQUAD]!), { timeout: 10_000 })
      .toBeLessThan(toUnderpass([truck.lat, truck.lng]) * 0.6);
    expect(await secondsLeft()).toBeLessThan(startLeft);
    await shot('movement-03-on-the-road.png');

    // No new fix, but the stream's time goes on (a reading arrives): the estimate keeps counting.
    const before = await secondsLeft();
    streamTime.skip(30_000);
    const gauge = assets.find((asset) => asset.kind === 'rain-gauge')!;
    await post('/api/v1/readings', apiKey, {
      readings: [
        { id: 'e2e-tick', sensorId: gauge.id, at: toShanghaiIso(streamTime.now()), value: 1 },
      ],
    });
    await expect.poll(() => secondsLeft(), { timeout: 10_000 }).toBeLessThan(before - 20);
  });

  it('warns when the squad on scene misses its check-in, and a check-in from the roster clears it', async () => {
    const commander = server.app.auth.issueToken({ name: 'zhang', role: 'commander' });
    for (const status of ['en-route', 'on-scene'])
      await post(`/api/v1/squads/${SQUAD}/status`, commander, { status });
    await page.getByTestId('tab-roster').click();
    const timer = page.locator(
      `[data-testid="roster-item"][data-unit-id="${SQUAD}"] [data-testid="checkin-timer"]`,
    );
    await expect.poll(() => timer.getAttribute('data-status'), { timeout: 10_000 }).toBe('green');

    // An underpass crew checks in every 20 minutes: 21 minutes of silence.
    streamTime.skip(21 * MINUTE);
    await expect.poll(() => timer.getAttribute('data-status'), { timeout: 10_000 }).toBe('warning');
    await page.getByTestId('tab-alarms').click();
    const alarm = page.locator('[data-testid="alarm-item"]', { hasText: '报平安超时' });
    await alarm.waitFor({ timeout: 10_000 });
    expect(await alarm.getAttribute('data-severity')).toBe('yellow');
    await page.getByTestId('tab-roster').click();
    await timer.scrollIntoViewIfNeeded();
    await shot('movement-04-check-in-missed.png');

    await timer.getByTestId('checkin-button').click();
    await expect.poll(() => timer.getAttribute('data-status'), { timeout: 10_000 }).toBe('green');
    await page.getByTestId('tab-alarms').click();
    await expect.poll(() => alarm.count(), { timeout: 10_000 }).toBe(0);
  });
});
