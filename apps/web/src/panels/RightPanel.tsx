import { lazy, Suspense } from 'react';
import { useLanguage } from '../i18n/use-language';
import { clearSelection, setNotice, showTab } from '../store/actions';
import { useDerived } from '../store/hooks';
import type { PanelTab } from '../store/slices';
import { useStore } from '../store/store';
import { AlarmPanel } from './AlarmPanel';
import { AlertDetails } from './AlertDetails';
import { AssetDetails } from './AssetDetails';
import { DispatchPanel } from './DispatchPanel';
import { FeedPanel } from './FeedPanel';
import { IncidentPanel } from './IncidentPanel';
import { RosterPanel } from './RosterPanel';

// The tabs a duty officer opens on purpose load when first opened, not with the map.
const PlanBoard = lazy(() => import('../plans/PlanBoard').then((m) => ({ default: m.PlanBoard })));
const EvacuationPanel = lazy(() =>
  import('../plans/EvacuationPanel').then((m) => ({ default: m.EvacuationPanel })),
);
const MaterialsPanel = lazy(() =>
  import('../movement/MaterialsPanel').then((m) => ({ default: m.MaterialsPanel })),
);
const NoticeBoard = lazy(() =>
  import('../compounds/NoticeBoard').then((m) => ({ default: m.NoticeBoard })),
);

const TABS: PanelTab[] = [
  'alarms',
  'incidents',
  'roster',
  'plans',
  'evacuation',
  'materials',
  'notices',
  'feed',
];

/** Tabs (alarms, incidents, units, feed) above the details of whatever is selected. */
export function RightPanel() {
  const { t } = useLanguage();
  const tab = useStore((store) => store.ui.tab);
  const selected = useStore((store) => store.ui.selected);
  const notice = useStore((store) => store.ui.notice);
  const counts = useDerived((store) => {
    const state = store.picture.state;
    if (!state) return { alarms: 0, incidents: 0 };
    let alarms = 0;
    for (const alert of Object.values(state.alerts)) {
      if (alert.clearedAt === null && alert.acknowledgedAt === null) alarms += 1;
    }
    let incidents = 0;
    for (const incident of Object.values(state.incidents)) {
      if (incident.status !== 'resolved') incidents += 1;
    }
    return { alarms, incidents };
  });
  return (
    <aside className="right-panel">
      <nav className="tabs" role="tablist">
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            data-testid={`tab-${key}`}
            className={tab === key ? 'on' : ''}
            onClick={() => showTab(key)}
          >
            {t(`tab.${key}`)}
            {key === 'alarms' && counts.alarms > 0 && (
              <span className="count">{counts.alarms}</span>
            )}
            {key === 'incidents' && counts.incidents > 0 && (
              <span className="count">{counts.incidents}</span>
            )}
          </button>
        ))}
      </nav>
      {notice && (
        <div className="notice" role="alert" data-testid="notice">
          {notice}
          <button type="button" aria-label={t('details.close')} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <section className="panel-list" role="tabpanel">
        {tab === 'alarms' && <AlarmPanel />}
        {tab === 'incidents' && <IncidentPanel />}
        {tab === 'roster' && <RosterPanel />}
        {tab === 'feed' && <FeedPanel />}
        <Suspense fallback={null}>
          {tab === 'plans' && <PlanBoard />}
          {tab === 'evacuation' && <EvacuationPanel />}
          {tab === 'materials' && <MaterialsPanel />}
          {tab === 'notices' && <NoticeBoard />}
        </Suspense>
      </section>
      {selected && (
        <section className="panel-details" data-testid="details">
          <button
            type="button"
            className="close"
            aria-label={t('details.close')}
            onClick={clearSelection}
          >
            ×
          </button>
          {selected.kind === 'incident' && (
            <DispatchPanel key={selected.id} incidentId={selected.id} />
          )}
          {selected.kind === 'alert' && <AlertDetails alertId={selected.id} />}
          {selected.kind === 'asset' && <AssetDetails key={selected.id} assetId={selected.id} />}
        </section>
      )}
    </aside>
  );
}
