import type { EventEnvelope, State } from '@floodnet/domain';
import { formatHourMinute, type Language, type Translate } from '../i18n/translate';

type Described = Extract<
  EventEnvelope,
  {
    type:
      | 'warning.issued'
      | 'warning.updated'
      | 'warning.cancelled'
      | 'forecast.issued'
      | 'forecast.crossingObserved'
      | 'trend.projected'
      | 'trend.ended';
  }
>;

/** The feed's words for official warnings, forecasts and trends. */
export function describeForecastOrWarning(
  event: Described,
  state: State | null,
  name: (id: string) => string,
  t: Translate,
  language: Language,
): string {
  const headline = (id: string) => state?.warnings[id]?.headline ?? id;
  switch (event.type) {
    case 'warning.issued':
      return t('feed.warning.issued', {
        kind: t(`warn.kind.${event.data.kind}`),
        level: t(`severity.${event.data.level}`),
        headline: event.data.headline,
      });
    case 'warning.updated':
      return t('feed.warning.updated', {
        level: t(`severity.${event.data.level}`),
        headline: event.data.headline,
      });
    case 'warning.cancelled':
      return t(
        event.data.reason === 'expired' ? 'feed.warning.expired' : 'feed.warning.cancelled',
        {
          headline: headline(event.data.warningId),
        },
      );
    case 'forecast.issued':
      return t('feed.forecast.issued', { name: name(event.data.sensorId) });
    case 'forecast.crossingObserved':
      return t('feed.forecast.crossingObserved', {
        name: name(event.data.sensorId),
        lead: event.data.leadMin,
      });
    case 'trend.projected':
      return t('feed.trend.projected', {
        name: name(event.data.sensorId),
        value: event.data.threshold,
        time: formatHourMinute(language, Date.parse(event.data.etaAt)),
      });
    case 'trend.ended':
      return t('feed.trend.ended', { name: name(event.data.sensorId) });
  }
}
