import './movement.css';
import {
  arrivalEstimate,
  defaultRuleConfig,
  suggestMaterials,
  type IncidentKind,
  type LatLng,
} from '@floodnet/domain';
import { useState } from 'react';
import { assignSquad } from '../api/commands';
import { ApiError } from '../api/http';
import { nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useDerived } from '../store/hooks';
import { requestMaterials } from './commands';
import { describeItems } from './describe';
import { etaText } from './map-views';

/**
 * One click sends a suggested squad with its vehicle and the materials the incident needs (the
 * nearest store that has them all); a second confirms. Materials go first: if the store has run
 * short meanwhile, the 409 says what is left and no squad has been sent without them.
 */
export function DispatchPackage({
  incident,
  unitId,
  unitName,
  disabled,
}: {
  incident: { id: string; kind: IncidentKind; location: LatLng };
  unitId: string;
  unitName: string;
  disabled: boolean;
}) {
  const { language, t } = useLanguage();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = useDerived((store) => {
    const state = store.picture.state;
    if (!state) return null;
    const suggestion = suggestMaterials(state, incident, defaultRuleConfig, unitId);
    if (!suggestion) return null;
    const store_ = state.assets[suggestion.fromId];
    const vehicle = suggestion.vehicleId ? state.assets[suggestion.vehicleId] : undefined;
    return {
      ...suggestion,
      storeName: store_ ? nameIn(language, store_) : suggestion.fromId,
      vehicleName: vehicle ? nameIn(language, vehicle) : null,
    };
  });
  if (!plan) return null;
  const items = describeItems(plan.items, language === 'zh');
  const label = plan.vehicleName
    ? t('dispatch.package', { squad: unitName, vehicle: plan.vehicleName, items })
    : t('dispatch.packageNoVehicle', { squad: unitName, items });

  async function send() {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      await requestMaterials(incident.id, {
        fromId: plan.fromId,
        items: plan.items,
        ...(plan.vehicleId ? { vehicleId: plan.vehicleId } : {}),
      });
      await assignSquad(incident.id, unitId);
      setConfirming(false);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="dispatch-package" data-testid="dispatch-package">
      {!confirming ? (
        <button
          type="button"
          className="primary"
          data-testid="package-button"
          disabled={disabled || busy}
          onClick={() => setConfirming(true)}
        >
          {label}
        </button>
      ) : (
        <div className="confirm">
          <div>{label}</div>
          <div className="muted">
            {t('dispatch.fromStore', { store: plan.storeName, km: plan.km })}
          </div>
          <button
            type="button"
            className="primary"
            data-testid="package-confirm"
            disabled={busy}
            onClick={() => void send()}
          >
            {t('dispatch.confirmPackage')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            ×
          </button>
        </div>
      )}
      {error && (
        <div className="refusal" role="alert" data-testid="package-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** An assigned squad's remaining road distance and its arrival, counted down on the stream clock. */
export function ArrivalLine({ squadId }: { squadId: string }) {
  const { language, t } = useLanguage();
  const estimate = useDerived((store) => {
    const state = store.picture.state;
    if (!state || state.clock === null) return null;
    const found = arrivalEstimate(state, squadId, state.clock, defaultRuleConfig.movement);
    return found
      ? { km: found.remainingKm, eta: etaText(language, found.etaAt, state.clock) }
      : null;
  });
  if (!estimate) return null;
  return (
    <div className="muted eta" data-testid="eta" data-km={estimate.km}>
      {t('move.remaining', { km: estimate.km })} · {estimate.eta}
    </div>
  );
}
