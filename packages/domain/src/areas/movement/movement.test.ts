import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide } from '../../decide.js';
import { evolve } from '../../evolve.js';
import type { Command } from '../../model/commands.js';
import { distanceKm } from '../../model/geo.js';
import { defaultRuleConfig } from '../../rules/config.js';
import { givenFleet } from '../../testing/fleet.js';
import { commander, gauge, T0 } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import { toShanghaiIso } from '../../time.js';
import type { Position } from './commands.js';
import { impliedSpeedKmh } from './decide.js';
import { arrivalEstimate, isPositionStale, whereIs } from './where.js';

const config = defaultRuleConfig.movement;
const iso = (ms: number) => toShanghaiIso(ms);
const fix = (unitId: string, lat: number, lng: number, at = T0, id = `${unitId}@${at}`) => ({
  id,
  unitId,
  at: iso(at),
  lat,
  lng,
});
const record = (...positions: Position[]): Command => ({ type: 'recordPositions', positions });
const reportAt = (lat: number, lng: number): Command => ({
  type: 'reportIncident',
  kind: 'underpass-flooded',
  location: { lat, lng },
  description: '下立交积水',
});

describe('recordPositions', () => {
  it('given a tracked vehicle, when its tracker reports, then the vehicle is there and its squad with it', () => {
    const state = givenFleet([record(fix('veh-pump-1', 31.18, 121.42)), gauge]);
    expect(state.positions['veh-pump-1']).toMatchObject({ lat: 31.18, lng: 121.42, at: T0 });
    expect(whereIs(state, 'squad-pump-truck')).toMatchObject({ lat: 31.18, source: 'vehicle' });
  });

  it('refuses an unknown unit, naming the item (422)', () => {
    const refusal = refusalOf(
      record(fix('veh-pump-1', 31.18, 121.42), fix('veh-ghost', 31.18, 121.42)),
      givenFleet(),
      gauge,
    );
    expect(refusal).toMatchObject({
      code: 'UNKNOWN_UNIT',
      status: 422,
      path: 'positions[1].unitId',
    });
  });

  it('refuses a fix far outside the district: the tracker is misconfigured', () => {
    const suzhou = fix('veh-pump-1', 31.3, 120.62);
    const refusal = refusalOf(record(suzhou), givenFleet(), gauge);
    expect(refusal).toMatchObject({ code: 'POSITION_OUT_OF_AREA', path: 'positions[0].lat' });
    expect(refusal.message).toContain('km from the district centre');
  });

  it('refuses a fix from the future', () => {
    const later = fix('veh-pump-1', 31.18, 121.42, T0 + 3600_000);
    expect(refusalOf(record(later), givenFleet(), gauge).code).toBe('POSITION_IN_FUTURE');
  });

  it('records a jump faster than 200 km/h with a flag, and does not move the unit', () => {
    const state = givenFleet([record(fix('veh-pump-1', 31.18, 121.42, T0 - 60_000)), gauge]);
    // 10 km in one minute is 600 km/h: a GNSS glitch, not a pump truck.
    const events = eventsOf(record(fix('veh-pump-1', 31.27, 121.42)), state, gauge);
    expect(events[0]).toMatchObject({ data: { flag: 'implausible-speed' } });
    for (const event of events) evolve(state, event);
    expect(state.positions['veh-pump-1']).toMatchObject({ lat: 31.18, flagged: 1 });
  });

  it('lets only trackers (sources) and admins report positions', () => {
    expect(refusalOf(record(fix('veh-pump-1', 31.18, 121.42)), givenFleet(), commander).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });

  it('draws a fix stale once it is older than three of its usual intervals', () => {
    const state = givenFleet(
      [record(fix('veh-pump-1', 31.18, 121.42, T0 - 120_000)), gauge],
      [record(fix('veh-pump-1', 31.181, 121.42, T0 - 90_000)), gauge],
    );
    const interval = state.positions['veh-pump-1']!.intervalMs;
    expect(isPositionStale(state, 'veh-pump-1', T0 - 90_000 + 2 * interval, config)).toBe(false);
    expect(isPositionStale(state, 'veh-pump-1', T0 - 90_000 + 3 * interval + 1, config)).toBe(true);
  });
});

describe('arrival estimate', () => {
  it('given an assigned squad on the road, then its remaining distance and arrival follow its last fix', () => {
    const state = givenFleet(
      [reportAt(31.2, 121.44), commander],
      [{ type: 'assignSquad', incidentId: 'inc-1', squadId: 'squad-pump-truck' }, commander],
      [record(fix('veh-pump-1', 31.19, 121.44, T0 + 60_000)), gauge, T0 + 60_000],
    );
    const estimate = arrivalEstimate(state, 'squad-pump-truck', T0 + 60_000, config);
    const straight = distanceKm({ lat: 31.19, lng: 121.44 }, { lat: 31.2, lng: 121.44 });
    expect(estimate?.remainingKm).toBeCloseTo(straight * 1.3, 1);
    // 1.4 km at 25 km/h is about 3.5 minutes after the fix.
    expect(estimate!.etaAt - (T0 + 60_000)).toBeGreaterThan(3 * 60_000);
    expect(estimate!.etaAt - (T0 + 60_000)).toBeLessThan(4 * 60_000);

    const closer = givenFleet(
      [reportAt(31.2, 121.44), commander],
      [{ type: 'assignSquad', incidentId: 'inc-1', squadId: 'squad-pump-truck' }, commander],
      [record(fix('veh-pump-1', 31.197, 121.44, T0 + 60_000)), gauge, T0 + 60_000],
    );
    expect(arrivalEstimate(closer, 'squad-pump-truck', T0, config)!.remainingKm).toBeLessThan(
      estimate!.remainingKm,
    );
  });

  it('has none for a squad on standby', () => {
    expect(arrivalEstimate(givenFleet(), 'squad-pump-truck', T0, config)).toBeNull();
  });
});

// Property tests of the batch rules: whatever the batch, all or nothing, and the index is right.
const inDistrict = fc.record({
  lat: fc.double({ min: 31.12, max: 31.23, noNaN: true }),
  lng: fc.double({ min: 121.4, max: 121.47, noNaN: true }),
});
const units = ['veh-pump-1', 'veh-cargo-1', 'squad-pump-truck', 'team-tianping'];
const goodBatch = fc
  .array(fc.tuple(fc.constantFrom(...units), inDistrict, fc.integer({ min: 0, max: 3600 })), {
    minLength: 1,
    maxLength: 30,
  })
  .map((items) =>
    items.map(([unitId, where, secondsAgo], i) => ({
      id: `p-${i}`,
      unitId,
      at: iso(T0 - secondsAgo * 1000),
      ...where,
    })),
  );

describe('positions batch rules (properties)', () => {
  it('a batch of good fixes becomes one event per fix, in order, each keeping its id', () => {
    fc.assert(
      fc.property(goodBatch, (positions) => {
        const decision = decide(record(...positions), givenFleet(), { now: T0, actor: gauge });
        expect(decision.ok).toBe(true);
        if (!decision.ok) return;
        expect(decision.events.map((e) => e.id)).toEqual(positions.map((p) => p.id));
      }),
      { numRuns: 60 },
    );
  });

  it('one bad fix anywhere refuses the whole batch, naming its index and field', () => {
    const badness = fc.constantFrom(
      { field: 'unitId', code: 'UNKNOWN_UNIT', spoil: (p: Position) => ({ ...p, unitId: 'nope' }) },
      { field: 'lat', code: 'POSITION_OUT_OF_AREA', spoil: (p: Position) => ({ ...p, lat: 32.5 }) },
      {
        field: 'at',
        code: 'POSITION_IN_FUTURE',
        spoil: (p: Position) => ({ ...p, at: iso(T0 + 7200_000) }),
      },
    );
    fc.assert(
      fc.property(goodBatch, fc.nat(), badness, (positions, n, bad) => {
        const index = n % positions.length;
        const batch = positions.map((p, i) => (i === index ? bad.spoil(p) : p));
        const decision = decide(record(...batch), givenFleet(), { now: T0, actor: gauge });
        expect(decision.ok).toBe(false);
        if (decision.ok) return;
        expect(decision.refusal).toMatchObject({
          code: bad.code,
          path: `positions[${index}].${bad.field}`,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a fix is flagged exactly when it implies more than 200 km/h, and a flagged fix never moves the unit', () => {
    fc.assert(
      fc.property(inDistrict, inDistrict, fc.integer({ min: 1, max: 1800 }), (a, b, seconds) => {
        const state = givenFleet([
          record({ id: 'a', unitId: 'veh-pump-1', at: iso(T0 - seconds * 1000), ...a }),
          gauge,
        ]);
        const events = eventsOf(
          record({ id: 'b', unitId: 'veh-pump-1', at: iso(T0), ...b }),
          state,
          gauge,
        );
        const speed = impliedSpeedKmh({ ...a, at: T0 - seconds * 1000 }, b, T0);
        const flagged = events[0]?.type === 'unit.positionReported' && events[0].data.flag !== null;
        expect(flagged).toBe(speed > 200);
        for (const event of events) evolve(state, event);
        expect(state.positions['veh-pump-1']?.lat).toBe(flagged ? a.lat : b.lat);
      }),
      { numRuns: 100 },
    );
  });
});
