import { describe, expect, it } from 'vitest';
import { testPlans } from '../../testing/plans.js';
import { checkPlansFile } from './validate.js';

const good = () => structuredClone({ version: 1, plans: testPlans });

describe('the plans file check', () => {
  it('accepts a good file', () => {
    expect(checkPlansFile(good()).ok).toBe(true);
  });

  it('names the path of a bad deadline inside a plan', () => {
    const file = good() as unknown as { plans: { tasks: { dueMinutes: unknown }[] }[] };
    file.plans[1]!.tasks[0]!.dueMinutes = 'soon';
    expect(checkPlansFile(file)).toMatchObject({ ok: false, path: '/plans/1/tasks/0/dueMinutes' });
  });

  it('names a unit the catalogue does not have', () => {
    const result = checkPlansFile(good(), { unitIds: new Set(['team-huajing']) });
    expect(result).toMatchObject({ ok: false, path: '/plans/2/tasks/0/assignee/unit' });
  });

  it('says which level has no graded plan, and which plan kind is unknown', () => {
    const file = good();
    file.plans = file.plans.filter((plan) => plan.id !== 'graded-ii');
    expect(checkPlansFile(file)).toMatchObject({
      ok: false,
      path: '/plans',
      message: expect.stringContaining('II'),
    });
    const odd = good() as unknown as { plans: { kind: string }[] };
    odd.plans[4]!.kind = 'special';
    expect(checkPlansFile(odd)).toMatchObject({ ok: false, path: '/plans/4/kind' });
  });

  it('refuses a repeated task id', () => {
    const file = good();
    file.plans[0]!.tasks[1]!.id = file.plans[0]!.tasks[0]!.id;
    expect(checkPlansFile(file)).toMatchObject({ ok: false, path: '/plans/0/tasks/1/id' });
  });
});
