import { toShanghaiIso } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtAssets,
  shot as saveShot,
  signIn,
  startScenario,
  startServer,
  streamClock,
  type Browser,
  type Running,
} from './harness';

// Whether what the screen shows is current, in Debian's Chromium against the real server: the
// district fills the map; the server goes away and the screen says so (with the time of its data,
// the values greyed); a new server on the same port and data brings it back live at the same seq;
// a gauge that falls silent is greyed with its age and raises a blue 'sensor-stale' alarm.

const assets = districtAssets();
const PASSWORD = 'duty-e2e-pass';
const T0 = Date.parse('2021-07-25T14:00:00+08:00');
const MINUTE = 60_000;
const GREY = 'rgb(158, 158, 158)';
/** A stale reading's label as the map reports drawing it on its canvas. */
interface StaleLabel {
  id: string;
  text: string;
  colour: string;
  shown: boolean;
}

/** Stream time: wall time from T0, plus whatever the test skips ahead. */
const streamTime = streamClock(T0);
/** The live clock, and the silent-sensor check every half second rather than every 30 s. */
const serverOptions = { clock: streamTime, checkSensorsEveryMs: 500 };

const rainGauge = assets.find((asset) => asset.kind === 'rain-gauge')!;
const underpass = assets.find((asset) => asset.kind === 'underpass')!;

let server: Running;
let apiKey = '';
let browser: Browser;
let page: Page;

