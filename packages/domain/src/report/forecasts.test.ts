import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../model/events.js';
import { afterActionReport } from './after-action.js';

const at = (hhmm: string, day = '24') => `2021-07-${day}T${hhmm}:00+08:00`;

describe('the forecasts section of the after-action report', () => {
  it('given a forecast crossing and the observed one, then it shows lead time, timing and peak error', () => {
    const events: DomainEvent[] = [
      {
        type: 'forecast.issued',
        at: at('10:00', '23'),
        data: {
          forecastId: 'f-1',
          sensorId: 'tide-huangpu-park',
          issuedAt: at('10:00', '23'),
          series: [],
          crossing: {
            at: at('00:00'),
            threshold: 4.55,
            peak: 4.65,
            peakAt: at('00:30'),
            severity: 'blue',
          },
        },
      },
      {
        type: 'reading.recorded',
        at: at('00:10'),
        data: { sensorId: 'tide-huangpu-park', value: 4.56 },
      },
      {
        type: 'forecast.crossingObserved',
        at: at('00:10'),
        data: {
          forecastId: 'f-1',
          sensorId: 'tide-huangpu-park',
          value: 4.56,
          expectedAt: at('00:00'),
          leadMin: 850,
          timingErrorMin: 10,
        },
      },
      {
        type: 'reading.recorded',
        at: at('00:40'),
        data: { sensorId: 'tide-huangpu-park', value: 4.68 },
      },
      {
        type: 'reading.recorded',
        at: at('01:40'),
        data: { sensorId: 'tide-huangpu-park', value: 4.4 },
      },
      // A later high water is not this forecast's.
      {
        type: 'reading.recorded',
        at: at('13:00'),
        data: { sensorId: 'tide-huangpu-park', value: 4.9 },
      },
    ];
    expect(afterActionReport('live', events).forecasts).toEqual([
      expect.objectContaining({
        forecastId: 'f-1',
        leadMin: 850,
        timingErrorMin: 10,
        observedPeak: 4.68,
        peakError: 0.03,
      }),
    ]);
  });

  it('given a forecast whose water never came, then it has no observed crossing', () => {
    const report = afterActionReport('live', [
      {
        type: 'forecast.issued',
        at: at('10:00', '23'),
        data: {
          forecastId: 'f-2',
          sensorId: 'tide-huangpu-park',
          issuedAt: at('10:00', '23'),
          series: [],
          crossing: {
            at: at('00:00'),
            threshold: 4.55,
            peak: 4.6,
            peakAt: at('00:30'),
            severity: 'blue',
          },
        },
      },
    ]);
    expect(report.forecasts[0]).toMatchObject({ observedAt: null, leadMin: null, peakError: null });
  });
});
