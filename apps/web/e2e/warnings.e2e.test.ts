import { capAlertToXml, toShanghaiIso } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtAssets, shot, signIn, startScenario, type Browser, type Running } from './harness';

// Official warnings and forecasts in Debian's Chromium against the real server: the blue
// high-tide warning arrives as CAP at 10:00 on 23 July and shows in the top bar as 官方, apart
// from floodnet's 本地估计; the tide forecast over 4.55 m alarms with "15 小时后" in the alarm
// panel and on the map; an underpass rising 1 cm a minute gets its countdown to 25 cm.

const assets = districtAssets();
const PASSWORD = 'duty-e2e-pass';
const T0 = Date.parse('2021-07-23T10:00:00+08:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => toShanghaiIso(ms);
const underpass = assets.find((asset) => asset.kind === 'underpass')!;

let server: Running;
let apiKey = '';
let browser: Browser;
let page: Page;

async function post(path: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': contentType },
    body,
  });
  expect(response.status, await response.text()).toBeLessThan(300);
}

describe('official warnings and forecast countdowns in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startScenario(
      { clock: { now: () => T0 } },
      { username: 'wu', password: PASSWORD, role: 'duty' },
    ));
    apiKey = server.app.auth.issueKey('e2e-feeds');
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
  });

  it('shows the official blue high-tide warning beside the local estimates, and forecast countdowns', async () => {
    await page.goto(server.url);
    await signIn(page, 'wu', PASSWORD);
    // The morning's tide so far, and an underpass filling 1 cm a minute (15 cm now).
    const readings = [];
    for (let m = 0; m <= 12 * 6; m += 1)
      readings.push({
        id: `tide@${m}`,
        sensorId: 'tide-huangpu-park',
        at: iso(T0 - 12 * HOUR + m * 10 * MINUTE),
        value: Number((2.6 + 1.3 * Math.cos(((m - 30) / 74.5) * 2 * Math.PI)).toFixed(2)),
      });
    for (let m = 0; m <= 15; m += 1)
      readings.push({
        id: `up@${m}`,
        sensorId: underpass.id,
        at: iso(T0 - (15 - m) * MINUTE),
        value: m,
      });
    await post('/api/v1/readings', JSON.stringify({ readings }));

    // 10:00, 23 July: the flood-control information centre's blue high-tide warning, as CAP.
    await post(
      '/api/v1/warnings',
      capAlertToXml({
        identifier: 'sh-fxxx-20210723-hightide',
        sender: 'fxxxzx@swj.sh.gov.cn',
        sent: iso(T0),
        status: 'Actual',
        msgType: 'Alert',
        info: {
          event: '高潮位蓝色预警',
          severity: 'Minor',
          onset: iso(T0 + 14 * HOUR),
          expires: iso(T0 + 50 * HOUR),
          headline: '上海市防汛信息中心发布高潮位蓝色预警',
          description: '预计24—26日子潮黄浦公园站潮位约4.65、4.90、5.00米。',
          area: { areaDesc: '黄浦江沿线' },
        },
      }),
      'application/cap+xml',
    );
    // The hydrological forecast: 4.65 m at 00:30 on the 24th, 14.5 h from now.
    const series = [];
    for (let h = 0.5; h <= 40; h += 0.5) {
      const at = T0 + h * HOUR;
      const value =
        2.55 +
        2.1 * Math.cos(((h - 14.5) / 24.84) * 2 * Math.PI) -
        0.25 * Math.cos(((h - 14.5) / 12.42) * 2 * Math.PI) +
        0.25;
      series.push({ at: iso(at), value: Number(value.toFixed(2)) });
    }
    await post(
      '/api/v1/forecasts',
      JSON.stringify({ id: 'tide@10', sensorId: 'tide-huangpu-park', issuedAt: iso(T0), series }),
    );

    const official = page.getByTestId('official-warning');
    await expect.poll(() => official.count()).toBe(1);
    expect(await official.getAttribute('data-kind')).toBe('high-tide');
    expect(await official.getAttribute('data-level')).toBe('blue');
    expect(await official.textContent()).toContain('高潮位 蓝');
    expect(await page.getByTestId('official-warnings').textContent()).toContain('官方');
    expect(await page.getByTestId('signals').textContent()).toContain('本地估计');

    // The forecast alarm counts down in the alarm panel and on the map.
    const countdowns = page.getByTestId('alarm-countdown');
    await expect
      .poll(() => countdowns.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('15 小时后')]));
    const onMap = page.getByTestId('map-countdown');
    await expect.poll(() => onMap.count()).toBe(2);
    const mapTexts = await onMap.allTextContents();
    expect(mapTexts.find((text) => text.includes('黄浦公园'))).toMatch(/4\.\d\d m.*15 小时后/);
    expect(mapTexts.find((text) => text.includes(underpass.name))).toContain(
      '约 10 分钟后达到 25 cm',
    );
    // The tide chart holds the observations and the forecast beside them.
    await expect
      .poll(async () => {
        // The chart's time axis holds the observations and, after them, the forecast's points.
        const chart = page.getByTestId('tide-chart');
        const observed = Number(await chart.getAttribute('data-points'));
        return observed + Number(await chart.getAttribute('data-forecast-points'));
      })
      .toBeGreaterThan(readings.length - 16 + 70);
    await shot(page, 'warnings-top-bar-and-countdowns.png');
    // Zoomed out, the forecast's countdown stands beside 黄浦公园 north of the district.
    const station = onMap.filter({ hasText: '黄浦公园' });
    const map = (await page.getByTestId('map').boundingBox())!;
    const inside = async () => {
      const box = await station.boundingBox();
      return !!box && box.y > map.y && box.y + box.height < map.y + map.height;
    };
    for (let step = 0; step < 4 && !(await inside()); step += 1) {
      await page.locator('.leaflet-control-zoom-out').click();
      await page.waitForTimeout(400); // the zoom animation
    }
    expect(await inside()).toBe(true);
    await shot(page, 'warnings-forecast-countdown-on-map.png');
  });
});
