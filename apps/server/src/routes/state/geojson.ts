import { toShanghaiIso, type Asset, type State } from '@floodnet/domain';

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> & { kind: string; id: string; name: string; status: string };
}

/** What a map shows for an asset: a unit's duty, a pump's state, a point's worst open alarm. */
function statusOf(asset: Asset, state: State): string {
  switch (asset.kind) {
    case 'subdistrict-team':
    case 'specialist-squad':
      return state.units[asset.id]?.status ?? 'standby';
    case 'pump-station':
    case 'sluice':
      return state.pumps[asset.id] ?? 'stopped';
    case 'tide-gate':
      return state.gates[asset.id] ?? 'open';
    case 'underpass':
      return state.closedUnderpasses[asset.id] !== undefined ? 'closed' : 'open';
    case 'resettlement-site': {
      const occupancy = state.occupancy[asset.id] ?? 0;
      return occupancy >= asset.capacity ? 'full' : occupancy > 0 ? 'open' : 'ready';
    }
    default: {
      if (state.hazards[asset.id]) return 'hazard';
      const sensor = state.sensors[asset.id];
      if (!sensor) return 'normal';
      let worst: string | null = null;
      const order = ['blue', 'yellow', 'orange', 'red'];
      for (const [key, alertId] of Object.entries(state.openAlertBySubject)) {
        if (!key.endsWith(`:${asset.id}`)) continue;
        const severity = state.alerts[alertId]?.severity;
        if (severity && order.indexOf(severity) > order.indexOf(worst ?? '')) worst = severity;
      }
      return worst ?? (sensor.stale ? 'stale' : 'normal');
    }
  }
}

function assetFeature(asset: Asset, state: State): Feature {
  const sensor = state.sensors[asset.id];
  const unit = state.units[asset.id];
  const extras: Record<string, unknown> = { nameEn: asset.nameEn, jiezhen: asset.jiezhen };
  if ('specialty' in asset) extras.specialty = asset.specialty;
  if (unit) extras.incidentId = unit.incidentId;
  if (asset.kind === 'resettlement-site') {
    extras.capacity = asset.capacity;
    extras.occupancy = state.occupancy[asset.id] ?? 0;
  }
  const hazard = state.hazards[asset.id];
  if (hazard) extras.hazard = { note: hazard.note, foundAt: toShanghaiIso(hazard.foundAt) };
  if (sensor) {
    extras.lastValue = sensor.lastValue;
    extras.lastAt = sensor.lastAt === null ? null : toShanghaiIso(sensor.lastAt);
    extras.stale = sensor.stale;
    if (sensor.kind === 'depth') extras.depth = sensor.lastValue;
  }
  return {
    type: 'Feature',
    id: asset.id,
    geometry: { type: 'Point', coordinates: [asset.lng, asset.lat] },
    properties: {
      kind: asset.kind,
      id: asset.id,
      name: asset.name,
      status: statusOf(asset, state),
      ...extras,
    },
  };
}

/**
 * The picture as a GeoJSON FeatureCollection: every asset (units with their status), every open
 * incident and the key areas, each with `properties.kind`, `.id`, `.name` and `.status`.
 */
export function stateToGeoJson(
  state: State,
  keyAreas: { features: Feature[] } | null,
): { type: 'FeatureCollection'; features: Feature[] } {
  const features = Object.values(state.assets).map((asset) => assetFeature(asset, state));
  for (const incident of Object.values(state.incidents)) {
    if (incident.status === 'resolved') continue;
    features.push({
      type: 'Feature',
      id: incident.id,
      geometry: { type: 'Point', coordinates: [incident.location.lng, incident.location.lat] },
      properties: {
        kind: 'incident',
        id: incident.id,
        name: incident.description || incident.kind,
        status: incident.status,
        incidentKind: incident.kind,
        pointId: incident.pointId,
        squadIds: incident.squadIds,
        reportedAt: toShanghaiIso(incident.reportedAt),
      },
    });
  }
  for (const area of keyAreas?.features ?? []) {
    features.push({
      ...area,
      properties: { ...area.properties, kind: 'key-area', status: 'watch' },
    });
  }
  return { type: 'FeatureCollection', features };
}
