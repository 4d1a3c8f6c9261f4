import { describe, expect, it } from 'vitest';
import { decide } from '../../decide.js';
import type { Command } from '../../model/commands.js';
import type { State } from '../../model/state.js';
import { foldOrThrow, gauge, given, reading, system, T0 } from '../../testing/given.js';

const MIN = 60_000;

function ingest(state: State, ...readings: ReturnType<typeof reading>[]) {
  const command: Command = { type: 'recordReadings', readings };
  const last = Math.max(...readings.map((r) => Date.parse(r.at)));
  return foldOrThrow(state, decide(command, state, { now: last, actor: gauge }));
}
const openAlert = (state: State, kind: string, subject: string) => {
  const id = state.openAlertBySubject[`${kind}:${subject}`];
  return id ? state.alerts[id] : undefined;
};

describe('rainstorm signals from 1 h and 6 h accumulations', () => {
  it('given 12 five-minute readings of 3 mm (36 mm in the hour), then blue is raised at the gauge and district', () => {
    const state = given();
    for (let i = 1; i <= 12; i += 1) ingest(state, reading('rain-tianping', 3, T0 + i * 5 * MIN));
    expect(openAlert(state, 'rainstorm', 'rain-tianping')).toMatchObject({
      severity: 'blue',
      value: 36,
    });
    expect(state.signals.rainstorm).toBe('blue');
    expect(state.suggestedLevel).toBe('IV');
  });
  it('escalates to yellow at 50 mm in an hour, asking for a fresh acknowledgement', () => {
    const state = given();
    for (let i = 1; i <= 12; i += 1) ingest(state, reading('rain-tianping', 3, T0 + i * 5 * MIN));
    const id = openAlert(state, 'rainstorm', 'rain-tianping')!.id;
    foldOrThrow(
      state,
      decide({ type: 'acknowledgeAlert', alertId: id }, state, {
        now: T0,
        actor: { name: 'li', role: 'duty' },
      }),
    );
    ingest(state, reading('rain-tianping', 20, T0 + 65 * MIN));
    expect(state.alerts[id]).toMatchObject({ severity: 'yellow', acknowledgedAt: null });
    expect(state.suggestedLevel).toBe('III');
  });
  it('uses the 6 h total: 55 mm spread over 5 hours is blue though no hour reaches 35 mm', () => {
    const state = given();
    for (let i = 1; i <= 60; i += 1)
      ingest(state, reading('rain-tianping', 55 / 60, T0 + i * 5 * MIN));
    expect(openAlert(state, 'rainstorm', 'rain-tianping')?.severity).toBe('blue');
  });
  it('clears when the rain has passed', () => {
    const state = given();
    ingest(state, reading('rain-tianping', 40, T0));
    ingest(state, reading('rain-tianping', 0, T0 + 7 * 60 * MIN));
    expect(openAlert(state, 'rainstorm', 'rain-tianping')).toBeUndefined();
    expect(state.signals.rainstorm).toBeNull();
  });
});

describe('tide warning levels at 黄浦公园', () => {
  it.each([
    [4.5, undefined],
    [4.6, 'blue'],
    [4.85, 'yellow'],
    [5.01, 'red'],
  ])('a level of %s m gives %s', (level, severity) => {
    const state = given();
    ingest(state, reading('tide-huangpu-park', level, T0));
    expect(openAlert(state, 'tide', 'tide-huangpu-park')?.severity).toBe(severity);
    expect(state.signals.tide).toBe(severity ?? null);
  });
  it('one high water gives one alert, cleared 10 cm under the warning line', () => {
    const state = given();
    for (const [i, level] of [4.5, 4.6, 4.7, 4.6, 4.5, 4.4].entries()) {
      ingest(state, reading('tide-huangpu-park', level, T0 + i * 10 * MIN));
    }
    expect(Object.values(state.alerts).filter((a) => a.kind === 'tide')).toHaveLength(1);
    expect(openAlert(state, 'tide', 'tide-huangpu-park')).toBeUndefined();
  });
});

