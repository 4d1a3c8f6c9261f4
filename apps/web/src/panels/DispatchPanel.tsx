import { NEXT_STATUS, suggestUnits, type SquadStatus } from '@floodnet/domain';
import { useState } from 'react';
import { assignSquad, changeSquadStatus, resolveIncident } from '../api/commands';
import { ApiError } from '../api/http';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { focusMap, select } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { ArrivalLine, DispatchPackage } from '../movement/DispatchPackage';

/** A refusal shown in the panel, with the unit it was about (to show its state now). */
interface Refused {
  message: string;
  squadId: string | null;
}

/**
 * The selected incident: what and where, its timeline, the units on it with their next steps,
 * the suggested free units (commanders assign from here) and Resolve.
 */
export function DispatchPanel({ incidentId }: { incidentId: string }) {
  const { language, t } = useLanguage();
  const canAssign = useCan('assignSquad');
  const canResolve = useCan('resolveIncident');
  const canChangeStatus = useCan('changeSquadStatus');
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refused | null>(null);

  const incident = useDerived((store) => {
    const state = store.picture.state;
    const found = state?.incidents[incidentId];
    if (!state || !found) return null;
    return {
      id: found.id,
      kind: found.kind,
      status: found.status,
      location: { ...found.location },
      description: found.description,
      reportedBy: found.reportedBy,
      timeline: found.timeline.map((step) => ({
        ...step,
        squad: step.squadId
          ? {
              name: state.assets[step.squadId]?.name ?? step.squadId,
              nameEn: state.assets[step.squadId]?.nameEn ?? step.squadId,
            }
          : null,
      })),
      squads: found.squadIds.map((id) => ({
        id,
        name: state.assets[id]?.name ?? id,
        nameEn: state.assets[id]?.nameEn ?? id,
        status: state.units[id]?.status ?? 'standby',
        onThis: state.units[id]?.incidentId === found.id,
      })),
    };
  });
  const suggestions = useDerived((store) => {
    const state = store.picture.state;
    const found = state?.incidents[incidentId];
    if (!state || !found || found.status === 'resolved') return [];
    return suggestUnits(state, found, showAll ? 100 : 5);
  });
  const refusedUnit = useDerived((store) => {
    const id = refused?.squadId;
    const unit = id ? store.picture.state?.units[id] : undefined;
    const asset = id ? store.picture.state?.assets[id] : undefined;
    return unit && asset
      ? { name: asset.name, nameEn: asset.nameEn, status: unit.status, since: unit.since }
      : null;
  });

  if (!incident) return null;

  async function run(action: () => Promise<unknown>, squadId: string | null) {
    setBusy(true);
    setRefused(null);
    try {
      await action();
    } catch (error) {
      setRefused({
        message: error instanceof ApiError ? error.message : t('error.generic'),
        squadId,
      });
    } finally {
      setBusy(false);
    }
  }

  const active = incident.squads.filter((squad) => squad.onThis);
  return (
    <div className="dispatch" data-testid="dispatch-panel" data-incident-id={incident.id}>
      <h3>
        <span className={`incident-dot status-${incident.status}`}>★</span>{' '}
        {t(`incidentKind.${incident.kind}`)} · {t(`incidentStatus.${incident.status}`)}
      </h3>
      <p className="muted">
        {incident.id} · {incident.reportedBy}
        {incident.description && ` · ${incident.description}`}
      </p>
      <button
        type="button"
        className="link"
        onClick={() => focusMap(incident.location.lat, incident.location.lng, 16)}
      >
        {t('incident.at', {
          lat: incident.location.lat.toFixed(4),
          lng: incident.location.lng.toFixed(4),
        })}
      </button>

      {refused && (
        <div className="refusal" role="alert" data-testid="dispatch-error">
          <strong>{refused.message}</strong>
          {refusedUnit && (
            <div>
              {t('incident.squadNow', {
                name: nameIn(language, refusedUnit),
                status: t(`status.${refusedUnit.status}`),
                since: formatHourMinute(language, refusedUnit.since),
              })}
            </div>
          )}
        </div>
      )}

      {active.length > 0 && (
        <section>
          <h4>{t('incident.squads')}</h4>
          <ul className="unit-list">
            {active.map((squad) => (
              <li key={squad.id} data-testid="assigned-unit" data-status={squad.status}>
                <span className={`status-dot st-${squad.status}`} aria-hidden>
                  ●
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => select({ kind: 'asset', id: squad.id })}
                >
                  {nameIn(language, squad)}
                </button>{' '}
                <span className="muted">{t(`status.${squad.status}`)}</span>
                <ArrivalLine squadId={squad.id} />
                {canChangeStatus && (
                  <span className="status-buttons">
                    {NEXT_STATUS[squad.status].map((next: SquadStatus, i) => (
                      <button
                        key={next}
                        type="button"
                        className={i === 0 ? 'primary' : ''}
                        data-testid={`status-${next}`}
                        disabled={busy}
                        onClick={() => void run(() => changeSquadStatus(squad.id, next), squad.id)}
                      >
                        {t(`status.${next}`)}
                      </button>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {incident.status !== 'resolved' && (
        <section>
          <h4>{t('incident.suggested')}</h4>
          {suggestions.length === 0 && <p className="empty">{t('incident.noSuggestions')}</p>}
          <ol className="suggestions" data-testid="suggestions">
            {suggestions.map((unit) => (
              <li key={unit.unitId} data-testid="suggestion" data-unit-id={unit.unitId}>
                <div>
                  <strong>{nameIn(language, unit)}</strong>{' '}
                  <span className={unit.specialtyMatch ? 'match' : 'muted'}>
                    {t(`specialty.${unit.specialty}`)}
                    {unit.specialtyMatch && ` · ${t('incident.match')}`}
                  </span>
                  <div className="muted">
                    {t('incident.distance', { km: unit.distanceKm, min: unit.etaMin })}
                  </div>
                </div>
                {canAssign && (
                  <DispatchPackage
                    incident={incident}
                    unitId={unit.unitId}
                    unitName={nameIn(language, unit)}
                    disabled={busy}
                  />
                )}
                {canAssign && (
                  <button
                    type="button"
                    className="primary"
                    data-testid="assign-button"
                    disabled={busy}
                    onClick={() =>
                      void run(() => assignSquad(incident.id, unit.unitId), unit.unitId)
                    }
                  >
                    {t('incident.assign')}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <button type="button" className="link" onClick={() => setShowAll(!showAll)}>
            {showAll ? t('incident.fewerUnits') : t('incident.moreUnits')}
          </button>
        </section>
      )}

      <section>
        <h4>{t('incident.timeline')}</h4>
        <ol className="timeline" data-testid="incident-timeline">
          {incident.timeline.map((step, i) => (
            <li key={i}>
              <time>{formatHourMinute(language, step.at)}</time> {t(`step.${step.what}`)}
              {step.squad && ` · ${nameIn(language, step.squad)}`}
              <span className="muted"> · {step.by}</span>
            </li>
          ))}
        </ol>
      </section>

      {canResolve && incident.status !== 'resolved' && (
        <button
          type="button"
          className="resolve"
          data-testid="resolve-button"
          disabled={busy}
          onClick={() => void run(() => resolveIncident(incident.id), null)}
        >
          {t('incident.resolve')}
        </button>
      )}
    </div>
  );
}
