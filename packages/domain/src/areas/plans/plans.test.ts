import { describe, expect, it } from 'vitest';
import { commander, duty, gauge, system, T0 } from '../../testing/given.js';
import { givenPlans, run } from '../../testing/plans.js';
import { refusalOf } from '../../testing/refusals.js';
import { isOpenTask } from './state.js';

const MIN = 60_000;
const raise = (level: 'IV' | 'III' | 'II' | 'I' | null) =>
  ({ type: 'setResponseLevel', level }) as const;

describe('raising the response level', () => {
  it('issues the tasks of that level and every level below, one per unit, due after activation', () => {
    const state = givenPlans();
    const events = run(state, raise('III'), commander);
    expect(events.filter((e) => e.type === 'plan.activated').map((e) => e.data.planId)).toEqual([
      'graded-iv',
      'graded-iii',
    ]);
    const issued = events.flatMap((e) => (e.type === 'task.issued' ? [e.data] : []));
    // Two 街镇 teams × two level-IV tasks, and the one pump squad's level-III task.
    expect(issued.map((t) => t.assigneeId).sort()).toEqual([
      'squad-pump-truck',
      'team-huajing',
      'team-huajing',
      'team-tianping',
      'team-tianping',
    ]);
    const pumps = issued.find((t) => t.assigneeId === 'squad-pump-truck');
    expect(Date.parse(pumps!.dueAt)).toBe(T0 + 60 * MIN);
  });

  it('sets nothing off a second time when the level is set again unchanged', () => {
    const state = givenPlans([raise('III'), commander]);
    const events = run(state, raise('III'), commander, T0 + MIN);
    expect(events.map((e) => e.type)).toEqual(['responseLevel.changed']);
  });

  it('the inspection task lists the hazard sites of its 街镇 only', () => {
    const state = givenPlans([raise('IV'), commander]);
    const inspections = Object.values(state.tasks).filter((t) => t.title === '巡查工地');
    expect(Object.fromEntries(inspections.map((t) => [t.assigneeId, t.siteIds]))).toEqual({
      'team-tianping': ['hz-site-tianping'],
      'team-huajing': [],
    });
  });
});

describe('lowering the level', () => {
  it('stands down the tasks not done and leaves the done ones done', () => {
    const state = givenPlans([raise('III'), commander]);
    const pumps = Object.values(state.tasks).find((t) => t.planId === 'graded-iii')!;
    const roster = Object.values(state.tasks).find((t) => t.planId === 'graded-iv')!;
    run(state, { type: 'completeTask', taskId: roster.id }, duty);
    const events = run(state, raise('IV'), commander, T0 + MIN);
    expect(events.map((e) => e.type)).toEqual(['responseLevel.changed', 'plan.stoodDown']);
    expect(state.tasks[pumps.id]?.stoodDownAt).toBe(T0 + MIN);
    expect(state.activePlans['graded-iv']).toBeDefined();
    run(state, raise(null), commander, T0 + 2 * MIN);
    expect(state.tasks[roster.id]?.completedAt).toBe(T0);
    expect(Object.values(state.tasks).filter(isOpenTask)).toEqual([]);
  });
});

describe('a key-area plan', () => {
  it('starts when the tide crosses its trigger and stands down when it falls back', () => {
    const state = givenPlans();
    const at = (min: number) => new Date(T0 + min * MIN).toISOString();
    const tide = (value: number, min: number) => ({
      type: 'recordReadings' as const,
      readings: [{ id: `tide-${min}`, sensorId: 'tide-huangpu-park', at: at(min), value }],
    });
    run(state, tide(4.6, 1), gauge, T0 + MIN);
    expect(state.activePlans['key-riverside']?.reasons).toEqual(['tide:4.60 m ≥ 4.55 m']);
    expect(Object.values(state.tasks).map((t) => t.assigneeId)).toEqual(['team-huajing']);
    run(state, tide(4.62, 2), gauge, T0 + 2 * MIN);
    expect(Object.keys(state.tasks)).toHaveLength(1);
    run(state, tide(4.1, 3), gauge, T0 + 3 * MIN);
    expect(state.activePlans['key-riverside']).toBeUndefined();
  });
});

