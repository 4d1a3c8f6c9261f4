import fc from 'fast-check';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { evolve, evolveAll } from './evolve.js';
import { stateHash } from './hash.js';
import type { Command } from './model/commands.js';
import { DomainEventSchema, type Actor, type DomainEvent } from './model/events.js';
import { initialState } from './model/state.js';
import { INCIDENT_KINDS, RESPONSE_LEVELS, SQUAD_STATUSES } from './model/vocabulary.js';
import { testCatalogue } from './testing/catalogue.js';
import { commander, duty, gauge, system, T0 } from './testing/given.js';

const sensors = testCatalogue.filter(
  (a) => !['subdistrict-team', 'specialist-squad', 'resettlement-site'].includes(a.kind),
);
const units = testCatalogue.filter(
  (a) => a.kind === 'subdistrict-team' || a.kind === 'specialist-squad',
);
const ids = (n: number) => fc.integer({ min: 1, max: n });

/** Random command streams: valid and invalid alike, from every role. */
const commandArb: fc.Arbitrary<[Command, Actor]> = fc.oneof(
  fc
    .tuple(
      fc.array(
        fc.record({
          sensor: fc.constantFrom(...sensors.map((s) => s.id)),
          value: fc.double({ min: 0, max: 80, noNaN: true }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      fc.nat(),
    )
    .map(([rs, salt]): [Command, Actor] => [
      {
        type: 'recordReadings',
        readings: rs.map((r, i) => ({
          id: `r${salt}-${i}`,
          sensorId: r.sensor,
          value: r.value,
          at: '2021-07-25T12:00:00+08:00',
        })),
      },
      gauge,
    ]),
  fc
    .constantFrom(...INCIDENT_KINDS)
    .map((kind): [Command, Actor] => [
      { type: 'reportIncident', kind, location: { lat: 31.2, lng: 121.44 }, description: 'x' },
      duty,
    ]),
  fc
    .tuple(ids(6), fc.constantFrom(...units.map((u) => u.id)))
    .map(([n, squadId]): [Command, Actor] => [
      { type: 'assignSquad', incidentId: `inc-${n}`, squadId },
      commander,
    ]),
  ids(6).map((n): [Command, Actor] => [
    { type: 'resolveIncident', incidentId: `inc-${n}` },
    commander,
  ]),
  fc
    .tuple(fc.constantFrom(...units.map((u) => u.id)), fc.constantFrom(...SQUAD_STATUSES))
    .map(([squadId, status]): [Command, Actor] => [
      { type: 'changeSquadStatus', squadId, status },
      duty,
    ]),
  ids(10).map((n): [Command, Actor] => [{ type: 'acknowledgeAlert', alertId: `alert-${n}` }, duty]),
  fc
    .constantFrom(null, ...RESPONSE_LEVELS)
    .map((level): [Command, Actor] => [{ type: 'setResponseLevel', level }, commander]),
  fc.constant<[Command, Actor]>([{ type: 'checkSensors' }, system]),
);

/** Runs commands through decide, collecting the log they produce. */
function logOf(commands: [Command, Actor][]): DomainEvent[] {
  const state = initialState();
  const log: DomainEvent[] = [];
  const run = (command: Command, actor: Actor, now: number) => {
    const decision = decide(command, state, { now, actor });
    if (!decision.ok) return;
    for (const event of decision.events) {
      evolve(state, event);
      log.push(event);
    }
  };
  run({ type: 'registerAssets', assets: testCatalogue }, system, T0);
  commands.forEach(([command, actor], i) => run(command, actor, T0 + i * 60_000));
  return log;
}

describe('evolve', () => {
  it('folding any generated log never throws, and the same log always gives the same state hash', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => {
        const log = logOf(commands);
        const first = stateHash(evolveAll(initialState(), log));
        const second = stateHash(evolveAll(initialState(), structuredClone(log)));
        expect(second).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it('every event decide produces matches the contract schema', () => {
    const check = TypeCompiler.Compile(DomainEventSchema);
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        for (const event of logOf(commands))
          expect(check.Check(event), JSON.stringify(event)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('folds events about unknown ids without throwing or inventing them', () => {
    const state = evolveAll(initialState(), [
      {
        type: 'squad.assigned',
        at: '2021-07-25T12:00:00+08:00',
        data: { squadId: 'ghost', incidentId: 'inc-1', by: commander },
      },
      {
        type: 'alert.acknowledged',
        at: '2021-07-25T12:00:00+08:00',
        data: { alertId: 'alert-1', by: duty },
      },
      {
        type: 'reading.recorded',
        at: '2021-07-25T12:00:00+08:00',
        data: { sensorId: 'ghost', value: 1 },
      },
    ]);
    expect(state.units).toEqual({});
    expect(state.alerts).toEqual({});
  });

  it('a different log gives a different hash', () => {
    const a = logOf([[{ type: 'setResponseLevel', level: 'IV' }, commander]]);
    const b = logOf([[{ type: 'setResponseLevel', level: 'III' }, commander]]);
    expect(stateHash(evolveAll(initialState(), a))).not.toBe(
      stateHash(evolveAll(initialState(), b)),
    );
  });
});