async function pushReadings(readings: { sensorId: string; value: number }[]) {
  const at = toShanghaiIso(streamTime.now());
  const response = await fetch(`${server.url}/api/v1/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      readings: readings.map((reading) => ({ id: `${reading.sensorId}-${at}`, at, ...reading })),
    }),
  });
  expect(response.status, await response.text()).toBe(202);
}

async function serverSeq(): Promise<number> {
  const token = server.app.auth.issueToken({ name: 'e2e', role: 'viewer' });
  const response = await fetch(`${server.url}/api/v1/state?stream=live`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { seq: number }).seq;
}

const screenSeq = async () =>
  Number(await page.getByTestId('stream-clock').getAttribute('data-seq'));
const connection = () => page.getByTestId('connection-state');
const alertLabel = () => page.locator('.map-label-alert').first();
const colourOf = (locator: ReturnType<Page['locator']>) =>
  locator.evaluate((element) => getComputedStyle(element).color);
const shot = (name: string) => saveShot(page, name);

describe('fresh and stale data in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startScenario(serverOptions, {
      username: 'wu',
      password: PASSWORD,
      role: 'duty',
    }));
    apiKey = server.app.auth.issueKey('e2e-gauges');
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
  });

  it('fills the map pane with the district, clear of the legend, on a laptop and a wall', async () => {
    await page.goto(server.url);
    await signIn(page, 'wu', PASSWORD);
    await expect.poll(() => page.locator('.jiezhen-label span').count()).toBe(13);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      // The map fits again as its pane grows (Leaflet redraws on the next frame).
      await expect
        .poll(async () => {
          const map = (await page.getByTestId('map').boundingBox())!;
          const legend = (await page.getByTestId('layer-control').boundingBox())!;
          const boxes = await page
            .locator('.jiezhen-label span')
            .evaluateAll((spans) =>
              spans.map((span) => span.getBoundingClientRect().toJSON() as DOMRect),
            );
          const top = Math.min(...boxes.map((box) => box.top));
          const bottom = Math.max(...boxes.map((box) => box.bottom));
          const left = Math.min(...boxes.map((box) => box.left));
          // The 街镇 names run from the district's north to its south end.
          return (bottom - top) / map.height > 0.65 && left > legend.x + legend.width;
        })
        .toBe(true);
      // Each 街镇's name stands clear of the others, in Chinese and in English.
      for (const language of ['中', 'EN']) {
        if (language === 'EN') await page.getByTestId('language-switch').click();
        await expect.poll(overlappingJiezhenNames).toEqual([]);
      }
      await page.getByTestId('language-switch').click();
      await shot(`fresh-00-district-${width}.png`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('says the connection is lost, with the time of its data, and greys the values', async () => {
    await pushReadings([
      { sensorId: rainGauge.id, value: 6 },
      { sensorId: underpass.id, value: 32 },
    ]);
    await page.locator('[data-testid="alarm-item"][data-severity="red"]').waitFor();
    const seq = await serverSeq();
    await expect.poll(screenSeq).toBe(seq);
    expect(await colourOf(alertLabel())).not.toBe(GREY);
    await shot('fresh-01-live.png');

    await server.close();
    await expect
      .poll(() => connection().getAttribute('data-status'), { timeout: 20_000 })
      .toBe('offline');
    expect(await connection().textContent()).toMatch(/离线.*数据截至 \d{2}:\d{2}:\d{2}/);
    await expect.poll(() => colourOf(alertLabel())).toBe(GREY);
    expect(await page.getByTestId('map').getAttribute('class')).toContain('map-not-live');
    // Across the map too, readable from across the room.
    expect(await page.getByTestId('connection-lost').textContent()).toMatch(
      /画面未更新.*停在 \d{2}:\d{2}:\d{2}/,
    );
    expect(await screenSeq()).toBe(seq);
    await shot('fresh-02-offline.png');
  });

  it('comes back live at the same seq when a server starts on the same port and data', async () => {
    const seq = await screenSeq();
    server = await startServer(serverOptions, { port: server.port, dataDir: server.dataDir });
    apiKey = server.app.auth.issueKey('e2e-gauges-2');
    await expect
      .poll(() => connection().getAttribute('data-status'), { timeout: 30_000 })
      .toBe('live');
    expect(await serverSeq()).toBe(seq);
    expect(await screenSeq()).toBe(seq);
    expect(await connection().textContent()).not.toContain('数据截至');
    expect(await page.getByTestId('connection-lost').count()).toBe(0);
    await expect.poll(() => colourOf(alertLabel())).not.toBe(GREY);
    await shot('fresh-03-live-again.png');
    // The stream carries on from there: the next events arrive one after the other.
    await pushReadings([{ sensorId: underpass.id, value: 36 }]);
    const next = await serverSeq();
    expect(next).toBeGreaterThan(seq);
    await expect.poll(screenSeq).toBe(next);
  });

  it('greys a gauge silent for three intervals, with its age, and raises a blue alarm', async () => {
    streamTime.skip(20 * MINUTE);
    const stale = page
      .locator('[data-testid="alarm-item"][data-severity="blue"]')
      .filter({ hasText: rainGauge.name });
    await stale.waitFor({ timeout: 10_000 });
    expect(await stale.textContent()).toContain('数据中断');
    await stale.click();
    // Value labels are drawn on the map's canvas; the map lists its stale ones beside it.
    const staleLabel = async () => {
      const raw = await page.getByTestId('map-labels').getAttribute('data-stale');
      const labels = JSON.parse(raw ?? '[]') as StaleLabel[];
      return labels.find((label) => label.id === rainGauge.id && label.text.includes('6.0 mm/h'));
    };
    await expect.poll(async () => (await staleLabel())?.shown, { timeout: 10_000 }).toBe(true);
    const label = (await staleLabel())!;
    expect(label.text).toMatch(/6\.0 mm\/h · 2\d 分钟前/);
    expect(label.colour).toBe('#9e9e9e');
    await shot('fresh-04-stale-gauge.png');
  });
});

/** Pairs of 街镇 names on the map whose boxes overlap, as "name ~ name". */
async function overlappingJiezhenNames(): Promise<string[]> {
  return page.locator('.jiezhen-label span').evaluateAll((spans) => {
    const boxes = spans.map((span) => ({
      text: span.textContent ?? '',
      box: span.getBoundingClientRect(),
    }));
    const pairs: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart =
          a.box.right <= b.box.left ||
          b.box.right <= a.box.left ||
          a.box.bottom <= b.box.top ||
          b.box.bottom <= a.box.top;
        if (!apart) pairs.push(`${a.text} ~ ${b.text}`);
      }),
    );
    return pairs;
  });
}
