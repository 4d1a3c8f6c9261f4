import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve } from '../../evolve.js';
import type { DomainEvent } from '../../model/events.js';
import type { State } from '../../model/state.js';
import { testCatalogue } from '../../testing/catalogue.js';
import { given, T0 } from '../../testing/given.js';
import { TREND_WINDOW_MS } from '../forecasts/state.js';
import { LEVEL_SERIES_MS, RAIN_WINDOW_MS } from './state.js';

/** The windows each sensor kind keeps, and how long they reach back. */
const WINDOWS = [
  { sensorId: 'rain-tianping', slice: 'rainWindows', spanMs: RAIN_WINDOW_MS },
  { sensorId: 'tide-huangpu-park', slice: 'levelSeries', spanMs: LEVEL_SERIES_MS },
  { sensorId: 'wl-yongfu-road', slice: 'trendWindows', spanMs: TREND_WINDOW_MS },
] as const;

/**
 * The window fold as it was written first (push, then shift while the oldest is out of the
 * span): the reference the faster fold, which moves entries down and reuses aged-out pairs,
 * must match entry for entry.
 */
function referenceWindows(readings: { sensorId: string; at: number; value: number }[]) {
  const windows: Record<string, [number, number][]> = {};
  const lastAt: Record<string, number> = {};
  for (const { sensorId, at, value } of readings) {
    if (lastAt[sensorId] !== undefined && at < lastAt[sensorId]) continue; // late: not folded
    lastAt[sensorId] = at;
    const spanMs = WINDOWS.find((w) => w.sensorId === sensorId)!.spanMs;
    const series = (windows[sensorId] ??= []);
    series.push([at, value]);
    while (series.length > 0 && series[0]![0] <= at - spanMs) series.shift();
  }
  return windows;
}

function windowsOf(state: State) {
  return Object.fromEntries(
    WINDOWS.map(({ sensorId, slice }) => [sensorId, state[slice][sensorId] ?? []]),
  );
}

/** Readings one after another, with gaps from seconds to past a whole window, some late. */
const readingsArb = fc.array(
  fc.record({
    window: fc.integer({ min: 0, max: WINDOWS.length - 1 }),
    gapMs: fc.oneof(
      fc.integer({ min: 0, max: 60_000 }),
      fc.integer({ min: 60_000, max: 30 * 60_000 }),
      fc.integer({ min: -10 * 60_000, max: 0 }),
      fc.integer({ min: 0, max: 50 * 3600_000 }),
    ),
    value: fc.double({ min: 0, max: 50, noNaN: true }),
  }),
  { maxLength: 600 },
);

interface Reading {
  sensorId: string;
  at: number;
  value: number;
  id: string;
}

function toEvents(steps: ReadingStep[]): Reading[] {
  let at = T0;
  return steps.map(({ window, gapMs, value }, i) => {
    at += gapMs;
    const { sensorId } = WINDOWS[window]!;
    return { sensorId, at, value, id: `w-${i}` };
  });
}

interface ReadingStep {
  window: number;
  gapMs: number;
  value: number;
}

function fold(state: State, readings: Reading[]): void {
  for (const { sensorId, at, value, id } of readings) {
    const event: DomainEvent = {
      id,
      type: 'reading.recorded',
      at: new Date(at).toISOString(),
      data: { sensorId, value },
    } as DomainEvent;
    evolve(state, event);
  }
}

