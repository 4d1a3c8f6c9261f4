import { describe, expect, it } from 'vitest';
import { decide } from '../decide.js';
import { evolve } from '../evolve.js';
import type { Command } from '../model/commands.js';
import type { Actor, DomainEvent } from '../model/events.js';
import { initialState } from '../model/state.js';
import { testCatalogue } from '../testing/catalogue.js';
import { commander, duty, gauge, reading, system, T0 } from '../testing/given.js';
import { afterActionReport, compareReports } from './after-action.js';

const MIN = 60_000;

function night(steps: [number, Command, Actor][]): DomainEvent[] {
  const state = initialState();
  const log: DomainEvent[] = [];
  for (const [minute, command, actor] of [
    [0, { type: 'registerAssets', assets: testCatalogue }, system] as const,
    ...steps,
  ]) {
    const decision = decide(command, state, { now: T0 + minute * MIN, actor });
    if (!decision.ok) throw new Error(decision.refusal.code);
    for (const event of decision.events) {
      evolve(state, event);
      log.push(event);
    }
  }
  return log;
}

const flooding: [number, Command, Actor][] = [
  [0, { type: 'recordReadings', readings: [reading('wl-yongfu-road', 32, T0)] }, gauge],
  [4, { type: 'acknowledgeAlert', alertId: 'alert-1' }, duty],
  [
    5,
    {
      type: 'reportIncident',
      kind: 'waterlogging',
      location: { lat: 31.211, lng: 121.441 },
      pointId: 'wl-yongfu-road',
      description: '',
    },
    duty,
  ],
  [17, { type: 'assignSquad', incidentId: 'inc-1', squadId: 'squad-pump-truck' }, commander],
  [20, { type: 'changeSquadStatus', squadId: 'squad-pump-truck', status: 'en-route' }, duty],
  [35, { type: 'changeSquadStatus', squadId: 'squad-pump-truck', status: 'on-scene' }, duty],
  [95, { type: 'resolveIncident', incidentId: 'inc-1' }, commander],
  [110, { type: 'changeSquadStatus', squadId: 'squad-pump-truck', status: 'standby' }, duty],
  [
    111,
    {
      type: 'reportIncident',
      kind: 'tree-down',
      location: { lat: 31.19, lng: 121.44 },
      description: '',
    },
    duty,
  ],
];

describe('after-action report', () => {
  it('gives each incident its times reported → assigned → on scene → resolved', () => {
    const report = afterActionReport('live', night(flooding));
    expect(report.incidents[0]).toMatchObject({
      id: 'inc-1',
      reportedAt: T0 + 5 * MIN,
      assignedAt: T0 + 17 * MIN,
      onSceneAt: T0 + 35 * MIN,
      resolvedAt: T0 + 95 * MIN,
      minutesToAssign: 12,
    });
    expect(report.summary).toMatchObject({
      incidents: 2,
      openAtEnd: 1,
      worstMinutesToAssign: 12,
      deepestWaterloggingCm: 32,
    });
  });
  it('times every alarm until acknowledged', () => {
    const report = afterActionReport('live', night(flooding));
    expect(report.alarms).toMatchObject([
      { id: 'alert-1', kind: 'waterlogging', minutesToAcknowledge: 4 },
    ]);
  });
  it('counts squad utilisation by hour from assignment to standby', () => {
    const report = afterActionReport('live', night(flooding));
    const busy = report.utilisation.reduce((sum, hour) => sum + hour.busyUnitHours, 0);
    expect(busy).toBeCloseTo((110 - 17) / 60, 1);
  });
  it('compares a fork with its original side by side', () => {
    const original = afterActionReport('drill:a', night(flooding));
    const faster = flooding.map(([m, c, a]): [number, Command, Actor] => [
      c.type === 'assignSquad' ? 7 : m,
      c,
      a,
    ]);
    const fork = afterActionReport('drill:b', night(faster));
    expect(compareReports(original, fork)).toContainEqual({
      metric: 'worstMinutesToAssign',
      original: 12,
      fork: 2,
    });
  });
  it('given events 2,020 years apart, when reported, then only the hours with events are listed', () => {
    const events = night(flooding);
    const ancient: DomainEvent = {
      type: 'reading.recorded',
      at: '0001-01-01T00:00:00Z',
      data: { sensorId: 'wl-yongfu-road', value: 1 },
    };
    const report = afterActionReport('live', [events[0]!, ancient, ...events.slice(1)]);
    expect(report.utilisation.length).toBeLessThanOrEqual(4);
    const busy = report.utilisation.reduce((sum, hour) => sum + hour.busyUnitHours, 0);
    expect(busy).toBeCloseTo((110 - 17) / 60, 1);
  });
  it('given a squad busy across hours without events, then the event hours count it whole', () => {
    const squad = 'squad-pump-truck';
    const at = (hours: number) => new Date(T0 + hours * 3600_000).toISOString();
    const by = { name: 'zhang', role: 'commander' as const };
    const report = afterActionReport('live', [
      night([])[0]!,
      { type: 'squad.assigned', at: at(0.5), data: { squadId: squad, incidentId: 'inc-1', by } },
      { type: 'reading.recorded', at: at(5.2), data: { sensorId: 'x', value: 1 } },
      {
        type: 'squad.statusChanged',
        at: at(9.25),
        data: { squadId: squad, status: 'standby', by },
      },
    ]);
    expect(report.utilisation.map((hour) => hour.busyUnitHours)).toEqual([0.5, 1, 0.25]);
  });
});
