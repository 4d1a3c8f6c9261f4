import type { Asset } from '../../model/assets.js';
import type { DomainEvent } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import { alertTransition, bandOf } from '../alerts/rules.js';
import type { RuleConfig, SeverityBands } from '../../rules/config.js';
import { severityRank } from '../../model/vocabulary.js';

const HOUR_MS = 3600_000;

/** Rain fallen at a gauge in the `spanMs` up to and including `at`. */
export function rainAccumulation(state: State, gaugeId: string, at: number, spanMs: number) {
  let total = 0;
  for (const [time, mm] of state.rainWindows[gaugeId] ?? []) {
    if (time > at - spanMs && time <= at) total += mm;
  }
  return total;
}

/** Shanghai rainstorm level at a gauge from its 1 h and 6 h accumulations. */
export function rainstormAt(state: State, gaugeId: string, at: number, config: RuleConfig) {
  const oneHour = rainAccumulation(state, gaugeId, at, HOUR_MS);
  const sixHour = rainAccumulation(state, gaugeId, at, 6 * HOUR_MS);
  const byOne = bandOf(oneHour, config.rainstorm.oneHourMm.value);
  const bySix = bandOf(sixHour, config.rainstorm.sixHourMm.value);
  if (severityRank(byOne) >= severityRank(bySix)) {
    return {
      severity: byOne,
      value: oneHour,
      threshold: thresholdFor(byOne, config.rainstorm.oneHourMm.value),
    };
  }
  return {
    severity: bySix,
    value: sixHour,
    threshold: thresholdFor(bySix, config.rainstorm.sixHourMm.value),
  };
}

function thresholdFor(severity: keyof SeverityBands | null, bands: SeverityBands): number {
  return severity === null ? bands.blue : bands[severity];
}

export function levelBands(asset: Asset, config: RuleConfig): SeverityBands | null {
  if (asset.kind !== 'water-level-gauge') return null;
  const own = config.tideBandsM[asset.id];
  if (own) return own.value;
  const offsets = config.tideOffsetsM.value;
  return {
    blue: asset.warningLevelM + offsets.blue,
    yellow: asset.warningLevelM + offsets.yellow,
    orange: asset.warningLevelM + offsets.orange,
    red: asset.warningLevelM + offsets.red,
  };
}

/** Alerts and closures that one reading, already folded into `state`, gives rise to. */
export function eventsForReading(
  state: State,
  sensorId: string,
  value: number,
  at: string,
  config: RuleConfig,
): DomainEvent[] {
  const asset = own(state.assets, sensorId);
  const sensor = own(state.sensors, sensorId);
  if (!asset || !sensor) return [];
  const events: DomainEvent[] = [];
  const staleAlert = state.openAlertBySubject[`sensor-stale:${sensorId}`];
  if (staleAlert) events.push({ type: 'alert.cleared', at, data: { alertId: staleAlert } });

  switch (asset.kind) {
    case 'rain-gauge': {
      const level = rainstormAt(state, sensorId, Date.parse(at), config);
      events.push(
        ...alertTransition(state, at, 'rainstorm', sensorId, {
          ...level,
          clear: level.severity === null,
        }),
      );
      break;
    }
    case 'water-level-gauge': {
      const bands = levelBands(asset, config);
      if (!bands) break;
      const severity = bandOf(value, bands);
      const kind = asset.tideStation ? 'tide' : 'water-level';
      // Tide alerts clear 10 cm under the blue line, so one high water gives one alert.
      const clear = value < bands.blue - 0.1;
      events.push(
        ...alertTransition(state, at, kind, sensorId, {
          severity,
          value,
          threshold: severity ? bands[severity] : bands.blue,
          clear,
        }),
      );
      break;
    }
    case 'waterlogging-point': {
      const bands = { ...config.waterlogging.depthBandsCm.value, blue: asset.thresholdCm };
      const severity = bandOf(value, bands);
      const clear = value < asset.thresholdCm * config.waterlogging.clearFraction;
      events.push(
        ...alertTransition(state, at, 'waterlogging', sensorId, {
          severity,
          value,
          threshold: severity ? bands[severity] : bands.blue,
          clear,
        }),
      );
      break;
    }
    case 'underpass': {
      const closed = state.closedUnderpasses[sensorId] !== undefined;
      const closeAt = asset.closeAtCm;
      if (!closed && value >= closeAt) {
        events.push({
          type: 'underpass.closed',
          at,
          data: { underpassId: sensorId, depthCm: value },
        });
      }
      const reopen = closed && value < closeAt * config.waterlogging.clearFraction;
      if (reopen) {
        events.push({
          type: 'underpass.reopened',
          at,
          data: { underpassId: sensorId, depthCm: value },
        });
      }
      events.push(
        ...alertTransition(state, at, 'underpass-closure', sensorId, {
          severity: value >= closeAt ? 'red' : null,
          value,
          threshold: closeAt,
          clear: value < closeAt * config.waterlogging.clearFraction,
        }),
      );
      break;
    }
    case 'pump-station':
    case 'sluice':
      events.push(
        ...alertTransition(state, at, 'pump-fault', sensorId, {
          severity: value === 2 ? 'orange' : null,
          value,
          threshold: 2,
          clear: value !== 2,
        }),
      );
      break;
    default:
      break;
  }
  return events;
}
