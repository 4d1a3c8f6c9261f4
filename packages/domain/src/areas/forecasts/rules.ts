import type { Asset } from '../../model/assets.js';
import type { DomainEvent, EventDataOf } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import type { RuleConfig, SeverityBands } from '../../rules/config.js';
import { toShanghaiIso } from '../../time.js';
import { alertTransition, bandOf } from '../alerts/rules.js';
import { levelBands } from '../sensors/rules.js';

const MIN_MS = 60_000;

/** The bands a forecast of this sensor is read against (its own alarm lines). */
export function forecastBands(asset: Asset, config: RuleConfig): SeverityBands | null {
  switch (asset.kind) {
    case 'water-level-gauge':
      return levelBands(asset, config);
    case 'rain-gauge':
      return config.rainstorm.oneHourMm.value;
    case 'waterlogging-point':
      return { ...config.waterlogging.depthBandsCm.value, blue: asset.thresholdCm };
    case 'underpass': {
      const line = asset.closeAtCm;
      return { blue: line, yellow: line, orange: line, red: line };
    }
    default:
      return null;
  }
}

type Crossing = EventDataOf<'forecast.issued'>['crossing'];

/**
 * The first rise over the lowest band after `now`, within the series: points already over the
 * line at the start belong to the water now passing, not to the one foreseen. The crossing time
 * is interpolated between the points either side; the peak is that high water's highest point.
 */
export function foreseenCrossing(
  series: [number, number][],
  bands: SeverityBands,
  now: number,
): Crossing {
  const line = bands.blue;
  for (let i = 1; i < series.length; i += 1) {
    const [t0, v0] = series[i - 1]!;
    const [t1, v1] = series[i]!;
    if (t1 <= now || v1 < line || v0 >= line) continue;
    const at = t0 + ((line - v0) / (v1 - v0)) * (t1 - t0);
    if (at <= now) continue;
    let peak = v1;
    let peakAt = t1;
    for (let j = i; j < series.length && series[j]![1] >= line; j += 1) {
      if (series[j]![1] > peak) [peakAt, peak] = series[j]!;
    }
    const severity = bandOf(peak, bands) ?? 'blue';
    return {
      at: toShanghaiIso(Math.round(at / MIN_MS) * MIN_MS),
      threshold: line,
      peak,
      peakAt: toShanghaiIso(peakAt),
      severity,
    };
  }
  return null;
}

/**
 * What a reading, already folded into `state`, means for the forecasts and trends: the observed
 * crossing a forecast foresaw (linked to it, its alarm handed over to the observed one), and the
 * time-to-threshold of a rising depth sensor or inner river.
 */
export function forecastEventsForReading(
  state: State,
  sensorId: string,
  value: number,
  at: string,
  config: RuleConfig,
): DomainEvent[] {
  return [
    ...crossingObserved(state, sensorId, value, at),
    ...trendEvents(state, sensorId, value, at, config),
  ];
}

/** A forecast's crossing is met when the gauge first reaches its line within 6 h of it. */
const MATCH_WINDOW_MS = 6 * 3600_000;

function crossingObserved(state: State, sensorId: string, value: number, at: string) {
  const forecastId = own(state.forecastBySensor, sensorId);
  const forecast = forecastId ? own(state.forecasts, forecastId) : undefined;
  const crossing = forecast?.crossing;
  const atMs = Date.parse(at);
  if (!forecast || !crossing || forecast.observed || value < crossing.threshold) return [];
  if (atMs < forecast.issuedAt || Math.abs(atMs - crossing.at) > MATCH_WINDOW_MS) return [];
  const events: DomainEvent[] = [
    {
      type: 'forecast.crossingObserved',
      at,
      data: {
        forecastId: forecast.id,
        sensorId,
        value,
        expectedAt: toShanghaiIso(crossing.at),
        leadMin: Math.round((atMs - forecast.issuedAt) / MIN_MS),
        timingErrorMin: Math.round((atMs - crossing.at) / MIN_MS),
      },
    },
  ];
  events.push(
    ...alertTransition(state, at, 'forecast', sensorId, {
      severity: null,
      value,
      threshold: crossing.threshold,
      clear: true,
    }),
  );
  return events;
}

