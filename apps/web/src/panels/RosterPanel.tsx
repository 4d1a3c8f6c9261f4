import { SPECIALTIES, SQUAD_STATUSES, type Specialty, type SquadStatus } from '@floodnet/domain';
import { useState } from 'react';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { focusMap, select } from '../store/actions';
import { rosterRows, type RosterFilter } from '../store/derive';
import { useDerived } from '../store/hooks';
import { useStore } from '../store/store';
import { CheckInTimer } from '../movement/CheckInTimer';

/** Every team and squad, filterable by status and specialty. */
export function RosterPanel() {
  const { language, t } = useLanguage();
  const [filter, setFilter] = useState<RosterFilter>({ status: 'all', specialty: 'all' });
  const rows = useDerived((store) => rosterRows(store.picture.state, filter));
  const selectedId = useStore((store) =>
    store.ui.selected?.kind === 'asset' ? store.ui.selected.id : null,
  );
  return (
    <div className="roster">
      <div className="panel-tools">
        <select
          data-testid="roster-status"
          aria-label={t('roster.allStatuses')}
          value={filter.status}
          onChange={(event) =>
            setFilter({ ...filter, status: event.target.value as SquadStatus | 'all' })
          }
        >
          <option value="all">{t('roster.allStatuses')}</option>
          {SQUAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
        <select
          data-testid="roster-specialty"
          aria-label={t('roster.allSpecialties')}
          value={filter.specialty}
          onChange={(event) =>
            setFilter({ ...filter, specialty: event.target.value as Specialty | 'all' })
          }
        >
          <option value="all">{t('roster.allSpecialties')}</option>
          {SPECIALTIES.map((specialty) => (
            <option key={specialty} value={specialty}>
              {t(`specialty.${specialty}`)}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="roster-count">
          {t('roster.count', { n: rows.length })}
        </span>
      </div>
      <ul className="roster-list">
        {rows.map((row) => (
          <li
            key={row.id}
            data-testid="roster-item"
            data-unit-id={row.id}
            data-status={row.status}
            className={row.id === selectedId ? 'selected' : ''}
            onClick={() => {
              select({ kind: 'asset', id: row.id });
              const asset = useStore.getState().picture.state?.assets[row.id];
              if (asset) focusMap(asset.lat, asset.lng, 15);
            }}
          >
            <span className={`status-dot st-${row.status}`} aria-hidden>
              {row.kind === 'subdistrict-team' ? '●' : '⬢'}
            </span>
            <div>
              <strong>{nameIn(language, row)}</strong>{' '}
              <span className="muted">
                {t(`specialty.${row.specialty}`)} · {t('roster.members', { n: row.members })}
              </span>
              <div className="muted">
                {t(`status.${row.status}`)} · {formatHourMinute(language, row.since)}
                {row.incidentId && ` · ${t('roster.on', { incident: row.incidentId })}`}
              </div>
              <CheckInTimer squadId={row.id} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
