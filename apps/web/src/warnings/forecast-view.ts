import { own, type AlertState, type Severity, type State } from '@floodnet/domain';
import { formatHourMinute, nameIn, type Language, type Translate } from '../i18n/translate';
import { countdown } from './countdown';

/** A forecast or trend alarm with its countdown, for the alarm panel and the map. */
export interface CountdownView {
  alertId: string;
  kind: 'forecast' | 'trend';
  severity: Severity;
  subjectId: string;
  name: string;
  lat: number;
  lng: number;
  /** When the water is due: the forecast peak, or the trend's time to the line. */
  dueAt: number;
  /** How high: the forecast peak, or the line the trend reaches. */
  value: number;
  unit: string;
  /** "预计 00:30 达 4.65 m（15 小时后）" / "约 12 分钟后达到 25 cm". */
  text: string;
}

function unitOf(kind: string | undefined): string {
  if (kind === 'water-level-gauge') return 'm';
  if (kind === 'rain-gauge') return 'mm';
  return 'cm';
}

function shown(value: number, unit: string): string {
  return unit === 'm' ? `${value.toFixed(2)} m` : `${Math.round(value)} ${unit}`;
}

/** The countdown of one open alert, if it is a forecast or trend alarm with its projection. */
export function countdownOf(
  alert: AlertState,
  state: State,
  language: Language,
  t: Translate,
): CountdownView | null {
  if (alert.clearedAt !== null || (alert.kind !== 'forecast' && alert.kind !== 'trend'))
    return null;
  const asset = own(state.assets, alert.subjectId);
  if (!asset) return null;
  const now = state.clock ?? 0;
  const unit = unitOf(asset.kind);
  const base = {
    alertId: alert.id,
    severity: alert.severity,
    subjectId: alert.subjectId,
    name: nameIn(language, asset),
    lat: asset.lat,
    lng: asset.lng,
    unit,
  };
  if (alert.kind === 'forecast') {
    const forecastId = own(state.forecastBySensor, alert.subjectId);
    const crossing = forecastId ? own(state.forecasts, forecastId)?.crossing : null;
    if (!crossing) return null;
    const value = shown(crossing.peak, unit);
    return {
      ...base,
      kind: 'forecast',
      dueAt: crossing.peakAt,
      value: crossing.peak,
      text: t('forecast.countdown', {
        value,
        time: formatHourMinute(language, crossing.peakAt),
        in: countdown(crossing.peakAt, now, t),
      }),
    };
  }
  const trend = own(state.trends, alert.subjectId);
  if (!trend) return null;
  return {
    ...base,
    kind: 'trend',
    dueAt: trend.etaAt,
    value: trend.threshold,
    text: t('forecast.trend', {
      value: shown(trend.threshold, unit),
      in: countdown(trend.etaAt, now, t),
    }),
  };
}

/** Every open forecast and trend alarm with its countdown, soonest first. */
export function countdownViews(state: State | null, language: Language, t: Translate) {
  if (!state) return [];
  return Object.values(state.alerts)
    .map((alert) => countdownOf(alert, state, language, t))
    .filter((view): view is CountdownView => view !== null)
    .sort((a, b) => a.dueAt - b.dueAt);
}
