import type { LatLng } from '../../model/assets.js';
import type { IncidentKind, IncidentStatus, SquadStatus } from '../../model/vocabulary.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

export interface UnitState {
  id: string;
  status: SquadStatus;
  incidentId: string | null;
  since: EpochMs;
}

export interface IncidentStep {
  at: EpochMs;
  what: 'reported' | 'assigned' | 'en-route' | 'on-scene' | 'returning' | 'resolved';
  squadId: string | null;
  by: string;
}

export interface IncidentState {
  id: string;
  kind: IncidentKind;
  status: IncidentStatus;
  location: LatLng;
  pointId: string | null;
  description: string;
  reportedAt: EpochMs;
  reportedBy: string;
  squadIds: string[];
  resolvedAt: EpochMs | null;
  timeline: IncidentStep[];
}

export interface IncidentsSlice {
  /** Teams and squads, by asset id. */
  units: Record<string, UnitState>;
  incidents: Record<string, IncidentState>;
}

export function initialIncidents(): IncidentsSlice {
  return { units: {}, incidents: {} };
}
