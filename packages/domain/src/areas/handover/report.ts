import { officialSignalsIn } from '../warnings/in-force.js';
import type { DomainEvent, EventEnvelope } from '../../model/events.js';
import type { State } from '../../model/state.js';
import type { ResponseLevel, Severity, SignalKind } from '../../model/vocabulary.js';
import { toShanghaiIso } from '../../time.js';
import { evacuationTotals, type EvacuationTotals } from '../evacuation/sites.js';
import { isOpenTask } from '../plans/state.js';

/** The headline figures a handover records, and the next one compares against. */
export function headline(state: State) {
  const tasks = Object.values(state.tasks).filter(isOpenTask);
  return {
    openIncidents: Object.values(state.incidents).filter((i) => i.status !== 'resolved').length,
    openTasks: tasks.length,
    overdueTasks: tasks.filter((task) => task.overdueAt !== null).length,
    peopleAtSites: evacuationTotals(state).atSites,
    hazards: Object.keys(state.hazards).length,
  };
}

export interface HandoverChanges {
  since: string | null;
  incidentsReported: number;
  incidentsResolved: number;
  tasksIssued: number;
  tasksCompleted: number;
  tasksOverdue: number;
  peopleMoved: number;
  peopleReturned: number;
  alertsRaised: number;
  hazardsFound: number;
  levelChanges: { at: string; level: ResponseLevel | null; by: string }[];
}

export interface HandoverReport {
  at: string;
  level: ResponseLevel | null;
  levelBy: string | null;
  suggestedLevel: ResponseLevel | null;
  signals: { kind: SignalKind; level: Severity; source: 'local' | 'official' }[];
  activePlans: { planId: string; name: string; nameEn: string; since: string; reasons: string[] }[];
  openIncidents: {
    id: string;
    kind: string;
    description: string;
    status: string;
    reportedAt: string;
    squadIds: string[];
  }[];
  overdueTasks: {
    id: string;
    title: string;
    titleEn: string;
    assigneeId: string;
    assignee: string;
    dueAt: string;
  }[];
  openTasks: number;
  hazards: { siteId: string; name: string; note: string; foundAt: string }[];
  people: EvacuationTotals;
  /** Notice receipts not yet acknowledged by their compound or squad. */
  noticesUnacknowledged: number;
  previous: { at: string; by: string; note: string } | null;
  changes: HandoverChanges;
}

/** Counts what happened in `events` (the log after the previous handover). */
export function changesIn(
  events: Iterable<DomainEvent | EventEnvelope>,
  since: string | null,
): HandoverChanges {
  const changes: HandoverChanges = {
    since,
    incidentsReported: 0,
    incidentsResolved: 0,
    tasksIssued: 0,
    tasksCompleted: 0,
    tasksOverdue: 0,
    peopleMoved: 0,
    peopleReturned: 0,
    alertsRaised: 0,
    hazardsFound: 0,
    levelChanges: [],
  };
  const moved = new Map<string, number>();
  for (const event of events) {
    switch (event.type) {
      case 'incident.reported':
        changes.incidentsReported += 1;
        break;
      case 'incident.resolved':
        changes.incidentsResolved += 1;
        break;
      case 'task.issued':
        changes.tasksIssued += 1;
        break;
      case 'task.completed':
        changes.tasksCompleted += 1;
        if (event.data.finding?.result === 'hazard') changes.hazardsFound += 1;
        break;
      case 'task.overdue':
        changes.tasksOverdue += 1;
        break;
      case 'evacuation.recorded':
        changes.peopleMoved += event.data.people;
        moved.set(event.data.evacuationId, event.data.people);
        break;
      case 'evacuation.returned':
        changes.peopleReturned += moved.get(event.data.evacuationId) ?? 0;
        break;
      case 'alert.raised':
        changes.alertsRaised += 1;
        break;
      case 'responseLevel.changed':
        changes.levelChanges.push({
          at: event.at,
          level: event.data.level,
          by: `${event.data.by.name} (${event.data.by.role})`,
        });
        break;
      default:
        break;
    }
  }
  return changes;
}

function nameOf(state: State, id: string): string {
  return Object.hasOwn(state.assets, id) ? (state.assets[id]?.name ?? id) : id;
}

/**
 * The shift handover: what the incoming commander must know, from the picture, and what changed
 * since the previous handover, from the events after it (`changes`).
 */
export function handoverReport(
  state: State,
  now: number,
  changes: HandoverChanges,
): HandoverReport {
  const iso = toShanghaiIso;
  const official = officialSignalsIn(state);
  const signals: HandoverReport['signals'] = [];
  for (const [kind, level] of Object.entries(state.signals) as [SignalKind, Severity | null][])
    if (level) signals.push({ kind, level, source: 'local' });
  for (const [kind, level] of Object.entries(official ?? {}))
    if (level) signals.push({ kind: kind as SignalKind, level, source: 'official' });
  const previous = state.handovers.at(-1);
  const tasks = Object.values(state.tasks).filter(isOpenTask);
  return {
    at: iso(now),
    level: state.responseLevel,
    levelBy: state.responseLevelBy,
    suggestedLevel: state.suggestedLevel,
    signals,
    activePlans: Object.values(state.activePlans).map((active) => {
      const plan = state.plans.list.find((p) => p.id === active.planId);
      return {
        planId: active.planId,
        name: plan?.name ?? active.planId,
        nameEn: plan?.nameEn ?? active.planId,
        since: iso(active.activatedAt),
        reasons: active.reasons,
      };
    }),
    openIncidents: Object.values(state.incidents)
      .filter((incident) => incident.status !== 'resolved')
      .map((incident) => ({
        id: incident.id,
        kind: incident.kind,
        description: incident.description,
        status: incident.status,
        reportedAt: iso(incident.reportedAt),
        squadIds: incident.squadIds,
      })),
    overdueTasks: tasks
      .filter((task) => task.overdueAt !== null)
      .sort((a, b) => a.dueAt - b.dueAt)
      .map((task) => ({
        id: task.id,
        title: task.title,
        titleEn: task.titleEn,
        assigneeId: task.assigneeId,
        assignee: nameOf(state, task.assigneeId),
        dueAt: iso(task.dueAt),
      })),
    openTasks: tasks.length,
    hazards: Object.values(state.hazards).map((hazard) => ({
      siteId: hazard.siteId,
      name: nameOf(state, hazard.siteId),
      note: hazard.note,
      foundAt: iso(hazard.foundAt),
    })),
    people: evacuationTotals(state),
    noticesUnacknowledged: countUnacknowledged(state),
    previous: previous ? { at: iso(previous.at), by: previous.by, note: previous.note } : null,
    changes,
  };
}

/** Receipts of notices still waiting for their recipient's acknowledgement. */
function countUnacknowledged(state: State): number {
  let count = 0;
  for (const notice of Object.values(state.notices))
    for (const receipt of Object.values(notice.recipients))
      if (receipt.acknowledged === null) count += 1;
  return count;
}
