import type { Folds } from '../../model/area.js';
import { own } from '../../model/state.js';

export const forecastFolds: Folds<
  'forecast.issued' | 'forecast.crossingObserved' | 'trend.projected' | 'trend.ended'
> = {
  'forecast.issued'(state, data) {
    const { crossing } = data;
    state.forecasts[data.forecastId] = {
      id: data.forecastId,
      sensorId: data.sensorId,
      issuedAt: Date.parse(data.issuedAt),
      series: data.series.map((point) => [Date.parse(point.at), point.value]),
      crossing: crossing
        ? {
            at: Date.parse(crossing.at),
            threshold: crossing.threshold,
            peak: crossing.peak,
            peakAt: Date.parse(crossing.peakAt),
            severity: crossing.severity,
          }
        : null,
      observed: null,
    };
    state.forecastBySensor[data.sensorId] = data.forecastId;
  },
  'forecast.crossingObserved'(state, data, at) {
    const forecast = own(state.forecasts, data.forecastId);
    if (!forecast) return;
    const { value, leadMin, timingErrorMin } = data;
    forecast.observed = { at, value, leadMin, timingErrorMin };
  },
  'trend.projected'(state, data, at) {
    const since = own(state.trends, data.sensorId)?.since ?? at;
    const { sensorId, value, threshold, ratePerHour, confidence } = data;
    state.trends[sensorId] = {
      sensorId,
      value,
      threshold,
      etaAt: Date.parse(data.etaAt),
      ratePerHour,
      confidence,
      since,
    };
  },
  'trend.ended'(state, data) {
    delete state.trends[data.sensorId];
  },
};
