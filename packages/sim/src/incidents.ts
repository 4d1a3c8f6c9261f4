import {
  defaultRuleConfig,
  type AlertState,
  type Asset,
  type IncidentState,
  type State,
} from '@floodnet/domain';

/** What makes the duty officer report an incident. */
export type IncidentTrigger =
  | { kind: 'waterlogging'; alert: AlertState; since: number }
  | { kind: 'pump-fault'; alert: AlertState; since: number }
  | { kind: 'underpass-flooded'; underpassId: string; since: number };

/** The fraction of the threshold the water must fall below before a spot counts as clear. */
const CLEAR_FRACTION = defaultRuleConfig.waterlogging.clearFraction;

function depthOf(state: State, pointId: string): number | null {
  return state.sensors[pointId]?.lastValue ?? null;
}

/** The report a duty officer would type, in Chinese (the room's language). */
export function describeIncident(trigger: IncidentTrigger, asset: Asset, state: State): string {
  const depth = depthOf(state, asset.id);
  switch (trigger.kind) {
    case 'waterlogging':
      return `${asset.name}积水 ${depth ?? '?'} cm，已达黄色预警（${trigger.alert.id}），请派员排水`;
    case 'underpass-flooded':
      return `${asset.name}积水 ${depth ?? '?'} cm，已封闭，请派员抽排并疏导交通`;
    case 'pump-fault':
      return `${asset.name}故障停机（${trigger.alert.id}），请派员抢修`;
  }
}

/**
 * Whether the trouble behind an incident is over: the water back under 60 % of its line (the
 * same margin at which the domain clears the alert and reopens an underpass), the pump no
 * longer in fault. Incidents without a point have nothing to watch and are never settled.
 */
export function incidentSettled(incident: IncidentState, state: State): boolean {
  const pointId = incident.pointId;
  if (pointId === null) return false;
  const asset = state.assets[pointId];
  if (!asset) return false;
  switch (asset.kind) {
    case 'waterlogging-point':
    case 'underpass': {
      const depth = depthOf(state, pointId);
      const line = asset.kind === 'underpass' ? asset.closeAtCm : asset.thresholdCm;
      return depth !== null && depth < line * CLEAR_FRACTION;
    }
    case 'pump-station':
    case 'sluice':
      return state.pumps[pointId] !== 'fault';
    default:
      return false;
  }
}

/**
 * Why an incident is still open when a run ends, or null when it has no excuse — which means the
 * scripted command room failed it. An open incident is excused only while its squad is on the way
 * or on scene within the policy's limits, or while no suitable squad is free.
 */
export function whyStillOpen(
  incident: IncidentState,
  state: State,
  limits: { maxOnSceneMin: number; maxWaitForSquadMin: number },
  endMs: number,
): string | null {
  if (incident.status === 'resolved') return null;
  const minutes = (ms: number) => Math.round((endMs - ms) / 60_000);
  const units = incident.squadIds
    .map((id) => state.units[id])
    .filter((unit) => unit?.incidentId === incident.id);
  const onScene = units.find((unit) => unit?.status === 'on-scene');
  if (onScene && minutes(onScene.since) <= limits.maxOnSceneMin) {
    return `squad ${onScene.id} on scene for ${minutes(onScene.since)} min; the water is not down yet`;
  }
  const travelling = units.find(
    (unit) => unit?.status === 'assigned' || unit?.status === 'en-route',
  );
  if (travelling) return `squad ${travelling.id} ${travelling.status} when the run ended`;
  if (incident.status === 'open' && minutes(incident.reportedAt) <= limits.maxWaitForSquadMin) {
    return `reported ${minutes(incident.reportedAt)} min before the end; no squad assigned yet`;
  }
  return null;
}