describe('the recent-readings windows of rain, level and depth sensors', () => {
  it('given any run of readings, when folded, then each window holds exactly the readings of its span, in order', () => {
    fc.assert(
      fc.property(readingsArb, (steps) => {
        const readings = toEvents(steps);
        const state = given();
        fold(state, readings);
        expect(windowsOf(state)).toEqual({
          ...Object.fromEntries(WINDOWS.map(({ sensorId }) => [sensorId, []])),
          ...referenceWindows(readings),
        });
      }),
      { numRuns: 200 },
    );
  });

  it('given a window longer than the ones moved down entry by entry, when readings age out one and several at a time, then it matches the reference', () => {
    // A reading a minute for 48 hours fills the level window with ≈ 2,880 entries; then gaps of
    // an hour drop sixty at once.
    const readings: Reading[] = [
      ...Array.from({ length: 3200 }, (_, i) => ({ at: T0 + i * 60_000, value: i % 7 })),
      ...Array.from({ length: 5 }, (_, i) => ({ at: T0 + 3200 * 60_000 + i * 3600_000, value: i })),
    ].map(({ at, value }, i) => ({ sensorId: 'tide-huangpu-park', at, value, id: `l-${i}` }));
    const state = given();
    fold(state, readings);
    expect(state.levelSeries['tide-huangpu-park']).toEqual(
      referenceWindows(readings)['tide-huangpu-park'],
    );
  });

  it('given two pictures folded from the same readings, when one folds more, then the other keeps its own window', () => {
    const readings: Reading[] = Array.from({ length: 120 }, (_, i) => ({
      sensorId: 'wl-yongfu-road',
      at: T0 + i * 60_000,
      value: i,
      id: `d-${i}`,
    }));
    const first = given();
    fold(first, readings.slice(0, 90));
    const second = structuredClone(first);
    const before = structuredClone(second.trendWindows);
    fold(first, readings.slice(90));
    expect(second.trendWindows).toEqual(before);
  });
});

describe('a reading for an id that plain objects answer to', () => {
  it('given the catalogue, when readings arrive for constructor, __proto__ or toString, then the picture is unchanged but for seq and clock', () => {
    const state = given();
    const before = JSON.stringify({ ...state, clock: null });
    fold(
      state,
      ['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((sensorId, i) => ({
        sensorId,
        at: T0 + i,
        value: 1,
        id: `odd-${i}`,
      })),
    );
    expect(JSON.stringify({ ...state, clock: null })).toBe(before);
    expect(Object.hasOwn(state.sensors, 'constructor')).toBe(false);
  });
});

describe('finding the sensor a reading is for', () => {
  it('given readings for a sensor not yet in the catalogue, when it is registered and reads again, then that reading is folded', () => {
    const state = given();
    const newGauge = { ...testCatalogue.find((asset) => asset.id === 'rain-tianping')! };
    newGauge.id = 'rain-new';
    fold(state, [{ sensorId: 'rain-new', at: T0 + 60_000, value: 3, id: 'early' }]);
    expect(state.sensors['rain-new']).toBeUndefined();

    evolve(state, {
      id: 'reg-2',
      type: 'assets.registered',
      at: new Date(T0 + 120_000).toISOString(),
      data: { assets: [newGauge] },
    } as DomainEvent);
    fold(state, [{ sensorId: 'rain-new', at: T0 + 180_000, value: 4, id: 'late' }]);
    expect(state.sensors['rain-new']).toMatchObject({ lastValue: 4, lastAt: T0 + 180_000 });
    expect(state.rainWindows['rain-new']).toEqual([[T0 + 180_000, 4]]);
  });

  it('given a copy of a picture, when the original and the copy fold different readings, then each picture has only its own', () => {
    const original = given();
    fold(original, [{ sensorId: 'rain-tianping', at: T0 + 60_000, value: 1, id: 'a' }]);
    const copy = structuredClone(original);
    fold(original, [{ sensorId: 'rain-tianping', at: T0 + 120_000, value: 2, id: 'b' }]);
    fold(copy, [{ sensorId: 'rain-tianping', at: T0 + 180_000, value: 7, id: 'c' }]);
    expect(original.sensors['rain-tianping']).toMatchObject({ lastValue: 2, previousValue: 1 });
    expect(copy.sensors['rain-tianping']).toMatchObject({ lastValue: 7, previousValue: 1 });
  });
});
