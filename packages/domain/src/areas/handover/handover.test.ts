import { describe, expect, it } from 'vitest';
import { commander, system, T0 } from '../../testing/given.js';
import { givenPlans, run } from '../../testing/plans.js';
import { changesIn, handoverReport } from './report.js';

const HOUR = 3600_000;

describe('the shift handover', () => {
  it('shows the incoming commander what is late, who moved, and what the outgoing one wrote', () => {
    const state = givenPlans([{ type: 'setResponseLevel', level: 'III' }, commander]);
    run(state, { type: 'handOverShift', note: '夜班：泵车已前置' }, commander, T0 + HOUR);
    const after = [
      ...run(state, { type: 'checkTasks' }, system, T0 + 2 * HOUR),
      ...run(
        state,
        {
          type: 'recordEvacuation',
          fromId: 'hz-site-tianping',
          toSiteId: 'shelter-far',
          people: 200,
        },
        commander,
        T0 + 2 * HOUR,
      ),
    ];
    const report = handoverReport(
      state,
      T0 + 3 * HOUR,
      changesIn(after, '2021-07-25T13:00:00+08:00'),
    );
    expect(report.level).toBe('III');
    expect(report.previous).toMatchObject({ note: '夜班：泵车已前置', by: 'zhang (commander)' });
    expect(report.overdueTasks.map((t) => t.assigneeId).sort()).toEqual([
      'squad-pump-truck',
      'team-huajing',
      'team-huajing',
      'team-tianping',
      'team-tianping',
    ]);
    expect(report.people.atSites).toBe(200);
    expect(report.noticesUnacknowledged).toBe(0);
    expect(report.changes).toMatchObject({ tasksOverdue: 5, peopleMoved: 200, tasksIssued: 0 });
    expect(state.handovers[0]?.summary).toMatchObject({ openTasks: 5, overdueTasks: 0 });
  });
});
