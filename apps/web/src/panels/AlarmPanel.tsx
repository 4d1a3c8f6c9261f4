import { useEffect, useState } from 'react';
import { formatHourMinute } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { focusMap, select } from '../store/actions';
import { alarmRows, type AlarmRow } from '../store/derive';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';
import { acknowledge } from './alarm-actions';
import { formatAlarmValue } from './format';
import { AlarmCountdown } from '../warnings/AlarmCountdown';

/** Red alarms flash once: remember which (alarm, severity) pairs have been shown. */
const flashed = new Set<string>();

/** The alarm queue: unacknowledged first, then by severity, then newest. */
export function AlarmPanel() {
  const rows = useDerived((store) => alarmRows(store.picture.state));
  const { t } = useLanguage();
  if (rows.length === 0) return <p className="empty">{t('alarm.empty')}</p>;
  return (
    <ol className="alarm-list" data-testid="alarm-list">
      {rows.map((row) => (
        <AlarmItem key={`${row.id}:${row.severity}`} row={row} />
      ))}
    </ol>
  );
}

function AlarmItem({ row }: { row: AlarmRow }) {
  const { language, t } = useLanguage();
  const canAck = useCan('acknowledgeAlert');
  const selected = useStore(
    (store) => store.ui.selected?.kind === 'alert' && store.ui.selected.id === row.id,
  );
  const assets = useStore((store) => store.picture.state?.assets);
  const flashKey = `${row.id}:${row.severity}`;
  // Decided once, at mount (the key includes the severity, so an escalation remounts).
  const [flash] = useState(
    () => row.severity === 'red' && row.acknowledgedBy === null && !flashed.has(flashKey),
  );
  useEffect(
    function rememberFlash() {
      if (flash) flashed.add(flashKey);
    },
    [flash, flashKey],
  );
  const value = formatAlarmValue(row.kind, row.value, row.threshold, t);
  const subject = assets?.[row.subjectId];
  return (
    <li
      className={`alarm-item sev-${row.severity}${row.acknowledgedBy === null ? ' unacked' : ''}${
        selected ? ' selected' : ''
      }${flash ? ' flash' : ''}`}
      data-testid="alarm-item"
      data-alert-id={row.id}
      data-severity={row.severity}
      onClick={() => {
        select({ kind: 'alert', id: row.id });
        if (subject) focusMap(subject.lat, subject.lng, 15);
      }}
    >
      <span className="sev-dot" aria-hidden>
        ●
      </span>
      <div className="alarm-body">
        <div className="alarm-title">
          <strong>{t(`severity.${row.severity}`)}</strong> {t(`alertKind.${row.kind}`)} ·{' '}
          {language === 'en' ? row.subjectNameEn : row.subjectName}
        </div>
        <div className="alarm-meta">
          {value && `${value} · `}
          {formatHourMinute(language, row.updatedAt)}
          {row.acknowledgedBy !== null && (
            <span className="acked"> · {t('alarm.acked', { who: row.acknowledgedBy })}</span>
          )}
        </div>
        <AlarmCountdown alertId={row.id} />
      </div>
      {canAck && row.acknowledgedBy === null && (
        <button
          type="button"
          className="ack-button"
          data-testid="ack-button"
          onClick={(event) => {
            event.stopPropagation();
            void acknowledge(row.id);
          }}
        >
          {t('alarm.ack')}
        </button>
      )}
    </li>
  );
}
