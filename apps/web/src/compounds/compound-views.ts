import { maxSeverity, type ResidentialCompound, type Severity, type State } from '@floodnet/domain';
import { SEVERITY_COLOURS } from '../map/palette';

/** A compound with nothing to report: a quiet teal, apart from every status and severity hue. */
export const COMPOUND_COLOUR = '#80cbc4';
/** From this zoom on the map shows each compound; below it, one count per 街镇. */
export const COMPOUND_DETAIL_ZOOM = 14;

/** The worst open alert at a compound (its reports, or a notice it left unanswered). */
export function compoundSeverity(state: State, compoundId: string): Severity | null {
  let worst: Severity | null = null;
  for (const kind of ['compound-report', 'notice-overdue'] as const) {
    const alertId = state.openAlertBySubject[`${kind}:${compoundId}`];
    const alert = alertId ? state.alerts[alertId] : undefined;
    if (alert && alert.clearedAt === null) worst = maxSeverity(worst, alert.severity);
  }
  return worst;
}

export function compoundFill(state: State, compound: ResidentialCompound): string {
  const severity = compoundSeverity(state, compound.id);
  return severity ? SEVERITY_COLOURS[severity] : COMPOUND_COLOUR;
}

/** The latest depth a compound reported, for its label ("30 cm"), or null. */
export function latestDepthLabel(state: State, compoundId: string): string | null {
  const ids = state.reportsByCompound[compoundId];
  const last = ids && ids.length > 0 ? state.compoundReports[ids[ids.length - 1]!] : undefined;
  return last?.depthCm != null ? `${Math.round(last.depthCm)} cm` : null;
}

export interface JiezhenCluster {
  jiezhen: string;
  lat: number;
  lng: number;
  count: number;
  lowLying: number;
  /** Compounds with an open alert, and the worst of them. */
  alerting: number;
  severity: Severity | null;
}

/** One cluster per 街镇 at the mean position of its compounds: readable at district zoom. */
export function jiezhenClusters(state: State): JiezhenCluster[] {
  const clusters = new Map<string, JiezhenCluster & { sumLat: number; sumLng: number }>();
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'residential-compound') continue;
    let cluster = clusters.get(asset.jiezhen);
    if (!cluster) {
      cluster = {
        jiezhen: asset.jiezhen,
        lat: 0,
        lng: 0,
        count: 0,
        lowLying: 0,
        alerting: 0,
        severity: null,
        sumLat: 0,
        sumLng: 0,
      };
      clusters.set(asset.jiezhen, cluster);
    }
    cluster.count += 1;
    cluster.sumLat += asset.lat;
    cluster.sumLng += asset.lng;
    if (asset.lowLying) cluster.lowLying += 1;
    const severity = compoundSeverity(state, asset.id);
    if (severity) {
      cluster.alerting += 1;
      cluster.severity = maxSeverity(cluster.severity, severity);
    }
  }
  return [...clusters.values()].map(({ sumLat, sumLng, ...cluster }) => ({
    ...cluster,
    lat: sumLat / cluster.count,
    lng: sumLng / cluster.count,
  }));
}