/** Straight-line fit of (t, v): slope per ms, value at `t` = last time, and R². */
export function fitTrend(points: [number, number][]) {
  const n = points.length;
  const meanT = points.reduce((sum, [t]) => sum + t, 0) / n;
  const meanV = points.reduce((sum, [, v]) => sum + v, 0) / n;
  let stt = 0;
  let stv = 0;
  let svv = 0;
  for (const [t, v] of points) {
    stt += (t - meanT) ** 2;
    stv += (t - meanT) * (v - meanV);
    svv += (v - meanV) ** 2;
  }
  const slope = stt === 0 ? 0 : stv / stt;
  const confidence = svv === 0 || stt === 0 ? 0 : (stv * stv) / (stt * svv);
  return { slope, confidence };
}

/** The line a rising sensor is heading for, and its recent readings. */
function trendSubject(state: State, sensorId: string, config: RuleConfig) {
  const asset = own(state.assets, sensorId);
  if (!asset) return null;
  switch (asset.kind) {
    case 'waterlogging-point':
      return {
        line: asset.thresholdCm,
        rise: config.trend.value.minRise.cm,
        series: state.trendWindows[sensorId],
      };
    case 'underpass':
      return {
        line: asset.closeAtCm,
        rise: config.trend.value.minRise.cm,
        series: state.trendWindows[sensorId],
      };
    case 'water-level-gauge': {
      // Inner rivers only: the Huangpu's tide stations have tide forecasts instead.
      const bands = levelBands(asset, config);
      if (asset.tideStation || !bands) return null;
      return {
        line: bands.blue,
        rise: config.trend.value.minRise.m,
        series: state.levelSeries[sensorId],
      };
    }
    default:
      return null;
  }
}

function trendEvents(
  state: State,
  sensorId: string,
  value: number,
  at: string,
  config: RuleConfig,
): DomainEvent[] {
  const subject = trendSubject(state, sensorId, config);
  if (!subject) return [];
  const settings = config.trend.value;
  const atMs = Date.parse(at);
  const open = own(state.trends, sensorId);
  const end = (reason: 'reached' | 'eased'): DomainEvent[] => [
    { type: 'trend.ended', at, data: { sensorId, reason } },
    ...alertTransition(state, at, 'trend', sensorId, {
      severity: null,
      value,
      threshold: subject.line,
      clear: true,
    }),
  ];
  if (value >= subject.line) return open ? end('reached') : [];

  const recent = (subject.series ?? []).filter(([t]) => t > atMs - settings.windowMin * MIN_MS);
  const span = recent.length > 1 ? recent[recent.length - 1]![0] - recent[0]![0] : 0;
  const fit = recent.length >= 2 ? fitTrend(recent) : { slope: 0, confidence: 0 };
  const enough = recent.length >= settings.minPoints && span >= settings.minSpanMin * MIN_MS;
  const etaMs = fit.slope > 0 ? (subject.line - value) / fit.slope : Infinity;
  const sure =
    enough &&
    fit.confidence >= settings.minConfidence &&
    fit.slope * span >= subject.rise &&
    etaMs <= settings.horizonMin * MIN_MS;
  if (!sure) {
    // Hysteresis: an open projection ends only when the rise has clearly stopped.
    const stopped = fit.slope <= 0 || etaMs > 2 * settings.horizonMin * MIN_MS;
    return open && stopped ? end('eased') : [];
  }
  const etaAt = Math.round((atMs + etaMs) / MIN_MS) * MIN_MS;
  if (open && Math.abs(open.etaAt - etaAt) <= settings.reissueShiftMin * MIN_MS) return [];
  return [
    {
      type: 'trend.projected',
      at,
      data: {
        sensorId,
        value,
        threshold: subject.line,
        etaAt: toShanghaiIso(etaAt),
        ratePerHour: Number((fit.slope * 3600_000).toFixed(3)),
        confidence: Number(fit.confidence.toFixed(3)),
      },
    },
    ...alertTransition(state, at, 'trend', sensorId, {
      severity: 'yellow',
      value,
      threshold: subject.line,
      clear: false,
    }),
  ];
}