describe('waterlogging depth', () => {
  it('a point under 15 cm raises nothing; at 15 cm it raises an alert', () => {
    const state = given();
    ingest(state, reading('wl-yongfu-road', 14, T0));
    expect(openAlert(state, 'waterlogging', 'wl-yongfu-road')).toBeUndefined();
    ingest(state, reading('wl-yongfu-road', 15, T0 + 5 * MIN));
    expect(openAlert(state, 'waterlogging', 'wl-yongfu-road')?.severity).toBe('blue');
  });
  it('an underpass closes at 25 cm with a red alert and reopens when the water is well down', () => {
    const state = given();
    ingest(state, reading('up-caoxi', 24, T0));
    expect(state.closedUnderpasses['up-caoxi']).toBeUndefined();
    ingest(state, reading('up-caoxi', 25, T0 + 5 * MIN));
    expect(state.closedUnderpasses['up-caoxi']).toBeDefined();
    expect(openAlert(state, 'underpass-closure', 'up-caoxi')?.severity).toBe('red');
    ingest(state, reading('up-caoxi', 20, T0 + 10 * MIN));
    expect(state.closedUnderpasses['up-caoxi']).toBeDefined();
    ingest(state, reading('up-caoxi', 10, T0 + 15 * MIN));
    expect(state.closedUnderpasses['up-caoxi']).toBeUndefined();
  });
});

describe('pumps and gates', () => {
  it('a pump reporting fault raises an orange alert; running again clears it', () => {
    const state = given();
    ingest(state, reading('sluice-longhuagang', 2, T0));
    expect(state.pumps['sluice-longhuagang']).toBe('fault');
    expect(openAlert(state, 'pump-fault', 'sluice-longhuagang')?.severity).toBe('orange');
    ingest(state, reading('sluice-longhuagang', 1, T0 + 10 * MIN));
    expect(state.pumps['sluice-longhuagang']).toBe('running');
    expect(openAlert(state, 'pump-fault', 'sluice-longhuagang')).toBeUndefined();
  });
  it('a tide gate reports closed', () => {
    const state = given();
    ingest(state, reading('gate-riverside-1', 1, T0));
    expect(state.gates['gate-riverside-1']).toBe('closed');
  });
});

describe('a sensor gone stale', () => {
  it('goes stale after 3× its interval of silence, and recovers with its next reading', () => {
    const state = given();
    ingest(state, reading('rain-tianping', 0, T0));
    const check = (now: number) =>
      foldOrThrow(state, decide({ type: 'checkSensors' }, state, { now, actor: system }));
    expect(check(T0 + 15 * MIN)).toEqual([]);
    const events = check(T0 + 16 * MIN);
    expect(events.map((e) => e.type)).toEqual(['sensor.wentStale', 'alert.raised']);
    expect(state.sensors['rain-tianping']?.stale).toBe(true);
    expect(check(T0 + 20 * MIN)).toEqual([]); // said once
    ingest(state, reading('rain-tianping', 0, T0 + 21 * MIN));
    expect(state.sensors['rain-tianping']?.stale).toBe(false);
    expect(openAlert(state, 'sensor-stale', 'rain-tianping')).toBeUndefined();
  });
});

describe('suggested response level', () => {
  it('follows the worst signal in force', () => {
    const state = given();
    ingest(state, reading('tide-huangpu-park', 4.6, T0));
    expect(state.suggestedLevel).toBe('IV');
    ingest(state, reading('up-caoxi', 30, T0)); // closures are not signals
    expect(state.suggestedLevel).toBe('IV');
    ingest(state, reading('tide-huangpu-park', 5.02, T0 + 10 * MIN));
    expect(state.suggestedLevel).toBe('I');
    expect(state.suggestedReasons).toEqual(['tide:red']);
  });
});
