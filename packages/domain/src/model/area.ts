import type { Command, CommandOf, CommandType } from './commands.js';
import type { DomainEvent, EventDataOf, EventEnvelope, EventType } from './events.js';
import type { Actor } from './primitives.js';
import type { State } from './state.js';
import type { RuleConfig } from '../rules/config.js';
import type { Refusal } from '../refusals.js';
import type { ActorRole } from './vocabulary.js';

/**
 * What every domain area module implements (STYLE.md, "As the domain grows"): its deciders, keyed
 * by the commands it owns, its folds, keyed by the events it owns, and the roles allowed for each
 * command. The domain's `decide` and `evolve` only route to them, through tables keyed by the
 * unions, so a command or event without its handler is a type error.
 */

export type Decision = { ok: true; events: DomainEvent[] } | { ok: false; refusal: Refusal };

/** What a decider knows besides the command and the picture: the time, as data, and who asks. */
export interface AreaContext {
  now: number;
  /** `now` as the contract's ISO time (+08:00). */
  at: string;
  actor: Actor;
  config: RuleConfig;
}

export type Decider<T extends CommandType> = (
  command: CommandOf<T>,
  state: State,
  context: AreaContext,
) => Decision;

export type Deciders<K extends CommandType> = { [T in K]: Decider<T> };

/**
 * Folds one event's data into the picture, in place. `at` is the event time in epoch ms; the
 * whole event is there for the few folds that need its id or seq.
 */
export type Fold<T extends EventType> = (
  state: State,
  data: EventDataOf<T>,
  at: number,
  event: DomainEvent | EventEnvelope,
) => void;

export type Folds<K extends EventType> = { [T in K]: Fold<T> };

export type Roles<K extends CommandType> = { readonly [T in K]: readonly ActorRole[] };

export function yes(events: DomainEvent[]): Decision {
  return { ok: true, events };
}

export function no(refusal: Refusal): Decision {
  return { ok: false, refusal };
}

export type { Command };
