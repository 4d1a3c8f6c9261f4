import { describe, expect, it } from 'vitest';
import { duty, T0 } from '../../testing/given.js';
import { givenPlans, run } from '../../testing/plans.js';
import { refusalOf } from '../../testing/refusals.js';
import { evacuationTotals } from './sites.js';

const move = (people: number, toSiteId = 'shelter-near') =>
  ({ type: 'recordEvacuation', fromId: 'hz-site-tianping', toSiteId, people }) as const;

describe('moving people to a resettlement site', () => {
  it('counts them against the site until they return', () => {
    const state = givenPlans([move(80), duty]);
    expect(state.occupancy['shelter-near']).toBe(80);
    run(state, { type: 'recordReturn', evacuationId: 'evac-1' }, duty, T0 + 3600_000);
    expect(state.occupancy['shelter-near']).toBe(0);
    expect(refusalOf({ type: 'recordReturn', evacuationId: 'evac-1' }, state).code).toBe(
      'ALREADY_RETURNED',
    );
  });

  it('refuses a site that would overflow and names the nearest site with room', () => {
    const state = givenPlans([move(80), duty]);
    const refusal = refusalOf(move(200), state);
    expect(refusal).toMatchObject({
      code: 'SITE_FULL',
      status: 409,
      path: 'toSiteId',
      details: { nearestSiteId: 'shelter-school-1', free: 20 },
    });
    expect(refusal.message).toContain('shelter-school-1');
  });

  it('passes over a nearer site that cannot take them all', () => {
    const state = givenPlans();
    expect(refusalOf(move(700, 'shelter-school-1'), state).details?.nearestSiteId).toBe(
      'shelter-far',
    );
  });

  it('totals people by day and by 街镇 of origin', () => {
    const state = givenPlans([move(50), duty], [move(30), duty, T0 + 20 * 3600_000]);
    expect(evacuationTotals(state)).toMatchObject({
      moved: 80,
      atSites: 80,
      byDay: { '2021-07-25': 50, '2021-07-26': 30 },
      byJiezhen: { '310104003': 80 },
    });
  });

  it('refuses a place that is not a resettlement site', () => {
    expect(refusalOf(move(5, 'team-tianping'), givenPlans()).code).toBe('UNKNOWN_SITE');
  });
});
