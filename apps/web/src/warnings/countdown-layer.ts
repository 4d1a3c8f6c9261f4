import L from 'leaflet';
import type { State } from '@floodnet/domain';
import { translator, type Language } from '../i18n/translate';
import { countdownViews } from './forecast-view';

/**
 * Countdown labels on the map beside the sensor a forecast or trend alarm is about ("黄浦公园潮位站
 * 预计 00:30 达 4.65 m（15 小时后）"). Few at a time, so DOM labels (not the canvas) are fine,
 * and a test can read them. `update` changes only the labels whose text changed.
 */
export function createCountdownLayer(project: (lat: number, lng: number) => L.LatLngExpression) {
  const group = L.layerGroup();
  const shown = new Map<string, { marker: L.Marker; html: string }>();

  function update(state: State | null, language: Language): void {
    const t = translator(language);
    const views = countdownViews(state, language, t);
    const keep = new Set<string>();
    for (const view of views) {
      keep.add(view.alertId);
      // East of the district (the Huangpu's stations) the label opens westwards, into the map.
      const side = view.lng > EAST_OF_DISTRICT_LNG ? ' toward-west' : '';
      const html =
        `<span class="forecast-countdown sev-${view.severity}${side}" data-testid="map-countdown" ` +
        `data-kind="${view.kind}">${escape(view.name)} ${escape(view.text)}</span>`;
      const current = shown.get(view.alertId);
      if (current?.html === html) continue;
      const icon = L.divIcon({ className: 'forecast-countdown-icon', html, iconSize: [0, 0] });
      if (current) {
        current.marker.setIcon(icon);
        current.html = html;
      } else {
        const marker = L.marker(project(view.lat, view.lng), { icon, interactive: false });
        marker.addTo(group);
        shown.set(view.alertId, { marker, html });
      }
    }
    for (const [id, { marker }] of shown) {
      if (keep.has(id)) continue;
      marker.remove();
      shown.delete(id);
    }
  }

  return { group, update };
}

/** Roughly the district's east edge along the Huangpu (WGS-84). */
const EAST_OF_DISTRICT_LNG = 121.47;

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
