import fc from 'fast-check';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { evolve, evolveAll, evolveChecked, onSkippedEvent } from './evolve.js';
import { stateHash } from './hash.js';
import type { Command } from './model/commands.js';
import {
  DomainEventSchema,
  EventData,
  type Actor,
  type DomainEvent,
  type EventEnvelope,
} from './model/events.js';
import { initialState, upgradeState } from './model/state.js';
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

describe('evolve on a log from a newer or faulty writer', () => {
  const at = (i: number) => new Date(T0 + i * 60_000).toISOString();
  /** Events this version does not know, or knows with data it cannot fold. */
  const foreignArb = fc.oneof(
    fc.record({
      type: fc.constantFrom('boat.launched', 'notice.issued', 'constructor', '__proto__', ''),
      data: fc.anything(),
    }),
    fc.record({
      type: fc.constantFrom(...(Object.keys(EventData) as string[])),
      data: fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.anything())),
    }),
  );

  it('evolveChecked skips what it cannot fold, counts it, and folds the rest as if it were not there', () => {
    fc.assert(
      fc.property(
        fc.array(commandArb, { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), foreignArb), { maxLength: 12 }),
        (commands, foreign) => {
          const known = logOf(commands);
          const mixed: (DomainEvent | EventEnvelope)[] = known.map((event, i) => ({
            ...event,
            seq: i + 1,
            stream: 'live',
            id: `e${i}`,
          })) as EventEnvelope[];
          for (const [position, event] of foreign) {
            const index = position % (mixed.length + 1);
            mixed.splice(index, 0, { ...event, at: at(index) } as unknown as DomainEvent);
          }
          const skipped: string[] = [];
          const stop = onSkippedEvent((type) => skipped.push(type));
          try {
            const withForeign = initialState();
            for (const event of mixed) evolveChecked(withForeign, event);
            const clean = evolveAll(initialState(), known);
            withForeign.seq = clean.seq;
            withForeign.clock = clean.clock;
            expect(stateHash(withForeign)).toBe(stateHash(clean));
            expect(skipped).toHaveLength(foreign.length);
          } finally {
            stop();
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('keeps the seq of a skipped envelope, so the stream carries on without a gap', () => {
    const state = evolve(initialState(), {
      seq: 7,
      stream: 'live',
      id: 'x',
      type: 'boat.launched',
      at: '2021-07-25T12:00:00+08:00',
      data: {},
    } as unknown as EventEnvelope);
    expect(state.seq).toBe(7);
  });
});

describe('upgradeState', () => {
  it('gives a picture saved without some slices the empty ones, and keeps what it had', () => {
    const full = initialState();
    full.responseLevel = 'III';
    const saved = structuredClone(full) as Partial<typeof full>;
    delete saved.incidents;
    delete (saved.counters as Partial<typeof full.counters>).alerts;
    const upgraded = upgradeState(saved as typeof full);
    expect(upgraded.incidents).toEqual({});
    expect(upgraded.counters.alerts).toBe(0);
    expect(upgraded.responseLevel).toBe('III');
  });
});
