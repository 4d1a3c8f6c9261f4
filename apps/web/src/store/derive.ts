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

/**
 * A gauge's rain in the hour up to `at`, and the time from which that sum changes with no new
 * reading: when its oldest reading in the hour leaves the window (Infinity if none is in it).
 * The same sum as the domain's `rainAccumulation(state, id, at, 1 h)`.
 */
export function rainInHour(
  state: State,
  gaugeId: string,
  at: number,
): { mm: number; changesAt: number } {
  let mm = 0;
  let changesAt = Infinity;
  for (const [time, value] of state.rainWindows[gaugeId] ?? []) {
    if (time > at - HOUR_MS && time <= at) {
      mm += value;
      changesAt = Math.min(changesAt, time + HOUR_MS);
    } else if (time > at) changesAt = Math.min(changesAt, time);
  }
  return { mm, changesAt };
}

/** The last answer a `RainLastHour` gave, and for which picture at which seq. */
let latest: { state: State; seq: number; rain: Record<string, number> } | null = null;

/**
 * Rain in the hour up to the stream clock, per 街镇 code (the mean of its gauges). Where the map
 * has just brought its running sums to this picture, their answer (the chart asks too).
 */
export function rainLastHourByJiezhen(state: State | null): Record<string, number> {
  if (!state || state.clock === null) return {};
  if (latest && latest.state === state && latest.seq === state.seq) return latest.rain;
  const sums: Record<string, { total: number; gauges: number }> = {};
  for (const asset of Object.values(state.assets)) {
    if (asset.kind !== 'rain-gauge' || !asset.jiezhen) continue;
    const entry = (sums[asset.jiezhen] ??= { total: 0, gauges: 0 });
    entry.total += rainAccumulation(state, asset.id, state.clock, HOUR_MS);
    entry.gauges += 1;
  }
  return meanPerJiezhen(sums);
}

function meanPerJiezhen(sums: Record<string, { total: number; gauges: number }>) {
  const result: Record<string, number> = {};
  for (const [code, { total, gauges }] of Object.entries(sums)) {
    result[code] = Math.round((total / gauges) * 10) / 10;
  }
  return result;
}

/**
 * `rainLastHourByJiezhen`, kept up to date a gauge at a time: each batch of readings looks again
 * only at the gauges it touched and those whose hour let a reading go. With 10,000 gauges at
 * 1 Hz the full sum walked every asset of the picture on every frame.
 */
export class RainLastHour {
  private gauges = new Map<string, { jiezhen: string; mm: number; changesAt: number }>();
  private sums = new Map<string, { total: number; gauges: number }>();
  private nextChange = Infinity;
  private clock: number | null = null;
  private result: Record<string, number> = {};
  private state: State | null = null;

  /** `touched`: the assets changed since the last call; null, or a new state: look at all. */
  update(state: State | null, touched: ReadonlySet<string> | null): Record<string, number> {
    const rain = this.follow(state, state === this.state ? touched : null);
    this.state = state;
    if (state && state.clock !== null) latest = { state, seq: state.seq, rain };
    return rain;
  }

  private follow(state: State | null, touched: ReadonlySet<string> | null) {
    if (!state || state.clock === null) {
      this.clock = null;
      this.gauges.clear();
      return (this.result = {});
    }
    const clock = state.clock;
    const whole = touched === null || this.clock === null || clock < this.clock;
    this.clock = clock;
    if (whole) {
      this.gauges.clear();
      this.nextChange = Infinity;
      for (const asset of Object.values(state.assets)) {
        if (asset.kind === 'rain-gauge' && asset.jiezhen) this.look(state, asset.id, asset.jiezhen);
      }
    } else {
      let changed = false;
      for (const id of touched) {
        const known = this.gauges.get(id);
        if (known) changed = this.look(state, id, known.jiezhen) || changed;
        else {
          const asset = state.assets[id];
          if (asset?.kind === 'rain-gauge' && asset.jiezhen) {
            this.look(state, id, asset.jiezhen);
            changed = true;
          }
        }
      }
      if (clock >= this.nextChange) {
        this.nextChange = Infinity;
        for (const [id, gauge] of this.gauges) {
          if (clock >= gauge.changesAt) changed = this.look(state, id, gauge.jiezhen) || changed;
          else this.nextChange = Math.min(this.nextChange, gauge.changesAt);
        }
      }
      if (!changed) return this.result;
    }
    this.sums.clear();
    for (const gauge of this.gauges.values()) {
      const entry = this.sums.get(gauge.jiezhen) ?? { total: 0, gauges: 0 };
      entry.total += gauge.mm;
      entry.gauges += 1;
      this.sums.set(gauge.jiezhen, entry);
    }
    return (this.result = meanPerJiezhen(Object.fromEntries(this.sums)));
  }

  /** Sums one gauge's hour again; true if it changed. */
  private look(state: State, id: string, jiezhen: string): boolean {
    const { mm, changesAt } = rainInHour(state, id, state.clock!);
    const before = this.gauges.get(id);
    this.gauges.set(id, { jiezhen, mm, changesAt });
    this.nextChange = Math.min(this.nextChange, changesAt);
    return before?.mm !== mm;
  }
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
