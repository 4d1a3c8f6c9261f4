import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Asset, ResidentialCompound, Role } from '@floodnet/domain';
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
    await shot(page, 'compounds-duty-alert.png');
  }, 60_000);
});
