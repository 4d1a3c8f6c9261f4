import { assertNever, type EventEnvelope, type State } from '@floodnet/domain';
import { nameIn, type Language, type Translate } from '../i18n/translate';
import { describePlanEvent } from '../plans/describe';
import { describeMovement } from '../movement/describe';
import { describeForecastOrWarning } from '../warnings/describe';

/** One event in words a duty officer reads at a glance, in the current language. */
export function describeEvent(
  event: EventEnvelope,
  state: State | null,
  language: Language,
  t: Translate,
): string {
  const name = (id: string) => {
    const asset = state?.assets[id];
    return asset ? nameIn(language, asset) : id;
  };
  const alertSubject = (alertId: string) => {
    const alert = state?.alerts[alertId];
    return alert ? name(alert.subjectId) : alertId;
  };
  const level = (value: string | null) =>
    value ? t(`level.${value as 'IV'}`) : t('top.noResponse');
  switch (event.type) {
    case 'assets.registered':
      return t('feed.assets.registered', { n: event.data.assets.length });
    case 'reading.recorded':
      return `${name(event.data.sensorId)}: ${event.data.value}`;
    case 'sensor.wentStale':
      return t('feed.sensor.wentStale', { name: name(event.data.sensorId) });
    case 'underpass.closed':
      return t('feed.underpass.closed', {
        name: name(event.data.underpassId),
        depth: Math.round(event.data.depthCm),
      });
    case 'underpass.reopened':
      return t('feed.underpass.reopened', { name: name(event.data.underpassId) });
    case 'alert.raised':
      return t('feed.alert.raised', {
        severity: t(`severity.${event.data.severity}`),
        kind: t(`alertKind.${event.data.kind}`),
        name: name(event.data.subjectId),
      });
    case 'alert.escalated':
      return t('feed.alert.escalated', {
        severity: t(`severity.${event.data.severity}`),
        name: alertSubject(event.data.alertId),
      });
    case 'alert.cleared':
      return t('feed.alert.cleared', { name: alertSubject(event.data.alertId) });
    case 'alert.acknowledged':
      return t('feed.alert.acknowledged', {
        who: event.data.by.name,
        name: alertSubject(event.data.alertId),
      });
    case 'signal.changed':
      return event.data.level
        ? t('feed.signal.changed', {
            signal: t(`signal.${event.data.kind}`),
            level: t(`severity.${event.data.level}`),
          })
        : t('feed.signal.lifted', { signal: t(`signal.${event.data.kind}`) });
    case 'responseLevel.suggested':
      return t('feed.responseLevel.suggested', { level: level(event.data.level) });
    case 'responseLevel.changed':
      return t('feed.responseLevel.changed', {
        who: event.data.by.name,
        level: level(event.data.level),
      });
    case 'typhoon.positionReported':
      return t('feed.typhoon.positionReported', {
        name: event.data.name,
        lat: event.data.lat.toFixed(1),
        lng: event.data.lng.toFixed(1),
        wind: Math.round(event.data.windMs),
      });
    case 'incident.reported':
      return t('feed.incident.reported', {
        who: event.data.by.name,
        kind: t(`incidentKind.${event.data.kind}`),
      });
    case 'squad.assigned':
      return t('feed.squad.assigned', { who: event.data.by.name, squad: name(event.data.squadId) });
    case 'squad.statusChanged':
      return t('feed.squad.statusChanged', {
        squad: name(event.data.squadId),
        status: t(`status.${event.data.status}`),
      });
    case 'incident.resolved':
      return t('feed.incident.resolved', { who: event.data.by.name, id: event.data.incidentId });
    case 'plans.registered':
    case 'plan.activated':
    case 'plan.stoodDown':
    case 'task.issued':
    case 'task.acknowledged':
    case 'task.completed':
    case 'task.overdue':
    case 'evacuation.recorded':
    case 'evacuation.returned':
    case 'shift.handedOver':
      return describePlanEvent(event, state, name, t);
    case 'notice.issued':
      return t('feed.notice.issued', {
        who: event.data.by.name,
        title: event.data.title,
        n: event.data.recipients.length,
      });
    case 'notice.delivered':
    case 'notice.read':
    case 'notice.acknowledged':
      return t(`feed.${event.type}`, { name: name(event.data.recipientId) });
    case 'notice.overdue':
      return t('feed.notice.overdue', {
        name: name(event.data.recipientId),
        team: event.data.teamId ? name(event.data.teamId) : '—',
      });
    case 'compound.reported':
      return t('feed.compound.reported', {
        name: name(event.data.compoundId),
        kind:
          t(`report.${event.data.kind}`) +
          (event.data.depthCm !== null ? ` ${event.data.depthCm} cm` : '') +
          (event.data.people !== null ? ` ${event.data.people}` : ''),
      });
    case 'webhook.registered':
    case 'webhook.delivered':
    case 'webhook.attemptFailed':
      return `${event.type} ${event.data.webhookId}`;
    case 'unit.positionReported':
    case 'materials.requested':
    case 'materials.dispatched':
    case 'materials.delivered':
    case 'materials.returned':
    case 'materials.usedUp':
    case 'squad.checkedIn':
      return describeMovement(event, name, t);
    case 'warning.issued':
    case 'warning.updated':
    case 'warning.cancelled':
    case 'forecast.issued':
    case 'forecast.crossingObserved':
    case 'trend.projected':
    case 'trend.ended':
      return describeForecastOrWarning(event, state, name, t, language);
    default:
      return assertNever(event);
  }
}
