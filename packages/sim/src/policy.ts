import {
  distanceKm,
  RESPONSE_LEVELS,
  severityRank,
  STORM_SPEED_KMH,
  suggestUnits,
  type Actor,
  type Command,
  type IncidentState,
  type ResponseLevel,
  type State,
  type UnitState,
} from '@floodnet/domain';
import { describeIncident, incidentSettled, type IncidentTrigger } from './incidents';
import { unitHash } from './random';
import { taskOf, type PlannedTask } from './tasks';
import { FieldPolicy } from './field-policy';
import { PlanWork } from './plan-work';

/** A command due at a virtual time, from one of the scenario's actors. */
export interface TimedCommand {
  at: number;
  actor: Actor;
  command: Command;
}

/**
 * Who acts in the scenario. The names are those the server gives the simulation's key and
 * tokens, so a recorded run and a live one read the same.
 */
export const SIM_ACTORS = {
  gauges: { name: 'simulation', role: 'source' },
  typhoonFeed: { name: 'simulation', role: 'source' },
  duty: { name: 'simulation-duty', role: 'duty' },
  commander: { name: 'simulation-commander', role: 'commander' },
} as const satisfies Record<string, Actor>;

/** The scripted command room's habits (invented; documented in the README). */
export const POLICY = {
  /** Minutes from a trigger (yellow water, underpass closed) to the duty officer's report. */
  reportDelayMin: { min: 1, max: 4 },
  /** Pump faults are reported once the station has tried a restart. */
  pumpFaultReportDelayMin: { min: 5, max: 15 },
  /** Minutes from a report to the commander's assignment. */
  assignDelayMin: { min: 1, max: 4 },
  /** Minutes from assignment to the squad rolling out ("en-route"). */
  enRouteDelayMin: { min: 2, max: 4 },
  /** Minutes before an alert is acknowledged. */
  ackDelayMin: { min: 2, max: 8 },
  /** On scene at least this long before the commander closes an incident… */
  minOnSceneMin: 10,
  /** …and at most this long: then it is closed anyway and the squad stood down. */
  maxOnSceneMin: 180,
  /** The response level follows a higher suggestion after 10 min, a lower one after 3 h. */
  raiseLevelAfterMin: 10,
  lowerLevelAfterMin: 180,
  /** A command not yet reflected in the picture is not repeated for this long. */
  retryAfterMin: 5,
  /** Road distance over straight line (the domain's estimate in suggestUnits). */
  detourFactor: 1.3,
} as const;

const MINUTE_MS = 60_000;

function levelRank(level: ResponseLevel | null): number {
  return level === null ? -1 : RESPONSE_LEVELS.indexOf(level);
}

/** Travel time of a unit between its base and an incident, whole minutes (as suggestUnits). */
export function travelMinutes(state: State, unitId: string, incidentId: string | null): number {
  const base = state.assets[unitId];
  const incident = incidentId ? state.incidents[incidentId] : undefined;
  if (!base || !incident) return 10;
  const road = distanceKm(base, incident.location) * POLICY.detourFactor;
  return Math.max(1, Math.round((road / STORM_SPEED_KMH) * 60));
}

/**
 * The scripted command room: reads the picture, decides what the duty officer and the commander
 * do now. Delays are drawn from the seed and the ids in the picture, so they do not depend on
 * how often it is asked; what it remembers (commands sent but not yet in the picture, when the
 * suggested level last changed) is only a convenience that a restart may lose.
 */
export class ResponsePolicy {
  private readonly inFlight = new Map<string, number>();
  private suggestion: { level: ResponseLevel | null; since: number } | null = null;
  private readonly field = new FieldPolicy();
  private readonly planWork: PlanWork;

  constructor(
    private readonly seed: number,
    private readonly tasks: readonly PlannedTask[] = [],
    startMs = 0,
  ) {
    this.planWork = new PlanWork(seed, SIM_ACTORS, startMs);
  }

