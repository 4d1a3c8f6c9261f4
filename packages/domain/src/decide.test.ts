import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { commander, duty, given, gauge, reading, system, T0, viewer } from './testing/given.js';
import { testCatalogue } from './testing/catalogue.js';
import type { Command } from './model/commands.js';

const report: Command = {
  type: 'reportIncident',
  kind: 'waterlogging',
  location: { lat: 31.211, lng: 121.441 },
  pointId: 'wl-yongfu-road',
  description: '永福路积水 20 cm',
};
const assign = (squadId: string, incidentId = 'inc-1'): Command => ({
  type: 'assignSquad',
  incidentId,
  squadId,
});

function refusalOf(command: Command, state = given(), actor = commander) {
  const decision = decide(command, state, { now: T0, actor });
  if (decision.ok)
    throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join()}`);
  return decision.refusal;
}
function eventsOf(command: Command, state = given(), actor = commander, now = T0) {
  const decision = decide(command, state, { now, actor });
  if (!decision.ok) throw new Error(`refused: ${decision.refusal.code}`);
  return decision.events;
}

describe('registerAssets', () => {
  it('registers the catalogue once, with every unit on standby', () => {
    const state = given();
    expect(Object.keys(state.assets)).toHaveLength(testCatalogue.length);
    expect(state.units['squad-pump-truck']?.status).toBe('standby');
  });
  it('refuses a second registration', () => {
    expect(refusalOf({ type: 'registerAssets', assets: testCatalogue }, given(), system).code).toBe(
      'ASSETS_ALREADY_REGISTERED',
    );
  });
});

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

describe('acknowledgeAlert', () => {
  const flooded = (): Command => ({
    type: 'recordReadings',
    readings: [reading('wl-yongfu-road', 22, T0)],
  });
  it('acknowledges an open alert once', () => {
    const state = given([flooded(), gauge]);
    expect(eventsOf({ type: 'acknowledgeAlert', alertId: 'alert-1' }, state, duty)).toMatchObject([
      { type: 'alert.acknowledged', data: { alertId: 'alert-1', by: { name: 'li' } } },
    ]);
    const acked = given(
      [flooded(), gauge],
      [{ type: 'acknowledgeAlert', alertId: 'alert-1' }, duty],
    );
    expect(refusalOf({ type: 'acknowledgeAlert', alertId: 'alert-1' }, acked, duty).code).toBe(
      'ALERT_ALREADY_ACKNOWLEDGED',
    );
  });
  it('refuses an unknown alert and a viewer', () => {
    expect(refusalOf({ type: 'acknowledgeAlert', alertId: 'alert-9' }, given(), duty).code).toBe(
      'UNKNOWN_ALERT',
    );
    const state = given([flooded(), gauge]);
    expect(refusalOf({ type: 'acknowledgeAlert', alertId: 'alert-1' }, state, viewer).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });
});

describe('setResponseLevel', () => {
  it('records the level and who set it', () => {
    const state = given([{ type: 'setResponseLevel', level: 'III' }, commander]);
    expect(state.responseLevel).toBe('III');
    expect(state.responseLevelBy).toContain('zhang');
  });
  it('refuses a duty officer', () => {
    expect(refusalOf({ type: 'setResponseLevel', level: 'I' }, given(), duty).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });
});

describe('recordReadings', () => {
  it('refuses the whole batch naming the index and field of an unknown sensor', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', 1, T0), reading('rain-nowhere', 1, T0)],
    };
    expect(refusalOf(command, given(), gauge)).toMatchObject({
      code: 'UNKNOWN_SENSOR',
      path: 'readings[1].sensorId',
    });
  });
  it('refuses a reading far in the future', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', 1, T0 + 3600_000)],
    };
    expect(refusalOf(command, given(), gauge)).toMatchObject({
      code: 'READING_IN_FUTURE',
      path: 'readings[0].at',
    });
  });
  it('refuses negative rain', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', -2, T0)],
    };
    expect(refusalOf(command, given(), gauge).path).toBe('readings[0].value');
  });
  it('leaves the given state untouched (decide is pure)', () => {
    const state = given();
    const before = JSON.stringify(state);
    eventsOf({ type: 'recordReadings', readings: [reading('up-caoxi', 30, T0)] }, state, gauge);
    expect(JSON.stringify(state)).toBe(before);
  });
  it('refuses a commander: readings come from gauge networks', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', 1, T0)],
    };
    expect(refusalOf(command, given(), commander).code).toBe('NOT_ALLOWED_FOR_ROLE');
  });
});

describe('reportTyphoonPosition', () => {
  it('raises the typhoon signal as the storm nears and suggests a response level', () => {
    const events = eventsOf(
      {
        type: 'reportTyphoonPosition',
        at: '2021-07-25T12:00:00+08:00',
        name: 'In-Fa',
        lat: 30.1,
        lng: 122.1,
        windMs: 38,
        pressureHpa: 965,
      },
      given(),
      gauge,
    );
    expect(events.map((e) => e.type)).toEqual([
      'typhoon.positionReported',
      'signal.changed',
      'responseLevel.suggested',
    ]);
    expect(events[1]).toMatchObject({ data: { kind: 'typhoon', level: 'red' } });
    expect(events[2]).toMatchObject({ data: { level: 'I' } });
  });
});

describe('ids that name Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'treats %s as unknown, never as an entity',
    (id) => {
      const state = given([report, duty]);
      expect(refusalOf(assign(id), state).code).toBe('UNKNOWN_SQUAD');
      expect(refusalOf(assign('squad-pump-truck', id), state).code).toBe('UNKNOWN_INCIDENT');
      expect(refusalOf({ type: 'resolveIncident', incidentId: id }, state).code).toBe(
        'UNKNOWN_INCIDENT',
      );
      expect(refusalOf({ type: 'acknowledgeAlert', alertId: id }, state, duty).code).toBe(
        'UNKNOWN_ALERT',
      );
      expect(
        refusalOf({ type: 'changeSquadStatus', squadId: id, status: 'standby' }, state, duty).code,
      ).toBe('UNKNOWN_SQUAD');
      expect(
        refusalOf({ type: 'recordReadings', readings: [reading(id, 1, T0)] }, state, gauge).code,
      ).toBe('UNKNOWN_SENSOR');
      expect(refusalOf({ ...report, pointId: id } as Command, state, duty).code).toBe(
        'UNKNOWN_POINT',
      );
    },
  );
});
