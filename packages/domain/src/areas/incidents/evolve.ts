import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';
import { own } from '../../model/state.js';
import type { IncidentStep } from './state.js';

export const incidentFolds: Folds<
  'incident.reported' | 'squad.assigned' | 'squad.statusChanged' | 'incident.resolved'
> = {
  'incident.reported'(state, data, at) {
    const { incidentId, kind, location, pointId, description, by } = data;
    state.incidents[incidentId] = {
      id: incidentId,
      kind,
      status: 'open',
      location,
      pointId,
      description,
      reportedAt: at,
      reportedBy: actorLabel(by),
      squadIds: [],
      resolvedAt: null,
      timeline: [{ at, what: 'reported', squadId: null, by: actorLabel(by) }],
    };
    state.counters.incidents += 1;
  },
  'squad.assigned'(state, data, at) {
    const { squadId, incidentId, by } = data;
    const unit = own(state.units, squadId);
    const incident = own(state.incidents, incidentId);
    if (!unit || !incident) return;
    unit.status = 'assigned';
    unit.incidentId = incidentId;
    unit.since = at;
    if (!incident.squadIds.includes(squadId)) incident.squadIds.push(squadId);
    if (incident.status === 'open') incident.status = 'assigned';
    incident.timeline.push({ at, what: 'assigned', squadId, by: actorLabel(by) });
  },
  'squad.statusChanged'(state, data, at) {
    const { squadId, status, by } = data;
    const unit = own(state.units, squadId);
    if (!unit) return;
    const incident = unit.incidentId ? own(state.incidents, unit.incidentId) : undefined;
    if (incident && (status === 'en-route' || status === 'on-scene' || status === 'returning')) {
      const step: IncidentStep = { at, what: status, squadId, by: actorLabel(by) };
      incident.timeline.push(step);
    }
    unit.status = status;
    unit.since = at;
    if (status === 'standby' || status === 'unavailable') unit.incidentId = null;
  },
  'incident.resolved'(state, data, at) {
    const incident = own(state.incidents, data.incidentId);
    if (!incident) return;
    incident.status = 'resolved';
    incident.resolvedAt = at;
    incident.timeline.push({ at, what: 'resolved', squadId: null, by: actorLabel(data.by) });
  },
};
