import { alertDeciders } from './areas/alerts/decide.js';
import { catalogueDeciders } from './areas/catalogue/decide.js';
import { incidentDeciders } from './areas/incidents/decide.js';
import { responseDeciders } from './areas/response/decide.js';
import { sensorDeciders } from './areas/sensors/decide.js';
import { planDeciders } from './areas/plans/decide.js';
import { planReactions } from './areas/plans/activation.js';
import { evacuationDeciders } from './areas/evacuation/decide.js';
import { handoverDeciders } from './areas/handover/decide.js';
import { noticeDeciders } from './areas/notices/decide.js';
import { compoundDeciders } from './areas/compounds/decide.js';
import { webhookDeciders } from './areas/webhooks/decide.js';
import { movementDeciders } from './areas/movement/decide.js';
import { materialDeciders } from './areas/materials/decide.js';
import { checkInDeciders } from './areas/checkins/decide.js';
import { warningDeciders } from './areas/warnings/decide.js';
import { forecastDeciders } from './areas/forecasts/decide.js';
import type { Decider, Deciders, Decision } from './model/area.js';
import type { Command, CommandType } from './model/commands.js';
import type { DomainEvent } from './model/events.js';
import type { Actor } from './model/primitives.js';
import type { State } from './model/state.js';
import { refuse } from './refusals.js';
import { commandRoles } from './roles.js';
import { defaultRuleConfig, type RuleConfig } from './rules/config.js';
import { toShanghaiIso } from './time.js';
import { normaliseCommandTimes, normaliseEventTimes } from './contract/wire.js';
import { evolve } from './evolve.js';

export type { Decision } from './model/area.js';
export { NEXT_STATUS } from './areas/incidents/decide.js';

/** Who issues a command and when: time arrives as data, never from a clock in here. */
export interface DecideContext {
  now: number;
  actor: Actor;
  config?: RuleConfig;
}

/** Every command's decider, from its area module: a command without one does not compile. */
const DECIDERS: Deciders<CommandType> = {
  ...catalogueDeciders,
  ...sensorDeciders,
  ...alertDeciders,
  ...responseDeciders,
  ...incidentDeciders,
  ...planDeciders,
  ...evacuationDeciders,
  ...handoverDeciders,
  ...noticeDeciders,
  ...compoundDeciders,
  ...webhookDeciders,
  ...movementDeciders,
  ...materialDeciders,
  ...checkInDeciders,
  ...warningDeciders,
  ...forecastDeciders,
};

/** Commands whose deciders fold their own events as they go (to chain the rules). */
const FOLDS_AS_IT_DECIDES: ReadonlySet<CommandType> = new Set(['recordReadings', 'checkSensors']);

/**
 * Checks a command against the picture and returns the events it causes, or a refusal that says
 * why. Pure: `state` is never changed.
 */
export function decide(command: Command, state: State, context: DecideContext): Decision {
  if (FOLDS_AS_IT_DECIDES.has(command.type)) {
    return decideInPlace(command, structuredClone(state), context);
  }
  return decideInPlace(command, state, context);
}

/**
 * As `decide`, but readings and sensor checks fold their events into `state` as they go (a
 * refusal always comes before any change). The server uses it on its own picture to avoid a copy;
 * for every other command `state` is left alone and the caller folds the events.
 */
export function decideInPlace(command: Command, state: State, context: DecideContext): Decision {
  const allowed = commandRoles[command.type];
  if (!allowed.includes(context.actor.role)) {
    return {
      ok: false,
      refusal: refuse('NOT_ALLOWED_FOR_ROLE', `${command.type} needs ${allowed.join(' or ')}`),
    };
  }
  const decider = DECIDERS[command.type] as Decider<CommandType>;
  const foldsAsItDecides = FOLDS_AS_IT_DECIDES.has(command.type);
  // Times leave in the one wire form whatever offset they came in: a command that folds as it
  // decides is normalised before (the picture and the log must read the same instant), the
  // others' events after (a warning's onset, a forecast's series, a tracker's fix).
  if (foldsAsItDecides) command = normaliseCommandTimes(command);
  const decision = decider(command as never, state, {
    now: context.now,
    at: toShanghaiIso(context.now),
    actor: context.actor,
    config: context.config ?? defaultRuleConfig,
  });
  if (!decision.ok) return decision;
  const events = foldsAsItDecides ? decision.events : decision.events.map(normaliseEventTimes);
  return withPlanReactions(command, state, events, context.now);
}

/**
 * A level, signal or tide that changes sets plans off or stands them down in the same decision,
 * so the tasks are in the log with the change that caused them (folded here too for the commands
 * that fold as they decide, whose caller does not fold again).
 */
function withPlanReactions(
  command: Command,
  state: State,
  events: DomainEvent[],
  now: number,
): Decision {
  const reactions = planReactions(state, events, now);
  if (reactions.length > 0 && FOLDS_AS_IT_DECIDES.has(command.type))
    for (const event of reactions) evolve(state, event);
  return { ok: true, events: reactions.length > 0 ? [...events, ...reactions] : events };
}

/** True when `decideInPlace` folds the command's events itself. */
export function foldsAsItDecides(command: Command): boolean {
  return FOLDS_AS_IT_DECIDES.has(command.type);
}
