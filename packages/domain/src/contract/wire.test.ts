import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { EpochMsSchema } from '../model/primitives.js';
import { EventEnvelopeSchema } from '../model/events.js';
import { stateHash } from '../hash.js';
import { commander, duty, foldOrThrow, gauge, given, reading, T0 } from '../testing/given.js';
import { PictureSchema, StateSchema } from './state-schema.js';
import { decodeState, encodeState, normaliseEventTimes } from './wire.js';
import type { State } from '../model/state.js';
import { decide } from '../decide.js';

const WIRE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;
const SECOND = 1000;
/** 1900 to 2100, the years a flood log can name. */
const instant = fc.integer({ min: -2_208_988_800, max: 4_102_444_800 }).map((s) => s * SECOND);

const isTime = (schema: TSchema) =>
  schema[Kind] === 'Integer' && schema.description === EpochMsSchema.description;
const holds = (schema: TSchema, time: (schema: TSchema) => boolean): boolean =>
  time(schema) ||
  [
    ...Object.values(schema.properties ?? {}),
    ...Object.values(schema.patternProperties ?? {}),
    ...(schema.items === undefined ? [] : [schema.items].flat()),
    ...((schema.anyOf as TSchema[] | undefined) ?? []),
  ].some((inner) => holds(inner as TSchema, time));
const holdsTime = (schema: TSchema) => holds(schema, isTime);
const isWire = (schema: TSchema) => schema.format === 'date-time';

/**
 * Pictures of any shape the picture schema allows, times whole seconds; a part holding no time
 * (the catalogue, the plans) is any JSON, since the wire carries it as it is.
 */
function arbitraryOf(schema: TSchema): fc.Arbitrary<unknown> {
  if (isTime(schema)) return instant;
  if (schema[Kind] === 'Null') return fc.constant(null);
  if (!holdsTime(schema)) return fc.jsonValue({ maxDepth: 2 });
  switch (schema[Kind]) {
    case 'Object':
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties as Record<string, TSchema>).map(([key, inner]) => [
            key,
            arbitraryOf(inner),
          ]),
        ),
      );
    case 'Record': {
      const inner = Object.values(schema.patternProperties as Record<string, TSchema>)[0]!;
      return fc.dictionary(fc.string({ maxLength: 12 }), arbitraryOf(inner), { maxKeys: 3 });
    }
    case 'Array':
      return fc.array(arbitraryOf(schema.items as TSchema), { maxLength: 3 });
    case 'Tuple':
      return fc.tuple(...(schema.items as TSchema[]).map(arbitraryOf));
    case 'Union':
      return fc.oneof(...(schema.anyOf as TSchema[]).map(arbitraryOf));
    default:
      throw new Error(`no arbitrary for ${String(schema[Kind])}`);
  }
}

/** Every string of the wire picture where the wire schema says time, and every number there. */
function timesIn(schema: TSchema, value: unknown, found: unknown[] = []): unknown[] {
  if (value === null || value === undefined || !holds(schema, isWire)) return found;
  if (isWire(schema)) found.push(value);
  else if (schema[Kind] === 'Object')
    for (const [key, inner] of Object.entries(schema.properties as Record<string, TSchema>))
      timesIn(inner, (value as Record<string, unknown>)[key], found);
  else if (schema[Kind] === 'Record') {
    const inner = Object.values(schema.patternProperties as Record<string, TSchema>)[0]!;
    for (const item of Object.values(value as object)) timesIn(inner, item, found);
  } else if (schema[Kind] === 'Array')
    for (const item of value as unknown[]) timesIn(schema.items as TSchema, item, found);
  else if (schema[Kind] === 'Tuple')
    (schema.items as TSchema[]).forEach((inner, i) =>
      timesIn(inner, (value as unknown[])[i], found),
    );
  else if (schema[Kind] === 'Union')
    for (const member of schema.anyOf as TSchema[])
      if (member[Kind] !== 'Null') timesIn(member, value, found);
  return found;
}

const busyPicture = (): State =>
  given(
    [
      {
        type: 'recordReadings',
        readings: [
          reading('wl-yongfu-road', 40, T0),
          reading('rain-tianping', 12, T0),
          reading('tide-huangpu-park', 4.9, T0),
        ],
      },
      gauge,
    ],
    [
      {
        type: 'reportIncident',
        kind: 'waterlogging',
        location: { lat: 31.2, lng: 121.44 },
        pointId: 'wl-yongfu-road',
        description: 'cars stalled',
      },
      duty,
      T0 + 61_250,
    ],
    [{ type: 'setResponseLevel', level: 'III' }, commander, T0 + 120_999],
  );