  decide(state: State, now: number): TimedCommand[] {
    for (const [key, until] of this.inFlight) if (until <= now) this.inFlight.delete(key);
    const out: TimedCommand[] = [];
    const issue = (key: string, actor: Actor, command: Command) => {
      if (this.inFlight.has(key)) return false;
      this.inFlight.set(key, now + POLICY.retryAfterMin * MINUTE_MS);
      out.push({ at: now, actor, command });
      return true;
    };
    // Check-ins and materials first: later commands this minute may send a squad home.
    this.field.decide(state, now, issue);
    this.acknowledgeAlerts(state, now, issue);
    this.reportIncidents(state, now, issue);
    this.startTasks(state, now, issue);
    this.handleIncidents(state, now, issue);
    this.moveUnits(state, now, issue);
    this.followSuggestedLevel(state, now, issue);
    this.planWork.decide(state, now, issue);
    return out;
  }

  private delay(key: string, range: { min: number; max: number }): number {
    const minutes = Math.round(range.min + (range.max - range.min) * unitHash(this.seed, key));
    return minutes * MINUTE_MS;
  }

  private acknowledgeAlerts(state: State, now: number, issue: Issue): void {
    for (const alertId of Object.values(state.openAlertBySubject).sort()) {
      const alert = state.alerts[alertId];
      if (!alert || alert.acknowledgedAt !== null) continue;
      const key = `ack:${alert.id}:${alert.updatedAt}`;
      if (now < alert.updatedAt + this.delay(key, POLICY.ackDelayMin)) continue;
      issue(key, SIM_ACTORS.duty, { type: 'acknowledgeAlert', alertId: alert.id });
    }
  }

  private reportIncidents(state: State, now: number, issue: Issue): void {
    const lastReport = lastReports(state);
    const triggers: IncidentTrigger[] = [];
    for (const alertId of Object.values(state.openAlertBySubject)) {
      const alert = state.alerts[alertId];
      if (!alert) continue;
      if (alert.kind === 'waterlogging' && severityRank(alert.severity) >= 1) {
        triggers.push({ kind: 'waterlogging', alert, since: alert.updatedAt });
      } else if (alert.kind === 'pump-fault') {
        triggers.push({ kind: 'pump-fault', alert, since: alert.raisedAt });
      }
    }
    for (const [underpassId, closedAt] of Object.entries(state.closedUnderpasses)) {
      triggers.push({ kind: 'underpass-flooded', underpassId, since: closedAt });
    }
    triggers.sort((a, b) => a.since - b.since || pointOf(a).localeCompare(pointOf(b)));
    for (const trigger of triggers) {
      const pointId = pointOf(trigger);
      const start = trigger.kind === 'underpass-flooded' ? trigger.since : trigger.alert.raisedAt;
      if ((lastReport.get(`${pointId}:${trigger.kind}`) ?? -Infinity) >= start) continue;
      const key = `report:${pointId}:${start}`;
      const range =
        trigger.kind === 'pump-fault' ? POLICY.pumpFaultReportDelayMin : POLICY.reportDelayMin;
      if (now < trigger.since + this.delay(key, range)) continue;
      const asset = state.assets[pointId];
      if (!asset) continue;
      issue(key, SIM_ACTORS.duty, {
        type: 'reportIncident',
        kind: trigger.kind,
        location: { lat: asset.lat, lng: asset.lng },
        pointId,
        description: describeIncident(trigger, asset, state),
      });
    }
  }

  private startTasks(state: State, now: number, issue: Issue): void {
    const lastReport = lastReports(state);
    for (const task of this.tasks) {
      if (task.dueMs > now) break;
      if ((lastReport.get(`${task.pointId}:${task.kind}`) ?? -Infinity) >= task.dueMs) continue;
      const asset = state.assets[task.pointId];
      if (!asset) continue;
      // Trees are reported from the street; the rest is the commander's plan.
      const actor = task.kind === 'tree-down' ? SIM_ACTORS.duty : SIM_ACTORS.commander;
      issue(`task:${task.id}`, actor, {
        type: 'reportIncident',
        kind: task.kind,
        location: { lat: asset.lat, lng: asset.lng },
        pointId: task.pointId,
        description: task.description,
      });
    }
  }

