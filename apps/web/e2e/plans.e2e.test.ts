import { fileURLToPath } from 'node:url';
import { toShanghaiIso } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtAssets,
  launchChromium,
  shot as saveShot,
  signIn,
  startScenario,
  streamClock,
  type Browser,
  type Running,
} from './harness';

// The plans in Debian's Chromium against the real server: yellow rain makes floodnet suggest
// level III, the suggestion says why and what the plans would issue, the commander confirms, the
// plan board fills with every unit's tasks, a task is done from the board, 200 construction
// workers go to a school with room, and the handover prints as one page.

const assets = districtAssets();
const PASSWORD = 'commander-e2e-pass';
const T0 = Date.parse('2021-07-24T16:00:00+08:00');
const streamTime = streamClock(T0);
const rainGauge = assets.find((asset) => asset.kind === 'rain-gauge')!;
const site = assets.find(
  (asset) =>
    asset.kind === 'hazard-site' && asset.siteType === 'construction-site' && asset.workforce >= 50,
)!;

let server: Running;
let browser: Browser;
let page: Page;
const shot = (name: string) => saveShot(page, name);
const shot2 = (on: Page, name: string) => saveShot(on, name);

describe('plans, tasks, evacuation and handover in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ({ server, browser } = await startScenario(
      { clock: streamTime },
      { username: 'zhang', password: PASSWORD, role: 'commander' },
    ));
    const createUser = server.app.auth.createUser as unknown as (
      ...args: [string, string, string, string?]
    ) => Promise<void>;
    await createUser('pump-leader', PASSWORD, 'squad', 'squad-pump-truck');
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
  });

  it('explains the suggested level III and what it would issue, before the commander confirms', async () => {
    await page.goto(server.url);
    await signIn(page, 'zhang', PASSWORD);
    const key = server.app.auth.issueKey('e2e-gauges');
    const at = toShanghaiIso(streamTime.now());
    const response = await fetch(`${server.url}/api/v1/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [{ id: 'rain-1', sensorId: rainGauge.id, at, value: 55 }] }),
    });
    expect(response.status).toBe(202);
    const suggested = page.getByTestId('suggested-level');
    await expect.poll(() => suggested.textContent()).toContain('Ⅲ级');
    await suggested.click();
    const explain = page.getByTestId('suggest-explain');
    await explain.waitFor();
    expect(await explain.getByTestId('suggest-reason').first().textContent()).toContain('暴雨');
    const plans = await explain
      .getByTestId('suggest-plan')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-plan-id')));
    // Rain alone already set off the cemetery's own plan (a yellow rainstorm): not shown again.
    expect(plans).toEqual(expect.arrayContaining(['graded-iv', 'graded-iii']));
    expect(plans).not.toContain('key-longhua-cemetery');
    await shot('plans-01-suggestion-explained.png');
    await page.getByTestId('suggest-confirm').click();
    await expect
      .poll(() => page.getByTestId('response-level').getAttribute('data-level'))
      .toBe('III');
  });

  it("fills the plan board with every unit's tasks, and a task done there counts as done", async () => {
    await page.getByTestId('tab-plans').click();
    const row = page.locator('[data-testid="plan-row"][data-plan-id="graded-iv"]');
    await row.waitFor();
    // Every 街镇 team has the level-IV tasks.
    const teams = assets.filter((asset) => asset.kind === 'subdistrict-team').length;
    expect(Number(await row.getByTestId('plan-issued').textContent())).toBeGreaterThanOrEqual(
      teams * 2,
    );
    expect(await page.getByTestId('unit-tasks').count()).toBeGreaterThanOrEqual(teams);
    await shot('plans-02-board-filled.png');

    const unit = page.getByTestId('unit-tasks').first();
    await unit.locator('.unit-toggle').click();
    const task = unit.getByTestId('task-item').first();
    const taskId = await task.getAttribute('data-task-id');
    await task.getByTestId('task-complete').click();
    const form = task.getByTestId('task-form');
    if (await form.getByTestId('finding-hazard').count()) {
      await form.getByTestId('finding-hazard').check();
      await form.getByTestId('finding-note').fill('围挡松动');
    }
    await form.getByTestId('task-note').fill('已落实');
    await shot('plans-03-completing.png');
    await form.getByTestId('task-confirm').click();
    await expect.poll(() => page.locator(`[data-task-id="${taskId}"]`).count()).toBe(0);
    const done = await page
      .getByTestId('plan-done')
      .evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number(cell.textContent), 0));
    expect(done).toBe(1);
    await shot('plans-04-task-done.png');
  });

  it('lets the pump squad leader complete a task on the squad page, and the board counts it', async () => {
    // The leader's own phone: another browser, not the commander's signed-in one.
    const leader = await launchChromium();
    const phone = leader.page;
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/squad`);
    await phone.getByTestId('login-username').fill('pump-leader');
    await phone.getByTestId('login-password').fill(PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('squad-page').waitFor();
    const tasks = phone.getByTestId('task-item');
    await tasks.first().waitFor();
    // Only the pump squad's own tasks: pre-lowering the rivers and moving the pump trucks up.
    expect(await tasks.count()).toBe(2);
    await tasks.first().getByTestId('task-ack').click();
    await expect.poll(() => tasks.first().textContent()).toContain('已签收');
    await shot2(phone, 'plans-04b-squad-page.png');
    await tasks.first().getByTestId('task-complete').click();
    await tasks.first().getByTestId('task-confirm').click();
    await expect.poll(() => tasks.count()).toBe(1);
    await shot2(phone, 'plans-04c-squad-page-done.png');
    await leader.stop();
    await expect
      .poll(() =>
        page
          .getByTestId('plan-done')
          .evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number(cell.textContent), 0)),
      )
      .toBe(2);
  });

  it('moves 200 construction workers to a school with room, shown on the panel and the map', async () => {
    await page.getByTestId('tab-evacuation').click();
    await page.getByTestId('evac-from').selectOption(site.id);
    await page.getByTestId('evac-to').selectOption('shelter-guilin-school');
    await page.getByTestId('evac-people').fill('200');
    await page.getByTestId('evac-move').click();
    const school = page.locator('[data-testid="evac-site"][data-site-id="shelter-guilin-school"]');
    await expect.poll(() => school.textContent()).toContain('200/800');
    expect(await page.getByTestId('evac-totals').textContent()).toContain('200');
    await shot('plans-05-evacuation.png');
  });

  it('records the handover and prints it as one page the incoming commander reads', async () => {
    await page.getByTestId('tab-plans').click();
    await page.getByTestId('handover-note').fill('夜班：200名工地人员已安置在桂林路学校');
    await page.getByTestId('handover-record').click();
    await expect
      .poll(() => page.getByTestId('handover-previous').textContent())
      .toContain('桂林路学校');
    const [popup] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByTestId('handover-print').click(),
    ]);
    await popup.waitForLoadState();
    const text = await popup.locator('body').innerText();
    expect(text).toContain('交接班报告');
    expect(text).toContain('Ⅲ级');
    expect(text).toContain('桂林路学校');
    await popup.emulateMedia({ media: 'print' });
    await popup.setViewportSize({ width: 794, height: 1123 });
    await popup.screenshot({
      path: `${fileURLToPath(new URL('../test-results/', import.meta.url))}plans-06-handover-print.png`,
      fullPage: true,
    });
    await popup.close();
  });
});
