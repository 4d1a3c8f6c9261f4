import { initialState } from '@floodnet/domain';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate';
import { countdown } from './countdown';
import { tideDataWithForecast } from './tide-forecast';

const MIN = 60_000;
const zh = translator('zh');
const en = translator('en');

describe('countdown', () => {
  it('reads as a duty officer says it: minutes when close, hours when far', () => {
    expect(countdown(12 * MIN, 0, zh)).toBe('12 分钟');
    expect(countdown(80 * MIN, 0, zh)).toBe('1 小时 20 分');
    expect(countdown(14.5 * 60 * MIN, 0, en)).toBe('15 h');
    expect(countdown(0, 5 * MIN, zh)).toBe('即将');
  });
});

describe('the tide chart data', () => {
  it('puts the forecast beside the observations on one axis, after the last observation', () => {
    const state = initialState();
    state.levelSeries['tide-huangpu-park'] = [
      [0, 3.9],
      [10 * MIN, 4.0],
    ];
    state.forecasts['f'] = {
      id: 'f',
      sensorId: 'tide-huangpu-park',
      issuedAt: 0,
      series: [
        [5 * MIN, 3.95],
        [30 * MIN, 4.4],
        [60 * MIN, 4.65],
      ],
      crossing: null,
      observed: null,
    };
    state.forecastBySensor['tide-huangpu-park'] = 'f';
    const [x, observed, forecast] = tideDataWithForecast(state);
    expect(x).toEqual([0, 600, 1800, 3600]);
    expect(observed).toEqual([3.9, 4.0, null, null]);
    expect(forecast).toEqual([null, null, 4.4, 4.65]);
  });
});
