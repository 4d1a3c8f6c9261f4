import { describe, expect, it } from 'vitest';
import { evolve } from '../../evolve.js';
import type { Command } from '../../model/commands.js';
import type { State } from '../../model/state.js';
import { givenFleet } from '../../testing/fleet.js';
import { commander, duty, viewer } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import { report } from '../../testing/commands.js';
import { stockOnHand } from './stock.js';
import { suggestMaterials } from './suggest.js';
import { defaultRuleConfig } from '../../rules/config.js';

const take = (sandbags: number, fromId = 'vs-xujiahui', incidentId = 'inc-1'): Command => ({
  type: 'requestMaterials',
  incidentId,
  fromId,
  items: { sandbags },
  vehicleId: 'veh-cargo-1',
});
const step = (
  requestId: string,
  s: 'dispatch' | 'deliver' | 'return' | 'use-up',
  returned?: Record<string, number>,
): Command =>
  ({ type: 'advanceMaterials', requestId, step: s, ...(returned ? { returned } : {}) }) as Command;

function apply(state: State, command: Command, actor = commander) {
  for (const event of eventsOf(command, state, actor)) evolve(state, event);
  return state;
}

describe('requestMaterials', () => {
  it('given 600 sandbags at the staging point, when a commander sends 200 to an incident, then 400 are left and 200 are out', () => {
    const state = givenFleet([report, duty]);
    const events = eventsOf(take(200), state);
    expect(events[0]).toMatchObject({
      type: 'materials.requested',
      data: {
        requestId: 'mat-1',
        incidentId: 'inc-1',
        items: { sandbags: 200 },
        vehicleId: 'veh-cargo-1',
      },
    });
    for (const event of events) evolve(state, event);
    expect(stockOnHand(state, 'vs-xujiahui')?.sandbags).toBe(400);
    expect(state.materialsOut['vs-xujiahui']).toEqual({ sandbags: 200 });
  });

  it('refuses more than is left with INSUFFICIENT_STOCK (409), naming what is left', () => {
    const state = apply(givenFleet([report, duty]), take(550));
    const refusal = refusalOf(take(100), state);
    expect(refusal).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      status: 409,
      path: 'items.sandbags',
    });
    expect(refusal.message).toContain('50 bags of sandbags left');
    expect(stockOnHand(state, 'vs-xujiahui')?.sandbags).toBe(50);
  });

  it('given stock falling below its reserve, then a low-stock alert is raised, and critical at zero', () => {
    const state = givenFleet([report, duty]);
    const low = eventsOf(take(200), state);
    expect(low[1]).toMatchObject({
      type: 'alert.raised',
      data: {
        kind: 'low-stock',
        severity: 'yellow',
        subjectId: 'vs-xujiahui/sandbags',
        value: 400,
        threshold: 500,
      },
    });
    for (const event of low) evolve(state, event);
    expect(eventsOf(take(400), state)[1]).toMatchObject({
      type: 'alert.escalated',
      data: { severity: 'red', value: 0 },
    });
  });

  it('refuses an unknown store, vehicle or incident, and a resolved incident', () => {
    const state = givenFleet([report, duty]);
    expect(refusalOf(take(1, 'wl-yongfu-road'), state).code).toBe('UNKNOWN_STORE');
    expect(refusalOf({ ...take(1), vehicleId: 'squad-pump-truck' } as Command, state).code).toBe(
      'UNKNOWN_VEHICLE',
    );
    expect(refusalOf(take(1, 'vs-xujiahui', 'inc-9'), state).code).toBe('UNKNOWN_INCIDENT');
    apply(state, { type: 'resolveIncident', incidentId: 'inc-1' });
    expect(refusalOf(take(1), state).code).toBe('INCIDENT_RESOLVED');
  });

  it('lets only commanders send materials', () => {
    expect(refusalOf(take(1), givenFleet([report, duty]), duty).code).toBe('NOT_ALLOWED_FOR_ROLE');
    expect(refusalOf(take(1), givenFleet([report, duty]), viewer).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });
});

describe('advanceMaterials', () => {
  it('follows requested → dispatched → delivered → returned, and what comes back is on the shelf again', () => {
    const state = apply(givenFleet([report, duty]), take(200));
    apply(state, step('mat-1', 'dispatch'), duty);
    apply(state, step('mat-1', 'deliver'), duty);
    const events = eventsOf(step('mat-1', 'return', { sandbags: 120 }), state, duty);
    expect(events.map((e) => e.type)).toEqual(['materials.returned', 'alert.cleared']);
    for (const event of events) evolve(state, event);
    expect(state.materialRequests['mat-1']).toMatchObject({
      status: 'returned',
      used: { sandbags: 80 },
    });
    expect(stockOnHand(state, 'vs-xujiahui')?.sandbags).toBe(520);
    expect(state.materialsOut['vs-xujiahui']?.sandbags).toBe(0);
  });

  it('given materials used up, then they never come back', () => {
    const state = apply(givenFleet([report, duty]), take(50, 'wh-caohejing'));
    for (const s of ['dispatch', 'deliver', 'use-up'] as const)
      apply(state, step('mat-1', s), duty);
    expect(state.materialRequests['mat-1']?.status).toBe('used-up');
    expect(stockOnHand(state, 'wh-caohejing')?.sandbags).toBe(650);
  });

  it('clears the low-stock alert when enough comes back', () => {
    const state = apply(givenFleet([report, duty]), take(200));
    const events = eventsOf(step('mat-1', 'return'), state, duty);
    expect(events[1]).toMatchObject({ type: 'alert.cleared' });
  });

  it('refuses a step out of order, more returned than sent, and an unknown request', () => {
    const state = apply(givenFleet([report, duty]), take(20));
    expect(refusalOf(step('mat-1', 'deliver'), state)).toMatchObject({
      code: 'INVALID_MATERIAL_STEP',
      status: 409,
    });
    expect(refusalOf(step('mat-1', 'return', { sandbags: 21 }), state)).toMatchObject({
      code: 'RETURN_EXCEEDS_SENT',
      path: 'items.sandbags',
    });
    expect(refusalOf(step('mat-9', 'dispatch'), state).code).toBe('UNKNOWN_MATERIAL_REQUEST');
  });
});

describe('suggestMaterials', () => {
  it('given an underpass flooding near the staging point, then 200 sandbags from the nearest store with enough, on the squad’s own pump truck', () => {
    const state = givenFleet([report, duty]);
    const suggestion = suggestMaterials(
      state,
      { kind: 'underpass-flooded', location: { lat: 31.196, lng: 121.437 } },
      defaultRuleConfig,
      'squad-pump-truck',
    );
    expect(suggestion).toMatchObject({
      items: { sandbags: 200 },
      fromId: 'vs-xujiahui',
      vehicleId: 'veh-pump-1',
    });
  });

  it('given the nearest store short of sandbags, then the next one that has them', () => {
    const state = apply(givenFleet([report, duty]), take(500));
    const suggestion = suggestMaterials(
      state,
      { kind: 'underpass-flooded', location: { lat: 31.196, lng: 121.437 } },
      defaultRuleConfig,
    );
    expect(suggestion?.fromId).toBe('wh-caohejing');
  });
});
