import { describe, expect, it } from 'vitest';
import { distanceKm, type EventEnvelope } from '@floodnet/domain';
import { OfflineEngine, playScenario } from './engine';
import { loadInFaInputs } from './fixtures';
import { insideRing } from './fleet';
import { InFaScenario } from './scenario';

// Squads, vehicles, materials and check-ins in the In-Fa scenario, played offline to the end of
// the 26th: where the trucks drive, the store that runs low and the check-in that is missed.

const inputs = loadInFaInputs();
const END = Date.parse('2021-07-27T00:00:00+08:00');
const DAY_26 = Date.parse('2021-07-26T00:00:00+08:00');
const engine = new OfflineEngine();
const events: EventEnvelope[] = [
  ...playScenario(new InFaScenario(inputs), inputs.assets, engine, END),
];
const of = <T extends EventEnvelope['type']>(type: T) =>
  events.filter((event): event is Extract<EventEnvelope, { type: T }> => event.type === type);

describe('vehicles on the move in the In-Fa scenario', () => {
  const fixes = of('unit.positionReported');

  it('drives the squads’ vehicles to incidents and back, and none is ever refused', () => {
    expect(engine.refusals).toEqual([]);
    expect(new Set(fixes.map((fix) => fix.data.unitId)).size).toBeGreaterThan(5);
    const pumpTruck = fixes.filter((fix) =>
      fix.data.unitId.startsWith('vehicle-pump-truck-pump-truck'),
    );
    expect(pumpTruck.length).toBeGreaterThan(0);
  });

  it('never puts a vehicle in the Huangpu', () => {
    const wet = fixes.filter((fix) => insideRing(fix.data, inputs.river));
    expect(wet).toEqual([]);
  });

  it('drives at urban speeds: never a flagged jump, never faster than 80 km/h between fixes', () => {
    expect(fixes.filter((fix) => fix.data.flag !== null)).toEqual([]);
    const last = new Map<string, { lat: number; lng: number; at: number }>();
    let fastest = 0;
    for (const fix of fixes) {
      const at = Date.parse(fix.at);
      const before = last.get(fix.data.unitId);
      if (before && at > before.at)
        fastest = Math.max(fastest, distanceKm(before, fix.data) / ((at - before.at) / 3600_000));
      last.set(fix.data.unitId, { ...fix.data, at });
    }
    expect(fastest).toBeGreaterThan(5);
    expect(fastest).toBeLessThan(80);
  });
});

describe('materials and check-ins in the In-Fa scenario', () => {
  it('sends sandbags with the squads, and one store runs low on the 26th', () => {
    expect(of('materials.requested').length).toBeGreaterThan(3);
    expect(of('materials.delivered').length).toBeGreaterThan(0);
    const low = of('alert.raised').filter(
      (alert) => alert.data.kind === 'low-stock' && alert.data.subjectId.endsWith('/sandbags'),
    );
    expect(low.length).toBeGreaterThan(0);
    expect(Date.parse(low[0]!.at)).toBeGreaterThanOrEqual(DAY_26);
  });

  it('misses one check-in, raises the alert, and the duty officer catches it', () => {
    const raised = of('alert.raised').filter((alert) => alert.data.kind === 'check-in');
    expect(raised).toHaveLength(1);
    const alert = raised[0]!;
    const cleared = of('alert.cleared').find((event) => event.data.alertId === alert.data.alertId);
    expect(cleared).toBeDefined();
    const caught = of('squad.checkedIn').find(
      (event) => event.data.squadId === alert.data.subjectId && event.at >= alert.at,
    );
    expect(caught?.data.note).toContain('平安');
  });
});
