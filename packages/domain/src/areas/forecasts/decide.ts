import { sensorKindOf } from '../../model/assets.js';
import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { own } from '../../model/state.js';
import { refuse } from '../../refusals.js';
import { alertTransition } from '../alerts/rules.js';
import { forecastBands, foreseenCrossing } from './rules.js';

export const forecastRoles = {
  // Forecasts come from the hydrological service's and the weather bureau's feeds (API keys).
  issueForecast: ['source', 'admin', 'system'],
} as const;

export const forecastDeciders: Deciders<'issueForecast'> = {
  issueForecast(command, state, { now, at, config }) {
    // A repeated forecast id is acknowledged and not stored twice.
    if (own(state.forecasts, command.id)) return yes([]);
    const asset = own(state.assets, command.sensorId);
    const bands = asset && sensorKindOf(asset) !== null ? forecastBands(asset, config) : null;
    if (!asset || !bands) return no(refuse('UNKNOWN_SENSOR', command.sensorId, 'sensorId'));
    const issuedAt = Date.parse(command.issuedAt);
    if (issuedAt > now + config.maxFutureSec * 1000)
      return no(refuse('READING_IN_FUTURE', command.issuedAt, 'issuedAt'));
    const series: [number, number][] = [];
    for (const [index, point] of command.series.entries()) {
      const time = Date.parse(point.at);
      if (!Number.isFinite(point.value))
        return no(refuse('INVALID_VALUE', String(point.value), `series[${index}].value`));
      if (series.length > 0 && time <= series[series.length - 1]![0])
        return no(refuse('FORECAST_OUT_OF_ORDER', point.at, `series[${index}].at`));
      series.push([time, point.value]);
    }
    const crossing = foreseenCrossing(series, bands, now);
    const events: DomainEvent[] = [
      {
        type: 'forecast.issued',
        at,
        data: {
          forecastId: command.id,
          sensorId: command.sensorId,
          issuedAt: command.issuedAt,
          series: command.series,
          crossing,
        },
      },
    ];
    // Water already over the line has its own alarm: a forecast alarm is for what is coming.
    const observedKind = asset.kind === 'water-level-gauge' ? ['tide', 'water-level'] : [];
    const alreadyOver = observedKind.some((kind) =>
      own(state.openAlertBySubject, `${kind}:${command.sensorId}`),
    );
    events.push(
      ...alertTransition(state, at, 'forecast', command.sensorId, {
        severity: crossing && !alreadyOver ? crossing.severity : null,
        value: crossing?.peak ?? 0,
        threshold: crossing?.threshold ?? bands.blue,
        clear: crossing === null,
      }),
    );
    return yes(events);
  },
};
