import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../model/commands.js';
import type { State } from '../../model/state.js';
import { decide } from '../../decide.js';
import { foldOrThrow, gauge, given, reading, T0 } from '../../testing/given.js';
import { eventsOf } from '../../testing/refusals.js';
import { toShanghaiIso } from '../../time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => toShanghaiIso(ms);

/** A tide forecast for 黄浦公园: hourly points around a high water of `peak` m, `hoursAhead` on. */
function tideForecast(id: string, peak: number, hoursAhead: number): Command {
  const series = [-3, -2, -1, 0, 1, 2, 3].map((h) => ({
    at: iso(T0 + (hoursAhead + h) * HOUR),
    value: Number((peak - 0.25 * Math.abs(h)).toFixed(2)),
  }));
  return { type: 'issueForecast', id, sensorId: 'tide-huangpu-park', issuedAt: iso(T0), series };
}

function record(state: State, sensorId: string, value: number, at: number) {
  return foldOrThrow(
    state,
    decide({ type: 'recordReadings', readings: [reading(sensorId, value, at)] }, state, {
      now: at,
      actor: gauge,
    }),
  );
}

describe('issueForecast', () => {
  it('given a tide forecast over 4.55 m in 15 h, then a forecast alarm says when and how high', () => {
    const state = given([tideForecast('f-1', 4.65, 15), gauge]);
    const forecast = state.forecasts['f-1']!;
    expect(forecast.crossing).toMatchObject({ threshold: 4.55, peak: 4.65, severity: 'blue' });
    // 4.40 m at 14 h, 4.65 m at 15 h: 4.55 m is crossed at 14 h 36 min.
    expect(forecast.crossing!.at).toBe(T0 + 14 * HOUR + 36 * MIN);
    const alert = Object.values(state.alerts)[0]!;
    expect(alert).toMatchObject({ kind: 'forecast', subjectId: 'tide-huangpu-park', value: 4.65 });
  });

  it('given a forecast that stays under the line, then nothing alarms', () => {
    const events = eventsOf(tideForecast('f-low', 4.3, 15), given(), gauge);
    expect(events.map((e) => e.type)).toEqual(['forecast.issued']);
  });

  it('given a forecast alarm, when the gauge crosses, then the crossing is linked with lead time and the forecast alarm hands over', () => {
    const state = given([tideForecast('f-1', 4.65, 15), gauge]);
    const crossedAt = T0 + 14 * HOUR + 50 * MIN;
    const events = record(state, 'tide-huangpu-park', 4.58, crossedAt);
    expect(events.find((e) => e.type === 'forecast.crossingObserved')).toMatchObject({
      data: { forecastId: 'f-1', leadMin: 14 * 60 + 50, timingErrorMin: 14 },
    });
    const open = Object.values(state.alerts).filter((a) => a.clearedAt === null);
    expect(open.map((a) => a.kind)).toEqual(['tide']);
  });

  it('given a rain nowcast of 60 mm in an hour at a gauge, then it alarms yellow before the rain comes', () => {
    const nowcast: Command = {
      type: 'issueForecast',
      id: 'nowcast-1',
      sensorId: 'rain-tianping',
      issuedAt: iso(T0),
      series: [1, 2, 3].map((h, i) => ({ at: iso(T0 + h * HOUR), value: [10, 60, 20][i]! })),
    };
    const state = given([nowcast, gauge]);
    expect(state.forecasts['nowcast-1']!.crossing).toMatchObject({
      threshold: 35,
      severity: 'yellow',
    });
    expect(Object.values(state.alerts)[0]).toMatchObject({ kind: 'forecast', severity: 'yellow' });
  });

  it('refuses a series whose times do not rise, naming the point', () => {
    const command = tideForecast('f-bad', 4.65, 15) as Extract<Command, { type: 'issueForecast' }>;
    command.series[3]!.at = command.series[1]!.at;
    const decision = decide(command, given(), { now: T0, actor: gauge });
    expect(decision).toMatchObject({
      ok: false,
      refusal: { code: 'FORECAST_OUT_OF_ORDER', path: 'series[3].at' },
    });
  });
});

describe('trend alarms', () => {
  it('given 衡山路-like underpass water rising 1 cm a minute, then it gets a time to 25 cm before it floods', () => {
    const state = given();
    let events: ReturnType<typeof record> = [];
    for (let minute = 0; minute <= 15; minute += 1) {
      events = [...events, ...record(state, 'up-caoxi', 3 + minute, T0 + minute * MIN)];
    }
    const projected = events.find((e) => e.type === 'trend.projected');
    expect(projected).toMatchObject({ data: { sensorId: 'up-caoxi', threshold: 25 } });
    // 18 cm at 15 min, 1 cm/min: 25 cm at 22 min.
    expect(state.trends['up-caoxi']!.etaAt).toBe(T0 + 22 * MIN);
    expect(
      Object.values(state.alerts).some((a) => a.kind === 'trend' && a.clearedAt === null),
    ).toBe(true);
    // When it reaches the line, the trend ends and the closure alarm takes over.
    for (let minute = 16; minute <= 22; minute += 1)
      record(state, 'up-caoxi', 3 + minute, T0 + minute * MIN);
    expect(state.trends['up-caoxi']).toBeUndefined();
    const open = Object.values(state.alerts).filter((a) => a.clearedAt === null);
    expect(open.map((a) => a.kind)).toEqual(['underpass-closure']);
  });

  it('never alarms on noise of up to ±1.5 cm around a flat level (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 24, noNaN: true }),
        fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (level, noise, everyMin) => {
          const state = given();
          for (const [i, jitter] of noise.entries()) {
            const value = Math.max(0, Math.min(24.9, level + jitter));
            for (const event of record(state, 'up-caoxi', value, T0 + i * everyMin * MIN)) {
              if (event.type === 'trend.projected') return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 200, seed: 2106 },
    );
  });
});
