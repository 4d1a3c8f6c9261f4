import { INCIDENT_KINDS, type IncidentKind } from '@floodnet/domain';
import { useState, type FormEvent } from 'react';
import { reportIncident } from '../api/commands';
import { ApiError } from '../api/http';
import { formatHourMinute } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { cancelReporting, select, startReporting } from '../store/actions';
import { incidentRows } from '../store/derive';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';

/** Incidents: report one by clicking the map (duty and up), and the list to pick from. */
export function IncidentPanel() {
  const { language, t } = useLanguage();
  const [showResolved, setShowResolved] = useState(false);
  const canReport = useCan('reportIncident');
  const reporting = useStore((store) => store.ui.reporting);
  const selectedId = useStore((store) =>
    store.ui.selected?.kind === 'incident' ? store.ui.selected.id : null,
  );
  const rows = useDerived((store) => incidentRows(store.picture.state, showResolved));
  return (
    <div className="incident-panel">
      <div className="panel-tools">
        {canReport && (
          <button
            type="button"
            data-testid="report-incident"
            className={reporting ? 'on' : ''}
            onClick={() => (reporting ? cancelReporting() : startReporting())}
          >
            {reporting ? t('incident.reportCancel') : t('incident.report')}
          </button>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(event) => setShowResolved(event.target.checked)}
          />
          {t('incident.showResolved')}
        </label>
      </div>
      {reporting && <ReportForm />}
      {rows.length === 0 && <p className="empty">{t('incident.empty')}</p>}
      <ol className="incident-list">
        {rows.map((row) => (
          <li
            key={row.id}
            data-testid="incident-item"
            data-incident-id={row.id}
            className={`incident-item status-${row.status}${row.id === selectedId ? ' selected' : ''}`}
            onClick={() => select({ kind: 'incident', id: row.id })}
          >
            <span className={`incident-dot status-${row.status}`} aria-hidden>
              ★
            </span>
            <div>
              <div>
                <strong>{t(`incidentKind.${row.kind}`)}</strong> ·{' '}
                {t(`incidentStatus.${row.status}`)}
              </div>
              <div className="muted">
                {row.id} · {formatHourMinute(language, row.reportedAt)}
                {row.description && ` · ${row.description}`}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReportForm() {
  const { t } = useLanguage();
  const draft = useStore((store) => store.ui.draft);
  const [kind, setKind] = useState<IncidentKind>(draft?.kind ?? 'waterlogging');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draftKind, setDraftKind] = useState(draft?.kind ?? null);
  if ((draft?.kind ?? null) !== draftKind) {
    // A new draft from an alarm brings its own kind.
    setDraftKind(draft?.kind ?? null);
    if (draft?.kind) setKind(draft.kind);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const { id } = await reportIncident({
        kind,
        location: draft.location,
        ...(draft.pointId ? { pointId: draft.pointId } : {}),
        description: description.trim(),
      });
      cancelReporting();
      select({ kind: 'incident', id });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }

  if (!draft)
    return (
      <p className="hint" data-testid="report-hint">
        {t('incident.reportHint')}
      </p>
    );
  return (
    <form className="report-form" onSubmit={submit} data-testid="report-form">
      <p className="muted">
        {t('incident.at', {
          lat: draft.location.lat.toFixed(5),
          lng: draft.location.lng.toFixed(5),
        })}
      </p>
      <label>
        {t('incident.kind')}
        <select
          data-testid="incident-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as IncidentKind)}
        >
          {INCIDENT_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`incidentKind.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('incident.description')}
        <textarea
          data-testid="incident-description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" data-testid="incident-submit" disabled={busy}>
        {t('incident.submit')}
      </button>
    </form>
  );
}