describe('deadlines', () => {
  it('a task past its deadline turns overdue once and raises an alert, cleared when it is done', () => {
    const state = givenPlans([raise('IV'), commander]);
    expect(run(state, { type: 'checkTasks' }, system, T0 + 29 * MIN)).toEqual([]);
    const events = run(state, { type: 'checkTasks' }, system, T0 + 31 * MIN);
    const overdue = events.filter((e) => e.type === 'task.overdue');
    expect(overdue.map((e) => e.data.assigneeId)).toEqual(['team-tianping', 'team-huajing']);
    const alerts = events.filter((e) => e.type === 'alert.raised');
    expect(new Set(alerts.map((e) => e.data.alertId)).size).toBe(2);
    expect(alerts[0]).toMatchObject({ data: { kind: 'task-overdue', value: 1 } });
    expect(run(state, { type: 'checkTasks' }, system, T0 + 40 * MIN)).toEqual([]);
    const late = overdue[0]!.data.taskId;
    const done = run(state, { type: 'completeTask', taskId: late }, duty, T0 + 41 * MIN);
    expect(done.map((e) => e.type)).toEqual([
      'task.acknowledged',
      'task.completed',
      'alert.cleared',
    ]);
  });
});

describe('acknowledging and completing', () => {
  it('refuses an unknown task, a second acknowledgement and a viewer', () => {
    const state = givenPlans([raise('IV'), commander]);
    const taskId = Object.keys(state.tasks)[0]!;
    expect(refusalOf({ type: 'acknowledgeTask', taskId: 'nope' }, state).code).toBe('UNKNOWN_TASK');
    run(state, { type: 'acknowledgeTask', taskId }, duty);
    expect(refusalOf({ type: 'acknowledgeTask', taskId }, state).code).toBe(
      'TASK_ALREADY_ACKNOWLEDGED',
    );
  });

  it("lets a squad leader act on the squad's own tasks only", () => {
    const state = givenPlans([raise('III'), commander]);
    const pumps = Object.values(state.tasks).find((t) => t.assigneeId === 'squad-pump-truck')!;
    const roster = Object.values(state.tasks).find((t) => t.assigneeId === 'team-tianping')!;
    const leader = { name: 'wu', role: 'squad', squadId: 'squad-pump-truck' } as const;
    expect(run(state, { type: 'acknowledgeTask', taskId: pumps.id }, leader)).toHaveLength(1);
    expect(refusalOf({ type: 'acknowledgeTask', taskId: roster.id }, state, leader).code).toBe(
      'NOT_YOUR_SQUAD',
    );
  });

  it('a hazard found stays until a later inspection finds the site fine', () => {
    const state = givenPlans([raise('IV'), commander]);
    const inspection = Object.values(state.tasks).find(
      (t) => t.assigneeId === 'team-tianping' && t.siteIds.length > 0,
    )!;
    expect(
      refusalOf(
        { type: 'completeTask', taskId: inspection.id, finding: { result: 'hazard' } },
        state,
      ).code,
    ).toBe('FINDING_NEEDS_NOTE');
    run(
      state,
      {
        type: 'completeTask',
        taskId: inspection.id,
        finding: { result: 'hazard', note: '塔吊未固定' },
      },
      duty,
    );
    expect(state.hazards['hz-site-tianping']?.note).toBe('塔吊未固定');
    // Stand down and raise again: the next round's inspection finds it fixed.
    run(state, raise(null), commander, T0 + MIN);
    expect(state.hazards['hz-site-tianping']).toBeDefined();
    run(state, raise('IV'), commander, T0 + 2 * MIN);
    const next = Object.values(state.tasks).find(
      (t) => isOpenTask(t) && t.assigneeId === 'team-tianping' && t.siteIds.length > 0,
    )!;
    expect(next.id).not.toBe(inspection.id);
    run(state, { type: 'completeTask', taskId: next.id, finding: { result: 'fine' } }, duty);
    expect(state.hazards).toEqual({});
  });
});
