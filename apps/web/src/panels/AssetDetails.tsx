import { NEXT_STATUS, rainAccumulation, type SquadStatus } from '@floodnet/domain';
import { useState } from 'react';
import { changeSquadStatus } from '../api/commands';
import { ApiError } from '../api/http';
import { formatAge, formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { ageMinutes, isStale } from '../map/views';
import { select } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';

const HOUR_MS = 3600_000;

/** The selected asset: what it is, its state now, and for a unit its next steps. */
export function AssetDetails({ assetId }: { assetId: string }) {
  const { language, t } = useLanguage();
  const canChangeStatus = useCan('changeSquadStatus');
  const [error, setError] = useState<string | null>(null);
  const jiezhenNames = useStore((store) => store.geography?.jiezhen.features);
  const info = useDerived((store) => {
    const state = store.picture.state;
    const asset = state?.assets[assetId];
    if (!state || !asset) return null;
    const sensor = state.sensors[assetId];
    return {
      asset,
      unit: state.units[assetId] ? { ...state.units[assetId] } : null,
      value: sensor?.lastValue ?? null,
      previous: sensor?.previousValue ?? null,
      stale: sensor ? isStale(sensor, state.clock) : false,
      age: ageMinutes(sensor, state.clock),
      pump: state.pumps[assetId] ?? null,
      gate: state.gates[assetId] ?? null,
      closed: state.closedUnderpasses[assetId] !== undefined,
      rain:
        asset.kind === 'rain-gauge' && state.clock !== null
          ? Math.round(rainAccumulation(state, assetId, state.clock, HOUR_MS) * 10) / 10
          : null,
    };
  });
  if (!info) return null;
  const { asset, unit } = info;
  const jiezhen = jiezhenNames?.find((feature) => feature.properties.code === asset.jiezhen);

  async function setStatus(status: SquadStatus) {
    setError(null);
    try {
      await changeSquadStatus(assetId, status);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('error.generic'));
    }
  }

  const unitOf =
    asset.kind === 'water-level-gauge' ? 'm' : asset.kind === 'rain-gauge' ? 'mm' : 'cm';
  return (
    <div className="asset-details" data-testid="asset-details" data-asset-id={asset.id}>
      <h3>{nameIn(language, asset)}</h3>
      <p className="muted">
        {t(`kind.${asset.kind}`)}
        {jiezhen && ` · ${nameIn(language, jiezhen.properties)}`}
      </p>
      {unit && (
        <div data-testid="unit-status" data-status={unit.status}>
          <span className={`status-dot st-${unit.status}`}>●</span> {t(`status.${unit.status}`)} ·{' '}
          {formatHourMinute(language, unit.since)}
          {unit.incidentId && (
            <button
              type="button"
              className="link"
              onClick={() => select({ kind: 'incident', id: unit.incidentId! })}
            >
              {t('details.onIncident', { incident: unit.incidentId })}
            </button>
          )}
          {'specialty' in asset && (
            <p className="muted">
              {t(`specialty.${asset.specialty}`)} · {t('details.members', { n: asset.members })}
            </p>
          )}
          {canChangeStatus && (
            <div className="status-buttons">
              {NEXT_STATUS[unit.status].map((next) => (
                <button key={next} type="button" onClick={() => void setStatus(next)}>
                  {t(`status.${next}`)}
                </button>
              ))}
            </div>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      {info.pump && (
        <p>
          {t('details.status')}: {t(`pump.${info.pump}`)}
        </p>
      )}
      {info.gate && (
        <p>
          {t('details.status')}: {t(`gate.${info.gate}`)}
        </p>
      )}
      {info.rain !== null && <p>{t('details.lastHour', { mm: info.rain })}</p>}
      {(asset.kind === 'waterlogging-point' ||
        asset.kind === 'underpass' ||
        asset.kind === 'water-level-gauge') && (
        <p className={info.stale ? 'stale' : ''}>
          {t('details.value')}: {info.value === null ? '—' : `${info.value} ${unitOf}`}
          {info.value !== null &&
            info.previous !== null &&
            info.value !== info.previous &&
            ` · ${info.value > info.previous ? t('details.rising') : t('details.falling')}`}
          {' · '}
          {info.age === null ? t('details.never') : formatAge(language, info.age)}
          {asset.kind === 'waterlogging-point' &&
            ` · ${t('details.threshold', { value: `${asset.thresholdCm} cm` })}`}
          {asset.kind === 'underpass' &&
            ` · ${t('details.threshold', { value: `${asset.closeAtCm} cm` })}`}
          {info.closed && ` · ${t('legend.closed')}`}
        </p>
      )}
      {asset.kind === 'resettlement-site' && <p>{t('details.capacity', { n: asset.capacity })}</p>}
      {asset.provenance.kind === 'plausible' && (
        <p className="provenance muted" title={asset.provenance.note}>
          {t('details.plausible')}
        </p>
      )}
    </div>
  );
}
