import './movement.css';
import {
  MATERIAL_TYPES,
  MATERIAL_TYPE_NAMES,
  NEXT_MATERIAL_STEP,
  stockOnHand,
  stores,
  type MaterialStep,
} from '@floodnet/domain';
import { useState } from 'react';
import { ApiError } from '../api/http';
import { nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { select } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { advanceMaterials } from './commands';
import { describeItems } from './describe';

const STEP_LABEL = {
  dispatch: 'materials.dispatch',
  deliver: 'materials.deliver',
  return: 'materials.return',
  'use-up': 'materials.useUp',
} as const satisfies Record<MaterialStep, string>;

/** Every store's stock (low ones marked), and what is out at which incident. */
export function MaterialsPanel() {
  const { language, t } = useLanguage();
  const canStep = useCan('advanceMaterials');
  const [error, setError] = useState<string | null>(null);
  const rows = useDerived((store) => {
    const state = store.picture.state;
    if (!state) return [];
    return stores(state).map((asset) => ({
      id: asset.id,
      name: asset.name,
      nameEn: asset.nameEn,
      onHand: stockOnHand(state, asset.id)!,
    }));
  });
  const out = useDerived((store) => {
    const state = store.picture.state;
    if (!state) return [];
    return Object.values(state.materialRequests)
      .filter((request) => request.closedAt === null)
      .map((request) => ({
        ...request,
        store: state.assets[request.fromId] ?? null,
        vehicle: request.vehicleId ? (state.assets[request.vehicleId] ?? null) : null,
      }));
  });
  const zh = language === 'zh';
  const step = (id: string, next: MaterialStep) => {
    setError(null);
    advanceMaterials(id, next).catch((failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : t('error.generic')),
    );
  };
  return (
    <div className="materials" data-testid="materials-panel">
      <h4>{t('materials.heading')}</h4>
      {error && (
        <div className="refusal" role="alert">
          {error}
        </div>
      )}
      <table className="stock-table">
        <thead>
          <tr>
            <th>{t('materials.store')}</th>
            {MATERIAL_TYPE_NAMES.map((type) => (
              <th key={type} title={zh ? MATERIAL_TYPES[type].name : MATERIAL_TYPES[type].nameEn}>
                {zh ? MATERIAL_TYPES[type].name : MATERIAL_TYPES[type].nameEn}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="stock-row" data-store-id={row.id}>
              <th>
                <button
                  type="button"
                  className="link"
                  onClick={() => select({ kind: 'asset', id: row.id })}
                >
                  {nameIn(language, row)}
                </button>
              </th>
              {MATERIAL_TYPE_NAMES.map((type) => {
                const left = row.onHand[type];
                const low = left < MATERIAL_TYPES[type].reserve;
                return (
                  <td
                    key={type}
                    data-type={type}
                    data-testid={`stock-${type}`}
                    className={left === 0 ? 'stock-empty' : low ? 'stock-low' : ''}
                    title={left === 0 ? t('materials.empty') : low ? t('materials.low') : ''}
                  >
                    {left}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{t('materials.out')}</h4>
      {out.length === 0 && <p className="empty">{t('materials.noneOut')}</p>}
      <ul className="materials-out">
        {out.map((request) => (
          <li key={request.id} data-testid="materials-out" data-request-id={request.id}>
            <div>
              <strong>{describeItems(request.items, zh)}</strong>{' '}
              <span className="muted">{t(`materials.status.${request.status}`)}</span>
            </div>
            <div className="muted">
              <button
                type="button"
                className="link"
                onClick={() => select({ kind: 'incident', id: request.incidentId })}
              >
                {t('materials.forIncident', {
                  incident: request.incidentId,
                  store: request.store ? nameIn(language, request.store) : request.fromId,
                })}
              </button>
              {request.vehicle &&
                ` · ${t('materials.carriedBy', { vehicle: nameIn(language, request.vehicle) })}`}
            </div>
            {canStep && (
              <span className="status-buttons">
                {NEXT_MATERIAL_STEP[request.status].map((next) => (
                  <button
                    key={next}
                    type="button"
                    data-testid={`materials-${next}`}
                    onClick={() => step(request.id, next)}
                  >
                    {t(STEP_LABEL[next])}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