describe('the picture on the wire', () => {
  it('given any picture with whole-second times, when encoded and decoded, then it is the same picture', () => {
    fc.assert(
      fc.property(arbitraryOf(PictureSchema), (picture) => {
        const state = picture as State;
        const wire = encodeState(state);
        for (const time of timesIn(StateSchema, wire)) expect(time).toMatch(WIRE_TIME);
        expect(decodeState(wire)).toEqual(state);
      }),
      { numRuns: 150 },
    );
  });

  it('given a time with milliseconds, when it travels, then it arrives to the second', () => {
    const state = given();
    state.clock = Date.parse('2021-07-25T04:30:00.750Z');
    const wire = encodeState(state);
    expect(wire.clock).toBe('2021-07-25T12:30:00+08:00');
    expect(decodeState(wire).clock).toBe(Date.parse('2021-07-25T12:30:00+08:00'));
  });

  it('given a folded picture, then its wire form passes the wire schema and decodes to the same hash', () => {
    const state = busyPicture();
    expect(Object.keys(StateSchema.properties).sort()).toEqual(Object.keys(state).sort());
    expect([...TypeCompiler.Compile(PictureSchema).Errors(state)]).toEqual([]);
    const wire = JSON.parse(JSON.stringify(encodeState(state))) as unknown;
    expect([...TypeCompiler.Compile(StateSchema).Errors(wire)]).toEqual([]);
    const times = timesIn(StateSchema, wire);
    expect(times.length).toBeGreaterThan(5);
    for (const time of times) expect(time).toMatch(WIRE_TIME);
    expect(stateHash(decodeState(wire as never))).toBe(stateHash(state));
  });

  it('given commands at times with milliseconds, then every event leaves with `at` to the second', () => {
    const state = busyPicture();
    // The incident was reported at T0 + 61.25 s: the picture keeps the whole second.
    const incident = Object.values(state.incidents)[0]!;
    expect(incident.reportedAt).toBe(T0 + 61_000);
    expect(state.clock).toBe(T0 + 120_000);
  });

  it('given the encoded picture, then the catalogue is passed along, not copied', () => {
    const state = busyPicture();
    expect(encodeState(state).assets).toBe(state.assets);
  });
});

describe('times from outside', () => {
  it('given a reading sent in UTC with milliseconds, when decided, then the log and the picture hold 12:30:00+08:00', () => {
    const state = given();
    const sent = { ...reading('rain-tianping', 3, T0), at: '2021-07-25T04:30:00.250Z' };
    const decision = decide({ type: 'recordReadings', readings: [sent] }, state, {
      now: T0 + 31 * 60_000,
      actor: gauge,
    });
    const events = foldOrThrow(state, decision);
    expect(events.map((event) => event.at)).toContain('2021-07-25T12:30:00+08:00');
    for (const event of events) expect(event.at).toMatch(WIRE_TIME);
    expect(state.sensors['rain-tianping']!.lastAt).toBe(Date.parse('2021-07-25T12:30:00+08:00'));
  });

  it('given a CAP warning sent in UTC, when decided, then its times leave in +08:00', () => {
    const state = given();
    const decision = decide(
      {
        type: 'receiveWarning',
        alert: {
          identifier: 'sh-tide-utc',
          sender: 'shfxxx@sh.gov.cn',
          sent: '2021-07-25T04:00:00.500Z',
          status: 'Actual',
          msgType: 'Alert',
          info: {
            event: '高潮位蓝色预警',
            severity: 'Minor',
            onset: '2021-07-25T18:00:00Z',
            expires: '2021-07-28T04:00:00Z',
            headline: '上海市防汛信息中心发布高潮位蓝色预警',
            description: '子潮黄浦公园站潮位将超警戒水位。',
            area: { areaDesc: '黄浦江沿线' },
          },
        },
      },
      state,
      { now: T0, actor: gauge },
    );
    if (!decision.ok) throw new Error(decision.refusal.message);
    const times = decision.events.flatMap((event) => [
      event.at,
      ...Object.entries(event.data as Record<string, unknown>)
        .filter(([key]) => key.endsWith('At'))
        .map(([, value]) => value),
    ]);
    expect(times.length).toBeGreaterThan(1);
    for (const time of times) expect(time).toMatch(WIRE_TIME);
  });

  it('given an event written in UTC with milliseconds, when normalised, then it reads +08:00 to the second', () => {
    const event = normaliseEventTimes({
      seq: 1,
      stream: 'live',
      id: 'e1',
      type: 'sensor.wentStale',
      at: '2021-07-25T04:30:00.250Z',
      data: { sensorId: 'rain-tianping', lastAt: '2021-07-25T00:29:59.999-04:00' },
    });
    expect(event.at).toBe('2021-07-25T12:30:00+08:00');
    expect(event.data.lastAt).toBe('2021-07-25T12:29:59+08:00');
    expect(TypeCompiler.Compile(EventEnvelopeSchema).Check(event)).toBe(true);
  });

  it('given an event whose `at` is no time, when normalised, then the envelope check still refuses it', () => {
    const event = normaliseEventTimes({
      seq: 1,
      stream: 'live',
      id: 'e1',
      type: 'responseLevel.changed',
      at: '2021-02-30T12:00:00+08:00',
      data: { level: 'III', by: { name: 'zhang', role: 'commander' } },
    });
    expect(event.at).toBe('2021-02-30T12:00:00+08:00');
    expect(TypeCompiler.Compile(EventEnvelopeSchema).Check(event)).toBe(false);
  });
});
