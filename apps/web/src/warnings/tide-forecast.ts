import { own, type State } from '@floodnet/domain';
import type uPlot from 'uplot';
import { formatHourMinute, translator, type Language } from '../i18n/translate';
import { countdown } from './countdown';

const STATION = 'tide-huangpu-park';

/** The newest tide forecast for 黄浦公园, as [time ms, m] pairs, and its foreseen high water. */
export function tideForecast(state: State | null) {
  const id = state ? own(state.forecastBySensor, STATION) : undefined;
  const forecast = id && state ? own(state.forecasts, id) : undefined;
  return forecast ? { series: forecast.series, crossing: forecast.crossing } : null;
}

/**
 * Observations and the forecast on one time axis, for uPlot: the union of their times, each
 * series null where it has no point (drawn with gaps spanned). Forecast points from before the
 * newest observation are dropped: where the water was measured, the measurement stands.
 */
export function tideDataWithForecast(state: State | null): uPlot.AlignedData {
  const observed = state?.levelSeries[STATION] ?? [];
  const lastObserved = observed.length > 0 ? observed[observed.length - 1]![0] : -Infinity;
  const forecast = (tideForecast(state)?.series ?? []).filter(([at]) => at > lastObserved);
  const times = [...new Set([...observed.map(([at]) => at), ...forecast.map(([at]) => at)])].sort(
    (a, b) => a - b,
  );
  const obs = new Map(observed);
  const fc = new Map(forecast);
  return [
    times.map((at) => at / 1000),
    times.map((at) => obs.get(at) ?? null),
    times.map((at) => fc.get(at) ?? null),
  ];
}

/** "预报 00:30 4.65 m · 15 小时后" beside the forecast peak, when the forecast crosses the line. */
export function tideForecastLabel(state: State | null, language: Language): string | null {
  const forecast = tideForecast(state);
  if (!forecast?.crossing || !state) return null;
  const t = translator(language);
  const { peak, peakAt } = forecast.crossing;
  return `${t('forecast.line')} ${formatHourMinute(language, peakAt)} ${peak.toFixed(2)} m · ${t(
    'forecast.in',
    { in: countdown(peakAt, state.clock ?? peakAt, t) },
  )}`;
}
