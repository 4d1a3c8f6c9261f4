import type { AlertKind, IncidentKind } from '@floodnet/domain';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { draftIncidentAt, focusMap } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { acknowledge } from './alarm-actions';
import { formatAlarmValue } from './format';
import { describeReport } from '../compounds/report-text';

/** Which incident an alarm usually turns into, so reporting it is one click. */
const INCIDENT_FOR_ALERT: Partial<Record<AlertKind, IncidentKind>> = {
  waterlogging: 'waterlogging',
  'underpass-closure': 'underpass-flooded',
  'pump-fault': 'pump-fault',
  tide: 'embankment',
  'water-level': 'embankment',
  'compound-report': 'underground-space',
};

/** The selected alarm: the numbers, acknowledge, and "report an incident here". */
export function AlertDetails({ alertId }: { alertId: string }) {
  const { language, t } = useLanguage();
  const canAck = useCan('acknowledgeAlert');
  const canReport = useCan('reportIncident');
  const info = useDerived((store) => {
    const state = store.picture.state;
    const alert = state?.alerts[alertId];
    if (!state || !alert) return null;
    // A compound's report alarm says what the property manager reported, not a number.
    const reports =
      alert.kind === 'compound-report' ? state.reportsByCompound[alert.subjectId] : [];
    const lastId = reports?.[reports.length - 1];
    const report = lastId === undefined ? null : (state.compoundReports[lastId] ?? null);
    return { alert: { ...alert }, subject: state.assets[alert.subjectId] ?? null, report };
  });
  if (!info) return null;
  const { alert, subject, report } = info;
  const incidentKind = INCIDENT_FOR_ALERT[alert.kind] ?? 'other';
  return (
    <div className={`alert-details sev-${alert.severity}`} data-testid="alert-details">
      <h3>
        <span className="sev-dot">●</span> {t(`severity.${alert.severity}`)} ·{' '}
        {t(`alertKind.${alert.kind}`)}
      </h3>
      {subject && (
        <button
          type="button"
          className="link"
          onClick={() => focusMap(subject.lat, subject.lng, 16)}
        >
          {nameIn(language, subject)}
        </button>
      )}
      <p>{formatAlarmValue(alert.kind, alert.value, alert.threshold, t)}</p>
      {report && (
        <p data-testid="alert-report">
          {describeReport(report, t)}
          <span className="muted">
            {' '}
            · {report.by} {formatHourMinute(language, report.at)}
          </span>
        </p>
      )}
      <p className="muted">
        {formatHourMinute(language, alert.raisedAt)} → {formatHourMinute(language, alert.updatedAt)}
        {alert.clearedAt !== null && ` · ${t('alarm.cleared')}`}
        {alert.acknowledgedBy && ` · ${t('alarm.acked', { who: alert.acknowledgedBy })}`}
      </p>
      <div className="buttons">
        {canAck && alert.acknowledgedAt === null && alert.clearedAt === null && (
          <button
            type="button"
            data-testid="ack-selected"
            onClick={() => void acknowledge(alert.id)}
          >
            {t('alarm.ack')} (A)
          </button>
        )}
        {canReport && subject && (
          <button
            type="button"
            className="primary"
            data-testid="report-from-alarm"
            onClick={() =>
              draftIncidentAt({
                location: { lat: subject.lat, lng: subject.lng },
                pointId: subject.id,
                kind: incidentKind,
              })
            }
          >
            {t('alarm.openIncident')}
          </button>
        )}
      </div>
    </div>
  );
}
