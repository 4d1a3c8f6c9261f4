import L from 'leaflet';
import type { State } from '@floodnet/domain';
import { SEVERITY_COLOURS } from '../map/palette';
import {
  COMPOUND_COLOUR,
  COMPOUND_DETAIL_ZOOM,
  jiezhenClusters,
  type JiezhenCluster,
} from './compound-views';

export interface ClusterLayer {
  group: L.LayerGroup;
  update(state: State): void;
}

function html(cluster: JiezhenCluster): string {
  const colour = cluster.severity ? SEVERITY_COLOURS[cluster.severity] : COMPOUND_COLOUR;
  const alerting = cluster.alerting > 0 ? `<b class="alerting">${cluster.alerting}</b>` : '';
  return (
    `<span class="compound-cluster" style="border-color:${colour}" ` +
    `data-jiezhen="${cluster.jiezhen}" data-count="${cluster.count}">${cluster.count}${alerting}</span>`
  );
}

/** The map pane the badges are drawn in: under the 街镇 names' marker pane (MapView). */
export const COMPOUND_BADGE_PANE = 'compound-badges';
const BADGE_SIZE: [number, number] = [34, 22];
/** How far below the 街镇 name's centre the badge's top sits, px: clear of its 13 px line. */
const BELOW_NAME = 11;

/**
 * The compounds at district zoom: one badge per 街镇 with how many compounds it has and, in the
 * alert colour, how many are alerting. 256 squares would be a smear at this scale. A badge sits
 * just under its 街镇's name (`nameAt`), so both read: at the compounds' mean it covered the
 * name of every 街镇 whose compounds lie round its middle.
 */
export function createClusterLayer(
  project: (lat: number, lng: number) => L.LatLngExpression,
  nameAt: (jiezhen: string) => { lat: number; lng: number } | undefined = () => undefined,
) {
  const group = L.layerGroup();
  const markers = new Map<string, { marker: L.Marker; html: string }>();
  const layer: ClusterLayer = {
    group,
    update(state) {
      for (const cluster of jiezhenClusters(state)) {
        const next = html(cluster);
        const known = markers.get(cluster.jiezhen);
        if (known && known.html === next) continue;
        const name = nameAt(cluster.jiezhen);
        const icon = L.divIcon({
          className: 'compound-cluster-icon',
          html: next,
          iconSize: BADGE_SIZE,
          // Centred under the name; on its own (no name known) centred on the compounds.
          iconAnchor: name ? [BADGE_SIZE[0] / 2, -BELOW_NAME] : undefined,
        });
        if (known) {
          known.marker.setIcon(icon);
          known.html = next;
        } else {
          const at = nameAt(cluster.jiezhen) ?? cluster;
          const marker = L.marker(project(at.lat, at.lng), {
            icon,
            pane: COMPOUND_BADGE_PANE,
            keyboard: false,
            interactive: false,
          });
          marker.addTo(group);
          markers.set(cluster.jiezhen, { marker, html: next });
        }
      }
    },
  };
  return layer;
}

/**
 * Inside the compounds layer (`parent`, toggled by the layer control), shows the 街镇 counts
 * below the detail zoom and the compounds themselves from it on.
 */
export function showCompoundZoom(
  parent: L.LayerGroup,
  clusters: L.LayerGroup,
  compounds: L.LayerGroup,
  zoom: number,
): void {
  const detail = zoom >= COMPOUND_DETAIL_ZOOM;
  const [show, hide] = detail ? [compounds, clusters] : [clusters, compounds];
  if (parent.hasLayer(hide)) parent.removeLayer(hide);
  if (!parent.hasLayer(show)) parent.addLayer(show);
}
