import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '@floodnet/domain';
import { buildApp } from '../../app.js';
import { resolveOptions } from '../../config.js';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../../test-support.js';

const HOUR = 3600_000;
const fixturePlans = join(resolveOptions({ dataDir: '.' }).fixturesDir, 'plans.json');

describe('plans, tasks, evacuation and handover over HTTP', () => {
  let server: Running;
  let commander: string;
  let duty: string;
  let viewer: string;
  const state = async () =>
    (await call<{ state: State }>(server.url, 'GET', '/api/v1/state', { token: viewer })).body
      .state;

  beforeAll(async () => {
    server = await startServer();
    commander = tokenFor(server.app, 'commander');
    duty = tokenFor(server.app, 'duty');
    viewer = tokenFor(server.app, 'viewer');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('registers the Xuhui plans at start', async () => {
    const { plans } = await state();
    expect(plans.list.map((plan) => plan.id)).toEqual(
      expect.arrayContaining([
        'graded-iv',
        'graded-i',
        'key-longhua-cemetery',
        'key-hengfu',
        'key-riverside',
      ]),
    );
  });

  it('shows what level III would issue before it is set, then issues it to every unit', async () => {
    const preview = await call<{ plans: { planId: string; tasks: { assigneeIds: string[] }[] }[] }>(
      server.url,
      'GET',
      '/api/v1/plans/preview?level=III',
      { token: commander },
    );
    expect(preview.body.plans.map((p) => p.planId)).toEqual([
      'graded-iv',
      'graded-iii',
      'key-longhua-cemetery',
      'key-hengfu',
    ]);
    const raised = await call(server.url, 'PUT', '/api/v1/response-level', {
      token: commander,
      body: { level: 'III' },
    });
    expect(raised.status).toBe(200);
    const { tasks } = await state();
    const teams = catalogue().assets.filter((a) => a.kind === 'subdistrict-team');
    const roster = Object.values(tasks).filter((t) => t.title.startsWith('落实24小时值班'));
    expect(roster.map((t) => t.assigneeId).sort()).toEqual(teams.map((t) => t.id).sort());
    const issued = preview.body.plans.flatMap((p) => p.tasks.flatMap((t) => t.assigneeIds)).length;
    expect(Object.keys(tasks)).toHaveLength(issued);
  });

  it('lets a duty officer acknowledge and complete a task, and says when it is already done', async () => {
    const task = Object.values((await state()).tasks)[0]!;
    expect(
      (await call(server.url, 'POST', `/api/v1/tasks/${task.id}/ack`, { token: duty })).status,
    ).toBe(200);
    const done = await call(server.url, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      token: duty,
      body: { note: '已落实' },
    });
    expect(done.status).toBe(200);
    const again = await call(server.url, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      token: duty,
      body: {},
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'TASK_DONE' } } });
    const unknown = await call(server.url, 'POST', '/api/v1/tasks/nope/ack', { token: duty });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_TASK' } } });
    const viewerTry = await call(server.url, 'POST', `/api/v1/tasks/${task.id}/ack`, {
      token: viewer,
    });
    expect(viewerTry.status).toBe(403);
  });

  it('moves 200 people to a school with room, and refuses a full one naming the nearest with room', async () => {
    const team = catalogue().assets.find((a) => a.kind === 'subdistrict-team')!;
    const moved = await call(server.url, 'POST', '/api/v1/evacuations', {
      token: commander,
      body: { fromId: team.id, toSiteId: 'shelter-guilin-school', people: 200 },
    });
    expect(moved).toMatchObject({ status: 201, body: { id: 'evac-1' } });
    const full = await call<{
      error: { code: string; message: string; path: string; details: { nearestSiteId: string } };
    }>(server.url, 'POST', '/api/v1/evacuations', {
      token: commander,
      body: { fromId: team.id, toSiteId: 'shelter-guilin-school', people: 700 },
    });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: 'SITE_FULL', path: '/toSiteId' });
    expect(full.body.error.message).toContain(full.body.error.details.nearestSiteId);
    const geo = await call<{ features: { properties: Record<string, unknown> }[] }>(
      server.url,
      'GET',
      '/api/v1/state.geojson',
      { token: viewer },
    );
    const school = geo.body.features.find((f) => f.properties.id === 'shelter-guilin-school');
    expect(school?.properties).toMatchObject({ capacity: 800, occupancy: 200, status: 'open' });
    const totals = await call<{ totals: { moved: number; byJiezhen: Record<string, number> } }>(
      server.url,
      'GET',
      '/api/v1/evacuations',
      { token: viewer },
    );
    expect(totals.body.totals).toMatchObject({ moved: 200, byJiezhen: { [team.jiezhen!]: 200 } });
  });

  it('flags overdue tasks on the clock, and hands over with a note the next report shows', async () => {
    server.clock.advance(4 * HOUR);
    await server.app.engine.execute(
      'live',
      { type: 'checkTasks' },
      { name: 'floodnet', role: 'system' },
    );
    const before = await call<{ overdueTasks: unknown[]; previous: unknown }>(
      server.url,
      'GET',
      '/api/v1/handover',
      { token: commander },
    );
    expect(before.body.overdueTasks.length).toBeGreaterThan(0);
    expect(before.body.previous).toBeNull();
    const recorded = await call(server.url, 'POST', '/api/v1/handovers', {
      token: commander,
      body: { note: '夜班：桂林路学校安置200人' },
    });
    expect(recorded.status).toBe(201);
    const after = await call<{ previous: { note: string }; changes: { peopleMoved: number } }>(
      server.url,
      'GET',
      '/api/v1/handover',
      { token: commander },
    );
    expect(after.body.previous.note).toBe('夜班：桂林路学校安置200人');
    expect(after.body.changes.peopleMoved).toBe(0);
    const page = await call(server.url, 'GET', '/api/v1/handover?format=html', {
      token: commander,
    });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('夜班：桂林路学校安置200人');
    expect(page.text).toContain('超时任务');
  });
});

describe('a bad plans file', () => {
  it('stops the start and names the path at fault', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floodnet-plans-'));
    const plans = JSON.parse(readFileSync(fixturePlans, 'utf8'));
    plans.plans[1].tasks[2].dueMinutes = -5;
    const file = join(dir, 'plans.json');
    writeFileSync(file, JSON.stringify(plans));
    await expect(
      buildApp({ dataDir: dir, plansFile: file, checkSensorsEveryMs: 0 }),
    ).rejects.toThrow(`${file} is not a valid plans file at /plans/1/tasks/2/dueMinutes`);
    plans.plans[1].tasks[2].dueMinutes = 30;
    plans.plans[4].tasks[0].assignee = { unit: 'team-atlantis' };
    writeFileSync(file, JSON.stringify(plans));
    await expect(
      buildApp({ dataDir: dir, plansFile: file, checkSensorsEveryMs: 0 }),
    ).rejects.toThrow('/plans/4/tasks/0/assignee/unit');
    removeDir(dir);
  });
});
