import {
  checkInTimer,
  defaultRuleConfig,
  MATERIAL_TYPE_NAMES,
  stockOnHand,
  suggestMaterials,
  type Actor,
  type Command,
  type Quantities,
  type State,
} from '@floodnet/domain';
import { SIM_ACTORS } from './policy';

type Issue = (key: string, actor: Actor, command: Command) => boolean;

const MINUTE_MS = 60_000;
const config = defaultRuleConfig;
/** The 26th, Asia/Shanghai: the day one store runs low and one check-in is missed. */
const DAY_26 = {
  from: Date.parse('2021-07-26T00:00:00+08:00'),
  to: Date.parse('2021-07-27T00:00:00+08:00'),
};
/** What the commander leaves on the shelf when reinforcing on the 26th: below the 500 reserve. */
const LEFT_AFTER_REINFORCEMENT = 300;
/** The room checks in with a squad this long before its check-in falls due (est.). */
const CHECK_IN_AHEAD_MIN = 5;
/** Minutes from a check-in alert to the duty officer reaching the squad by phone. */
const CATCH_MISS_AFTER_MIN = 4;

/**
 * The command room's handling of materials and check-ins (scripted, invented habits):
 * - each incident that needs materials gets the suggested load from the nearest store that has
 *   it, on the squad's own vehicle; it is dispatched when the squad rolls out, delivered when it
 *   arrives; sandbags stay on scene (used up), pumps, barriers and the rest come back;
 * - on the 26th the first sandbag load is a reinforcement that takes its store below reserve;
 * - squads on scene are checked in a few minutes before they fall due — except the first stint
 *   on scene on the 26th that outlasts its interval, whose check-in is missed until the alert
 *   makes the duty officer call the squad.
 */
export class FieldPolicy {
  private reinforced = false;
  private missing: string | null = null;

  decide(state: State, now: number, issue: Issue): void {
    this.sendMaterials(state, now, issue);
    this.followMaterials(state, issue);
    this.checkIn(state, now, issue);
  }

  private sendMaterials(state: State, now: number, issue: Issue): void {
    const sent = new Set(
      Object.values(state.materialRequests).map((request) => request.incidentId),
    );
    for (const incident of Object.values(state.incidents).sort(
      (a, b) => a.reportedAt - b.reportedAt,
    )) {
      if (incident.status !== 'assigned' || sent.has(incident.id)) continue;
      const squadId = incident.squadIds.find((id) => state.units[id]?.incidentId === incident.id);
      if (!squadId) continue;
      const suggestion = suggestMaterials(state, incident, config, squadId);
      if (!suggestion) continue;
      const items: Quantities = { ...suggestion.items };
      if (!this.reinforced && items.sandbags && now >= DAY_26.from && now < DAY_26.to) {
        const onHand = stockOnHand(state, suggestion.fromId)?.sandbags ?? 0;
        items.sandbags = Math.max(items.sandbags, onHand - LEFT_AFTER_REINFORCEMENT);
        this.reinforced = true;
      }
      issue(`materials:${incident.id}`, SIM_ACTORS.commander, {
        type: 'requestMaterials',
        incidentId: incident.id,
        fromId: suggestion.fromId,
        items,
        ...(suggestion.vehicleId ? { vehicleId: suggestion.vehicleId } : {}),
      });
    }
  }

  private followMaterials(state: State, issue: Issue): void {
    for (const request of Object.values(state.materialRequests)) {
      if (request.closedAt !== null) continue;
      const incident = state.incidents[request.incidentId];
      const squads = (incident?.squadIds ?? []).map((id) => state.units[id]);
      const rolling = squads.some(
        (unit) => unit?.incidentId === request.incidentId && unit.status !== 'assigned',
      );
      const arrived = squads.some(
        (unit) => unit?.incidentId === request.incidentId && unit.status === 'on-scene',
      );
      const step = (next: 'dispatch' | 'deliver' | 'return' | 'use-up', returned?: Quantities) =>
        issue(`materials:${request.id}:${next}`, SIM_ACTORS.duty, {
          type: 'advanceMaterials',
          requestId: request.id,
          step: next,
          ...(returned ? { returned } : {}),
        });
      if (incident?.status === 'resolved') {
        if (request.status !== 'delivered') step('return');
        else if (onlySandbags(request.items)) step('use-up');
        else step('return', { ...request.items, sandbags: 0 });
      } else if (request.status === 'requested' && rolling) step('dispatch');
      else if (request.status === 'dispatched' && arrived) step('deliver');
    }
  }

  private checkIn(state: State, now: number, issue: Issue): void {
    for (const unit of Object.values(state.units).sort((a, b) => a.id.localeCompare(b.id))) {
      const timer = checkInTimer(state, unit.id, now, config.checkIns);
      if (!timer) continue;
      const stint = `${unit.id}:${unit.since}`;
      const interval = timer.dueAt - timer.since;
      const alertId = state.openAlertBySubject[`check-in:${unit.id}`];
      if (
        this.missing === null &&
        unit.since >= DAY_26.from &&
        unit.since < DAY_26.to &&
        timer.since === unit.since &&
        now >= timer.dueAt - CHECK_IN_AHEAD_MIN * MINUTE_MS
      )
        this.missing = stint;
      if (stint === this.missing) {
        const alert = alertId ? state.alerts[alertId] : undefined;
        if (!alert || now < alert.raisedAt + CATCH_MISS_AFTER_MIN * MINUTE_MS) continue;
        issue(`checkin:${stint}:${timer.since}`, SIM_ACTORS.duty, {
          type: 'checkIn',
          squadId: unit.id,
          note: '值班员电话联系：队伍平安，手台无电 (duty officer phoned: all well, radio flat)',
        });
        this.missing = `${stint}:caught`;
        continue;
      }
      if (now < timer.dueAt - Math.min(CHECK_IN_AHEAD_MIN * MINUTE_MS, interval / 2)) continue;
      issue(`checkin:${stint}:${timer.since}`, SIM_ACTORS.duty, {
        type: 'checkIn',
        squadId: unit.id,
      });
    }
  }
}

function onlySandbags(items: Quantities): boolean {
  return MATERIAL_TYPE_NAMES.every((type) => type === 'sandbags' || !items[type]);
}
