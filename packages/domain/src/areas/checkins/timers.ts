import { own, type State } from '../../model/state.js';
import type { CheckInConfig } from './config.js';

/** The roster's colour for a squad's check-in timer. */
export type CheckInStatus = 'green' | 'warning' | 'critical';

export interface CheckInTimer {
  squadId: string;
  incidentId: string;
  /** Since when the clock runs: the last check-in on this job, or arrival on scene. */
  since: number;
  /** When the next check-in is due, and when a miss turns critical. */
  dueAt: number;
  criticalAt: number;
  status: CheckInStatus;
}

/** A squad's check-in timer; null unless it is on scene (only then does the clock run). */
export function checkInTimer(
  state: State,
  squadId: string,
  now: number,
  config: CheckInConfig,
): CheckInTimer | null {
  const unit = own(state.units, squadId);
  if (!unit || unit.status !== 'on-scene' || !unit.incidentId) return null;
  const incident = own(state.incidents, unit.incidentId);
  if (!incident) return null;
  const last = own(state.checkIns, squadId);
  const since =
    last && last.incidentId === incident.id ? Math.max(last.lastAt, unit.since) : unit.since;
  const intervalMs = config.intervalMin.value[incident.kind] * 60_000;
  const dueAt = since + intervalMs;
  const criticalAt = since + Math.round(intervalMs * config.criticalAfterIntervals.value);
  const status: CheckInStatus = now >= criticalAt ? 'critical' : now >= dueAt ? 'warning' : 'green';
  return { squadId, incidentId: incident.id, since, dueAt, criticalAt, status };
}
