import { describe, expect, it } from 'vitest';
import type { Asset } from '@floodnet/domain';
import { OfflineEngine, SYSTEM_ACTOR } from './engine';
import { ResponsePolicy, SIM_ACTORS, type TimedCommand } from './policy';

const T0 = Date.parse('2021-07-26T07:00:00+08:00');
const MIN = 60_000;
const plausible = { kind: 'plausible' as const };

const point: Asset = {
  id: 'wl-test-road',
  kind: 'waterlogging-point',
  name: '测试路',
  nameEn: 'Test Road',
  lat: 31.17,
  lng: 121.43,
  jiezhen: '310104017',
  provenance: plausible,
  thresholdCm: 15,
  intervalSec: 300,
};
const pumpTruck: Asset = {
  id: 'squad-pump-truck',
  kind: 'specialist-squad',
  name: '移动泵车抢险队',
  nameEn: 'Pump-truck squad',
  lat: 31.16,
  lng: 121.42,
  jiezhen: '310104017',
  provenance: plausible,
  specialty: 'pump-truck',
  members: 20,
};
const team: Asset = {
  id: 'team-far',
  kind: 'subdistrict-team',
  name: '远处抢险队',
  nameEn: 'Far team',
  lat: 31.21,
  lng: 121.44,
  jiezhen: '310104004',
  provenance: plausible,
  specialty: 'general',
  members: 30,
};

function depth(at: number, value: number): TimedCommand {
  const iso = new Date(at).toISOString();
  return {
    at,
    actor: SIM_ACTORS.gauges,
    command: {
      type: 'recordReadings',
      readings: [{ id: `wl-test-road@${iso}`, sensorId: point.id, at: iso, value }],
    },
  };
}

/** Runs the policy minute by minute, applying what it decides, and returns what it did. */
function run(engine: OfflineEngine, policy: ResponsePolicy, from: number, minutes: number) {
  const done: TimedCommand[] = [];
  for (let at = from; at < from + minutes * MIN; at += MIN) {
    for (const command of policy.decide(engine.state, at)) {
      if (engine.apply(command).length > 0) done.push(command);
    }
  }
  return done;
}

describe('the scripted command room', () => {
  it('reports yellow water, sends the best free squad, and stands it down when the water is gone', () => {
    const engine = new OfflineEngine();
    const policy = new ResponsePolicy(2106);
    engine.apply({
      at: T0,
      actor: SYSTEM_ACTOR,
      command: { type: 'registerAssets', assets: [point, pumpTruck, team] },
    });

    // given water at the yellow line on Test Road
    engine.apply(depth(T0, 27));
    // when an hour passes with the water staying up
    const first = run(engine, policy, T0, 60);
    // then the duty officer reported it, the commander sent the pump truck, and it got there
    const types = first.map((c) => c.command.type);
    expect(types).toContain('reportIncident');
    const report = first.find((c) => c.command.type === 'reportIncident')!;
    expect(report.command).toMatchObject({ kind: 'waterlogging', pointId: point.id });
    expect(report.at - T0).toBeLessThanOrEqual(4 * MIN);
    expect(first.find((c) => c.command.type === 'assignSquad')!.command).toMatchObject({
      squadId: 'squad-pump-truck',
    });
    expect(engine.state.units['squad-pump-truck']!.status).toBe('on-scene');
    expect(types.filter((t) => t === 'acknowledgeAlert')).toHaveLength(1);
    expect(engine.state.incidents['inc-1']!.status).toBe('assigned');

    // when the water goes down under 60 % of the line
    engine.apply(depth(T0 + 60 * MIN, 6));
    run(engine, policy, T0 + 60 * MIN, 90);
    // then the incident is resolved and the squad is back on standby
    const incident = engine.state.incidents['inc-1']!;
    expect(incident.status).toBe('resolved');
    expect(incident.timeline.map((step) => step.what)).toEqual([
      'reported',
      'assigned',
      'en-route',
      'on-scene',
      'resolved',
      'returning',
    ]);
    expect(engine.state.units['squad-pump-truck']!.status).toBe('standby');
    expect(engine.refusals).toEqual([]);
  });

  it('does not report the same flooding twice', () => {
    const engine = new OfflineEngine();
    const policy = new ResponsePolicy(7);
    engine.apply({
      at: T0,
      actor: SYSTEM_ACTOR,
      command: { type: 'registerAssets', assets: [point, pumpTruck, team] },
    });
    engine.apply(depth(T0, 30));
    // A live run may ask again before its commands are in the picture: nothing is repeated.
    const asked = [
      ...policy.decide(engine.state, T0 + 5 * MIN),
      ...policy.decide(engine.state, T0 + 6 * MIN),
    ];
    expect(asked.filter((c) => c.command.type === 'reportIncident')).toHaveLength(1);
  });
});
