import { describe, expect, it } from 'vitest';
import { evolve } from '../../evolve.js';
import { commander, duty, given, viewer } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import { assign, report } from '../../testing/commands.js';
import type { Command } from '../../model/commands.js';
import { suggestUnits } from './dispatch.js';

describe('reportIncident', () => {
  it('given a duty officer, when they report flooding at a point, then an incident opens with a readable id', () => {
    const [event] = eventsOf(report, given(), duty);
    expect(event).toMatchObject({
      type: 'incident.reported',
      data: { incidentId: 'inc-1', pointId: 'wl-yongfu-road' },
    });
  });
  it('refuses an unknown point', () => {
    expect(refusalOf({ ...report, pointId: 'nowhere' } as Command, given(), duty)).toMatchObject({
      code: 'UNKNOWN_POINT',
      path: 'pointId',
    });
  });
  it('refuses a viewer', () => {
    expect(refusalOf(report, given(), viewer)).toMatchObject({
      code: 'NOT_ALLOWED_FOR_ROLE',
      status: 403,
    });
  });
});

describe('assignSquad', () => {
  it('given an open incident and a free squad, when a commander assigns it, then the squad is assigned', () => {
    const state = given([report, duty]);
    const events = eventsOf(assign('squad-pump-truck'), state);
    expect(events).toMatchObject([
      { type: 'squad.assigned', data: { squadId: 'squad-pump-truck', incidentId: 'inc-1' } },
    ]);
    for (const event of events) evolve(state, event);
    expect(state.incidents['inc-1']?.status).toBe('assigned');
  });
  it('refuses a squad that is not free, saying where it is', () => {
    const state = given([report, duty], [assign('squad-pump-truck'), commander]);
    const refusal = refusalOf(assign('squad-pump-truck'), state);
    expect(refusal).toMatchObject({ code: 'SQUAD_NOT_FREE', status: 409 });
    expect(refusal.message).toContain('inc-1');
  });
  it('refuses an unknown squad and an unknown incident', () => {
    const state = given([report, duty]);
    expect(refusalOf(assign('squad-nope'), state).code).toBe('UNKNOWN_SQUAD');
    expect(refusalOf(assign('squad-pump-truck', 'inc-9'), state).code).toBe('UNKNOWN_INCIDENT');
  });
  it('refuses a resolved incident', () => {
    const state = given(
      [report, duty],
      [{ type: 'resolveIncident', incidentId: 'inc-1' }, commander],
    );
    expect(refusalOf(assign('squad-pump-truck'), state).code).toBe('INCIDENT_RESOLVED');
  });
  it('refuses a duty officer: only commanders assign', () => {
    expect(refusalOf(assign('squad-pump-truck'), given([report, duty]), duty).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });
});

describe('resolveIncident', () => {
  it('resolves and sends the units still out on it home', () => {
    const state = given([report, duty], [assign('team-tianping'), commander]);
    const events = eventsOf({ type: 'resolveIncident', incidentId: 'inc-1' }, state);
    expect(events.map((e) => e.type)).toEqual(['incident.resolved', 'squad.statusChanged']);
    expect(events[1]).toMatchObject({ data: { squadId: 'team-tianping', status: 'returning' } });
  });
  it('refuses an incident already resolved, and an unknown one', () => {
    const state = given(
      [report, duty],
      [{ type: 'resolveIncident', incidentId: 'inc-1' }, commander],
    );
    expect(refusalOf({ type: 'resolveIncident', incidentId: 'inc-1' }, state).code).toBe(
      'INCIDENT_RESOLVED',
    );
    expect(refusalOf({ type: 'resolveIncident', incidentId: 'inc-7' }, state).code).toBe(
      'UNKNOWN_INCIDENT',
    );
  });
});

describe('changeSquadStatus', () => {
  it('follows the lifecycle standby → assigned → en-route → on-scene → returning → standby', () => {
    const state = given([report, duty], [assign('squad-pump-truck'), commander]);
    for (const status of ['en-route', 'on-scene', 'returning', 'standby'] as const) {
      for (const event of eventsOf(
        { type: 'changeSquadStatus', squadId: 'squad-pump-truck', status },
        state,
        duty,
      )) {
        evolve(state, event);
      }
    }
    expect(state.units['squad-pump-truck']).toMatchObject({ status: 'standby', incidentId: null });
    expect(state.incidents['inc-1']?.timeline.map((step) => step.what)).toEqual([
      'reported',
      'assigned',
      'en-route',
      'on-scene',
      'returning',
    ]);
  });
  it('refuses a jump the lifecycle does not allow', () => {
    const refusal = refusalOf({
      type: 'changeSquadStatus',
      squadId: 'squad-pump-truck',
      status: 'on-scene',
    });
    expect(refusal).toMatchObject({ code: 'INVALID_STATUS_CHANGE', status: 409 });
    expect(refusal.message).toContain('standby → on-scene');
  });
  it('refuses an unknown squad', () => {
    expect(refusalOf({ type: 'changeSquadStatus', squadId: 'x', status: 'unavailable' }).code).toBe(
      'UNKNOWN_SQUAD',
    );
  });
});

describe('dispatch suggestions from live positions', () => {
  it('given the tree squad parked far away but driving past the incident, then it is suggested by where it is now', () => {
    const state = given([report, duty]);
    const incident = state.incidents['inc-1']!;
    const before = suggestUnits(state, incident, 10).find(
      (s) => s.unitId === 'squad-tree-clearance',
    );
    evolve(state, {
      type: 'unit.positionReported',
      at: '2021-07-25T12:00:00+08:00',
      data: {
        unitId: 'squad-tree-clearance',
        lat: 31.2105,
        lng: 121.441,
        speedKmh: 20,
        headingDeg: 0,
        flag: null,
      },
    });
    const after = suggestUnits(state, incident, 10).find(
      (s) => s.unitId === 'squad-tree-clearance',
    );
    expect(after!.distanceKm).toBeLessThan(before!.distanceKm);
    expect(after!.distanceKm).toBeLessThan(0.2);
  });
});
