import { lowStockNames } from '../movement/alarm-subject';
import {
  isDispatchUnit,
  rainAccumulation,
  severityRank,
  type AlertKind,
  type IncidentKind,
  type IncidentStatus,
  type Severity,
  type Specialty,
  type SquadStatus,
  type State,
} from '@floodnet/domain';

// Small plain rows derived from the picture. Panels select these (compared by value), so a reading
// that changes nothing a panel shows does not re-render it.

export interface AlarmRow {
  id: string;
  kind: AlertKind;
  severity: Severity;
  subjectId: string;
  subjectName: string;
  subjectNameEn: string;
  value: number;
  threshold: number;
  raisedAt: number;
  updatedAt: number;
  acknowledgedBy: string | null;
}

/** Open alarms: unacknowledged first, then the most severe, then the newest. */
export function alarmRows(state: State | null): AlarmRow[] {
  if (!state) return [];
  const rows: AlarmRow[] = [];
  for (const alert of Object.values(state.alerts)) {
    if (alert.clearedAt !== null) continue;
    const subject = state.assets[alert.subjectId];
    rows.push({
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      subjectId: alert.subjectId,
      subjectName: lowStockNames(state, alert)?.name ?? subject?.name ?? alert.subjectId,
      subjectNameEn: lowStockNames(state, alert)?.nameEn ?? subject?.nameEn ?? alert.subjectId,
      value: alert.value,
      threshold: alert.threshold,
      raisedAt: alert.raisedAt,
      updatedAt: alert.updatedAt,
      acknowledgedBy: alert.acknowledgedAt === null ? null : (alert.acknowledgedBy ?? ''),
    });
  }
  return rows.sort(
    (a, b) =>
      Number(a.acknowledgedBy !== null) - Number(b.acknowledgedBy !== null) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      b.updatedAt - a.updatedAt,
  );
}

export interface IncidentRow {
  id: string;
  kind: IncidentKind;
  status: IncidentStatus;
  description: string;
  reportedAt: number;
  squadCount: number;
}

/** Incidents, open ones first, newest first. */
export function incidentRows(state: State | null, showResolved: boolean): IncidentRow[] {
  if (!state) return [];
  const rank: Record<IncidentStatus, number> = { open: 0, assigned: 1, resolved: 2 };
  return Object.values(state.incidents)
    .filter((incident) => showResolved || incident.status !== 'resolved')
    .map((incident) => ({
      id: incident.id,
      kind: incident.kind,
      status: incident.status,
      description: incident.description,
      reportedAt: incident.reportedAt,
      squadCount: incident.squadIds.length,
    }))
    .sort((a, b) => rank[a.status] - rank[b.status] || b.reportedAt - a.reportedAt);
}

export interface RosterRow {
  id: string;
  name: string;
  nameEn: string;
  kind: 'subdistrict-team' | 'specialist-squad';
  specialty: Specialty;
  members: number;
  status: SquadStatus;
  since: number;
  incidentId: string | null;
}

export interface RosterFilter {
  status: SquadStatus | 'all';
  specialty: Specialty | 'all';
}

/** Teams and squads matching the filter: specialists first, then by name. */
export function rosterRows(state: State | null, filter: RosterFilter): RosterRow[] {
  if (!state) return [];
  const rows: RosterRow[] = [];
  for (const unit of Object.values(state.units)) {
    const asset = state.assets[unit.id];
    if (!asset || !isDispatchUnit(asset)) continue;
    if (filter.status !== 'all' && unit.status !== filter.status) continue;
    if (filter.specialty !== 'all' && asset.specialty !== filter.specialty) continue;
    rows.push({
      id: unit.id,
      name: asset.name,
      nameEn: asset.nameEn,
      kind: asset.kind,
      specialty: asset.specialty,
      members: asset.members,
      status: unit.status,
      since: unit.since,
      incidentId: unit.incidentId,
    });
  }
  return rows.sort(
    (a, b) =>
      Number(a.kind === 'subdistrict-team') - Number(b.kind === 'subdistrict-team') ||
      a.id.localeCompare(b.id),
  );
}

const HOUR_MS = 3600_000;

/** Rain in the hour up to the stream clock, per 街镇 code (the mean of its gauges). */
export function rainLastHourByJiezhen(state: State | null): Record<string, number> {
  if (!state || state.clock === null) return {};
  const sums: Record<string, { total: number; gauges: number }> = {};
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'rain-gauge' || !asset.jiezhen) continue;
    const entry = (sums[asset.jiezhen] ??= { total: 0, gauges: 0 });
    entry.total += rainAccumulation(state, asset.id, state.clock, HOUR_MS);
    entry.gauges += 1;
  }
  const result: Record<string, number> = {};
  for (const [code, { total, gauges }] of Object.entries(sums)) {
    result[code] = Math.round((total / gauges) * 10) / 10;
  }
  return result;
}

/** Structural equality for the small plain values panels select. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}
