import { evacuationTotals, nearestWithRoom, type State } from '@floodnet/domain';
import { useState } from 'react';
import { ApiError } from '../api/http';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';
import { recordEvacuation, recordReturn } from './api';
import './plans.css';

interface Place {
  id: string;
  name: string;
  nameEn: string;
  group: 'site' | 'compound';
  people: number | null;
}

/** Where people can be moved from: construction sites (with their workforce), then compounds. */
function origins(state: State | null): Place[] {
  if (!state) return [];
  const places: Place[] = [];
  for (const asset of Object.values(state.assets)) {
    if (asset.kind === 'hazard-site' && asset.siteType === 'construction-site')
      places.push({ ...asset, group: 'site', people: asset.workforce });
    else if (asset.kind === 'residential-compound' && asset.lowLying)
      places.push({ ...asset, group: 'compound', people: null });
  }
  return places.sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
}

function sites(state: State | null) {
  if (!state) return [];
  return Object.values(state.assets).flatMap((asset) =>
    asset.kind === 'resettlement-site'
      ? [{ ...asset, occupancy: state.occupancy[asset.id] ?? 0 }]
      : [],
  );
}

/** Moving people to resettlement sites: the form, every site against its capacity, the totals. */
export function EvacuationPanel() {
  const { language, t } = useLanguage();
  const canMove = useCan('recordEvacuation');
  const from = useDerived((store) => origins(store.picture.state));
  const rooms = useDerived((store) => sites(store.picture.state));
  const totals = useDerived((store) =>
    store.picture.state ? evacuationTotals(store.picture.state) : null,
  );
  const open = useDerived((store) =>
    Object.values(store.picture.state?.evacuations ?? {})
      .filter((evacuation) => evacuation.returnedAt === null)
      .map((evacuation) => ({ ...evacuation })),
  );
  const assets = useStore((store) => store.picture.state?.assets);
  const [fromId, setFromId] = useState('');
  const [toSiteId, setToSiteId] = useState('');
  const [people, setPeople] = useState(0);
  const [refusal, setRefusal] = useState<{ message: string; alternative: string | null } | null>(
    null,
  );
  const name = (id: string) => {
    const asset = assets?.[id];
    return asset ? nameIn(language, asset) : id;
  };
  async function move(siteId: string) {
    setRefusal(null);
    try {
      await recordEvacuation({ fromId, toSiteId: siteId, people });
    } catch (error) {
      const state = useStore.getState().picture.state;
      const origin = state?.assets[fromId];
      const other = state && origin ? nearestWithRoom(state, origin, people, siteId) : null;
      setRefusal({
        message: error instanceof ApiError ? error.message : t('error.generic'),
        alternative:
          error instanceof ApiError && error.code === 'SITE_FULL' ? (other?.siteId ?? null) : null,
      });
    }
  }
  return (
    <div className="evacuation" data-testid="evacuation-panel">
      <h3>{t('evac.heading')}</h3>
      {totals && (
        <p data-testid="evac-totals">
          {t('evac.moved', {
            moved: totals.moved,
            atSites: totals.atSites,
            returned: totals.returned,
          })}
        </p>
      )}
      {canMove && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (fromId && toSiteId && people > 0) void move(toSiteId);
          }}
        >
          <select
            aria-label={t('evac.from')}
            data-testid="evac-from"
            value={fromId}
            onChange={(event) => {
              setFromId(event.target.value);
              const place = from.find((candidate) => candidate.id === event.target.value);
              if (place?.people) setPeople(place.people);
            }}
          >
            <option value="">{t('evac.from')}</option>
            {from.map((place) => (
              <option key={place.id} value={place.id}>
                {nameIn(language, place)}
                {place.people ? ` (${place.people})` : ''}
              </option>
            ))}
          </select>
          <select
            aria-label={t('evac.to')}
            data-testid="evac-to"
            value={toSiteId}
            onChange={(event) => setToSiteId(event.target.value)}
          >
            <option value="">{t('evac.to')}</option>
            {rooms.map((site) => (
              <option key={site.id} value={site.id}>
                {nameIn(language, site)} —{' '}
                {t('evac.occupancy', { occupancy: site.occupancy, capacity: site.capacity })}
              </option>
            ))}
          </select>
          <input
            type="number"
            min={1}
            aria-label={t('evac.people')}
            data-testid="evac-people"
            value={people || ''}
            onChange={(event) => setPeople(Number(event.target.value))}
          />
          <button type="submit" className="primary" data-testid="evac-move">
            {t('evac.move')}
          </button>
        </form>
      )}
      {refusal && (
        <div className="refusal" data-testid="evac-refusal">
          {refusal.message}
          {refusal.alternative && (
            <button
              type="button"
              data-testid="evac-alternative"
              onClick={() => {
                setToSiteId(refusal.alternative!);
                void move(refusal.alternative!);
              }}
            >
              {t('evac.move')} → {name(refusal.alternative)}
            </button>
          )}
        </div>
      )}
      <h3>{t('evac.open')}</h3>
      {open.length === 0 && <p className="empty">{t('evac.none')}</p>}
      <ul className="evac-list">
        {open.map((evacuation) => (
          <li key={evacuation.id} data-testid="evac-item">
            {formatHourMinute(language, evacuation.movedAt)} · {name(evacuation.fromId)} →{' '}
            {name(evacuation.toSiteId)} · {evacuation.people}
            {canMove && (
              <button type="button" onClick={() => void recordReturn(evacuation.id)}>
                {t('evac.returned')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {totals && totals.moved > 0 && (
        <>
          <h3>{t('evac.byDay')}</h3>
          <p>
            {Object.entries(totals.byDay)
              .map(([day, n]) => `${day.slice(5)}: ${n}`)
              .join(' · ')}
          </p>
          <h3>{t('evac.byJiezhen')}</h3>
          <p data-testid="evac-by-jiezhen">
            {Object.entries(totals.byJiezhen)
              .map(([code, n]) => `${jiezhenName(useStore.getState().picture.state, code)} ${n}`)
              .join(' · ')}
          </p>
        </>
      )}
      <h3>{t('evac.sites')}</h3>
      <ul className="evac-sites">
        {rooms
          .filter((site) => site.occupancy > 0)
          .concat(rooms.filter((site) => site.occupancy === 0))
          .map((site) => (
            <li key={site.id} data-testid="evac-site" data-site-id={site.id}>
              {nameIn(language, site)}{' '}
              <span className="muted">
                {t('evac.occupancy', { occupancy: site.occupancy, capacity: site.capacity })}
              </span>
              <div className={`site-bar${site.occupancy >= site.capacity ? ' full' : ''}`}>
                <span
                  style={{ width: `${Math.min(100, (100 * site.occupancy) / site.capacity)}%` }}
                />
              </div>
            </li>
          ))}
      </ul>
    </div>
  );
}

/** A 街镇's name from its team's 街镇 code (the teams are named after their 街镇). */
function jiezhenName(state: State | null, code: string): string {
  const team = Object.values(state?.assets ?? {}).find(
    (asset) => asset.kind === 'subdistrict-team' && asset.jiezhen === code,
  );
  return team ? team.name.replace(/抢险队$/, '') : code;
}
