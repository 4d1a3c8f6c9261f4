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

/**
 * The compounds at district zoom: one badge per 街镇 with how many compounds it has and, in the
 * alert colour, how many are alerting. 256 squares would be a smear at this scale.
 */
export function createClusterLayer(project: (lat: number, lng: number) => L.LatLngExpression) {
  const group = L.layerGroup();
  const markers = new Map<string, { marker: L.Marker; html: string }>();
  const layer: ClusterLayer = {
    group,
    update(state) {
      for (const cluster of jiezhenClusters(state)) {
        const next = html(cluster);
        const known = markers.get(cluster.jiezhen);
        if (known && known.html === next) continue;
        const icon = L.divIcon({
          className: 'compound-cluster-icon',
          html: next,
          iconSize: [34, 22],
        });
        if (known) {
          known.marker.setIcon(icon);
          known.html = next;
        } else {
          const marker = L.marker(project(cluster.lat, cluster.lng), {
            icon,
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
