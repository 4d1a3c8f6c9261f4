import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Asset, ResidentialCompound, Role } from '@floodnet/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBuilt,
  launchChromium,
  shot,
  signIn,
  startServer,
  type Browser,
  type Running,
} from './harness';

// The compounds' network in Debian's Chromium against the real server: a property manager on a
// 390×844 phone acknowledges a notice and reports 30 cm in the garage; the duty officer's map
// shows the alert at that compound.

const assets = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../fixtures/xuhui/assets.json', import.meta.url)),
    'utf8',
  ),
) as Asset[];
const compound = assets.find(
  (asset): asset is ResidentialCompound =>
    asset.kind === 'residential-compound' && asset.lowLying && asset.undergroundGarage,
)!;
const PASSWORD = 'compound-e2e-pass';

type CreateUser = (u: string, p: string, r: Role, unit?: string) => Promise<void>;

let server: Running;
let browser: Browser;
let dutyToken = '';
/** The squad leader's phone, kept open from the assignment to the offline test. */
let squadPhone: Page | null = null;

async function api(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer({});
  const createUser = server.app.auth.createUser as CreateUser;
  await createUser('pm-e2e', PASSWORD, 'compound', compound.id);
  await createUser('duty-e2e', PASSWORD, 'duty');
  dutyToken = server.app.auth.issueToken({ name: 'duty-e2e', role: 'duty' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.stop();
  await server?.stop();
});

describe('the compounds on the net', () => {
  it('a property manager acknowledges on the phone and reports 30 cm in the garage', async () => {
    const issued = await api('POST', '/api/v1/notices', dutyToken, {
      title: '低洼小区地下车库车辆撤离',
      body: '台风“烟花”临近，请立即组织地下车库车辆撤离至地面高处，并在入口堆放沙袋。',
      audience: { lowLying: true, undergroundGarage: true },
      ackWithinMinutes: 30,
    });
    expect(issued.status).toBe(201);
    const noticeId = String(issued.body.id);

    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/compound`);
    await phone.getByTestId('login-username').fill('pm-e2e');
    await phone.getByTestId('login-password').fill(PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('compound-page').waitFor();
    await expect.poll(() => phone.getByTestId('phone-unit').textContent()).toBe(compound.name);
    const card = phone.getByTestId(`notice-${noticeId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('地下车库车辆撤离');
    // The screen itself marked it delivered.
    await expect
      .poll(async () => {
        const detail = await api('GET', `/api/v1/notices/${noticeId}`, dutyToken);
        const recipients = detail.body.recipients as {
          recipientId: string;
          delivered: string | null;
        }[];
        return recipients.find((r) => r.recipientId === compound.id)?.delivered !== null;
      })
      .toBe(true);
    await shot(phone, 'compound-phone-notice.png');

    await phone.getByTestId(`ack-${noticeId}`).click();
    await expect.poll(() => card.textContent()).toContain('已确认');
    const board = await api('GET', '/api/v1/notices', dutyToken);
    const row = (board.body.notices as { id: string; counts: { acknowledged: number } }[]).find(
      (notice) => notice.id === noticeId,
    );
    expect(row?.counts.acknowledged).toBe(1);

    await phone.getByTestId('kind-water-depth').click();
    await phone.getByTestId('report-where').selectOption('garage');
    await phone.getByTestId('report-depth').fill('30');
    await phone.getByTestId('report-send').click();
    const history = phone.getByTestId('report-history');
    await expect.poll(() => history.textContent()).toContain('30 cm');
    expect(await history.textContent()).toContain('地下车库');
    await phone.getByTestId('report-form').scrollIntoViewIfNeeded();
    await shot(phone, 'compound-phone-report.png');
    // Chinese glyphs drawn with a CJK font, not boxes.
    const cjk = await phone.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"'));
    expect(cjk).toBe(true);
    await phone.close();
  }, 90_000);

  it("shows the alert at that compound on the duty officer's map", async () => {
    const { page } = browser;
    await page.goto(server.url);
    // The manager's session lives in this browser profile too: sign in afresh as the officer.
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.reload();
    await signIn(page, 'duty-e2e', PASSWORD);
    const alarm = page.getByTestId('alarm-item').filter({ hasText: compound.name });
    await alarm.waitFor();
    expect(await alarm.textContent()).toContain('小区上报');
    // At district zoom the compounds are counted per 街镇, and its 街镇 shows one alerting.
    const cluster = page.locator(`.compound-cluster[data-jiezhen="${compound.jiezhen}"] .alerting`);
    await cluster.waitFor();
    expect(await cluster.textContent()).toBe('1');
    await shot(page, 'compounds-duty-map.png');
    await alarm.click();
    await page.getByTestId('report-from-alarm').waitFor();
    // The officer reads what the manager reported, and who, without opening anything else.
    const reported = await page.getByTestId('alert-report').textContent();
    expect(reported).toContain('积水深度 30 cm · 地下车库');
    expect(reported).toContain('pm-e2e');
    await shot(page, 'compounds-duty-alert.png');
  }, 60_000);

  it('a squad leader sees the assignment on a small map and sets off', async () => {
    const squad = assets.find((asset) => asset.kind === 'specialist-squad')!;
    const createUser = server.app.auth.createUser as CreateUser;
    await createUser('lead-e2e', PASSWORD, 'squad', squad.id);
    const commander = server.app.auth.issueToken({ name: 'cmd-e2e', role: 'commander' });
    const incident = await api('POST', '/api/v1/incidents', commander, {
      kind: 'underground-space',
      location: { lat: compound.lat, lng: compound.lng },
      pointId: compound.id,
      description: `${compound.name} 地下车库进水 30 cm`,
    });
    const incidentId = String(incident.body.id);
    const assigned = await api('POST', `/api/v1/incidents/${incidentId}/assign`, commander, {
      squadId: squad.id,
    });
    expect(assigned.status).toBe(200);
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/squad`);
    await phone.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await phone.reload();
    await phone.getByTestId('login-username').fill('lead-e2e');
    await phone.getByTestId('login-password').fill(PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('squad-page').waitFor();
    await phone.getByTestId('small-map').waitFor();
    expect(await phone.getByTestId('assignment').textContent()).toContain('地下车库进水');
    expect(await phone.getByTestId('assignment-distance').textContent()).toMatch(
      /路程约 \d+\.\d 公里/,
    );
    await phone.getByTestId('status-en-route').click();
    await expect.poll(() => phone.getByTestId('status-buttons').textContent()).toContain('途中');
    await shot(phone, 'squad-phone.png');
    squadPhone = phone;
  }, 60_000);

  it('queues a status sent offline and delivers it once, even when an answer is lost', async () => {
    const phone = squadPhone!;
    const squad = assets.find((asset) => asset.kind === 'specialist-squad')!;
    const commander = server.app.auth.issueToken({ name: 'cmd-e2e', role: 'commander' });
    /** The squad's on-scene changes in the log, read as an integrator would. */
    const onScene = async () => {
      const response = await fetch(`${server.url}/api/v1/events?after=0&limit=10000`, {
        headers: { authorization: `Bearer ${commander}`, accept: 'application/json' },
      });
      const { events } = (await response.json()) as {
        events: { type: string; data: { squadId?: string; status?: string } }[];
      };
      return events.filter(
        (event) =>
          event.type === 'squad.statusChanged' &&
          event.data.squadId === squad.id &&
          event.data.status === 'on-scene',
      ).length;
    };
    // No signal in the underground garage: the tap waits in the outbox.
    await browser.context.setOffline(true);
    await phone.getByTestId('status-on-scene').click();
    await expect.poll(() => phone.getByTestId('phone-pending').textContent()).toContain('1');
    await shot(phone, 'squad-phone-offline.png');
    expect(await onScene()).toBe(0);
    // Back in signal, the first answer is lost on the way back: the server has acted, the
    // phone cannot know and sends again with the same Idempotency-Key.
    const keys: string[] = [];
    let dropped = false;
    await phone.route('**/api/v1/squads/*/status', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (!dropped) {
        dropped = true;
        expect(response.status()).toBe(200);
        return route.abort('connectionreset');
      }
      return route.fulfill({ response });
    });
    await browser.context.setOffline(false);
    await expect.poll(() => keys.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await phone.getByTestId('phone-pending').waitFor({ state: 'detached', timeout: 20_000 });
    await expect
      .poll(() => phone.getByTestId('status-buttons').textContent())
      .toContain('状态：到场');
    // Sent at least twice, with one key, and on the log once.
    expect(new Set(keys).size).toBe(1);
    expect(await onScene()).toBe(1);
    await phone.unroute('**/api/v1/squads/*/status');
    await phone.close();
  }, 60_000);
});
