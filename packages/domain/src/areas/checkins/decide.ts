import { bindingRefusal } from '../../model/binding.js';
import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import type { Severity } from '../../model/vocabulary.js';
import type { RuleConfig } from '../../rules/config.js';
import { refuse } from '../../refusals.js';
import { toShanghaiIso } from '../../time.js';
import { alertTransitions } from '../alerts/rules.js';
import { checkInTimer, type CheckInStatus } from './timers.js';

export const checkInRoles = {
  // A squad leader checks in from the squad page once that role exists; until then the room does.
  checkIn: ['duty', 'commander', 'admin', 'system', 'squad'],
  checkCheckIns: ['system', 'admin'],
} as const;

const ON_A_JOB = new Set(['assigned', 'en-route', 'on-scene']);

const SEVERITY: Record<CheckInStatus, Severity | null> = {
  green: null,
  warning: 'yellow',
  critical: 'red',
};

export const checkInDeciders: Deciders<'checkIn' | 'checkCheckIns'> = {
  checkIn(command, state, { at, actor: by }) {
    const bound = bindingRefusal(by, command.squadId, 'squadId');
    if (bound) return no(bound);
    const unit = own(state.units, command.squadId);
    if (!unit) return no(refuse('UNKNOWN_SQUAD', command.squadId));
    if (!ON_A_JOB.has(unit.status) || !unit.incidentId)
      return no(refuse('SQUAD_NOT_ON_A_JOB', `${unit.id} is ${unit.status}`));
    const events: DomainEvent[] = [
      {
        type: 'squad.checkedIn',
        at,
        data: { squadId: unit.id, incidentId: unit.incidentId, note: command.note ?? null, by },
      },
    ];
    const openId = own(state.openAlertBySubject, `check-in:${unit.id}`);
    if (openId) events.push({ type: 'alert.cleared', at, data: { alertId: openId } });
    return yes(events);
  },
  checkCheckIns(_command, state, { now, config }) {
    return yes(checkInLapses(state, now, config));
  },
};

/**
 * Squads on scene past their interval: a warning, then critical after the grace. An alert whose
 * squad has left the scene clears, since nobody is waiting for that check-in any more.
 */
export function checkInLapses(state: State, now: number, config: RuleConfig): DomainEvent[] {
  const subjects = [];
  for (const unit of Object.values(state.units)) {
    const timer = checkInTimer(state, unit.id, now, config.checkIns);
    const open = Object.hasOwn(state.openAlertBySubject, `check-in:${unit.id}`);
    if (!timer && !open) continue;
    subjects.push({
      subjectId: unit.id,
      severity: timer ? SEVERITY[timer.status] : null,
      value: timer ? Math.round((now - timer.since) / 60_000) : 0,
      threshold: timer ? Math.round((timer.dueAt - timer.since) / 60_000) : 0,
    });
  }
  return alertTransitions(state, toShanghaiIso(now), 'check-in', subjects);
}