  private handleIncidents(state: State, now: number, issue: Issue): void {
    const taken = new Set<string>();
    for (const incident of sortedIncidents(state)) {
      if (incident.status === 'resolved') continue;
      const task = taskOf(incident, this.tasks);
      const settled = () => (task ? false : incidentSettled(incident, state));
      if (incident.status === 'open') {
        const key = `assign:${incident.id}`;
        if (now < incident.reportedAt + this.delay(key, POLICY.assignDelayMin)) continue;
        if (settled()) {
          // The water went down before anyone was free to go: close it, nobody to stand down.
          issue(`resolve:${incident.id}`, SIM_ACTORS.commander, {
            type: 'resolveIncident',
            incidentId: incident.id,
          });
          continue;
        }
        const pick = suggestUnits(state, incident, 10).find(
          (unit) => !taken.has(unit.unitId) && !this.inFlight.has(`reserve:${unit.unitId}`),
        );
        if (!pick) continue; // none free: asked again next minute
        if (issue(key, SIM_ACTORS.commander, assign(incident.id, pick.unitId))) {
          taken.add(pick.unitId);
          this.inFlight.set(`reserve:${pick.unitId}`, now + POLICY.retryAfterMin * MINUTE_MS);
        }
        continue;
      }
      const onScene = incident.squadIds
        .map((id) => state.units[id])
        .filter((unit): unit is UnitState => unit?.incidentId === incident.id)
        .filter((unit) => unit.status === 'on-scene');
      if (onScene.length === 0) continue;
      const arrived = Math.min(...onScene.map((unit) => unit.since));
      const onSceneMs = now - arrived;
      const done = task
        ? onSceneMs >= task.workMinutes * MINUTE_MS
        : settled() && onSceneMs >= POLICY.minOnSceneMin * MINUTE_MS;
      if (done || onSceneMs >= POLICY.maxOnSceneMin * MINUTE_MS) {
        issue(`resolve:${incident.id}`, SIM_ACTORS.commander, {
          type: 'resolveIncident',
          incidentId: incident.id,
        });
      }
    }
  }

  private moveUnits(state: State, now: number, issue: Issue): void {
    for (const unit of Object.values(state.units).sort((a, b) => a.id.localeCompare(b.id))) {
      const key = `unit:${unit.id}:${unit.status}:${unit.since}`;
      let next: 'en-route' | 'on-scene' | 'standby' | null = null;
      let dueAt = Infinity;
      if (unit.status === 'assigned') {
        next = 'en-route';
        dueAt = unit.since + this.delay(key, POLICY.enRouteDelayMin);
      } else if (unit.status === 'en-route') {
        next = 'on-scene';
        dueAt = unit.since + travelMinutes(state, unit.id, unit.incidentId) * MINUTE_MS;
      } else if (unit.status === 'returning') {
        next = 'standby';
        dueAt = unit.since + travelMinutes(state, unit.id, unit.incidentId) * MINUTE_MS;
      }
      if (next === null || now < dueAt) continue;
      issue(key, SIM_ACTORS.duty, { type: 'changeSquadStatus', squadId: unit.id, status: next });
    }
  }

  private followSuggestedLevel(state: State, now: number, issue: Issue): void {
    const suggested = state.suggestedLevel;
    if (this.suggestion === null || this.suggestion.level !== suggested) {
      this.suggestion = { level: suggested, since: now };
    }
    const current = state.responseLevel;
    if (suggested === current) return;
    const waited = now - this.suggestion.since;
    const rising = levelRank(suggested) > levelRank(current);
    const wait = rising ? POLICY.raiseLevelAfterMin : POLICY.lowerLevelAfterMin;
    if (waited < wait * MINUTE_MS) return;
    issue(`level:${suggested ?? 'none'}:${this.suggestion.since}`, SIM_ACTORS.commander, {
      type: 'setResponseLevel',
      level: suggested,
    });
  }
}

type Issue = (key: string, actor: Actor, command: Command) => boolean;

function assign(incidentId: string, squadId: string): Command {
  return { type: 'assignSquad', incidentId, squadId };
}

/** When each (point, incident kind) was last reported. */
function lastReports(state: State): Map<string, number> {
  const last = new Map<string, number>();
  for (const incident of Object.values(state.incidents)) {
    if (incident.pointId === null) continue;
    const key = `${incident.pointId}:${incident.kind}`;
    last.set(key, Math.max(last.get(key) ?? -Infinity, incident.reportedAt));
  }
  return last;
}

function pointOf(trigger: IncidentTrigger): string {
  return trigger.kind === 'underpass-flooded' ? trigger.underpassId : trigger.alert.subjectId;
}

function sortedIncidents(state: State): IncidentState[] {
  // Oldest first, so the first reported gets the first free squad.
  return Object.values(state.incidents).sort(
    (a, b) => a.reportedAt - b.reportedAt || a.id.localeCompare(b.id),
  );
}
