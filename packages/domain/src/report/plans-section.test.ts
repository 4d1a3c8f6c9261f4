import { describe, expect, it } from 'vitest';
import { commander, duty, T0 } from '../testing/given.js';
import { givenPlans, run } from '../testing/plans.js';
import { afterActionReport } from './after-action.js';
import type { DomainEvent } from '../model/events.js';

const MIN = 60_000;

describe('the after-action report on plans', () => {
  it("counts each unit's tasks on time, late and never done, the findings and the people moved", () => {
    const state = givenPlans();
    const log: DomainEvent[] = [];
    const step = (...args: Parameters<typeof run>) => log.push(...run(...args));
    step(state, { type: 'setResponseLevel', level: 'IV' }, commander, T0);
    const tasks = Object.values(state.tasks).filter((t) => t.assigneeId === 'team-tianping');
    const roster = tasks.find((t) => t.siteIds.length === 0)!;
    const inspection = tasks.find((t) => t.siteIds.length > 0)!;
    step(state, { type: 'completeTask', taskId: roster.id }, duty, T0 + 20 * MIN);
    step(
      state,
      {
        type: 'completeTask',
        taskId: inspection.id,
        finding: { result: 'hazard', note: '围挡松动' },
      },
      duty,
      T0 + 150 * MIN,
    );
    step(
      state,
      {
        type: 'recordEvacuation',
        fromId: 'hz-site-tianping',
        toSiteId: 'shelter-far',
        people: 260,
      },
      commander,
      T0 + 160 * MIN,
    );
    step(state, { type: 'setResponseLevel', level: null }, commander, T0 + 200 * MIN);
    const { plans } = afterActionReport('live', log);
    expect(plans.units.find((u) => u.unitId === 'team-tianping')).toEqual({
      unitId: 'team-tianping',
      issued: 2,
      onTime: 1,
      late: 1,
      neverDone: 0,
    });
    expect(plans.units.find((u) => u.unitId === 'team-huajing')).toMatchObject({ neverDone: 2 });
    expect(plans).toMatchObject({
      plansActivated: 1,
      hazardsFound: 1,
      hazardsFixed: 0,
      people: { moved: 260, byJiezhen: { '310104003': 260 } },
    });
    expect(plans.findings[0]).toMatchObject({ result: 'hazard', note: '围挡松动' });
  });
});
