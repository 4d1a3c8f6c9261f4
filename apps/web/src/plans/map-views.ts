import type { Asset, State } from '@floodnet/domain';
import { nameIn, translate, type Language } from '../i18n/translate';
import type { MarkerView } from '../map/marker-layer';

/** A hazard an inspection found: the same pink as an open incident, until it is found fixed. */
const HAZARD_COLOUR = '#ff4081';

/** A resettlement site with people in it says how full it is; a full one says so as an alarm. */
export function shelterView(view: MarkerView, asset: Asset, state: State, language: Language) {
  if (asset.kind !== 'resettlement-site') return view;
  const occupancy = state.occupancy[asset.id] ?? 0;
  if (occupancy === 0) return view;
  const text = translate(language, 'evac.occupancy', { occupancy, capacity: asset.capacity });
  return {
    ...view,
    ring: occupancy >= asset.capacity ? HAZARD_COLOUR : null,
    label: `${nameIn(language, asset)} ${text}`,
    labelKind: occupancy >= asset.capacity ? ('alert' as const) : ('value' as const),
  };
}

/**
 * Hazard sites with a hazard found and not yet fixed, drawn with the incidents (they need the
 * same attention); the rest of the weak spots stay off the district map.
 */
export function hazardViews(
  state: State,
  language: Language,
  base: (asset: Asset, fill: string) => MarkerView,
): MarkerView[] {
  const views: MarkerView[] = [];
  for (const hazard of Object.values(state.hazards)) {
    const asset = state.assets[hazard.siteId];
    if (!asset) continue;
    views.push({
      ...base(asset, HAZARD_COLOUR),
      cross: true,
      label: `${nameIn(language, asset)}：${translate(language, 'task.hazardOpen', { note: hazard.note })}`,
      labelKind: 'alert',
    });
  }
  return views;
}
