import type { Actor } from '../model/primitives.js';
import type { Audience } from '../areas/notices/commands.js';
import type { NoticeState } from '../areas/notices/state.js';
import { boundUnit } from '../model/binding.js';
import { initialState, own, type State } from '../model/state.js';

/**
 * What a bound account (a `compound` property manager, a `squad` leader) may see of the
 * picture: its own unit and nothing of the others'. The projection holds exactly what the
 * `/compound` and `/squad` phone pages read, so they run unchanged on it:
 *
 * - the unit's own catalogue entry (its name, a squad's base for the distance to a job);
 * - the notices addressed to it, each with its own receipt alone, and an audience that names no
 *   other compound or squad;
 * - a compound's own reports;
 * - a squad's own status, its current incident (the place of the job), its last position and
 *   check-in;
 * - the plan tasks given to the unit.
 *
 * The rest (gauges, alerts, other units, webhooks, the board's counts) is the command room's.
 * Everything is a copy: folding events into the view never touches the picture it came from.
 */
export function unitView(state: State, unitId: string): State {
  const view = initialState();
  view.seq = state.seq;
  view.clock = state.clock;
  const asset = own(state.assets, unitId);
  if (asset) view.assets[unitId] = structuredClone(asset);

  for (const notice of Object.values(state.notices)) {
    const seen = noticeAsSeenBy(notice, unitId);
    if (seen) view.notices[notice.id] = seen;
  }
  view.noticeCount = Object.keys(view.notices).length;

  const reportIds = own(state.reportsByCompound, unitId);
  if (reportIds) {
    view.reportsByCompound[unitId] = [...reportIds];
    for (const id of reportIds) {
      const report = own(state.compoundReports, id);
      if (report) view.compoundReports[id] = { ...report };
    }
    view.compoundReportCount = reportIds.length;
  }

  const unit = own(state.units, unitId);
  if (unit) {
    view.units[unitId] = { ...unit };
    const incident = unit.incidentId ? own(state.incidents, unit.incidentId) : undefined;
    if (incident) view.incidents[incident.id] = structuredClone(incident);
  }
  const position = own(state.positions, unitId);
  if (position) view.positions[unitId] = { ...position };
  const checkIn = own(state.checkIns, unitId);
  if (checkIn) view.checkIns[unitId] = { ...checkIn };

  for (const task of Object.values(state.tasks)) {
    if (task.assigneeId === unitId) view.tasks[task.id] = structuredClone(task);
  }
  return view;
}

/** The unit a bound account's picture is cut to, or null for the command room's roles. */
export function viewUnitOf(actor: Actor): string | null {
  return actor.role === 'compound' || actor.role === 'squad' ? (boundUnit(actor) ?? '') : null;
}

/** A notice as one recipient sees it, or null when it is not addressed to that recipient. */
export function noticeAsSeenBy(notice: NoticeState, unitId: string): NoticeState | null {
  const receipt = own(notice.recipients, unitId);
  if (!receipt) return null;
  return {
    ...notice,
    audience: audienceAsSeenBy(notice.audience, unitId),
    recipients: { [unitId]: { ...receipt } },
  };
}

/**
 * The audience without the names of other compounds and squads: "all compounds" or "the
 * low-lying ones" says nothing about anyone, a list of ids would.
 */
export function audienceAsSeenBy(audience: Audience, unitId: string): Audience {
  const { compoundIds, squadIds, ...general } = audience;
  const seen: Audience = { ...general };
  if (compoundIds?.includes(unitId)) seen.compoundIds = [unitId];
  if (squadIds?.includes(unitId)) seen.squadIds = [unitId];
  return seen;
}
