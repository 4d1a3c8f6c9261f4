import { isDispatchUnit } from '../../model/assets.js';
import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { own } from '../../model/state.js';
import type { SquadStatus } from '../../model/vocabulary.js';
import { refuse } from '../../refusals.js';
import { bindingRefusal } from '../../model/binding.js';

export const incidentRoles = {
  reportIncident: ['duty', 'commander', 'admin', 'system'],
  assignSquad: ['commander', 'admin'],
  resolveIncident: ['commander', 'admin'],
  changeSquadStatus: ['duty', 'commander', 'admin', 'squad'],
} as const;

/** The squad lifecycle: which status may follow which. */
export const NEXT_STATUS: Record<SquadStatus, readonly SquadStatus[]> = {
  standby: ['unavailable'],
  assigned: ['en-route', 'returning', 'standby'],
  'en-route': ['on-scene', 'returning'],
  'on-scene': ['returning'],
  returning: ['standby', 'unavailable'],
  unavailable: ['standby'],
};

export const incidentDeciders: Deciders<
  'reportIncident' | 'assignSquad' | 'resolveIncident' | 'changeSquadStatus'
> = {
  reportIncident(command, state, { at, actor: by }) {
    const pointId = command.pointId ?? null;
    if (pointId !== null && !own(state.assets, pointId))
      return no(refuse('UNKNOWN_POINT', pointId, 'pointId'));
    const incidentId = `inc-${state.counters.incidents + 1}`;
    const { kind, location, description } = command;
    return yes([
      {
        type: 'incident.reported',
        at,
        data: { incidentId, kind, location, pointId, description, by },
      },
    ]);
  },

  assignSquad(command, state, { at, actor: by }) {
    const incident = own(state.incidents, command.incidentId);
    if (!incident) return no(refuse('UNKNOWN_INCIDENT', command.incidentId, 'incidentId'));
    if (incident.status === 'resolved') return no(refuse('INCIDENT_RESOLVED', incident.id));
    const unit = own(state.units, command.squadId);
    const asset = own(state.assets, command.squadId);
    if (!unit || !asset || !isDispatchUnit(asset))
      return no(refuse('UNKNOWN_SQUAD', command.squadId, 'squadId'));
    if (unit.status !== 'standby') {
      const where = unit.incidentId ? ` on ${unit.incidentId}` : '';
      return no(refuse('SQUAD_NOT_FREE', `${asset.name} is ${unit.status}${where}`));
    }
    return yes([
      { type: 'squad.assigned', at, data: { squadId: unit.id, incidentId: incident.id, by } },
    ]);
  },

  resolveIncident(command, state, { at, actor: by }) {
    const incident = own(state.incidents, command.incidentId);
    if (!incident) return no(refuse('UNKNOWN_INCIDENT', command.incidentId));
    if (incident.status === 'resolved') return no(refuse('INCIDENT_RESOLVED', command.incidentId));
    const events: DomainEvent[] = [
      { type: 'incident.resolved', at, data: { incidentId: incident.id, by } },
    ];
    // Units still out on this incident head home.
    for (const squadId of incident.squadIds) {
      const unit = own(state.units, squadId);
      if (
        unit &&
        unit.incidentId === incident.id &&
        ['assigned', 'en-route', 'on-scene'].includes(unit.status)
      ) {
        events.push({
          type: 'squad.statusChanged',
          at,
          data: { squadId, status: 'returning', by },
        });
      }
    }
    return yes(events);
  },

  changeSquadStatus(command, state, { at, actor: by }) {
    const bound = bindingRefusal(by, command.squadId, 'squadId');
    if (bound) return no(bound);
    const unit = own(state.units, command.squadId);
    if (!unit) return no(refuse('UNKNOWN_SQUAD', command.squadId));
    if (!NEXT_STATUS[unit.status].includes(command.status)) {
      return no(refuse('INVALID_STATUS_CHANGE', `${unit.status} → ${command.status}`, 'status'));
    }
    return yes([
      { type: 'squad.statusChanged', at, data: { squadId: unit.id, status: command.status, by } },
    ]);
  },
};
